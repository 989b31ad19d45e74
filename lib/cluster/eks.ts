// EKS (eks.aws.m.upbound.io/v1beta1): a Cluster, the injected system NodeGroup, one GPU NodeGroup
// per node pool, and a ClusterAuth. The EKS Cluster publishes no kubeconfig; ClusterAuth writes one
// (with a token it refreshes every 10 minutes, minted by the provider's AWS identity, which
// created the cluster and therefore administers it).

import type { z } from 'zod';
import type { eksProvisioning } from '../apis/inference-class.js';
import type { eksCluster } from '../apis/inference-cluster.js';
import type { KubeObject } from '../runtime/request.js';
import {
  gpuNodeLabels,
  GPU_TAINT_UPPER_CASE,
  poolSize,
  type PoolSize,
  type ProviderDescriptor,
} from './descriptor.js';
import {
  clusterAuthResourceName,
  cloudName,
  clusterResourceName,
  gpuPoolResourceName,
  KEY_CLUSTER,
  KEY_CLUSTER_AUTH,
  KEY_SYSTEM_POOL,
  kubeconfigSecretName,
  KUBECONFIG_KEY,
  MANAGED_NAMESPACE,
  SYSTEM_POOL_CLOUD_NAME,
  systemPoolResourceName,
} from './names.js';

export type EksClusterSpec = z.infer<typeof eksCluster>;
export type EksClassBlock = z.infer<typeof eksProvisioning>;

const API_VERSION = 'eks.aws.m.upbound.io/v1beta1';
const MAX_CLUSTER_NAME = 100;
const MAX_NODE_GROUP_NAME = 63;
const SYSTEM_INSTANCE_TYPE = 'm6i.large';
/** The EKS-optimized AMIs: the NVIDIA one ships the driver and container toolkit. */
const SYSTEM_AMI = 'AL2023_x86_64_STANDARD';
const GPU_AMI = 'AL2023_x86_64_NVIDIA';

function metadata(name: string, cloud?: string): KubeObject['metadata'] {
  return cloud === undefined
    ? { name, namespace: MANAGED_NAMESPACE }
    : { name, namespace: MANAGED_NAMESPACE, annotations: { 'crossplane.io/external-name': cloud } };
}

/**
 * EKS scaling: minSize/maxSize always, desiredSize only at creation for autoscaled groups (through
 * initProvider), so Crossplane does not undo what the cluster autoscaler decides. EKS needs
 * maxSize ≥ 1 even for an empty fixed group.
 */
function scaling(size: PoolSize): { forProvider: object; initProvider?: object } {
  if (size.kind === 'fixed') {
    return {
      forProvider: {
        scalingConfig: { desiredSize: size.nodes, minSize: size.nodes, maxSize: Math.max(size.nodes, 1) },
      },
    };
  }
  return {
    forProvider: { scalingConfig: { minSize: size.min, maxSize: size.max } },
    initProvider: { scalingConfig: { desiredSize: size.initial } },
  };
}

function nodeGroup(
  name: string,
  cloud: string,
  cluster: string,
  spec: EksClusterSpec,
  size: PoolSize,
  fields: object,
): KubeObject {
  const s = scaling(size);
  return {
    apiVersion: API_VERSION,
    kind: 'NodeGroup',
    metadata: metadata(name, cloud),
    spec: {
      providerConfigRef: spec.providerConfigRef,
      forProvider: {
        region: spec.region,
        clusterNameRef: { name: clusterResourceName(cluster) },
        nodeRoleArn: spec.nodeRoleArn,
        subnetIds: spec.subnetIds,
        ...fields,
        ...s.forProvider,
      },
      ...(s.initProvider === undefined ? {} : { initProvider: s.initProvider }),
    },
  };
}

export const eks: ProviderDescriptor<EksClusterSpec, EksClassBlock> = {
  source: 'EKS',
  block: 'eks',
  clusterSpec: (spec) => spec.eks,
  classBlock: (provisioning) => provisioning?.eks,
  controlPlane: (cluster, spec) => ({
    children: {
      [KEY_CLUSTER]: {
        apiVersion: API_VERSION,
        kind: 'Cluster',
        metadata: metadata(clusterResourceName(cluster), cloudName(cluster, MAX_CLUSTER_NAME)),
        spec: {
          providerConfigRef: spec.providerConfigRef,
          forProvider: {
            region: spec.region,
            roleArn: spec.roleArn,
            vpcConfig: { subnetIds: spec.subnetIds },
            // ClusterAuth's token is minted by the provider's identity: keep the creator an admin.
            accessConfig: {
              authenticationMode: 'API_AND_CONFIG_MAP',
              bootstrapClusterCreatorAdminPermissions: true,
            },
            ...(spec.kubernetesVersion === undefined ? {} : { version: spec.kubernetesVersion }),
          },
        },
      },
      [KEY_SYSTEM_POOL]: nodeGroup(
        systemPoolResourceName(cluster),
        SYSTEM_POOL_CLOUD_NAME,
        cluster,
        spec,
        { kind: 'autoscaled', min: 1, max: 2, initial: 1 },
        { instanceTypes: [SYSTEM_INSTANCE_TYPE], capacityType: 'ON_DEMAND', amiType: SYSTEM_AMI },
      ),
      [KEY_CLUSTER_AUTH]: {
        apiVersion: API_VERSION,
        kind: 'ClusterAuth',
        metadata: metadata(clusterAuthResourceName(cluster)),
        spec: {
          providerConfigRef: spec.providerConfigRef,
          writeConnectionSecretToRef: { name: kubeconfigSecretName(cluster) },
          forProvider: { region: spec.region, clusterNameRef: { name: clusterResourceName(cluster) } },
        },
      },
    },
    kubeconfig: { namespace: MANAGED_NAMESPACE, name: kubeconfigSecretName(cluster), key: KUBECONFIG_KEY },
  }),
  gpuPool: (cluster, spec, pool, block) => ({
    ok: true,
    resource: nodeGroup(
      gpuPoolResourceName(cluster, pool.name),
      cloudName(`gpu-${pool.name}`, MAX_NODE_GROUP_NAME),
      cluster,
      spec,
      poolSize(pool),
      {
        instanceTypes: [block.instanceType],
        capacityType: block.capacityType,
        amiType: block.amiType ?? GPU_AMI,
        ...(block.diskSizeGb === undefined ? {} : { diskSize: block.diskSizeGb }),
        labels: gpuNodeLabels(pool.name),
        taint: [GPU_TAINT_UPPER_CASE],
      },
    ),
  }),
};
