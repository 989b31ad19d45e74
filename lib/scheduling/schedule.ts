// The fleet scheduler, step by step (SPEC 5); the module comment in index.ts explains the whole.

import { CostBudget } from '../cel/index.js';
import { compareStrings } from '../runtime/request.js';
import { acceptsNewReplicas, clusterViews } from './clusters.js';
import { explainShortfall } from './explain.js';
import { fill } from './fill.js';
import { classesByName, FleetLedger } from './ledger.js';
import { PoolFit } from './pool-fit.js';
import { retain } from './retain.js';
import { deploymentDemand, type Demand } from './roles.js';
import { scaleDown } from './scale-down.js';
import type { RoleName } from './topology.js';
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
function retainedPlacement(replica: ObservedReplica, demand: Demand): Placement {
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
    nodes: demand.shape.nodes,
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

  // 2–3. Retain, then scale down.
  const owned = ownedReplicas(input);
  const retained = retain(owned, byName, demand, fit);
  const scaled = scaleDown(retained.kept, desired);
  const kept = new Set(scaled.kept);
  const dropped = new Set(owned.filter((r) => !kept.has(r)));

  // 4–5. The ledger (each cluster and pool charged when the fill first looks at it), then fill.
  const eligible = views.filter(acceptsNewReplicas);
  const ledgers = new FleetLedger(classes, input.replicas, dropped);
  const placed = fill(
    desired - scaled.kept.length,
    input.deployment,
    scaled.kept,
    eligible,
    ledgers,
    demand,
    fit,
  );

  // 6–7. Explain the shortfall; sort the result.
  const placements = [...scaled.kept.map((r) => retainedPlacement(r, demand)), ...placed].sort(
    (a, b) => compareStrings(a.cluster, b.cluster) || a.index - b.index,
  );
  const shortfall = desired - placements.length;
  const removals = [...retained.removals, ...scaled.removals].sort(
    (a, b) =>
      compareStrings(a.replica.name, b.replica.name) || compareStrings(a.replica.cluster, b.replica.cluster),
  );
  return {
    ok: true,
    result: {
      placements,
      removals,
      unschedulable:
        shortfall > 0
          ? { replicas: shortfall, message: explainShortfall(views, ledgers, demand, fit) }
          : undefined,
      candidateClusters: views.filter((v) => v.selected).length,
      warnings: [...warnings].sort(compareStrings),
    },
  };
}
