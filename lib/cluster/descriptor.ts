// The per-provider descriptor: everything that differs between GKE, EKS and AKS, as data and small
// builders. One generic path (provisioned.ts) drives all three, so a fix or a feature lands once
// instead of once per cloud (upstream keeps a near-copy of each step per provider).

import type { InferenceClusterSpec, NodePool } from '../apis/inference-cluster.js';
import type { Provisioning } from '../apis/inference-class.js';
import { GPU_TAINT, LABEL_POOL } from '../labels.js';
import type { KubeObject } from '../runtime/request.js';

export type ProvisionedSource = 'GKE' | 'EKS' | 'AKS';

/** A Secret key, as provider-kubernetes' credentials and identity reference it. */
export interface SecretKeyRef {
  readonly namespace: string;
  readonly name: string;
  readonly key: string;
}

/** provider-kubernetes `identity`: credentials used on top of the kubeconfig (GKE needs one). */
export type ProviderIdentity =
  | { readonly type: 'GoogleApplicationCredentials'; readonly source: 'InjectedIdentity' }
  | {
      readonly type: 'GoogleApplicationCredentials';
      readonly source: 'Secret';
      readonly secretRef: SecretKeyRef;
    };

/** What makes a provisioned cluster reachable. */
export interface ControlPlane {
  /**
   * Keyed children the cluster needs before anything can run on it: `cluster`, and `system-pool` /
   * `cluster-auth` where the provider has them as separate resources. The InferenceCluster is
   * Ready when all of them are (GPU pools are not waited for: adding a pool to a serving cluster
   * must not take the cluster out of scheduling).
   */
  readonly children: Readonly<Record<string, KubeObject>>;
  /** Where the kubeconfig is written. */
  readonly kubeconfig: SecretKeyRef;
  readonly identity?: ProviderIdentity;
}

/** A GPU node pool built from (pool, class block), or why it cannot be built. */
export type GpuPoolResult =
  { readonly ok: true; readonly resource: KubeObject } | { readonly ok: false; readonly problem: string };

export interface ProviderDescriptor<Spec, Block> {
  readonly source: ProvisionedSource;
  /** The name of this provider's block in InferenceCluster spec and in InferenceClass provisioning. */
  readonly block: 'gke' | 'eks' | 'aks';
  readonly clusterSpec: (spec: InferenceClusterSpec) => Spec | undefined;
  readonly classBlock: (provisioning: Provisioning | undefined) => Block | undefined;
  readonly controlPlane: (cluster: string, spec: Spec) => ControlPlane;
  readonly gpuPool: (cluster: string, spec: Spec, pool: NodePool, block: Block) => GpuPoolResult;
}

/**
 * How many nodes a pool asks the cloud for. A pool is autoscaled exactly when maxNodeCount is set
 * (SPEC 4.2); minNodeCount alone changes nothing. `initial` is nodeCount kept within the bounds.
 */
export type PoolSize =
  | { readonly kind: 'fixed'; readonly nodes: number }
  | { readonly kind: 'autoscaled'; readonly min: number; readonly max: number; readonly initial: number };

export function poolSize(pool: NodePool): PoolSize {
  if (pool.maxNodeCount === undefined) return { kind: 'fixed', nodes: pool.nodeCount };
  const min = Math.min(pool.minNodeCount ?? 0, pool.maxNodeCount);
  const max = pool.maxNodeCount;
  return { kind: 'autoscaled', min, max, initial: Math.min(Math.max(pool.nodeCount, min), max) };
}

/** The zones a pool asks for ([] when it leaves them to the cluster). */
export function zones(pool: NodePool): readonly string[] {
  return pool.zones ?? [];
}

/**
 * Node labels every provisioned GPU pool carries: the pool label replicas select on, and
 * `nvidia.com/gpu.present`, which the NVIDIA DRA driver's kubelet plugin selects its nodes by
 * (replicas claim GPUs through DRA, SPEC 4.4).
 */
export function gpuNodeLabels(pool: string): Record<string, string> {
  return { [LABEL_POOL]: pool, 'nvidia.com/gpu.present': 'true' };
}

/** Taint effects as the GKE and EKS APIs spell them. */
const UPPER_CASE_EFFECT = {
  NoSchedule: 'NO_SCHEDULE',
  PreferNoSchedule: 'PREFER_NO_SCHEDULE',
  NoExecute: 'NO_EXECUTE',
} as const;

/** The GPU taint in the GKE/EKS spelling. */
export const GPU_TAINT_UPPER_CASE = {
  key: GPU_TAINT.key,
  value: GPU_TAINT.value,
  effect: UPPER_CASE_EFFECT[GPU_TAINT.effect],
};
