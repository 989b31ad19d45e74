// InferenceClusters and classes shared by the EKS/AKS response tables and the schema tests.

import { inferenceClassObj, inferenceClusterXR } from './test-builders.js';

const AWS_PROVIDER = { kind: 'ProviderConfig', name: 'aws-team' };
const SUBNETS = ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'];
const NODE_ROLE = 'arn:aws:iam::123456789012:role/eks-nodes';

export const EKS_XR = inferenceClusterXR('eks-west', {
  source: 'EKS',
  eks: {
    region: 'us-west-2',
    kubernetesVersion: '1.35',
    roleArn: 'arn:aws:iam::123456789012:role/eks-cluster',
    nodeRoleArn: NODE_ROLE,
    subnetIds: SUBNETS,
    providerConfigRef: AWS_PROVIDER,
  },
  nodePools: [
    { name: 'h100', class: 'h100-8x-eks', nodeCount: 2 },
    { name: 'l40s', class: 'l40s-4x-eks-spot', nodeCount: 1, minNodeCount: 1, maxNodeCount: 4 },
  ],
});
export const EKS_CLASSES = {
  'h100-8x-eks': inferenceClassObj(
    'h100-8x-eks',
    { count: 8, memory: '80Gi' },
    { provider: 'EKS', eks: { instanceType: 'p5.48xlarge', capacityType: 'ON_DEMAND', diskSizeGb: 500 } },
  ),
  'l40s-4x-eks-spot': inferenceClassObj(
    'l40s-4x-eks-spot',
    { count: 4, memory: '48Gi' },
    {
      provider: 'EKS',
      eks: { instanceType: 'g6e.12xlarge', capacityType: 'SPOT', amiType: 'AL2023_ARM_64_NVIDIA' },
    },
  ),
};

export const AKS_XR = inferenceClusterXR('aks-east', {
  source: 'AKS',
  aks: { location: 'eastus', resourceGroupName: 'gpu-rg', kubernetesVersion: '1.35' },
  nodePools: [
    { name: 'h100', class: 'h100-8x-aks', nodeCount: 2, zones: ['1'] },
    { name: 'a100-spot', class: 'a100-8x-aks-spot', nodeCount: 0, maxNodeCount: 3 },
  ],
});
export const AKS_CLASSES = {
  'h100-8x-aks': inferenceClassObj(
    'h100-8x-aks',
    { count: 8, memory: '80Gi' },
    { provider: 'AKS', aks: { vmSize: 'Standard_ND96isr_H100_v5', priority: 'Regular', osDiskSizeGb: 256 } },
  ),
  'a100-8x-aks-spot': inferenceClassObj(
    'a100-8x-aks-spot',
    { count: 8, memory: '80Gi' },
    { provider: 'AKS', aks: { vmSize: 'Standard_ND96amsr_A100_v4', priority: 'Spot' } },
  ),
};
