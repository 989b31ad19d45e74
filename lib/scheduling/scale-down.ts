// Step 3 of SPEC 5: while more replicas are retained than desired, remove the one that maximises
// (this deployment's replicas on its cluster, cluster name, index): the most-loaded cluster first,
// then the later cluster name, then the highest index. Survivors never move.
//
// Within one cluster the victim is always the highest index, so each cluster's replicas are kept
// sorted by index and only the clusters are compared: O(clusters) per removal.

import { compareStrings } from '../runtime/request.js';
import { count } from './text.js';
import type { ObservedReplica, Removal } from './types.js';

export interface ScaledDown {
  readonly kept: readonly ObservedReplica[];
  readonly removals: readonly Removal[];
}

export function scaleDown(retained: readonly ObservedReplica[], desired: number): ScaledDown {
  if (retained.length <= desired) return { kept: retained, removals: [] };
  const byCluster = new Map<string, ObservedReplica[]>();
  for (const replica of retained) {
    const list = byCluster.get(replica.cluster) ?? [];
    list.push(replica);
    byCluster.set(replica.cluster, list);
  }
  for (const list of byCluster.values()) list.sort((a, b) => a.index - b.index);
  const removed = new Set<ObservedReplica>();
  const message = `scaled down to ${count(desired, 'replica')}`;
  const removals: Removal[] = [];
  for (let n = retained.length; n > desired; n--) {
    let victimCluster: string | undefined;
    let victimLoad = -1;
    for (const [cluster, list] of byCluster) {
      const load = list.length;
      if (
        load > victimLoad ||
        (load === victimLoad && victimCluster !== undefined && compareStrings(cluster, victimCluster) > 0)
      ) {
        victimCluster = cluster;
        victimLoad = load;
      }
    }
    if (victimCluster === undefined) break; // unreachable: n > desired ≥ 0 means a replica is left
    const list = byCluster.get(victimCluster) ?? [];
    const victim = list.pop();
    if (victim === undefined) break;
    if (list.length === 0) byCluster.delete(victimCluster);
    removed.add(victim);
    removals.push({
      replica: victim,
      reason: 'ScaledDown',
      message: `${victim.name} on ${victim.cluster}: ${message}`,
    });
  }
  return { kept: retained.filter((r) => !removed.has(r)), removals };
}
