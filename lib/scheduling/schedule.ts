// The fleet scheduler, step by step (SPEC 5); the module comment in index.ts explains the whole.

import { CostBudget } from '../cel/index.js';
import { compareStrings } from '../runtime/request.js';
import { acceptsNewReplicas, clusterViews } from './clusters.js';
import { explainShortfall } from './explain.js';
import { fill } from './fill.js';
import { classesByName, FleetLedger } from './ledger.js';
import { PoolFit } from './pool-fit.js';
import { holdCount, resizedRemoval, splitResized } from './resize.js';
import { retain } from './retain.js';
import { deploymentDemand, type Demand } from './roles.js';
import { scaleDown } from './scale-down.js';
import { replicaNodesOn, type RoleName } from './topology.js';
import type { ObservedReplica, Placement, ScheduleInput, ScheduleOutcome } from './types.js';

/** This deployment's replicas: same namespace AND label modelplane.ai/deployment = its name. */
function ownedReplicas(input: ScheduleInput): ObservedReplica[] {
  const { namespace, name } = input.deployment.metadata;
  const owned: ObservedReplica[] = [];
  for (const replica of input.replicas) {
    if (replica.namespace === namespace && replica.deployment === name) owned.push(replica);
  }
  return owned.sort((a, b) => compareStrings(a.name, b.name));
}

/** A kept replica, re-stamped with the current spec: its pools for the current roles, the current shape. */
function retainedPlacement(
  replica: ObservedReplica,
  demand: Demand,
  nodeSize: (pool: string) => number | undefined,
): Placement {
  const pools: Partial<Record<RoleName, string>> = {};
  for (const role of demand.roles) {
    const pool = replica.pools[role.role];
    if (pool !== undefined) pools[role.role] = pool;
  }
  return {
    cluster: replica.cluster,
    index: replica.index,
    pools,
    gpus: demand.shape.gpus,
    nodes: replicaNodesOn(demand.shape, (role) => {
      const pool = pools[role];
      return pool === undefined ? undefined : nodeSize(pool);
    }),
    retained: replica,
  };
}

export function schedule(input: ScheduleInput): ScheduleOutcome {
  const demandResult = deploymentDemand(input.deployment);
  if (!demandResult.ok) return demandResult;
  const demand = demandResult.demand;
  const desired = input.deployment.spec.replicas;
  const warnings = new Set<string>();
  const classes = classesByName(input.classes);
  const fit = new PoolFit(classes, warnings, input.celBudget ?? new CostBudget());

  // 1. Candidates.
  const views = clusterViews(input.clusters, input.deployment);
  const byName = new Map(views.map((v) => [v.name, v]));

  // 2–3. Retain, set aside replicas of an older size (resize.ts), then scale down.
  const owned = ownedReplicas(input);
  const retained = retain(owned, byName, demand, fit);
  const resized = splitResized(retained.kept, demand);
  const scaled = scaleDown(resized.current, desired);
  const readyCurrent = scaled.kept.filter((r) => r.ready).length;

  // 4–5. The ledger (each cluster and pool charged when the fill first looks at it), then fill.
  // Serving replicas of an older size are held while their replacements start, as many as may
  // serve (holdCount): a rolling replacement. Only when holding them leaves no room for even one
  // replacement are the fewest let go that make room for one (break before make). Replacements
  // never take a resized replica's index in the pass that replaces it: a key must not change names.
  const eligible = views.filter(acceptsNewReplicas);
  const wanted = desired - scaled.kept.length;
  const reserved = [...resized.holdable, ...resized.removals.map((r) => r.replica)];
  const attempt = (hold: number) => {
    const held = resized.holdable.slice(0, hold);
    const keep = new Set([...scaled.kept, ...held]);
    const ledgers = new FleetLedger(classes, input.replicas, new Set(owned.filter((r) => !keep.has(r))));
    const placed = fill(wanted, input.deployment, scaled.kept, reserved, eligible, ledgers, demand, fit);
    return { held, ledgers, placed };
  };
  let chosen = attempt(holdCount(resized.holdable.length, readyCurrent, desired));
  for (let hold = chosen.held.length - 1; wanted > 0 && chosen.placed.length === 0 && hold >= 0; hold--) {
    const next = attempt(hold);
    if (next.placed.length > 0) chosen = next;
  }
  const { held, ledgers, placed } = chosen;
  const replaced = resized.holdable
    .slice(held.length)
    .map((r) => resizedRemoval(r, resized.why.get(r) ?? 'its size changed'));

  // 6–7. Explain the shortfall; sort the result.
  const nodeSize = (cluster: string) => (pool: string) => {
    const view = byName.get(cluster);
    return view === undefined ? undefined : ledgers.of(view.cluster).get(pool)?.size;
  };
  const placements = [
    ...scaled.kept.map((r) => retainedPlacement(r, demand, nodeSize(r.cluster))),
    ...placed,
  ].sort((a, b) => compareStrings(a.cluster, b.cluster) || a.index - b.index);
  const shortfall = desired - placements.length;
  const removals = [...retained.removals, ...resized.removals, ...replaced, ...scaled.removals].sort(
    (a, b) =>
      compareStrings(a.replica.name, b.replica.name) || compareStrings(a.replica.cluster, b.replica.cluster),
  );
  return {
    ok: true,
    result: {
      placements,
      removals,
      outgoing: held,
      unschedulable:
        shortfall > 0
          ? { replicas: shortfall, message: explainShortfall(views, ledgers, demand, fit) }
          : undefined,
      candidateClusters: views.filter((v) => v.selected).length,
      warnings: [...warnings].sort(compareStrings),
    },
  };
}
