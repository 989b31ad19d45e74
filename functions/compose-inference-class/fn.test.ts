import type { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { RunFunctionRequest, Severity, Target } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { runFunction } from '../../lib/runtime/handler.js';
import {
  expectedResponse,
  type ExpectedCondition,
  type ExpectedResult,
} from '../../tests/support/response.js';
import { composeInferenceClass } from './fn.js';

const API = 'modelplane.ai/v1alpha1';

function request(spec: unknown): RunFunctionRequest {
  return RunFunctionRequest.fromPartial({
    meta: { tag: 'tag' },
    observed: {
      composite: { resource: { apiVersion: API, kind: 'InferenceClass', metadata: { name: 'h200' }, spec } },
    },
  });
}

function response(
  ready: boolean,
  condition: ExpectedCondition,
  results: readonly ExpectedResult[] = [],
): RunFunctionResponse {
  return expectedResponse({
    composite: { apiVersion: API, kind: 'InferenceClass', ready },
    conditions: [condition],
    results,
  });
}

describe('compose-inference-class', () => {
  const cases: { name: string; spec: unknown; want: RunFunctionResponse }[] = [
    {
      name: 'a complete class is Ready and Valid (Available)',
      spec: {
        resources: { gpu: { count: 8, memory: '141Gi', product: 'NVIDIA-H200' }, cpu: '192', memory: '2Ti' },
        attributes: {
          'gpu.nvidia.com/cudaComputeCapability': { version: '9.0.0' },
          'gpu.nvidia.com/nvlink': { bool: true },
        },
        capacity: { 'modelplane.ai/networkBandwidth': { value: '3200G' } },
        provisioning: { provider: 'AKS', aks: { vmSize: 'Standard_ND96isr_H200_v5' } },
      },
      want: response(true, {
        type: 'Valid',
        status: 'True',
        reason: 'Available',
        message: '8 GPUs per node, 141Gi each',
      }),
    },
    {
      name: 'a bad capacity Quantity is not Ready and names spec.capacity.<key>.value, with a Warning',
      spec: {
        resources: { gpu: { count: 8, memory: '80Gi' } },
        capacity: { 'modelplane.ai/networkBandwidth': { value: '400 Gbps' } },
      },
      want: response(
        false,
        {
          type: 'Valid',
          status: 'False',
          reason: 'InvalidClass',
          message:
            'spec.capacity.modelplane.ai/networkBandwidth.value: invalid Quantity "400 Gbps": want a number with an optional suffix (Ki Mi Gi Ti Pi Ei, n u m k M G T P E, or e<exponent>), like 141Gi or 3200G',
        },
        [
          {
            severity: 'Warning',
            message:
              'Invalid InferenceClass: spec.capacity.modelplane.ai/networkBandwidth.value: invalid Quantity "400 Gbps": want a number with an optional suffix (Ki Mi Gi Ti Pi Ei, n u m k M G T P E, or e<exponent>), like 141Gi or 3200G',
            reason: 'InvalidClass',
          },
        ],
      ),
    },
    {
      name: 'a class missing its resources lists every problem with its path',
      spec: {
        attributes: { 'gpu.nvidia.com/arch': { string: 'Hopper', int: 9 } },
        provisioning: { provider: 'GKE', eks: { instanceType: 'p5.48xlarge' } },
      },
      want: response(
        false,
        {
          type: 'Valid',
          status: 'False',
          reason: 'InvalidClass',
          message:
            'spec.attributes.gpu.nvidia.com/arch: must set exactly one of string, version, bool, int (found 2); spec.provisioning.eks: forbidden when provider is GKE; spec.provisioning.gke: required when provider is GKE; spec.resources: Required value',
        },
        [
          {
            severity: 'Warning',
            message:
              'Invalid InferenceClass: spec.attributes.gpu.nvidia.com/arch: must set exactly one of string, version, bool, int (found 2); spec.provisioning.eks: forbidden when provider is GKE; spec.provisioning.gke: required when provider is GKE; spec.resources: Required value',
            reason: 'InvalidClass',
          },
        ],
      ),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(runFunction(composeInferenceClass, request(c.spec))).toEqual(c.want);
    });
  }

  it('answers a request without an XR with a Fatal result, not a crash', () => {
    expect(
      runFunction(composeInferenceClass, RunFunctionRequest.fromPartial({ meta: { tag: 't' } })).results,
    ).toEqual([
      {
        severity: Severity.SEVERITY_FATAL,
        message: 'cannot compose composite resource: the request has no observed composite resource',
        target: Target.TARGET_COMPOSITE,
      },
    ]);
  });
});
