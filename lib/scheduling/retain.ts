// Step 2 of SPEC 5: keep this deployment's replicas where they are (sticky placement). A replica is
// retained, in name order, when its cluster is still a candidate, no untolerated NoExecute taint
// drains it, every role's stamped pool still exists and still fits the role (capacity is not
// rechecked: a running replica is never evicted because the cluster got fuller), and no replica
// before it already holds the same (cluster, index). Readiness and NoSchedule taints do not
// matter here: they only keep NEW replicas off.

import type { InferenceCluster } from '../apis/index.js';
import type { ClusterView } from './clusters.js';
import { FitStage, type PoolFit } from './pool-fit.js';
import type { Demand, RoleDemand } from './roles.js';
import { describeTaint } from './taints.js';
import { poolLabel, workerResources } from './text.js';
import type { ObservedReplica, Removal, RemovalReason } from './types.js';

export interface Retained {
  /** Kept replicas, sorted by name. */
  readonly kept: readonly ObservedReplica[];
  readonly removals: readonly Removal[];
}

function removal(replica: ObservedReplica, reason: RemovalReason, why: string): Removal {
  const where = replica.cluster === '' ? replica.name : `${replica.name} on ${replica.cluster}`;
  return { replica, reason, message: `${where}: ${why}` };
}

function servingMode(pools: ObservedReplica['pools']): string | undefined {
  if (pools.unified !== undefined) return 'unified';
  if (pools.decode !== undefined || pools.prefill !== undefined) return 'prefill/decode';
  return undefined;
}

/** Why a role's stamped pool no longer holds the role, or undefined when it still does. */
function poolProblem(
  replica: ObservedReplica,
  cluster: InferenceCluster,
  role: RoleDemand,
  fit: PoolFit,
): string | undefined {
  const poolName = replica.pools[role.role];
  if (poolName === undefined) {
    const was = servingMode(replica.pools);
    const now = role.role === 'unified' ? 'unified' : 'prefill/decode';
    return was === undefined
      ? 'records no node pool'
      : `was placed for ${was} serving; the deployment is now ${now}`;
  }
  const label = poolLabel(role.role, poolName);
  const pool = cluster.spec.nodePools.find((p) => p.name === poolName);
  if (pool === undefined) return `${label} no longer exists`;
  switch (fit.retainStage(role, pool)) {
    case FitStage.ClassMissing:
      return `${label}: InferenceClass ${pool.class} not found`;
    case FitStage.SelectorMismatch:
      return `${label} no longer matches nodeSelector`;
    case FitStage.TooFewGpus:
      return `${label} has ${fit.classOf(pool)?.spec.resources.gpu.count ?? 0} GPUs per node, needs ${role.shape.gpusPerNode}`;
    case FitStage.TooSmall:
      return `${label} no longer fits ${workerResources(role.role, role.resources)}`;
    case FitStage.Fits:
      return undefined;
  }
}

/** `owned` must be this deployment's replicas sorted by name; `clusters` every cluster by name. */
export function retain(
  owned: readonly ObservedReplica[],
  clusters: ReadonlyMap<string, ClusterView>,
  demand: Demand,
  fit: PoolFit,
): Retained {
  const kept: ObservedReplica[] = [];
  const removals: Removal[] = [];
  const holders = new Map<string, ObservedReplica>();
  for (const replica of owned) {
    const view = clusters.get(replica.cluster);
    if (view === undefined) {
      const why =
        replica.cluster === ''
          ? 'names no InferenceCluster'
          : `InferenceCluster ${replica.cluster} not found`;
      removals.push(removal(replica, 'ClusterNotSelected', why));
      continue;
    }
    if (!view.selected) {
      removals.push(removal(replica, 'ClusterNotSelected', `${view.name} no longer matches clusterSelector`));
      continue;
    }
    if (view.draining !== undefined) {
      removals.push(
        removal(replica, 'Drained', `untolerated NoExecute taint ${describeTaint(view.draining)}`),
      );
      continue;
    }
    const problem = demand.roles
      .map((role) => poolProblem(replica, view.cluster, role, fit))
      .find((p) => p !== undefined);
    if (problem !== undefined) {
      removals.push(removal(replica, 'PoolChanged', problem));
      continue;
    }
    const identity = `${replica.cluster}\u0000${replica.index}`;
    const holder = holders.get(identity);
    if (holder !== undefined) {
      removals.push(
        removal(replica, 'Duplicate', `replica index ${replica.index} is already held by ${holder.name}`),
      );
      continue;
    }
    holders.set(identity, replica);
    kept.push(replica);
  }
  return { kept, removals };
}
