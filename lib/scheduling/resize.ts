// A change KServe refuses in place re-places the replica, make-before-break.
//
// KServe v0.20 refuses any update that changes a workload's total parallelism size (the webhook's
// validateImmutableParallelism: data / dataLocal for data parallelism, else pipeline), which is
// exactly the number of nodes one worker spans (topology.ts nodesPerWorker). Re-stamping a kept
// replica with such a change would leave its LLMInferenceService Object Synced=False forever. So a
// replica is kept in place only while each role's nodes per worker is what the deployment asks
// for; otherwise it is "resized" and a new replica of the new shape replaces it. The new one has
// a new name (names.ts replicaName hashes the shape in), so both can exist at once.
//
// Make-before-break: a resized replica that serves is held, unchanged, while fewer than the
// desired number of current-shape replicas are Ready, so traffic moves to the replacement only
// once it serves. Where the cluster's capacity cannot hold both, the old one goes first (the
// caller drops held replicas one at a time until the replacements fit).

import { compareStrings } from '../runtime/request.js';
import type { Demand } from './roles.js';
import { ROLE_ORDER, type ReplicaShape } from './topology.js';
import type { ObservedReplica, Removal } from './types.js';

/**
 * The part of a replica's shape KServe cannot change in place, as it goes into the replica name:
 * "" when every role is on one node (so single-node replicas keep the names they always had),
 * else "<role>:<nodes per worker>" for each role that spans nodes, e.g. "unified:2".
 */
export function shapeKey(shape: ReplicaShape): string {
  return ROLE_ORDER.flatMap((role) => {
    const n = shape.roles[role]?.nodesPerWorker ?? 1;
    return n > 1 ? [`${role}:${n}`] : [];
  }).join(',');
}

/** "unified 1 → 2 nodes per worker" for every role whose size changed, or undefined. */
function sizeChange(replica: ObservedReplica, demand: Demand): string | undefined {
  const changes: string[] = [];
  for (const role of demand.roles) {
    const was = replica.shape?.roles[role.role]?.nodesPerWorker;
    const now = role.shape.nodesPerWorker;
    if (was !== undefined && was !== now) changes.push(`${role.role} ${was} → ${now} nodes per worker`);
  }
  return changes.length > 0 ? changes.join(', ') : undefined;
}

export interface Split {
  /** Kept replicas whose shape KServe can take in place, in the order given. */
  readonly current: readonly ObservedReplica[];
  /** Kept replicas of an older size that serve: held while replacements start, in name order. */
  readonly holdable: readonly ObservedReplica[];
  /** Kept replicas of an older size that do not serve: removed now. */
  readonly removals: readonly Removal[];
  /** Why each resized replica is being replaced, for its removal event. */
  readonly why: ReadonlyMap<ObservedReplica, string>;
}

export function splitResized(kept: readonly ObservedReplica[], demand: Demand): Split {
  const current: ObservedReplica[] = [];
  const holdable: ObservedReplica[] = [];
  const removals: Removal[] = [];
  const why = new Map<ObservedReplica, string>();
  for (const replica of kept) {
    const change = sizeChange(replica, demand);
    if (change === undefined) {
      current.push(replica);
      continue;
    }
    why.set(replica, change);
    if (replica.ready) holdable.push(replica);
    else removals.push(resizedRemoval(replica, change));
  }
  holdable.sort((a, b) => compareStrings(a.name, b.name));
  return { current, holdable, removals, why };
}

export function resizedRemoval(replica: ObservedReplica, change: string): Removal {
  return {
    replica,
    reason: 'Resized',
    message:
      `${replica.name} on ${replica.cluster}: ${change}, which KServe cannot change in place; ` +
      'replaced by a replica of the new shape',
  };
}

/** How many serving resized replicas to hold: until `desired` current-shape replicas are Ready. */
export function holdCount(holdable: number, readyCurrent: number, desired: number): number {
  return Math.min(holdable, Math.max(0, desired - readyCurrent));
}
