// Builders for compose-inference-cluster's tests: plain objects with defaults and named overrides,
// and their expected responses (through the shared tests/support/response.ts). Expected children are written out in the tests
// themselves, never produced by the code under test.

import {
  RunFunctionRequest,
  type ResourceSelector,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../../tests/support/paths.js';
import {
  expectedResponse,
  type ExpectedCondition,
  type ExpectedResult,
} from '../../tests/support/response.js';

type Obj = Record<string, unknown>;
const API = 'modelplane.ai/v1alpha1';

export function inferenceClusterXR(name: string, spec: Obj, labels: Record<string, string> = {}): Obj {
  return { apiVersion: API, kind: 'InferenceCluster', metadata: { name, labels }, spec };
}

export function inferenceClassObj(
  name: string,
  gpu: { count: number; memory: string },
  provisioning?: Obj,
): Obj {
  return {
    apiVersion: API,
    kind: 'InferenceClass',
    metadata: { name },
    spec: { resources: { gpu }, ...(provisioning === undefined ? {} : { provisioning }) },
  };
}

const engine = { name: 'engine', image: 'vllm/vllm-openai:v0.11.0' };

/** Workers of one role: `count` workers of tensor × dataLocal GPUs per node. */
export function workersOf(tensor: number, count = 1): Obj {
  return {
    count,
    topology: { tensor },
    resources: { cpu: '8', memory: '32Gi' },
    template: { spec: { containers: [engine] } },
  };
}

/** A ModelReplica pinned to `cluster`: unified on `pools.unified`, or decode + prefill. */
export function replicaObj(
  namespace: string,
  name: string,
  deployment: string,
  cluster: string,
  roles: { unified?: [pool: string, workers: Obj]; decode?: [string, Obj]; prefill?: [string, Obj] },
): Obj {
  const spec: Obj = { deploymentRef: { name: deployment }, inferenceClusterRef: { name: cluster } };
  if (roles.unified !== undefined) {
    spec.nodePool = roles.unified[0];
    spec.workers = roles.unified[1];
  }
  if (roles.decode !== undefined) spec.decode = { nodePool: roles.decode[0], workers: roles.decode[1] };
  if (roles.prefill !== undefined) spec.prefill = { nodePool: roles.prefill[0], workers: roles.prefill[1] };
  return {
    apiVersion: API,
    kind: 'ModelReplica',
    metadata: {
      name,
      namespace,
      labels: {
        'modelplane.ai/deployment': deployment,
        'modelplane.ai/cluster': cluster,
        'modelplane.ai/replica-index': '0',
      },
    },
    spec,
  };
}

/** An observed composed resource: the desired object as the API server returns it, with status. */
export function observedChild(key: string, desired: Obj, status?: Obj): Obj {
  const meta = (desired.metadata ?? {}) as Obj;
  const annotations = {
    ...((meta.annotations ?? {}) as Obj),
    'crossplane.io/composition-resource-name': key,
  };
  return {
    ...desired,
    metadata: { ...meta, annotations, resourceVersion: '12345', uid: `uid-${key}` },
    ...(status === undefined ? {} : { status }),
  };
}

export const READY_STATUS = {
  conditions: [
    { type: 'Ready', status: 'True', reason: 'Available', lastTransitionTime: '2026-01-01T00:00:00Z' },
    {
      type: 'Synced',
      status: 'True',
      reason: 'ReconcileSuccess',
      lastTransitionTime: '2026-01-01T00:00:00Z',
    },
  ],
};

export const CREATING_STATUS = {
  conditions: [
    { type: 'Ready', status: 'False', reason: 'Creating', lastTransitionTime: '2026-01-01T00:00:00Z' },
  ],
};

export interface RequestParts {
  readonly xr: Obj;
  /** Classes by name; a name mapped to undefined was fetched and not found. Omit to leave unresolved. */
  readonly classes?: Readonly<Record<string, Obj | undefined>>;
  /** Omit to leave the replicas requirement unresolved. */
  readonly replicas?: readonly Obj[];
  /** Observed children by key. */
  readonly observed?: Readonly<Record<string, Obj>>;
}

export function request(parts: RequestParts): RunFunctionRequest {
  const required: Record<string, { items: { resource: Obj }[] }> = {};
  for (const [name, cls] of Object.entries(parts.classes ?? {})) {
    required[`class-${name}`] = { items: cls === undefined ? [] : [{ resource: cls }] };
  }
  if (parts.replicas !== undefined)
    required.replicas = { items: parts.replicas.map((resource) => ({ resource })) };
  const observed: Record<string, { resource: Obj }> = {};
  for (const [key, resource] of Object.entries(parts.observed ?? {})) observed[key] = { resource };
  return RunFunctionRequest.fromPartial({
    meta: { tag: 'test' },
    observed: { composite: { resource: parts.xr }, resources: observed },
    requiredResources: required,
  });
}

export function condition(
  type: string,
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message?: string,
): ExpectedCondition {
  return message === undefined ? { type, status, reason } : { type, status, reason, message };
}

export function warningResult(message: string, reason: string): ExpectedResult {
  return { severity: 'Warning', message, reason };
}

export interface ResponseParts {
  /** Desired children by key with their readiness. */
  readonly resources: Readonly<Record<string, { resource: Obj; ready: boolean }>>;
  /** Undefined: the function leaves the XR alone (no status, no readiness). */
  readonly xr?: { readonly status?: Obj; readonly ready: boolean };
  readonly conditions?: readonly ExpectedCondition[];
  readonly results?: readonly ExpectedResult[];
  /** The InferenceCluster's name and the classes it names: its requirements (none for a bad spec). */
  readonly requirements?: { readonly cluster: string; readonly classes: readonly string[] };
}

export function response(parts: ResponseParts): RunFunctionResponse {
  const requirements: Record<string, ResourceSelector> = {};
  if (parts.requirements !== undefined) {
    for (const cls of parts.requirements.classes) {
      requirements[`class-${cls}`] = { apiVersion: API, kind: 'InferenceClass', matchName: cls };
    }
    requirements.replicas = {
      apiVersion: API,
      kind: 'ModelReplica',
      matchLabels: { labels: { 'modelplane.ai/cluster': parts.requirements.cluster } },
    };
  }
  return expectedResponse({
    tag: 'test',
    ...(parts.xr === undefined
      ? {}
      : {
          composite: {
            apiVersion: API,
            kind: 'InferenceCluster',
            status: parts.xr.status,
            ready: parts.xr.ready,
          },
        }),
    resources: parts.resources,
    results: parts.results ?? [],
    requirements,
    conditions: parts.conditions ?? [],
  });
}

/** The reviewed pipeline-parallel presets (lib/kserve/testdata), as the cluster's Objects carry them. */
const PRESETS = parseAllDocuments(
  readFileSync(join(repoRoot, 'lib', 'kserve', 'testdata', 'pipeline-parallel-presets.yaml'), 'utf8'),
).map((d) => d.toJSON() as Obj);
const PRESET_KEYS = [
  'kserve-preset-pipeline-parallel',
  'kserve-preset-decode-pipeline-parallel',
  'kserve-preset-prefill-pipeline-parallel',
];

/** The Objects that put the presets onto `cluster`, by key, each with `ready`. */
export function presetResources(
  cluster: string,
  ready: boolean,
): Record<string, { resource: Obj; ready: boolean }> {
  return Object.fromEntries(
    PRESET_KEYS.map((key, i) => [
      key,
      {
        resource: {
          apiVersion: 'kubernetes.m.crossplane.io/v1alpha1',
          kind: 'Object',
          metadata: { name: `${cluster}-${key}`, namespace: 'crossplane-system' },
          spec: {
            providerConfigRef: { kind: 'ClusterProviderConfig', name: cluster },
            forProvider: { manifest: PRESETS[i] },
          },
        },
        ready,
      },
    ]),
  );
}
