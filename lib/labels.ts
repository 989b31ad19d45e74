// Every label and annotation key the functions write or read. Identity lives in labels, not in
// names: a ModelReplica's deployment, cluster and index are read back from these keys.

export const GROUP = 'modelplane.ai';
export const API_VERSION = 'modelplane.ai/v1alpha1';

export const LABEL_DEPLOYMENT = 'modelplane.ai/deployment';
export const LABEL_CLUSTER = 'modelplane.ai/cluster';
export const LABEL_REPLICA_INDEX = 'modelplane.ai/replica-index';
/** Node label on every GPU node pool modelplane provisions; replicas select their pool with it. */
export const LABEL_POOL = 'modelplane.ai/pool';
/** Reserved domain: user template labels may not use it (XRD rule), managed labels always win. */
export const RESERVED_LABEL_PREFIX = 'modelplane.ai/';

/** The taint every provisioned GPU pool carries and every replica tolerates. */
export const GPU_TAINT = { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' } as const;

/** AKS puts this taint on Spot nodes itself, so Spot pools declare it and their replicas tolerate it. */
export const AKS_SPOT_TAINT = {
  key: 'kubernetes.azure.com/scalesetpriority',
  value: 'spot',
  effect: 'NoSchedule',
} as const;

export interface NodeTaint {
  readonly key: string;
  readonly value: string;
  readonly effect: 'NoSchedule';
}

/**
 * The taints on a GPU pool's nodes, from its class's provisioning block: what the InferenceCluster
 * function declares on the pool and what every replica on that pool must tolerate.
 */
export function poolNodeTaints(
  provisioning:
    { readonly provider: string; readonly aks?: { readonly priority?: string } | undefined } | undefined,
): NodeTaint[] {
  const taints: NodeTaint[] = [GPU_TAINT];
  if (provisioning?.provider === 'AKS' && provisioning.aks?.priority === 'Spot') taints.push(AKS_SPOT_TAINT);
  return taints;
}

/**
 * Pod label keys KServe sets on the workloads it creates and selects them by (pkg/constants:
 * app.kubernetes.io/{name,part-of,component}, kserve.io/component, llm-d.ai/role). KServe copies the
 * service's spec.labels over its own, so a user label with one of these keys would hide the
 * Deployment from KServe's own selector; templates may not use them (XRD rule), and the replica
 * function leaves any it still finds out.
 */
export const KSERVE_OWNED_LABELS: readonly string[] = [
  'app.kubernetes.io/component',
  'app.kubernetes.io/name',
  'app.kubernetes.io/part-of',
  'kserve.io/component',
  'llm-d.ai/role',
];

export const LABEL_KUEUE_QUEUE = 'kueue.x-k8s.io/queue-name';
export const LABEL_KAI_QUEUE = 'kai.scheduler/queue';
export const KAI_SCHEDULER_NAME = 'kai-scheduler';

/** The Crossplane annotation that keys observed composed resources. */
export const ANNOTATION_COMPOSITION_RESOURCE_NAME = 'crossplane.io/composition-resource-name';

/** The label selector string a ModelDeployment publishes in status.selector (for /scale and HPA). */
export function deploymentSelector(deployment: string): string {
  return `${LABEL_DEPLOYMENT}=${deployment}`;
}
