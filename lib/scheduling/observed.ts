// Reading an existing ModelReplica as the scheduler and the cluster's allocation figures see it.
// Tolerant on purpose: a replica written by an older version, or edited by hand, still charges the
// capacity it holds when its stamped topology can be read, and charges nothing when it cannot.

import { modelReplicaSpec } from '../apis/model-replica.js';
import { LABEL_CLUSTER, LABEL_DEPLOYMENT, LABEL_REPLICA_INDEX } from '../labels.js';
import { isConditionTrue } from '../runtime/conditions.js';
import { isObject } from '../runtime/json.js';
import { namespacedName, type KubeObject } from '../runtime/request.js';
import { replicaShape, type RoleName } from './topology.js';
import type { ObservedReplica } from './types.js';

function labelsOf(obj: KubeObject): Record<string, string> {
  const meta = isObject(obj.metadata) ? obj.metadata : {};
  const labels = isObject(meta.labels) ? meta.labels : {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** A replica index label: a non-negative decimal integer, else 0. */
export function parseReplicaIndex(value: string | undefined): number {
  if (value === undefined || !/^(0|[1-9][0-9]{0,8})$/.test(value)) return 0;
  return Number(value);
}

export function observedReplicaFrom(obj: KubeObject): ObservedReplica {
  const { namespace, name } = namespacedName(obj);
  const labels = labelsOf(obj);
  const parsed = modelReplicaSpec.safeParse(obj.spec);
  const rawSpec = isObject(obj.spec) ? obj.spec : {};
  const clusterRef = isObject(rawSpec.inferenceClusterRef) ? rawSpec.inferenceClusterRef.name : undefined;
  const cluster =
    typeof clusterRef === 'string' && clusterRef !== '' ? clusterRef : (labels[LABEL_CLUSTER] ?? '');
  const pools: Partial<Record<RoleName, string>> = {};
  let shape: ObservedReplica['shape'];
  if (parsed.success) {
    const spec = parsed.data;
    if (spec.nodePool !== undefined) pools.unified = spec.nodePool;
    if (spec.decode !== undefined) pools.decode = spec.decode.nodePool;
    if (spec.prefill !== undefined) pools.prefill = spec.prefill.nodePool;
    const s = replicaShape(spec);
    shape = s.ok ? s.value : undefined;
  }
  return {
    namespace,
    name,
    deployment: labels[LABEL_DEPLOYMENT],
    cluster,
    index: parseReplicaIndex(labels[LABEL_REPLICA_INDEX]),
    pools,
    shape,
    ready: isConditionTrue(obj),
  };
}
