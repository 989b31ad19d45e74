// Whole-response tables for compose-inference-cluster: each case runs the real function on a
// RunFunctionRequest and compares the entire RunFunctionResponse.

import { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { runFunction } from '../../lib/runtime/handler.js';
import { composeInferenceCluster } from './fn.js';
import {
  condition,
  CREATING_STATUS,
  inferenceClassObj,
  inferenceClusterXR,
  observedChild,
  presetResources,
  READY_STATUS,
  replicaObj,
  request,
  response,
  warningResult,
  workersOf,
  type RequestParts,
} from './test-builders.js';

type Obj = Record<string, unknown>;

const H200 = inferenceClassObj('h200-8x', { count: 8, memory: '141Gi' });
const L4 = inferenceClassObj('l4-1x', { count: 1, memory: '24Gi' });
const H200_GKE = inferenceClassObj(
  'h200-8x-gke',
  { count: 8, memory: '141Gi' },
  {
    provider: 'GKE',
    gke: {
      machineType: 'a3-ultragpu-8g',
      accelerator: { type: 'nvidia-h200-141gb', count: 8 },
      diskSizeGb: 200,
    },
  },
);
const L4_GKE = inferenceClassObj(
  'l4-1x-gke',
  { count: 1, memory: '24Gi' },
  {
    provider: 'GKE',
    gke: { machineType: 'g2-standard-8', accelerator: { type: 'nvidia-l4', count: 1 }, spot: true },
  },
);
const MI300_EKS = inferenceClassObj(
  'mi300-8x-eks',
  { count: 8, memory: '192Gi' },
  { provider: 'EKS', eks: { instanceType: 'p5e.48xlarge' } },
);

// ---- Existing -------------------------------------------------------------------------------

const EXISTING_SPEC = {
  source: 'Existing',
  existing: { kubeconfigSecretRef: { name: 'gpu-east', namespace: 'crossplane-system', key: 'kubeconfig' } },
  nodePools: [
    { name: 'h200', class: 'h200-8x', nodeCount: 2 },
    { name: 'l4', class: 'l4-1x', nodeCount: 1, minNodeCount: 1, maxNodeCount: 4 },
  ],
};
const EXISTING_STATIC = inferenceClusterXR('gpu-east', {
  ...EXISTING_SPEC,
  gateway: { address: '203.0.113.10' },
});
const EXISTING_OBSERVED_GATEWAY = inferenceClusterXR('gpu-east', EXISTING_SPEC);

const EXISTING_PROVIDER_CONFIG = {
  apiVersion: 'kubernetes.m.crossplane.io/v1alpha1',
  kind: 'ClusterProviderConfig',
  metadata: { name: 'gpu-east' },
  spec: {
    credentials: {
      source: 'Secret',
      secretRef: { namespace: 'crossplane-system', name: 'gpu-east', key: 'kubeconfig' },
    },
  },
};

function gatewayObject(cluster: string): Obj {
  return {
    apiVersion: 'kubernetes.m.crossplane.io/v1alpha1',
    kind: 'Object',
    metadata: { name: `${cluster}-gateway`, namespace: 'crossplane-system' },
    spec: {
      managementPolicies: ['Observe'],
      providerConfigRef: { kind: 'ClusterProviderConfig', name: cluster },
      forProvider: {
        manifest: {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'Gateway',
          metadata: { name: 'inference-gateway', namespace: 'modelplane-system' },
        },
      },
    },
  };
}

/** The gateway Object as provider-kubernetes reports it, carrying the remote Gateway's status. */
function observedGateway(cluster: string, address: string): Obj {
  return observedChild('gateway', gatewayObject(cluster), {
    ...READY_STATUS,
    atProvider: {
      manifest: {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'inference-gateway', namespace: 'modelplane-system' },
        spec: { gatewayClassName: 'envoy', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
        status: {
          addresses: [
            { type: 'IPAddress', value: address },
            { type: 'IPAddress', value: '192.0.2.99' },
          ],
        },
      },
    },
  });
}

/** A desired child as the function re-emits an observed one: our annotation kept, server fields gone. */
function kept(key: string, desired: Obj): Obj {
  const meta = desired.metadata as Obj;
  return {
    ...desired,
    metadata: {
      ...meta,
      annotations: { ...((meta.annotations ?? {}) as Obj), 'crossplane.io/composition-resource-name': key },
    },
  };
}

const EXISTING_IDLE_CAPACITY = {
  gpuPools: [
    {
      name: 'h200',
      class: 'h200-8x',
      gpusPerNode: 8,
      gpuMemory: '141Gi',
      nodes: 2,
      gpus: 16,
      allocatedGpus: 0,
      freeGpus: 16,
    },
    {
      name: 'l4',
      class: 'l4-1x',
      gpusPerNode: 1,
      gpuMemory: '24Gi',
      nodes: 4,
      gpus: 4,
      allocatedGpus: 0,
      freeGpus: 4,
    },
  ],
  totalGpus: 20,
  allocatedGpus: 0,
  freeGpus: 20,
};

const EXISTING_CONDITIONS = [
  condition('ClassesResolved', 'True', 'Resolved', 'Resolved 2 InferenceClasses'),
  condition('NodePoolsValid', 'True', 'Valid', '2 node pools on an existing cluster'),
  condition(
    'ClusterReady',
    'True',
    'Existing',
    'Uses the kubeconfig in Secret crossplane-system/gpu-east (key kubeconfig)',
  ),
];

const EXISTING_REQUIREMENTS = { cluster: 'gpu-east', classes: ['h200-8x', 'l4-1x'] };
const PROVIDER_CONFIG_REF = (name: string) => ({ kind: 'ClusterProviderConfig', name });

// ---- GKE --------------------------------------------------------------------------------------

const GKE_SPEC = {
  source: 'GKE',
  gke: { project: 'my-proj', location: 'us-east1', kubernetesVersion: '1.35' },
  nodePools: [
    { name: 'h200', class: 'h200-8x-gke', nodeCount: 2, zones: ['us-east1-b'] },
    {
      name: 'l4',
      class: 'l4-1x-gke',
      nodeCount: 1,
      minNodeCount: 0,
      maxNodeCount: 6,
      zones: ['us-east1-b', 'us-east1-c'],
    },
  ],
};
const GKE_XR = inferenceClusterXR('gke-east', GKE_SPEC, { region: 'us-east1' });
const GKE_CLASSES = { 'h200-8x-gke': H200_GKE, 'l4-1x-gke': L4_GKE };
const GKE_REQUIREMENTS = { cluster: 'gke-east', classes: ['h200-8x-gke', 'l4-1x-gke'] };
const GCP = 'container.gcp.m.upbound.io/v1beta1';
const DEFAULT_PROVIDER = { kind: 'ClusterProviderConfig', name: 'default' };

const GKE_CLUSTER = {
  apiVersion: GCP,
  kind: 'Cluster',
  metadata: {
    name: 'gke-east',
    namespace: 'crossplane-system',
    annotations: { 'crossplane.io/external-name': 'gke-east' },
  },
  spec: {
    providerConfigRef: DEFAULT_PROVIDER,
    writeConnectionSecretToRef: { name: 'gke-east-kubeconfig' },
    forProvider: {
      project: 'my-proj',
      location: 'us-east1',
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      deletionProtection: false,
      releaseChannel: { channel: 'REGULAR' },
      workloadIdentityConfig: { workloadPool: 'my-proj.svc.id.goog' },
      minMasterVersion: '1.35',
    },
  },
};

const GKE_SYSTEM_POOL = {
  apiVersion: GCP,
  kind: 'NodePool',
  metadata: {
    name: 'gke-east-system',
    namespace: 'crossplane-system',
    annotations: { 'crossplane.io/external-name': 'system' },
  },
  spec: {
    providerConfigRef: DEFAULT_PROVIDER,
    forProvider: {
      clusterRef: { name: 'gke-east' },
      project: 'my-proj',
      location: 'us-east1',
      initialNodeCount: 1,
      autoscaling: { totalMinNodeCount: 1, totalMaxNodeCount: 2, locationPolicy: 'BALANCED' },
      nodeConfig: { machineType: 'e2-standard-4' },
    },
  },
};

const GPU_TAINT = [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' }];
function gkeGpuLabels(pool: string): Obj {
  return {
    'modelplane.ai/pool': pool,
    'nvidia.com/gpu.present': 'true',
    'gke-no-default-nvidia-gpu-device-plugin': 'true',
  };
}

/** Fixed: 2 nodes in one zone → nodeCount 2 (GKE counts per zone). */
const GKE_H200_POOL = {
  apiVersion: GCP,
  kind: 'NodePool',
  metadata: {
    name: 'gke-east-gpu-h200',
    namespace: 'crossplane-system',
    annotations: { 'crossplane.io/external-name': 'gpu-h200' },
  },
  spec: {
    providerConfigRef: DEFAULT_PROVIDER,
    forProvider: {
      clusterRef: { name: 'gke-east' },
      project: 'my-proj',
      location: 'us-east1',
      nodeCount: 2,
      nodeLocations: ['us-east1-b'],
      nodeConfig: {
        machineType: 'a3-ultragpu-8g',
        guestAccelerator: [
          {
            type: 'nvidia-h200-141gb',
            count: 8,
            gpuDriverInstallationConfig: { gpuDriverVersion: 'LATEST' },
          },
        ],
        labels: gkeGpuLabels('h200'),
        taint: GPU_TAINT,
        diskSizeGb: 200,
      },
    },
  },
};

/** Autoscaled 0–6 over two zones: total limits, and the initial node per zone. */
const GKE_L4_POOL = {
  apiVersion: GCP,
  kind: 'NodePool',
  metadata: {
    name: 'gke-east-gpu-l4',
    namespace: 'crossplane-system',
    annotations: { 'crossplane.io/external-name': 'gpu-l4' },
  },
  spec: {
    providerConfigRef: DEFAULT_PROVIDER,
    forProvider: {
      clusterRef: { name: 'gke-east' },
      project: 'my-proj',
      location: 'us-east1',
      initialNodeCount: 1,
      autoscaling: { totalMinNodeCount: 0, totalMaxNodeCount: 6, locationPolicy: 'ANY' },
      nodeLocations: ['us-east1-b', 'us-east1-c'],
      nodeConfig: {
        machineType: 'g2-standard-8',
        guestAccelerator: [
          { type: 'nvidia-l4', count: 1, gpuDriverInstallationConfig: { gpuDriverVersion: 'LATEST' } },
        ],
        labels: gkeGpuLabels('l4'),
        taint: GPU_TAINT,
        spot: true,
      },
    },
  },
};

const GKE_PROVIDER_CONFIG = {
  apiVersion: 'kubernetes.m.crossplane.io/v1alpha1',
  kind: 'ClusterProviderConfig',
  metadata: { name: 'gke-east' },
  spec: {
    credentials: {
      source: 'Secret',
      secretRef: { namespace: 'crossplane-system', name: 'gke-east-kubeconfig', key: 'kubeconfig' },
    },
    identity: { type: 'GoogleApplicationCredentials', source: 'InjectedIdentity' },
  },
};

const GKE_CHILDREN: Record<string, Obj> = {
  cluster: GKE_CLUSTER,
  'system-pool': GKE_SYSTEM_POOL,
  'pool-h200': GKE_H200_POOL,
  'pool-l4': GKE_L4_POOL,
  'provider-config': GKE_PROVIDER_CONFIG,
};

/** Every GKE child as observed once the providers made it Ready. */
function gkeObservedReady(): Record<string, Obj> {
  const out: Record<string, Obj> = {};
  for (const [key, obj] of Object.entries(GKE_CHILDREN)) {
    out[key] = observedChild(key, obj, key === 'provider-config' ? undefined : READY_STATUS);
  }
  return out;
}

const GKE_IDLE_CAPACITY = {
  gpuPools: [
    {
      name: 'h200',
      class: 'h200-8x-gke',
      gpusPerNode: 8,
      gpuMemory: '141Gi',
      nodes: 2,
      gpus: 16,
      allocatedGpus: 0,
      freeGpus: 16,
    },
    {
      name: 'l4',
      class: 'l4-1x-gke',
      gpusPerNode: 1,
      gpuMemory: '24Gi',
      nodes: 6,
      gpus: 6,
      allocatedGpus: 0,
      freeGpus: 6,
    },
  ],
  totalGpus: 22,
  allocatedGpus: 0,
  freeGpus: 22,
};

interface Case {
  readonly name: string;
  readonly req: RequestParts;
  readonly want: RunFunctionResponse;
}

const cases: Case[] = [
  {
    name: 'the first call asks for every class by name and for the replicas pinned to the cluster, and changes nothing',
    req: {
      xr: EXISTING_STATIC,
      observed: { 'provider-config': observedChild('provider-config', EXISTING_PROVIDER_CONFIG) },
    },
    want: response({
      resources: {
        'provider-config': { resource: kept('provider-config', EXISTING_PROVIDER_CONFIG), ready: true },
      },
      requirements: EXISTING_REQUIREMENTS,
    }),
  },
  {
    name: 'an Existing cluster composes its ClusterProviderConfig and the KServe presets, publishes the static gateway address and is Ready at once',
    req: { xr: EXISTING_STATIC, classes: { 'h200-8x': H200, 'l4-1x': L4 }, replicas: [] },
    want: response({
      resources: {
        'provider-config': { resource: EXISTING_PROVIDER_CONFIG, ready: false },
        ...presetResources('gpu-east', false),
      },
      xr: {
        status: {
          providerConfigRef: PROVIDER_CONFIG_REF('gpu-east'),
          gateway: { address: '203.0.113.10' },
          capacity: EXISTING_IDLE_CAPACITY,
        },
        ready: true,
      },
      conditions: EXISTING_CONDITIONS,
      requirements: EXISTING_REQUIREMENTS,
    }),
  },
  {
    name: 'without a static address the remote Gateway is observed and its first address is published',
    req: {
      xr: EXISTING_OBSERVED_GATEWAY,
      classes: { 'h200-8x': H200, 'l4-1x': L4 },
      replicas: [],
      observed: {
        'provider-config': observedChild('provider-config', EXISTING_PROVIDER_CONFIG),
        gateway: observedGateway('gpu-east', '198.51.100.7'),
      },
    },
    want: response({
      resources: {
        'provider-config': { resource: EXISTING_PROVIDER_CONFIG, ready: true },
        gateway: { resource: gatewayObject('gpu-east'), ready: true },
        ...presetResources('gpu-east', false),
      },
      xr: {
        status: {
          providerConfigRef: PROVIDER_CONFIG_REF('gpu-east'),
          gateway: { address: '198.51.100.7' },
          capacity: EXISTING_IDLE_CAPACITY,
        },
        ready: true,
      },
      conditions: EXISTING_CONDITIONS,
      requirements: EXISTING_REQUIREMENTS,
    }),
  },
  {
    name: 'allocation figures charge the replicas of two deployments with their own stamped topologies',
    req: {
      xr: EXISTING_STATIC,
      classes: { 'h200-8x': H200, 'l4-1x': L4 },
      replicas: [
        // qwen: tensor 8 and tensor 4 on h200 → 12 GPUs.
        replicaObj('ml-team', 'qwen-1a2b3', 'qwen', 'gpu-east', { unified: ['h200', workersOf(8)] }),
        replicaObj('ml-team', 'qwen-4c5d6', 'qwen', 'gpu-east', { unified: ['h200', workersOf(4)] }),
        // kimi: decode tensor 2 on h200, prefill 2 workers × 1 GPU on l4.
        replicaObj('research', 'kimi-7e8f9', 'kimi', 'gpu-east', {
          decode: ['h200', workersOf(2)],
          prefill: ['l4', workersOf(1, 2)],
        }),
        // Stamped on a pool this cluster no longer has: charges nothing.
        replicaObj('research', 'kimi-0a0a0', 'kimi', 'gpu-east', { unified: ['a100', workersOf(8)] }),
      ],
    },
    want: response({
      resources: {
        'provider-config': { resource: EXISTING_PROVIDER_CONFIG, ready: false },
        ...presetResources('gpu-east', false),
      },
      xr: {
        status: {
          providerConfigRef: PROVIDER_CONFIG_REF('gpu-east'),
          gateway: { address: '203.0.113.10' },
          capacity: {
            gpuPools: [
              {
                name: 'h200',
                class: 'h200-8x',
                gpusPerNode: 8,
                gpuMemory: '141Gi',
                nodes: 2,
                gpus: 16,
                allocatedGpus: 14,
                freeGpus: 2,
              },
              {
                name: 'l4',
                class: 'l4-1x',
                gpusPerNode: 1,
                gpuMemory: '24Gi',
                nodes: 4,
                gpus: 4,
                allocatedGpus: 2,
                freeGpus: 2,
              },
            ],
            totalGpus: 20,
            allocatedGpus: 16,
            freeGpus: 4,
          },
        },
        ready: true,
      },
      conditions: EXISTING_CONDITIONS,
      requirements: EXISTING_REQUIREMENTS,
    }),
  },
  {
    name: 'a new GKE cluster composes the cluster, the system pool, a fixed and an autoscaled GPU pool and the provider config, and waits for them',
    req: { xr: GKE_XR, classes: GKE_CLASSES, replicas: [] },
    want: response({
      resources: {
        cluster: { resource: GKE_CLUSTER, ready: false },
        'system-pool': { resource: GKE_SYSTEM_POOL, ready: false },
        'pool-h200': { resource: GKE_H200_POOL, ready: false },
        'pool-l4': { resource: GKE_L4_POOL, ready: false },
        'provider-config': { resource: GKE_PROVIDER_CONFIG, ready: false },
      },
      xr: {
        status: { providerConfigRef: PROVIDER_CONFIG_REF('gke-east'), capacity: GKE_IDLE_CAPACITY },
        ready: false,
      },
      conditions: [
        condition('ClassesResolved', 'True', 'Resolved', 'Resolved 2 InferenceClasses'),
        condition('NodePoolsValid', 'True', 'Valid', '2 node pools can be provisioned on GKE'),
        condition(
          'ClusterReady',
          'False',
          'Provisioning',
          'Waiting for Cluster gke-east, NodePool gke-east-system, ClusterProviderConfig gke-east to become ready',
        ),
      ],
      requirements: GKE_REQUIREMENTS,
    }),
  },
  {
    name: 'a GKE cluster waits for its system pool even when the control plane is ready',
    req: {
      xr: GKE_XR,
      classes: GKE_CLASSES,
      replicas: [],
      observed: {
        ...gkeObservedReady(),
        'system-pool': observedChild('system-pool', GKE_SYSTEM_POOL, CREATING_STATUS),
      },
    },
    want: response({
      resources: {
        cluster: { resource: GKE_CLUSTER, ready: true },
        'system-pool': { resource: GKE_SYSTEM_POOL, ready: false },
        'pool-h200': { resource: GKE_H200_POOL, ready: true },
        'pool-l4': { resource: GKE_L4_POOL, ready: true },
        'provider-config': { resource: GKE_PROVIDER_CONFIG, ready: true },
      },
      xr: {
        status: { providerConfigRef: PROVIDER_CONFIG_REF('gke-east'), capacity: GKE_IDLE_CAPACITY },
        ready: false,
      },
      conditions: [
        condition('ClassesResolved', 'True', 'Resolved', 'Resolved 2 InferenceClasses'),
        condition('NodePoolsValid', 'True', 'Valid', '2 node pools can be provisioned on GKE'),
        condition(
          'ClusterReady',
          'False',
          'Provisioning',
          'Waiting for NodePool gke-east-system to become ready',
        ),
      ],
      requirements: GKE_REQUIREMENTS,
    }),
  },
  {
    name: 'a ready GKE cluster is Ready, observes its Gateway and publishes the observed address',
    req: {
      xr: GKE_XR,
      classes: GKE_CLASSES,
      replicas: [],
      observed: { ...gkeObservedReady(), gateway: observedGateway('gke-east', '198.51.100.20') },
    },
    want: response({
      resources: {
        cluster: { resource: GKE_CLUSTER, ready: true },
        'system-pool': { resource: GKE_SYSTEM_POOL, ready: true },
        'pool-h200': { resource: GKE_H200_POOL, ready: true },
        'pool-l4': { resource: GKE_L4_POOL, ready: true },
        'provider-config': { resource: GKE_PROVIDER_CONFIG, ready: true },
        gateway: { resource: gatewayObject('gke-east'), ready: true },
        ...presetResources('gke-east', false),
      },
      xr: {
        status: {
          providerConfigRef: PROVIDER_CONFIG_REF('gke-east'),
          gateway: { address: '198.51.100.20' },
          capacity: GKE_IDLE_CAPACITY,
        },
        ready: true,
      },
      conditions: [
        condition('ClassesResolved', 'True', 'Resolved', 'Resolved 2 InferenceClasses'),
        condition('NodePoolsValid', 'True', 'Valid', '2 node pools can be provisioned on GKE'),
        condition('ClusterReady', 'True', 'Available', 'The GKE cluster is ready'),
      ],
      requirements: GKE_REQUIREMENTS,
    }),
  },
  {
    name: 'a missing class keeps every observed child unchanged, names the class and the pool, and makes the cluster not Ready',
    req: {
      xr: inferenceClusterXR(
        'gke-east',
        {
          ...GKE_SPEC,
          gke: { ...GKE_SPEC.gke, kubernetesVersion: '1.36' },
          nodePools: [
            ...GKE_SPEC.nodePools,
            { name: 'b200', class: 'b200-8x-gke', nodeCount: 2, zones: ['us-east1-b'] },
          ],
        },
        { region: 'us-east1' },
      ),
      classes: { ...GKE_CLASSES, 'b200-8x-gke': undefined },
      replicas: [],
      observed: gkeObservedReady(),
    },
    want: response({
      // Still 1.35, still no b200 pool: nothing changes until the class exists.
      resources: {
        cluster: { resource: kept('cluster', GKE_CLUSTER), ready: true },
        'system-pool': { resource: kept('system-pool', GKE_SYSTEM_POOL), ready: true },
        'pool-h200': { resource: kept('pool-h200', GKE_H200_POOL), ready: true },
        'pool-l4': { resource: kept('pool-l4', GKE_L4_POOL), ready: true },
        'provider-config': { resource: kept('provider-config', GKE_PROVIDER_CONFIG), ready: true },
      },
      xr: {
        status: { providerConfigRef: PROVIDER_CONFIG_REF('gke-east'), capacity: GKE_IDLE_CAPACITY },
        ready: false,
      },
      conditions: [
        condition(
          'ClassesResolved',
          'False',
          'ClassNotFound',
          'InferenceClass b200-8x-gke not found (pool b200)',
        ),
        condition(
          'NodePoolsValid',
          'True',
          'Valid',
          '2 node pools can be provisioned on GKE; 1 waits for its InferenceClass',
        ),
        condition('ClusterReady', 'True', 'Available', 'The GKE cluster is ready'),
      ],
      results: [warningResult('InferenceClass b200-8x-gke not found (pool b200)', 'ClassNotFound')],
      requirements: { cluster: 'gke-east', classes: ['b200-8x-gke', 'h200-8x-gke', 'l4-1x-gke'] },
    }),
  },
  {
    name: 'a class that is not a valid InferenceClass counts as unresolved for every pool that names it',
    req: {
      xr: inferenceClusterXR('gpu-east', {
        ...EXISTING_SPEC,
        gateway: { address: '203.0.113.10' },
        nodePools: [
          { name: 'h200', class: 'h200-8x', nodeCount: 2 },
          { name: 'h200-spare', class: 'h200-8x', nodeCount: 1 },
        ],
      }),
      classes: { 'h200-8x': inferenceClassObj('h200-8x', { count: 0, memory: '141Gi' }) },
      replicas: [],
    },
    want: response({
      resources: {},
      xr: {
        status: {
          gateway: { address: '203.0.113.10' },
          capacity: { gpuPools: [], totalGpus: 0, allocatedGpus: 0, freeGpus: 0 },
        },
        ready: false,
      },
      conditions: [
        condition(
          'ClassesResolved',
          'False',
          'InvalidClass',
          'InferenceClass h200-8x is invalid (pools h200, h200-spare): spec.resources.gpu.count: Too small: expected number to be >=1',
        ),
        condition(
          'NodePoolsValid',
          'True',
          'Valid',
          '0 node pools on an existing cluster; 2 wait for their InferenceClass',
        ),
        condition(
          'ClusterReady',
          'True',
          'Existing',
          'Uses the kubeconfig in Secret crossplane-system/gpu-east (key kubeconfig)',
        ),
      ],
      results: [
        warningResult(
          'InferenceClass h200-8x is invalid (pools h200, h200-spare): spec.resources.gpu.count: Too small: expected number to be >=1',
          'InvalidClass',
        ),
      ],
      requirements: { cluster: 'gpu-east', classes: ['h200-8x'] },
    }),
  },
  {
    name: 'a pool whose class has no block for the provider is InvalidNodePool, is not composed, and the rest is',
    req: {
      xr: inferenceClusterXR(
        'gke-east',
        {
          ...GKE_SPEC,
          nodePools: [...GKE_SPEC.nodePools, { name: 'mi300', class: 'mi300-8x-eks', nodeCount: 1 }],
        },
        { region: 'us-east1' },
      ),
      classes: { ...GKE_CLASSES, 'mi300-8x-eks': MI300_EKS },
      replicas: [],
    },
    want: response({
      resources: {
        cluster: { resource: GKE_CLUSTER, ready: false },
        'system-pool': { resource: GKE_SYSTEM_POOL, ready: false },
        'pool-h200': { resource: GKE_H200_POOL, ready: false },
        'pool-l4': { resource: GKE_L4_POOL, ready: false },
        'provider-config': { resource: GKE_PROVIDER_CONFIG, ready: false },
      },
      xr: {
        status: {
          providerConfigRef: PROVIDER_CONFIG_REF('gke-east'),
          capacity: {
            gpuPools: [
              ...GKE_IDLE_CAPACITY.gpuPools,
              {
                name: 'mi300',
                class: 'mi300-8x-eks',
                gpusPerNode: 8,
                gpuMemory: '192Gi',
                nodes: 1,
                gpus: 8,
                allocatedGpus: 0,
                freeGpus: 8,
              },
            ],
            totalGpus: 30,
            allocatedGpus: 0,
            freeGpus: 30,
          },
        },
        ready: false,
      },
      conditions: [
        condition('ClassesResolved', 'True', 'Resolved', 'Resolved 3 InferenceClasses'),
        condition(
          'NodePoolsValid',
          'False',
          'InvalidNodePool',
          'pool mi300: InferenceClass mi300-8x-eks has no provisioning.gke block',
        ),
        condition(
          'ClusterReady',
          'False',
          'Provisioning',
          'Waiting for Cluster gke-east, NodePool gke-east-system, ClusterProviderConfig gke-east to become ready',
        ),
      ],
      results: [
        warningResult(
          'pool mi300: InferenceClass mi300-8x-eks has no provisioning.gke block',
          'InvalidNodePool',
        ),
      ],
      requirements: { cluster: 'gke-east', classes: ['h200-8x-gke', 'l4-1x-gke', 'mi300-8x-eks'] },
    }),
  },
  {
    name: 'a running pool whose class changed to one without the provider block is kept as it is',
    req: {
      xr: inferenceClusterXR(
        'gke-east',
        {
          ...GKE_SPEC,
          nodePools: [GKE_SPEC.nodePools[0], { name: 'l4', class: 'mi300-8x-eks', nodeCount: 1 }],
        },
        { region: 'us-east1' },
      ),
      classes: { 'h200-8x-gke': H200_GKE, 'mi300-8x-eks': MI300_EKS },
      replicas: [],
      observed: { ...gkeObservedReady(), gateway: observedGateway('gke-east', '198.51.100.20') },
    },
    want: response({
      resources: {
        cluster: { resource: GKE_CLUSTER, ready: true },
        'system-pool': { resource: GKE_SYSTEM_POOL, ready: true },
        'pool-h200': { resource: GKE_H200_POOL, ready: true },
        'pool-l4': { resource: kept('pool-l4', GKE_L4_POOL), ready: true },
        'provider-config': { resource: GKE_PROVIDER_CONFIG, ready: true },
        gateway: { resource: gatewayObject('gke-east'), ready: true },
        ...presetResources('gke-east', false),
      },
      xr: {
        status: {
          providerConfigRef: PROVIDER_CONFIG_REF('gke-east'),
          gateway: { address: '198.51.100.20' },
          capacity: {
            gpuPools: [
              GKE_IDLE_CAPACITY.gpuPools[0],
              {
                name: 'l4',
                class: 'mi300-8x-eks',
                gpusPerNode: 8,
                gpuMemory: '192Gi',
                nodes: 1,
                gpus: 8,
                allocatedGpus: 0,
                freeGpus: 8,
              },
            ],
            totalGpus: 24,
            allocatedGpus: 0,
            freeGpus: 24,
          },
        },
        ready: false,
      },
      conditions: [
        condition('ClassesResolved', 'True', 'Resolved', 'Resolved 2 InferenceClasses'),
        condition(
          'NodePoolsValid',
          'False',
          'InvalidNodePool',
          'pool l4: InferenceClass mi300-8x-eks has no provisioning.gke block',
        ),
        condition('ClusterReady', 'True', 'Available', 'The GKE cluster is ready'),
      ],
      results: [
        warningResult(
          'pool l4: InferenceClass mi300-8x-eks has no provisioning.gke block',
          'InvalidNodePool',
        ),
      ],
      requirements: { cluster: 'gke-east', classes: ['h200-8x-gke', 'mi300-8x-eks'] },
    }),
  },
  {
    name: 'a spec that bypassed admission changes nothing and says which field is wrong',
    req: {
      xr: inferenceClusterXR('gpu-east', { ...EXISTING_SPEC, nodePools: [] }),
      observed: { 'provider-config': observedChild('provider-config', EXISTING_PROVIDER_CONFIG) },
    },
    want: response({
      resources: {
        'provider-config': { resource: kept('provider-config', EXISTING_PROVIDER_CONFIG), ready: true },
      },
      xr: { ready: false },
      conditions: [
        condition('ClassesResolved', 'Unknown', 'InvalidSpec'),
        condition('NodePoolsValid', 'Unknown', 'InvalidSpec'),
        condition(
          'ClusterReady',
          'False',
          'InvalidSpec',
          'spec.nodePools: Too small: expected array to have >=1 items',
        ),
      ],
      results: [
        warningResult(
          'Invalid InferenceCluster: spec.nodePools: Too small: expected array to have >=1 items',
          'InvalidSpec',
        ),
      ],
    }),
  },
];

describe('compose-inference-cluster', () => {
  for (const tc of cases) {
    it(tc.name, () => {
      expect(runFunction(composeInferenceCluster, request(tc.req))).toStrictEqual(tc.want);
    });
  }

  it('gives byte-identical responses whatever the order of replicas, classes and observed children', () => {
    const parts: RequestParts = {
      xr: EXISTING_OBSERVED_GATEWAY,
      classes: { 'h200-8x': H200, 'l4-1x': L4 },
      replicas: [
        replicaObj('ml-team', 'qwen-1a2b3', 'qwen', 'gpu-east', { unified: ['h200', workersOf(4)] }),
        replicaObj('research', 'kimi-7e8f9', 'kimi', 'gpu-east', { unified: ['h200', workersOf(8)] }),
        replicaObj('ml-team', 'qwen-4c5d6', 'qwen', 'gpu-east', { unified: ['l4', workersOf(1, 3)] }),
      ],
      observed: {
        'provider-config': observedChild('provider-config', EXISTING_PROVIDER_CONFIG),
        gateway: observedGateway('gpu-east', '198.51.100.7'),
      },
    };
    const reversed: RequestParts = {
      ...parts,
      classes: Object.fromEntries(Object.entries(parts.classes ?? {}).reverse()),
      replicas: [...(parts.replicas ?? [])].reverse(),
      observed: Object.fromEntries(Object.entries(parts.observed ?? {}).reverse()),
    };
    const bytes = (p: RequestParts) =>
      RunFunctionResponse.encode(runFunction(composeInferenceCluster, request(p))).finish();
    expect(Buffer.from(bytes(reversed)).toString('hex')).toBe(Buffer.from(bytes(parts)).toString('hex'));
  });
});
