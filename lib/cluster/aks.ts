// AKS (containerservice.azure.m.upbound.io/v1beta1): a KubernetesCluster whose default pool is the
// system pool (AKS cannot exist without one), and one GPU KubernetesClusterNodePool per node pool.
// The cluster writes an admin kubeconfig (kube_config_raw) under "kubeconfig".

import type { z } from 'zod';
import type { aksProvisioning } from '../apis/inference-class.js';
import type { aksCluster } from '../apis/inference-cluster.js';
import type { KubeObject } from '../runtime/request.js';
import { gpuNodeLabels, poolSize, zones, type PoolSize, type ProviderDescriptor } from './descriptor.js';
import { poolNodeTaints } from '../labels.js';
import {
  cloudName,
  clusterResourceName,
  gpuPoolResourceName,
  KEY_CLUSTER,
  kubeconfigSecretName,
  KUBECONFIG_KEY,
  MANAGED_NAMESPACE,
  SYSTEM_POOL_CLOUD_NAME,
} from './names.js';

export type AksClusterSpec = z.infer<typeof aksCluster>;
export type AksClassBlock = z.infer<typeof aksProvisioning>;

const API_VERSION = 'containerservice.azure.m.upbound.io/v1beta1';
const MAX_CLUSTER_NAME = 63;
/** AKS dnsPrefix: 1–54 letters, digits and '-'. */
const MAX_DNS_PREFIX = 54;
/** AKS Linux pool names: at most 12 lower-case letters and digits. */
const MAX_POOL_NAME = 12;
const SYSTEM_VM_SIZE = 'Standard_D4s_v5';

/**
 * AKS pool counts are pool-wide. An autoscaled pool's nodeCount is only its starting size (through
 * initProvider), so Crossplane does not undo what the autoscaler decides.
 */
function scaling(size: PoolSize): { forProvider: object; initProvider?: object } {
  if (size.kind === 'fixed') return { forProvider: { nodeCount: size.nodes } };
  return {
    forProvider: { autoScalingEnabled: true, minCount: size.min, maxCount: size.max },
    initProvider: { nodeCount: size.initial },
  };
}

function metadata(name: string, cloud: string): KubeObject['metadata'] {
  return { name, namespace: MANAGED_NAMESPACE, annotations: { 'crossplane.io/external-name': cloud } };
}

export const aks: ProviderDescriptor<AksClusterSpec, AksClassBlock> = {
  source: 'AKS',
  block: 'aks',
  clusterSpec: (spec) => spec.aks,
  classBlock: (provisioning) => provisioning?.aks,
  controlPlane: (cluster, spec) => ({
    children: {
      [KEY_CLUSTER]: {
        apiVersion: API_VERSION,
        kind: 'KubernetesCluster',
        metadata: metadata(clusterResourceName(cluster), cloudName(cluster, MAX_CLUSTER_NAME)),
        spec: {
          providerConfigRef: spec.providerConfigRef,
          writeConnectionSecretToRef: { name: kubeconfigSecretName(cluster) },
          forProvider: {
            location: spec.location,
            resourceGroupName: spec.resourceGroupName,
            dnsPrefix: cloudName(cluster, MAX_DNS_PREFIX),
            identity: { type: 'SystemAssigned' },
            // The AKS counterpart of GKE Workload Identity.
            oidcIssuerEnabled: true,
            workloadIdentityEnabled: true,
            // Autoscaled 1–2; without a nodeCount AKS starts it at its minimum.
            defaultNodePool: {
              name: SYSTEM_POOL_CLOUD_NAME,
              vmSize: SYSTEM_VM_SIZE,
              autoScalingEnabled: true,
              minCount: 1,
              maxCount: 2,
            },
            ...(spec.kubernetesVersion === undefined ? {} : { kubernetesVersion: spec.kubernetesVersion }),
          },
        },
      },
    },
    kubeconfig: { namespace: MANAGED_NAMESPACE, name: kubeconfigSecretName(cluster), key: KUBECONFIG_KEY },
  }),
  gpuPool: (cluster, spec, pool, block) => {
    const s = scaling(poolSize(pool));
    const spot = block.priority === 'Spot';
    return {
      ok: true,
      resource: {
        apiVersion: API_VERSION,
        kind: 'KubernetesClusterNodePool',
        metadata: metadata(
          gpuPoolResourceName(cluster, pool.name),
          cloudName(`gpu${pool.name}`, MAX_POOL_NAME, true),
        ),
        spec: {
          providerConfigRef: spec.providerConfigRef,
          forProvider: {
            kubernetesClusterIdRef: { name: clusterResourceName(cluster) },
            mode: 'User',
            vmSize: block.vmSize,
            priority: block.priority,
            ...(spot ? { evictionPolicy: 'Delete' } : {}),
            ...(block.osDiskSizeGb === undefined ? {} : { osDiskSizeGb: block.osDiskSizeGb }),
            ...(zones(pool).length === 0 ? {} : { zones: zones(pool) }),
            nodeLabels: gpuNodeLabels(pool.name),
            nodeTaints: poolNodeTaints({ provider: 'AKS', aks: block }).map(
              (t) => `${t.key}=${t.value}:${t.effect}`,
            ),
            ...s.forProvider,
          },
          ...(s.initProvider === undefined ? {} : { initProvider: s.initProvider }),
        },
      },
    };
  },
};
