// Whole-response tables for the EKS and AKS paths (GKE and Existing are in fn.test.ts): the same
// generic path, driven by each provider's descriptor, composes each cloud's own kinds.

import { describe, expect, it } from 'vitest';
import { runFunction } from '../../lib/runtime/handler.js';
import { composeInferenceCluster } from './fn.js';
import { condition, request, response, type RequestParts } from './test-builders.js';
import { AKS_CLASSES, AKS_XR, EKS_CLASSES, EKS_XR } from './test-fixtures.js';
import type { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';

type Obj = Record<string, unknown>;

const EKS = 'eks.aws.m.upbound.io/v1beta1';
const AKS = 'containerservice.azure.m.upbound.io/v1beta1';
const DEFAULT_PROVIDER = { kind: 'ClusterProviderConfig', name: 'default' };
const AWS_PROVIDER = { kind: 'ProviderConfig', name: 'aws-team' };
const SUBNETS = ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'];
const NODE_ROLE = 'arn:aws:iam::123456789012:role/eks-nodes';

const GPU_LABELS = (pool: string) => ({ 'modelplane.ai/pool': pool, 'nvidia.com/gpu.present': 'true' });
const GPU_TAINT = [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' }];

const EKS_CHILDREN: Record<string, Obj> = {
  cluster: {
    apiVersion: EKS,
    kind: 'Cluster',
    metadata: {
      name: 'eks-west',
      namespace: 'crossplane-system',
      annotations: { 'crossplane.io/external-name': 'eks-west' },
    },
    spec: {
      providerConfigRef: AWS_PROVIDER,
      forProvider: {
        region: 'us-west-2',
        roleArn: 'arn:aws:iam::123456789012:role/eks-cluster',
        vpcConfig: { subnetIds: SUBNETS },
        accessConfig: {
          authenticationMode: 'API_AND_CONFIG_MAP',
          bootstrapClusterCreatorAdminPermissions: true,
        },
        version: '1.35',
      },
    },
  },
  'system-pool': {
    apiVersion: EKS,
    kind: 'NodeGroup',
    metadata: {
      name: 'eks-west-system',
      namespace: 'crossplane-system',
      annotations: { 'crossplane.io/external-name': 'system' },
    },
    spec: {
      providerConfigRef: AWS_PROVIDER,
      forProvider: {
        region: 'us-west-2',
        clusterNameRef: { name: 'eks-west' },
        nodeRoleArn: NODE_ROLE,
        subnetIds: SUBNETS,
        instanceTypes: ['m6i.large'],
        capacityType: 'ON_DEMAND',
        amiType: 'AL2023_x86_64_STANDARD',
        scalingConfig: { minSize: 1, maxSize: 2 },
      },
      initProvider: { scalingConfig: { desiredSize: 1 } },
    },
  },
  'cluster-auth': {
    apiVersion: EKS,
    kind: 'ClusterAuth',
    metadata: { name: 'eks-west-auth', namespace: 'crossplane-system' },
    spec: {
      providerConfigRef: AWS_PROVIDER,
      writeConnectionSecretToRef: { name: 'eks-west-kubeconfig' },
      forProvider: { region: 'us-west-2', clusterNameRef: { name: 'eks-west' } },
    },
  },
  // Fixed: desired = min = max = 2.
  'pool-h100': {
    apiVersion: EKS,
    kind: 'NodeGroup',
    metadata: {
      name: 'eks-west-gpu-h100',
      namespace: 'crossplane-system',
      annotations: { 'crossplane.io/external-name': 'gpu-h100' },
    },
    spec: {
      providerConfigRef: AWS_PROVIDER,
      forProvider: {
        region: 'us-west-2',
        clusterNameRef: { name: 'eks-west' },
        nodeRoleArn: NODE_ROLE,
        subnetIds: SUBNETS,
        instanceTypes: ['p5.48xlarge'],
        capacityType: 'ON_DEMAND',
        amiType: 'AL2023_x86_64_NVIDIA',
        diskSize: 500,
        labels: GPU_LABELS('h100'),
        taint: GPU_TAINT,
        scalingConfig: { desiredSize: 2, minSize: 2, maxSize: 2 },
      },
    },
  },
  // Autoscaled 1–4: the desired size only at creation, the class's own AMI.
  'pool-l40s': {
    apiVersion: EKS,
    kind: 'NodeGroup',
    metadata: {
      name: 'eks-west-gpu-l40s',
      namespace: 'crossplane-system',
      annotations: { 'crossplane.io/external-name': 'gpu-l40s' },
    },
    spec: {
      providerConfigRef: AWS_PROVIDER,
      forProvider: {
        region: 'us-west-2',
        clusterNameRef: { name: 'eks-west' },
        nodeRoleArn: NODE_ROLE,
        subnetIds: SUBNETS,
        instanceTypes: ['g6e.12xlarge'],
        capacityType: 'SPOT',
        amiType: 'AL2023_ARM_64_NVIDIA',
        labels: GPU_LABELS('l40s'),
        taint: GPU_TAINT,
        scalingConfig: { minSize: 1, maxSize: 4 },
      },
      initProvider: { scalingConfig: { desiredSize: 1 } },
    },
  },
  'provider-config': {
    apiVersion: 'kubernetes.m.crossplane.io/v1alpha1',
    kind: 'ClusterProviderConfig',
    metadata: { name: 'eks-west' },
    spec: {
      credentials: {
        source: 'Secret',
        secretRef: { namespace: 'crossplane-system', name: 'eks-west-kubeconfig', key: 'kubeconfig' },
      },
    },
  },
};

const AKS_CHILDREN: Record<string, Obj> = {
  cluster: {
    apiVersion: AKS,
    kind: 'KubernetesCluster',
    metadata: {
      name: 'aks-east',
      namespace: 'crossplane-system',
      annotations: { 'crossplane.io/external-name': 'aks-east' },
    },
    spec: {
      providerConfigRef: DEFAULT_PROVIDER,
      writeConnectionSecretToRef: { name: 'aks-east-kubeconfig' },
      forProvider: {
        location: 'eastus',
        resourceGroupName: 'gpu-rg',
        dnsPrefix: 'aks-east',
        identity: { type: 'SystemAssigned' },
        oidcIssuerEnabled: true,
        workloadIdentityEnabled: true,
        defaultNodePool: {
          name: 'system',
          vmSize: 'Standard_D4s_v5',
          autoScalingEnabled: true,
          minCount: 1,
          maxCount: 2,
        },
        kubernetesVersion: '1.35',
      },
    },
  },
  // Fixed: two nodes in zone 1 (AKS counts are pool-wide).
  'pool-h100': {
    apiVersion: AKS,
    kind: 'KubernetesClusterNodePool',
    metadata: {
      name: 'aks-east-gpu-h100',
      namespace: 'crossplane-system',
      annotations: { 'crossplane.io/external-name': 'gpuh100' },
    },
    spec: {
      providerConfigRef: DEFAULT_PROVIDER,
      forProvider: {
        kubernetesClusterIdRef: { name: 'aks-east' },
        mode: 'User',
        vmSize: 'Standard_ND96isr_H100_v5',
        priority: 'Regular',
        osDiskSizeGb: 256,
        zones: ['1'],
        nodeLabels: GPU_LABELS('h100'),
        nodeTaints: ['nvidia.com/gpu=present:NoSchedule'],
        nodeCount: 2,
      },
    },
  },
  // Autoscaled 0–3 Spot: AKS's Spot taint declared; the Azure pool name is letters and digits only:
  // "gpua100" + the first 5 hex of sha256("gpua100-spot").
  'pool-a100-spot': {
    apiVersion: AKS,
    kind: 'KubernetesClusterNodePool',
    metadata: {
      name: 'aks-east-gpu-a100-spot',
      namespace: 'crossplane-system',
      annotations: { 'crossplane.io/external-name': 'gpua100cd128' },
    },
    spec: {
      providerConfigRef: DEFAULT_PROVIDER,
      forProvider: {
        kubernetesClusterIdRef: { name: 'aks-east' },
        mode: 'User',
        vmSize: 'Standard_ND96amsr_A100_v4',
        priority: 'Spot',
        evictionPolicy: 'Delete',
        nodeLabels: GPU_LABELS('a100-spot'),
        nodeTaints: [
          'nvidia.com/gpu=present:NoSchedule',
          'kubernetes.azure.com/scalesetpriority=spot:NoSchedule',
        ],
        autoScalingEnabled: true,
        minCount: 0,
        maxCount: 3,
      },
      initProvider: { nodeCount: 0 },
    },
  },
  'provider-config': {
    apiVersion: 'kubernetes.m.crossplane.io/v1alpha1',
    kind: 'ClusterProviderConfig',
    metadata: { name: 'aks-east' },
    spec: {
      credentials: {
        source: 'Secret',
        secretRef: { namespace: 'crossplane-system', name: 'aks-east-kubeconfig', key: 'kubeconfig' },
      },
    },
  },
};

function notReady(children: Record<string, Obj>): Record<string, { resource: Obj; ready: boolean }> {
  return Object.fromEntries(Object.entries(children).map(([k, resource]) => [k, { resource, ready: false }]));
}

const cases: { name: string; req: RequestParts; want: RunFunctionResponse }[] = [
  {
    name: 'a new EKS cluster composes the cluster, the system node group, fixed and autoscaled GPU node groups, the ClusterAuth that writes the kubeconfig, and the provider config',
    req: { xr: EKS_XR, classes: EKS_CLASSES, replicas: [] },
    want: response({
      resources: notReady(EKS_CHILDREN),
      xr: {
        status: {
          providerConfigRef: { kind: 'ClusterProviderConfig', name: 'eks-west' },
          capacity: {
            gpuPools: [
              {
                name: 'h100',
                class: 'h100-8x-eks',
                gpusPerNode: 8,
                gpuMemory: '80Gi',
                nodes: 2,
                gpus: 16,
                allocatedGpus: 0,
                freeGpus: 16,
              },
              {
                name: 'l40s',
                class: 'l40s-4x-eks-spot',
                gpusPerNode: 4,
                gpuMemory: '48Gi',
                nodes: 4,
                gpus: 16,
                allocatedGpus: 0,
                freeGpus: 16,
              },
            ],
            totalGpus: 32,
            allocatedGpus: 0,
            freeGpus: 32,
          },
        },
        ready: false,
      },
      conditions: [
        condition('ClassesResolved', 'True', 'Resolved', 'Resolved 2 InferenceClasses'),
        condition('NodePoolsValid', 'True', 'Valid', '2 node pools can be provisioned on EKS'),
        condition(
          'ClusterReady',
          'False',
          'Provisioning',
          'Waiting for Cluster eks-west, ClusterAuth eks-west-auth, NodeGroup eks-west-system, ClusterProviderConfig eks-west to become ready',
        ),
      ],
      requirements: { cluster: 'eks-west', classes: ['h100-8x-eks', 'l40s-4x-eks-spot'] },
    }),
  },
  {
    name: 'a new AKS cluster composes the cluster with its system pool as the default pool, fixed and autoscaled GPU pools, and the provider config',
    req: { xr: AKS_XR, classes: AKS_CLASSES, replicas: [] },
    want: response({
      resources: notReady(AKS_CHILDREN),
      xr: {
        status: {
          providerConfigRef: { kind: 'ClusterProviderConfig', name: 'aks-east' },
          capacity: {
            gpuPools: [
              {
                name: 'h100',
                class: 'h100-8x-aks',
                gpusPerNode: 8,
                gpuMemory: '80Gi',
                nodes: 2,
                gpus: 16,
                allocatedGpus: 0,
                freeGpus: 16,
              },
              {
                name: 'a100-spot',
                class: 'a100-8x-aks-spot',
                gpusPerNode: 8,
                gpuMemory: '80Gi',
                nodes: 3,
                gpus: 24,
                allocatedGpus: 0,
                freeGpus: 24,
              },
            ],
            totalGpus: 40,
            allocatedGpus: 0,
            freeGpus: 40,
          },
        },
        ready: false,
      },
      conditions: [
        condition('ClassesResolved', 'True', 'Resolved', 'Resolved 2 InferenceClasses'),
        condition('NodePoolsValid', 'True', 'Valid', '2 node pools can be provisioned on AKS'),
        condition(
          'ClusterReady',
          'False',
          'Provisioning',
          'Waiting for KubernetesCluster aks-east, ClusterProviderConfig aks-east to become ready',
        ),
      ],
      requirements: { cluster: 'aks-east', classes: ['a100-8x-aks-spot', 'h100-8x-aks'] },
    }),
  },
];

describe('compose-inference-cluster on EKS and AKS', () => {
  for (const tc of cases) {
    it(tc.name, () => {
      expect(runFunction(composeInferenceCluster, request(tc.req))).toStrictEqual(tc.want);
    });
  }
});
