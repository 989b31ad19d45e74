// Builders for compose-model-replica's tests: the inputs (a ModelReplica, its InferenceCluster and
// InferenceClasses, observed children) and the expected outputs written out by hand (the provider-
// kubernetes Objects, the remote manifests, the whole RunFunctionResponse). The expectations never
// call the code under test; they spell out what SPEC 4.4 says the function must produce.

import {
  RunFunctionRequest,
  type ResourceSelector,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import {
  expectedResponse,
  type ExpectedCondition,
  type ExpectedResult,
} from '../../tests/support/response.js';

export type { ExpectedCondition, ExpectedResult };

export const NAMESPACE = 'ml-team';
export const VLLM = 'vllm/vllm-openai:v0.11.0';
const API = 'modelplane.ai/v1alpha1';
const OBJECT_API = 'kubernetes.m.crossplane.io/v1alpha1';

type Obj = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Inputs

export const CLASSES: Record<string, Obj> = {
  'l4-1x': {
    resources: { gpu: { count: 1, memory: '24Gi', product: 'NVIDIA-L4' } },
    attributes: {
      'gpu.nvidia.com/architecture': { string: 'Ada Lovelace' },
      'modelplane.ai/tier': { string: 'inference' },
    },
  },
  'h100-8x': {
    resources: { gpu: { count: 8, memory: '80Gi', product: 'NVIDIA-H100' } },
    attributes: { 'gpu.nvidia.com/architecture': { string: 'Hopper' } },
    capacity: { 'gpu.nvidia.com/memory': { value: '80Gi' } },
  },
  'h200-8x-ib': {
    resources: { gpu: { count: 8, memory: '141Gi', product: 'NVIDIA-H200' } },
    attributes: {
      'gpu.nvidia.com/architecture': { string: 'Hopper' },
      'gpu.nvidia.com/cudaComputeCapability': { version: '9.0.0' },
      'modelplane.ai/interconnect': { string: 'infiniband' },
    },
    capacity: {
      'gpu.nvidia.com/memory': { value: '141Gi' },
      'modelplane.ai/networkBandwidth': { value: '3200G' },
    },
  },
  'b200-8x': {
    resources: { gpu: { count: 8, memory: '180Gi' }, cpu: '224' },
    attributes: {
      'gpu.nvidia.com/architecture': { string: 'Blackwell' },
      'gpu.nvidia.com/cudaComputeCapability': { version: '10.0.0' },
      'gpu.nvidia.com/migCapable': { bool: true },
      'gpu.nvidia.com/pcieGeneration': { int: 6 },
    },
  },
};

export function inferenceClass(name: string, spec: Obj = CLASSES[name] ?? {}): Obj {
  return { apiVersion: API, kind: 'InferenceClass', metadata: { name }, spec };
}

export const ALL_CLASSES = Object.keys(CLASSES).map((name) => inferenceClass(name));

export interface ClusterInput {
  readonly name?: string;
  readonly pools?: Readonly<Record<string, string>>;
  readonly scheduler?: { type: string; queueName: string };
  /** The ProviderConfig the cluster publishes; null: not published yet. */
  readonly providerConfig?: string | null;
}

export function inferenceCluster(c: ClusterInput = {}): Obj {
  const name = c.name ?? 'gke-east';
  const pools = c.pools ?? { l4: 'l4-1x', h100: 'h100-8x', h200: 'h200-8x-ib' };
  const providerConfig = c.providerConfig === undefined ? name : c.providerConfig;
  return {
    apiVersion: API,
    kind: 'InferenceCluster',
    metadata: { name },
    spec: {
      source: 'GKE',
      gke: { project: 'ml-prod', location: 'us-east1' },
      nodePools: Object.entries(pools).map(([pool, cls]) => ({ name: pool, class: cls, nodeCount: 2 })),
      ...(c.scheduler === undefined ? {} : { scheduler: c.scheduler }),
    },
    status:
      providerConfig === null
        ? {}
        : { providerConfigRef: { kind: 'ClusterProviderConfig', name: providerConfig } },
  };
}

export function engine(args: string[], extra: Obj = {}): Obj {
  return { name: 'engine', image: VLLM, args, ...extra };
}

export interface WorkersInput {
  readonly count?: number;
  readonly topology?: Obj;
  readonly resources?: Obj;
  readonly containers?: Obj[];
  readonly podSpec?: Obj;
  readonly metadata?: Obj;
}

export function workers(w: WorkersInput = {}): Obj {
  return {
    count: w.count ?? 1,
    topology: w.topology ?? { tensor: 1 },
    resources: w.resources ?? { cpu: '8', memory: '32Gi' },
    template: {
      ...(w.metadata === undefined ? {} : { metadata: w.metadata }),
      spec: { containers: w.containers ?? [engine([])], shmSize: '8Gi', ...(w.podSpec ?? {}) },
    },
  };
}

export interface ReplicaInput {
  readonly name?: string;
  readonly deployment?: string;
  readonly cluster?: string;
  /** Everything but deploymentRef and inferenceClusterRef. */
  readonly spec: Obj;
}

export function modelReplica(r: ReplicaInput): Obj {
  const deployment = r.deployment ?? 'qwen3-8b';
  const cluster = r.cluster ?? 'gke-east';
  return {
    apiVersion: API,
    kind: 'ModelReplica',
    metadata: {
      name: r.name ?? 'qwen3-8b-7b88a',
      namespace: NAMESPACE,
      labels: {
        'modelplane.ai/deployment': deployment,
        'modelplane.ai/cluster': cluster,
        'modelplane.ai/replica-index': '0',
      },
    },
    spec: { deploymentRef: { name: deployment }, inferenceClusterRef: { name: cluster }, ...r.spec },
  };
}

export interface RequestInput {
  readonly xr: Obj;
  /** Omitted: not fetched yet (the first call of a reconcile); [] : fetched, nothing matched. */
  readonly cluster?: Obj[] | undefined;
  readonly classes?: Obj[] | undefined;
  readonly observed?: Record<string, Obj>;
  readonly extra?: Record<string, Obj[]>;
}

export function request(r: RequestInput): RunFunctionRequest {
  const required: Record<string, { items: { resource: Obj }[] }> = {};
  const add = (name: string, items: Obj[] | undefined) => {
    if (items !== undefined) required[name] = { items: items.map((resource) => ({ resource })) };
  };
  add('cluster', r.cluster);
  add('classes', r.classes);
  for (const [name, items] of Object.entries(r.extra ?? {})) add(name, items);
  return RunFunctionRequest.fromPartial({
    meta: { tag: 'test' },
    observed: {
      composite: { resource: r.xr },
      resources: Object.fromEntries(
        Object.entries(r.observed ?? {}).map(([k, resource]) => [k, { resource }]),
      ),
    },
    requiredResources: required,
  });
}

// ---------------------------------------------------------------------------------------------
// Expected outputs

export const GPU_TOLERATION = { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' };

export interface PodExpectation {
  readonly pool: string;
  readonly claimTemplate: string;
  readonly requests: Obj;
  readonly shmSize?: string;
  /** The engine container as the user wrote it, minus its name. */
  readonly engine: Obj;
  readonly sidecars?: Obj[];
  /** Init containers of the template: the storage-initializer override carrying credentials. */
  readonly initContainers?: Obj[];
  readonly extra?: Obj;
}

/** The PodSpec SPEC 4.4 describes: engine first (named main for KServe), claims, pool, toleration, /dev/shm. */
export function pod(p: PodExpectation): Obj {
  const shm = p.shmSize ?? '8Gi';
  return {
    containers: [
      {
        ...p.engine,
        name: 'main',
        resources: { requests: p.requests, claims: [{ name: 'gpu' }] },
        volumeMounts: [{ name: 'dshm', mountPath: '/dev/shm' }],
      },
      ...(p.sidecars ?? []),
    ],
    ...(p.initContainers === undefined ? {} : { initContainers: p.initContainers }),
    nodeSelector: { 'modelplane.ai/pool': p.pool },
    tolerations: [GPU_TOLERATION],
    resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: p.claimTemplate }],
    volumes: [{ name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: shm } }],
    ...(p.extra ?? {}),
  };
}

/**
 * The replica's router (lib/replica/router.ts), written out: the route on the cluster's inference
 * Gateway, selected by the fleet's header (no rewrite) or by KServe's own /<ns>/<name> paths.
 */
export function routerFor(replica: string): Obj {
  const header = { type: 'Exact', name: 'x-modelplane-replica', value: `${NAMESPACE}/${replica}` };
  const pool = {
    group: 'inference.networking.k8s.io',
    kind: 'InferencePool',
    name: `${replica}-inference-pool`,
    port: 8000,
    weight: 1,
  };
  const service = { kind: 'Service', name: `${replica}-kserve-workload-svc`, port: 8000, weight: 1 };
  const timeouts = { request: '0s', backendRequest: '0s' };
  const apis = ['completions', 'chat/completions', 'responses', 'messages'];
  const rewrite = (to: string) => [
    { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: to } } },
  ];
  return {
    gateway: { refs: [{ name: 'inference-gateway', namespace: 'modelplane-system' }] },
    route: {
      http: {
        spec: {
          rules: [
            {
              name: 'fleet-inference',
              matches: apis.map((api) => ({
                path: { type: 'PathPrefix', value: `/v1/${api}` },
                headers: [header],
              })),
              backendRefs: [pool],
              timeouts,
            },
            {
              name: 'fleet-catch-all',
              matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [header] }],
              backendRefs: [service],
              timeouts,
            },
            ...apis.map((api) => ({
              name: `v1-${api.replace('/', '-')}-path`,
              matches: [{ path: { type: 'PathPrefix', value: `/${NAMESPACE}/${replica}/v1/${api}` } }],
              filters: rewrite(`/v1/${api}`),
              backendRefs: [pool],
              timeouts,
            })),
            {
              name: 'v1-catch-all-path',
              matches: [{ path: { type: 'PathPrefix', value: `/${NAMESPACE}/${replica}` } }],
              filters: rewrite('/'),
              backendRefs: [service],
              timeouts,
            },
          ],
        },
      },
    },
    scheduler: {},
  };
}

/**
 * Hashes of the claim template specs these tests compose (five hex digits of sha256 over the
 * spec's canonical JSON, lib/replica/claims.ts), as golden values: a change here renames every
 * claim template on every cluster.
 */
export const CLAIM_HASH = {
  l4x1: '71364',
  h200x8: 'c23c0',
  h200x16: 'c56dc',
  h100x4: '1b39f',
  h100x8: '15463',
  b200x4: '4f3ec',
} as const;

/** KServe's TLS flags, as every composed engine command carries them. */
export const TLS_FLAGS =
  '{{ if .GlobalConfig.EnableTLS }}--enable-ssl-refresh --ssl-certfile /var/run/kserve/tls/tls.crt ' +
  '--ssl-keyfile /var/run/kserve/tls/tls.key{{ end }}';

/** The leader-address lookup every multi-node engine command starts with. */
export const RESOLVE_LEADER =
  'for i in $(seq 1 30); do\n  ADDR=$(getent hosts "$LWS_LEADER_ADDRESS" | cut -d" " -f1)\n' +
  '  [ -n "$ADDR" ] && break\n  sleep 1\ndone\nADDR=${ADDR:-$LWS_LEADER_ADDRESS}\n';

export function remoteObject(
  replica: string,
  key: string,
  providerConfig: string,
  manifest: Obj,
  spec: Obj = {},
): Obj {
  return {
    apiVersion: OBJECT_API,
    kind: 'Object',
    metadata: { name: `${replica}-${key}`, namespace: NAMESPACE },
    spec: {
      forProvider: { manifest },
      providerConfigRef: { kind: 'ClusterProviderConfig', name: providerConfig },
      ...spec,
    },
  };
}

export function namespaceObject(replica: string, providerConfig: string): Obj {
  return remoteObject(
    replica,
    'namespace',
    providerConfig,
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } },
    { managementPolicies: ['Observe', 'Create', 'Update', 'LateInitialize'] },
  );
}

/** The desired-resource key of a role's claim template: the role and the hash of its spec. */
export function claimKey(role: string, hash: string): string {
  return `claim-template-${role}-${hash}`;
}

export function claimObject(
  replica: string,
  role: string,
  providerConfig: string,
  hash: string,
  count: number,
  selectors: string[],
): Obj {
  return remoteObject(replica, claimKey(role, hash), providerConfig, {
    apiVersion: 'resource.k8s.io/v1',
    kind: 'ResourceClaimTemplate',
    metadata: { name: `${replica}-${role}-${hash}`, namespace: NAMESPACE },
    spec: {
      spec: {
        devices: {
          requests: [
            {
              name: 'gpu',
              exactly: {
                deviceClassName: 'gpu.nvidia.com',
                count,
                ...(selectors.length > 0
                  ? { selectors: selectors.map((expression) => ({ cel: { expression } })) }
                  : {}),
              },
            },
          ],
        },
      },
    },
  });
}

export const REMOTE_READY_QUERY =
  "has(object.status) && has(object.status.conditions) && object.status.conditions.exists(c, c.type == 'Ready' && c.status == 'True')";

export function serviceObject(replica: string, providerConfig: string, labels: Obj, spec: Obj): Obj {
  return remoteObject(
    replica,
    'llm-inference-service',
    providerConfig,
    {
      apiVersion: 'serving.kserve.io/v1alpha2',
      kind: 'LLMInferenceService',
      metadata: { name: replica, namespace: NAMESPACE, labels },
      spec,
    },
    { readiness: { policy: 'DeriveFromCelQuery', celQuery: REMOTE_READY_QUERY } },
  );
}

export function condition(
  type: string,
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message?: string,
): ExpectedCondition {
  return message === undefined ? { type, status, reason } : { type, status, reason, message };
}

/** Serving before the remote service has a status. */
export const NOT_SERVING_YET = condition(
  'Serving',
  'False',
  'WaitingForService',
  'The LLMInferenceService has not reported Ready yet',
);

export function requirementsFor(cluster: string): Record<string, ResourceSelector> {
  return {
    cluster: { apiVersion: API, kind: 'InferenceCluster', matchName: cluster },
    classes: { apiVersion: API, kind: 'InferenceClass', matchLabels: { labels: {} } },
  };
}

export interface ExpectedResponse {
  readonly status: Obj;
  readonly ready: boolean;
  readonly resources: Record<string, { resource: Obj; ready: boolean }>;
  readonly conditions: readonly ExpectedCondition[];
  readonly results?: readonly ExpectedResult[];
  /** The cluster the requirements name; omitted: no requirements (an invalid XR). */
  readonly cluster?: string;
}

/** The whole RunFunctionResponse a test expects. */
export function response(e: ExpectedResponse): RunFunctionResponse {
  return expectedResponse({
    tag: 'test',
    composite: { apiVersion: API, kind: 'ModelReplica', status: e.status, ready: e.ready },
    resources: e.resources,
    results: e.results ?? [],
    requirements: e.cluster === undefined ? {} : requirementsFor(e.cluster),
    conditions: e.conditions,
  });
}

// ---------------------------------------------------------------------------------------------
// Observed children

const NOW = '2026-08-01T12:00:00Z';

export interface ObservedOptions {
  /** The remote LLMInferenceService's status. */
  readonly remoteStatus?: Obj;
  /** Synced=False with this message on the given keys. */
  readonly failing?: Readonly<Record<string, string>>;
}

/**
 * The desired Objects of `rsp` as Crossplane observes them once the provider applied them: the
 * composition annotations and labels, the Object's Ready/Synced conditions, and the remote object
 * in status.atProvider.manifest.
 */
export function observe(
  rsp: RunFunctionResponse,
  replica: string,
  opts: ObservedOptions = {},
): Record<string, Obj> {
  const out: Record<string, Obj> = {};
  for (const [key, r] of Object.entries(rsp.desired?.resources ?? {})) {
    const desired = structuredClone(r.resource) as Obj & {
      metadata: Obj;
      spec: { forProvider: { manifest: Obj } };
    };
    const manifest = structuredClone(desired.spec.forProvider.manifest);
    const isService = manifest.kind === 'LLMInferenceService';
    if (isService && opts.remoteStatus !== undefined) manifest.status = opts.remoteStatus;
    const remoteReady = ((opts.remoteStatus?.conditions as Obj[] | undefined) ?? []).some(
      (c) => c.type === 'Ready' && c.status === 'True',
    );
    const ready = !isService || remoteReady;
    const failing = opts.failing?.[key];
    out[key] = {
      ...desired,
      metadata: {
        ...desired.metadata,
        annotations: { 'crossplane.io/composition-resource-name': key },
        labels: { 'crossplane.io/composite': replica },
        uid: `uid-${key}`,
        resourceVersion: '42',
      },
      status: {
        atProvider: { manifest },
        conditions: [
          {
            type: 'Ready',
            status: ready ? 'True' : 'False',
            reason: ready ? 'Available' : 'Unavailable',
            lastTransitionTime: NOW,
          },
          failing === undefined
            ? { type: 'Synced', status: 'True', reason: 'ReconcileSuccess', lastTransitionTime: NOW }
            : {
                type: 'Synced',
                status: 'False',
                reason: 'ReconcileError',
                message: failing,
                lastTransitionTime: NOW,
              },
        ],
      },
    };
  }
  return out;
}

/** What re-emitting an observed child must give back: the same object without status or server metadata. */
export function kept(observed: Record<string, Obj>): Record<string, { resource: Obj; ready: boolean }> {
  const out: Record<string, { resource: Obj; ready: boolean }> = {};
  for (const [key, obj] of Object.entries(observed)) {
    const { status, metadata, ...rest } = obj as Obj & { metadata: Obj; status: { conditions: Obj[] } };
    const meta = metadata;
    out[key] = {
      resource: {
        ...rest,
        metadata: {
          name: meta.name,
          namespace: meta.namespace,
          labels: meta.labels,
          annotations: meta.annotations,
        },
      },
      ready: status.conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
    };
  }
  return out;
}
