import { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { isConditionTrue } from './conditions.js';
import { asDesired, reemitObserved } from './reemit.js';

const observed = {
  apiVersion: 'modelplane.ai/v1alpha1',
  kind: 'ModelReplica',
  metadata: {
    name: 'qwen-1',
    namespace: 'ml',
    labels: { 'modelplane.ai/deployment': 'qwen' },
    annotations: { 'crossplane.io/composition-resource-name': 'replica-a-0' },
    uid: 'u',
    resourceVersion: '42',
    generation: 3,
    creationTimestamp: '2026-01-01T00:00:00Z',
    managedFields: [{}],
    ownerReferences: [{ kind: 'ModelDeployment' }],
  },
  spec: { nodePool: 'h200' },
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
};

describe('asDesired', () => {
  it('keeps what the function set and drops status and server-set metadata', () => {
    expect(asDesired(observed)).toEqual({
      apiVersion: 'modelplane.ai/v1alpha1',
      kind: 'ModelReplica',
      metadata: {
        name: 'qwen-1',
        namespace: 'ml',
        labels: { 'modelplane.ai/deployment': 'qwen' },
        annotations: { 'crossplane.io/composition-resource-name': 'replica-a-0' },
      },
      spec: { nodePool: 'h200' },
    });
  });
});

describe('reemitObserved', () => {
  it('re-emits every observed child with its readiness, optionally filtered by key', () => {
    const req = RunFunctionRequest.fromPartial({
      observed: {
        resources: {
          'replica-a-0': { resource: observed },
          'endpoint-a-0': { resource: { kind: 'ModelEndpoint', metadata: { name: 'e' } } },
        },
      },
    });
    expect(
      reemitObserved(
        req,
        (o) => isConditionTrue(o),
        (k) => k.startsWith('replica-'),
      ),
    ).toEqual({
      'replica-a-0': { resource: asDesired(observed), ready: true },
    });
  });
});
