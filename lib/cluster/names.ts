// Where an InferenceCluster's children live and what they are called: the desired-resource keys
// (readable in `crossplane render` output), the Kubernetes names, and the names the clouds see.

import { childName, shortHash, truncateName } from '../names.js';

/**
 * The namespace of every namespaced child (the Upbound `.m.` managed resources, the observe-only
 * Gateway Object) and of the kubeconfig Secrets they write. An InferenceCluster is cluster-scoped,
 * so its namespaced children need a home; Crossplane's own namespace is where platform teams
 * already keep provider credentials, and `writeConnectionSecretToRef` of a `.m.` resource can only
 * write into the resource's own namespace, so the Secret lands here too.
 */
export const MANAGED_NAMESPACE = 'crossplane-system';

/** The workload cluster's inference Gateway, whose first address becomes status.gateway.address. */
export const INFERENCE_GATEWAY = { namespace: 'modelplane-system', name: 'inference-gateway' } as const;

/** The key under which every provider we use writes the kubeconfig in its connection Secret. */
export const KUBECONFIG_KEY = 'kubeconfig';

/** Desired-resource keys. */
export const KEY_CLUSTER = 'cluster';
export const KEY_SYSTEM_POOL = 'system-pool';
export const KEY_CLUSTER_AUTH = 'cluster-auth';
export const KEY_PROVIDER_CONFIG = 'provider-config';
export const KEY_GATEWAY = 'gateway';
/** The KServe presets modelplane adds onto the workload cluster, one per role (lib/kserve/presets.ts). */
export function presetKey(role: string): string {
  return role === 'unified' ? 'kserve-preset-pipeline-parallel' : `kserve-preset-${role}-pipeline-parallel`;
}
export function poolKey(pool: string): string {
  return `pool-${pool}`;
}

/** metadata.name of the cloud cluster managed resource: the InferenceCluster's own name. */
export function clusterResourceName(cluster: string): string {
  return childName(cluster);
}

/** metadata.name of the injected system node pool. */
export function systemPoolResourceName(cluster: string): string {
  return childName(cluster, 'system');
}

/** metadata.name of a GPU node pool; the `gpu` infix keeps a user pool named "system" distinct. */
export function gpuPoolResourceName(cluster: string, pool: string): string {
  return childName(cluster, 'gpu', pool);
}

/** The Secret (in MANAGED_NAMESPACE) that receives a provisioned cluster's kubeconfig. */
export function kubeconfigSecretName(cluster: string): string {
  return childName(cluster, 'kubeconfig');
}

/** The ClusterProviderConfig through which every function reaches the workload cluster. */
export function providerConfigName(cluster: string): string {
  return cluster;
}

export function clusterAuthResourceName(cluster: string): string {
  return childName(cluster, 'auth');
}

export function gatewayObjectName(cluster: string): string {
  return childName(cluster, 'gateway');
}

export function presetObjectName(cluster: string, key: string): string {
  return childName(cluster, key);
}

/** Name of the system node pool inside the cloud cluster; GPU pools are "gpu-<pool>", so never equal. */
export const SYSTEM_POOL_CLOUD_NAME = 'system';

/**
 * A name a cloud accepts: lower-case letters, digits and (unless `alphanumeric`) '-', starting with a
 * letter, at most `max` characters. `wanted` is kept when it already qualifies; otherwise it is
 * cleaned and truncated and five hex digits of its hash are appended, so two different wanted names
 * never share a cloud name. (GKE: ≤40 for clusters and pools; EKS: ≤100/≤63; AKS: ≤63, pools ≤12
 * alphanumeric.)
 */
export function cloudName(wanted: string, max: number, alphanumeric = false): string {
  const invalid = alphanumeric ? /[^a-z0-9]+/g : /[^a-z0-9-]+/g;
  const cleaned = wanted
    .toLowerCase()
    .replace(invalid, alphanumeric ? '' : '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
  if (cleaned === wanted && cleaned.length <= max && cleaned !== '') return cleaned;
  const hash = shortHash(wanted);
  const separator = alphanumeric ? '' : '-';
  const head = truncateName(cleaned, max - hash.length - separator.length);
  // The hash may start with a digit; a cloud name may not.
  return head === '' ? `m${hash}` : `${head}${separator}${hash}`;
}
