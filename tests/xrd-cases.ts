// Objects that exercise every admission rule of the six XRDs: one valid object per kind, and for
// each rule (CEL or schema bound) an object that breaks it. Used by tests/xrds.test.ts.

type Obj = Record<string, unknown>;
const API = 'modelplane.ai/v1alpha1';

/** Deep-merges `patch` into a copy of `base` (objects merge, everything else replaces; null deletes). */
export function patched(base: Obj, patch: Obj): Obj {
  const out: Obj = structuredClone(base);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) Reflect.deleteProperty(out, k);
    else if (
      typeof v === 'object' &&
      !Array.isArray(v) &&
      typeof out[k] === 'object' &&
      out[k] !== null &&
      !Array.isArray(out[k])
    ) {
      out[k] = patched(out[k] as Obj, v as Obj);
    } else out[k] = structuredClone(v);
  }
  return out;
}

const engine = { name: 'engine', image: 'vllm/vllm-openai:v0.11.0', args: ['--model=Qwen/Qwen3-8B'] };
const workers = { resources: { cpu: '8', memory: '32Gi' }, template: { spec: { containers: [engine] } } };

export const VALID = {
  inferenceClass: {
    apiVersion: API,
    kind: 'InferenceClass',
    metadata: { name: 'h200' },
    spec: {
      resources: { gpu: { count: 8, memory: '141Gi' }, cpu: '192', memory: '2Ti' },
      attributes: {
        'gpu.nvidia.com/cudaComputeCapability': { version: '9.0.0' },
        'modelplane.ai/interconnect': { string: 'infiniband' },
      },
      capacity: { 'modelplane.ai/networkBandwidth': { value: '3200G' } },
      provisioning: {
        provider: 'GKE',
        gke: { machineType: 'a3-ultragpu-8g', accelerator: { type: 'nvidia-h200-141gb', count: 8 } },
      },
    },
  },
  inferenceCluster: {
    apiVersion: API,
    kind: 'InferenceCluster',
    metadata: { name: 'gke-east', labels: { region: 'us-east1' } },
    spec: {
      source: 'GKE',
      gke: { project: 'p', location: 'us-east1' },
      nodePools: [{ name: 'h200', class: 'h200', nodeCount: 2, minNodeCount: 0, maxNodeCount: 4 }],
      taints: [{ key: 'maintenance', value: 'true', effect: 'NoSchedule' }],
    },
  },
  modelDeployment: {
    apiVersion: API,
    kind: 'ModelDeployment',
    metadata: { name: 'qwen', namespace: 'ml' },
    spec: {
      replicas: 2,
      clusterSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['us-east1'] }] },
      tolerations: [{ key: 'maintenance', operator: 'Exists', effect: 'NoSchedule' }],
      nodeSelector: { cel: 'device.attributes["modelplane.ai"].gpuCount >= 1' },
      workers: {
        ...workers,
        topology: { tensor: 2, data: 4, dataLocal: 2 },
        template: { metadata: { labels: { team: 'ml' } }, spec: { containers: [engine] } },
      },
    },
  },
  modelReplica: {
    apiVersion: API,
    kind: 'ModelReplica',
    metadata: { name: 'qwen-5ab63', namespace: 'ml' },
    spec: {
      deploymentRef: { name: 'qwen' },
      inferenceClusterRef: { name: 'gke-east' },
      nodePool: 'h200',
      workers,
    },
  },
  modelEndpoint: {
    apiVersion: API,
    kind: 'ModelEndpoint',
    metadata: { name: 'hosted', namespace: 'ml' },
    spec: {
      url: 'https://api.example.com/v1',
      rewritePath: '/v1/',
      headers: [{ name: 'anthropic-version', value: '2023-06-01' }],
      credentials: { secretRef: { name: 'example-api-key' } },
    },
  },
  modelService: {
    apiVersion: API,
    kind: 'ModelService',
    metadata: { name: 'qwen', namespace: 'ml' },
    spec: {
      endpoints: [{ selector: { matchLabels: { 'modelplane.ai/deployment': 'qwen' } }, weight: 80 }],
      timeouts: { request: '0s', backendRequest: '10m' },
    },
  },
} satisfies Record<string, Obj>;

export interface XrdCase {
  readonly name: string;
  readonly object: Obj;
}

const disaggregated = { prefill: { workers }, decode: { workers } };

export const CASES: readonly XrdCase[] = [
  ...Object.entries(VALID).map(([name, object]) => ({ name: `a valid ${name}`, object })),
  // InferenceClass
  {
    name: 'an attribute with two values',
    object: patched(VALID.inferenceClass, {
      metadata: { name: 'two-values' },
      spec: { attributes: { 'gpu.nvidia.com/arch': { string: 'Hopper', bool: true } } },
    }),
  },
  {
    name: 'an attribute key without a domain',
    object: patched(VALID.inferenceClass, {
      metadata: { name: 'bad-key' },
      spec: { attributes: { architecture: { string: 'Hopper' } } },
    }),
  },
  {
    name: 'a capacity key that is not a C identifier',
    object: patched(VALID.inferenceClass, {
      metadata: { name: 'bad-capacity-key' },
      spec: { capacity: { 'modelplane.ai/network-bandwidth': { value: '1' } } },
    }),
  },
  {
    name: 'a capacity that is not a Quantity',
    object: patched(VALID.inferenceClass, {
      metadata: { name: 'bad-quantity' },
      spec: { capacity: { 'modelplane.ai/networkBandwidth': { value: '400 Gbps' } } },
    }),
  },
  {
    name: 'a version attribute that is not semver',
    object: patched(VALID.inferenceClass, {
      metadata: { name: 'bad-version' },
      spec: { attributes: { 'gpu.nvidia.com/cudaComputeCapability': { version: '9.0' } } },
    }),
  },
  {
    name: 'a provider without its block',
    object: patched(VALID.inferenceClass, {
      metadata: { name: 'no-block' },
      spec: { provisioning: { provider: 'EKS' } },
    }),
  },
  {
    name: 'more than 64 GPUs per node',
    object: patched(VALID.inferenceClass, {
      metadata: { name: 'too-many-gpus' },
      spec: { resources: { gpu: { count: 65 } } },
    }),
  },
  // InferenceCluster
  {
    name: 'a cluster with the block of another source',
    object: patched(VALID.inferenceCluster, {
      metadata: { name: 'mixed' },
      spec: { existing: { kubeconfigSecretRef: { name: 'k', namespace: 'n' } } },
    }),
  },
  {
    name: 'a cluster with no node pools',
    object: patched(VALID.inferenceCluster, { metadata: { name: 'no-pools' }, spec: { nodePools: [] } }),
  },
  {
    name: 'a cluster with an unknown source',
    object: patched(VALID.inferenceCluster, {
      metadata: { name: 'unknown-source' },
      spec: { source: 'Nebius', gke: null },
    }),
  },
  {
    name: 'a pool whose maximum is below its minimum',
    object: patched(VALID.inferenceCluster, {
      metadata: { name: 'min-max' },
      spec: { nodePools: [{ name: 'h200', class: 'h200', minNodeCount: 3, maxNodeCount: 2 }] },
    }),
  },
  // ModelDeployment
  {
    name: 'a deployment with workers and prefill/decode',
    object: patched(VALID.modelDeployment, {
      metadata: { name: 'both' },
      spec: { ...disaggregated, nodeSelector: null },
    }),
  },
  {
    name: 'a deployment with only prefill',
    object: patched(VALID.modelDeployment, {
      metadata: { name: 'prefill-only' },
      spec: { workers: null, nodeSelector: null, prefill: { workers } },
    }),
  },
  {
    name: 'a disaggregated deployment with a root nodeSelector',
    object: patched(VALID.modelDeployment, {
      metadata: { name: 'root-selector' },
      spec: { workers: null, ...disaggregated },
    }),
  },
  {
    name: 'data not a multiple of dataLocal',
    object: patched(VALID.modelDeployment, {
      metadata: { name: 'data' },
      spec: { workers: { topology: { data: 3, dataLocal: 2 } } },
    }),
  },
  {
    name: 'a zero tensor size',
    object: patched(VALID.modelDeployment, {
      metadata: { name: 'tensor' },
      spec: { workers: { topology: { tensor: 0 } } },
    }),
  },
  {
    name: 'no container named engine',
    object: patched(VALID.modelDeployment, {
      metadata: { name: 'no-engine' },
      spec: { workers: { template: { spec: { containers: [{ name: 'server', image: 'x' }] } } } },
    }),
  },
  {
    name: 'two containers named engine',
    object: patched(VALID.modelDeployment, {
      metadata: { name: 'two-engines' },
      spec: { workers: { template: { spec: { containers: [engine, engine] } } } },
    }),
  },
  {
    name: 'a template label under modelplane.ai/',
    object: patched(VALID.modelDeployment, {
      metadata: { name: 'reserved' },
      spec: { workers: { template: { metadata: { labels: { 'modelplane.ai/deployment': 'other' } } } } },
    }),
  },
  {
    name: 'a template label KServe selects its workloads by',
    object: patched(VALID.modelDeployment, {
      metadata: { name: 'kserve-label' },
      spec: { workers: { template: { metadata: { labels: { 'app.kubernetes.io/part-of': 'llama' } } } } },
    }),
  },
  {
    name: 'an engine that runs as root under KServe’s runAsNonRoot',
    object: patched(VALID.modelDeployment, {
      metadata: { name: 'root-engine' },
      spec: {
        workers: {
          template: { spec: { containers: [{ ...engine, securityContext: { runAsUser: 0 } }] } },
        },
      },
    }),
  },
  {
    name: 'more than 1000 replicas',
    object: patched(VALID.modelDeployment, { metadata: { name: 'too-many' }, spec: { replicas: 1001 } }),
  },
  {
    name: 'an In requirement without values',
    object: patched(VALID.modelDeployment, {
      metadata: { name: 'in-no-values' },
      spec: { clusterSelector: { matchExpressions: [{ key: 'region', operator: 'In' }] } },
    }),
  },
  {
    name: 'an Exists toleration with a value',
    object: patched(VALID.modelDeployment, {
      metadata: { name: 'exists-value' },
      spec: { tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] },
    }),
  },
  {
    name: 'a model name with a slash, dots and a colon',
    object: patched(VALID.modelDeployment, {
      metadata: { name: 'model-name' },
      spec: { model: { uri: 'hf://Qwen/Qwen3-8B', name: 'Qwen/Qwen3-8B.v1:latest' } },
    }),
  },
  {
    name: 'a model name with a space, which the engine command would split',
    object: patched(VALID.modelDeployment, {
      metadata: { name: 'model-space' },
      spec: { model: { name: 'Qwen/Qwen3 8B' } },
    }),
  },
  {
    name: 'a model name with shell syntax, which KServe’s eval would run',
    object: patched(VALID.modelDeployment, {
      metadata: { name: 'model-shell' },
      spec: { model: { name: 'qwen$(id)' } },
    }),
  },
  {
    name: 'a model name that reads as a flag',
    object: patched(VALID.modelDeployment, {
      metadata: { name: 'model-flag' },
      spec: { model: { name: '--qwen' } },
    }),
  },
  {
    name: 'an empty model name',
    object: patched(VALID.modelDeployment, {
      metadata: { name: 'model-empty' },
      spec: { model: { name: '' } },
    }),
  },
  {
    name: 'a model name longer than 256 characters',
    object: patched(VALID.modelDeployment, {
      metadata: { name: 'model-long' },
      spec: { model: { name: `org/${'q'.repeat(253)}` } },
    }),
  },
  // ModelReplica
  {
    name: 'a replica model name with an empty part, which makes "//" in KServe’s route paths',
    object: patched(VALID.modelReplica, {
      metadata: { name: 'model-empty-part' },
      spec: { model: { name: 'Qwen//Qwen3-8B' } },
    }),
  },
  {
    name: 'a replica model name with a ".." part',
    object: patched(VALID.modelReplica, {
      metadata: { name: 'model-dotdot' },
      spec: { model: { name: 'Qwen/..' } },
    }),
  },
  {
    name: 'a replica with a pool but prefill/decode roles',
    object: patched(VALID.modelReplica, {
      metadata: { name: 'mixed-replica' },
      spec: { workers: null, ...{ prefill: { nodePool: 'a', workers }, decode: { nodePool: 'b', workers } } },
    }),
  },
  // ModelEndpoint
  {
    name: 'an endpoint URL that is not http(s)',
    object: patched(VALID.modelEndpoint, { metadata: { name: 'ftp' }, spec: { url: 'ftp://example.com/' } }),
  },
  {
    name: 'an unknown protocol',
    object: patched(VALID.modelEndpoint, { metadata: { name: 'grpc' }, spec: { protocol: 'gRPC' } }),
  },
  {
    name: 'an endpoint header that sets Host',
    object: patched(VALID.modelEndpoint, {
      metadata: { name: 'host-header' },
      spec: { headers: [{ name: 'Host', value: 'evil.example.com' }] },
    }),
  },
  {
    name: 'two endpoint headers that differ only in case',
    object: patched(VALID.modelEndpoint, {
      metadata: { name: 'twice' },
      spec: {
        headers: [
          { name: 'X-Team', value: 'a' },
          { name: 'x-team', value: 'b' },
        ],
      },
    }),
  },
  {
    name: 'an endpoint header name that is not an HTTP token',
    object: patched(VALID.modelEndpoint, {
      metadata: { name: 'bad-header' },
      spec: { headers: [{ name: 'x team', value: 'a' }] },
    }),
  },
  {
    name: 'an endpoint header the credentials already set',
    object: patched(VALID.modelEndpoint, {
      metadata: { name: 'auth-twice' },
      spec: {
        headers: [{ name: 'authorization', value: 'Bearer inline' }],
        credentials: { secretRef: { name: 'key' } },
      },
    }),
  },
  {
    name: 'credentials without a Secret',
    object: patched(VALID.modelEndpoint, {
      metadata: { name: 'no-secret' },
      spec: { credentials: { secretRef: null, header: 'x-api-key' } },
    }),
  },
  // ModelService
  {
    name: 'a backendRequest timeout longer than the request timeout',
    object: patched(VALID.modelService, {
      metadata: { name: 'slow-backend' },
      spec: { timeouts: { request: '1m', backendRequest: '90s' } },
    }),
  },
  {
    name: 'a timeout that is not a Gateway API duration',
    object: patched(VALID.modelService, {
      metadata: { name: 'one-day' },
      spec: { timeouts: { request: '1d' } },
    }),
  },
  {
    name: 'a weight above 1,000,000',
    object: patched(VALID.modelService, {
      metadata: { name: 'heavy' },
      spec: { endpoints: [{ selector: {}, weight: 1000001 }] },
    }),
  },
  {
    name: 'a service without endpoints',
    object: patched(VALID.modelService, { metadata: { name: 'empty' }, spec: { endpoints: [] } }),
  },
];
