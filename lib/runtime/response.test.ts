import { Ready, RunFunctionRequest, Severity, Status, Target } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { emit, fatalResponse } from './response.js';

const xr = {
  apiVersion: 'modelplane.ai/v1alpha1',
  kind: 'ModelDeployment',
  metadata: { name: 'qwen', namespace: 'ml' },
  spec: { replicas: 1 },
};

describe('emit', () => {
  it('writes the whole response: tag, TTL, XR status, resources, results, conditions, requirements', () => {
    const req = RunFunctionRequest.fromPartial({
      meta: { tag: 't1' },
      observed: { composite: { resource: xr } },
    });
    const rsp = emit(req, {
      status: { replicas: 1, selector: 'modelplane.ai/deployment=qwen' },
      ready: false,
      resources: {
        'replica-a-0': {
          resource: {
            kind: 'ModelReplica',
            apiVersion: 'modelplane.ai/v1alpha1',
            metadata: { name: 'qwen-1' },
          },
          ready: true,
        },
      },
      results: [{ severity: 'Normal', message: 'Scheduled replica qwen-1 on a', reason: 'ReplicaScheduled' }],
      conditions: [{ type: 'Scheduled', status: 'True', reason: 'AllReplicasScheduled', message: 'ok' }],
      requirements: {
        replicas: {
          apiVersion: 'modelplane.ai/v1alpha1',
          kind: 'ModelReplica',
          matchLabels: { b: '2', a: '1' },
        },
        cluster: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceCluster', matchName: 'a' },
      },
    });
    expect(rsp).toEqual({
      meta: { tag: 't1', ttl: { seconds: 60, nanos: 0 } },
      desired: {
        composite: {
          resource: {
            apiVersion: 'modelplane.ai/v1alpha1',
            kind: 'ModelDeployment',
            status: { replicas: 1, selector: 'modelplane.ai/deployment=qwen' },
          },
          connectionDetails: {},
          ready: Ready.READY_FALSE,
        },
        resources: {
          'replica-a-0': {
            resource: {
              apiVersion: 'modelplane.ai/v1alpha1',
              kind: 'ModelReplica',
              metadata: { name: 'qwen-1' },
            },
            connectionDetails: {},
            ready: Ready.READY_TRUE,
          },
        },
      },
      results: [
        {
          severity: Severity.SEVERITY_NORMAL,
          message: 'Scheduled replica qwen-1 on a',
          reason: 'ReplicaScheduled',
          target: Target.TARGET_COMPOSITE,
        },
      ],
      context: undefined,
      requirements: {
        extraResources: {},
        resources: {
          cluster: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceCluster', matchName: 'a' },
          replicas: {
            apiVersion: 'modelplane.ai/v1alpha1',
            kind: 'ModelReplica',
            matchLabels: { labels: { a: '1', b: '2' } },
          },
        },
        schemas: {},
      },
      conditions: [
        {
          type: 'Scheduled',
          status: Status.STATUS_CONDITION_TRUE,
          reason: 'AllReplicasScheduled',
          message: 'ok',
          target: Target.TARGET_COMPOSITE,
        },
      ],
    });
  });

  it('replaces, never merges, what an earlier step desired under the same key, and keeps other keys', () => {
    const req = RunFunctionRequest.fromPartial({
      observed: { composite: { resource: xr } },
      desired: {
        composite: { resource: { status: { keep: 'x', conditions: [{ type: 'A' }] } } },
        resources: {
          mine: { resource: { spec: { containers: [{ name: 'a' }] } } },
          theirs: { resource: { spec: { x: 1 } } },
        },
      },
    });
    const rsp = emit(req, {
      status: { conditions: [{ type: 'B' }] },
      resources: { mine: { resource: { spec: { containers: [{ name: 'a', image: 'b' }] } } } },
    });
    expect(rsp.desired).toEqual({
      composite: {
        resource: {
          apiVersion: 'modelplane.ai/v1alpha1',
          kind: 'ModelDeployment',
          status: { conditions: [{ type: 'B' }], keep: 'x' },
        },
        connectionDetails: {},
        ready: Ready.READY_UNSPECIFIED,
      },
      resources: {
        mine: {
          resource: { spec: { containers: [{ image: 'b', name: 'a' }] } },
          connectionDetails: {},
          ready: Ready.READY_UNSPECIFIED,
        },
        theirs: { resource: { spec: { x: 1 } }, connectionDetails: {}, ready: Ready.READY_UNSPECIFIED },
      },
    });
  });

  it('sets status conditions once even when emitted twice (no array concatenation)', () => {
    const req = RunFunctionRequest.fromPartial({ observed: { composite: { resource: xr } } });
    const once = emit(req, { status: { conditions: [{ type: 'X' }] } });
    const twice = emit(RunFunctionRequest.fromPartial({ ...req, desired: once.desired }), {
      status: { conditions: [{ type: 'X' }] },
    });
    expect(twice.desired?.composite?.resource).toEqual({
      apiVersion: 'modelplane.ai/v1alpha1',
      kind: 'ModelDeployment',
      status: { conditions: [{ type: 'X' }] },
    });
  });

  it('passes through the desired XR untouched when the function has no status or readiness', () => {
    const previous = { resource: { status: { a: 1 } }, connectionDetails: {}, ready: Ready.READY_TRUE };
    const req = RunFunctionRequest.fromPartial({
      observed: { composite: { resource: xr } },
      desired: { composite: previous },
    });
    expect(emit(req, {}).desired?.composite).toEqual(previous);
  });

  it('encodes bigints and Dates instead of failing on them', () => {
    const req = RunFunctionRequest.fromPartial({ observed: { composite: { resource: xr } } });
    expect(emit(req, { status: { gpus: 16n, at: new Date(0) } }).desired?.composite?.resource).toEqual({
      apiVersion: 'modelplane.ai/v1alpha1',
      kind: 'ModelDeployment',
      status: { at: '1970-01-01T00:00:00.000Z', gpus: 16 },
    });
  });

  it('is byte-identical whatever order the output was built in', () => {
    const req = RunFunctionRequest.fromPartial({
      meta: { tag: 't' },
      observed: { composite: { resource: xr } },
    });
    const a = emit(req, {
      resources: { b: { resource: { y: 1, x: 2 } }, a: { resource: {} } },
      status: { z: 1, a: 2 },
    });
    const b = emit(req, {
      resources: { a: { resource: {} }, b: { resource: { x: 2, y: 1 } } },
      status: { a: 2, z: 1 },
    });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe('fatalResponse', () => {
  it('carries one Fatal result and changes nothing else', () => {
    const req = RunFunctionRequest.fromPartial({ meta: { tag: 'x' }, context: { k: 'v' } });
    expect(fatalResponse(req, 'cannot compose ModelDeployment ml/qwen: boom')).toEqual({
      meta: { tag: 'x', ttl: { seconds: 60, nanos: 0 } },
      desired: { composite: undefined, resources: {} },
      results: [
        {
          severity: Severity.SEVERITY_FATAL,
          message: 'cannot compose ModelDeployment ml/qwen: boom',
          target: Target.TARGET_COMPOSITE,
        },
      ],
      context: { k: 'v' },
      requirements: { extraResources: {}, resources: {}, schemas: {} },
      conditions: [],
    });
  });
});
