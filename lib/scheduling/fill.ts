// Step 5 of SPEC 5: place new replicas until the desired count is reached or nothing fits.
//
// A replica is whole on one cluster. Unified: the first pool (nodePools order) that fits the role
// and has the capacity. Disaggregated: the first (decode pool, prefill pool) pair in pool order
// that fits both roles jointly on the cluster's ledger — one pool may hold both when its capacity
// covers both. Among the clusters where the replica fits, the one with the fewest replicas of this
// deployment wins, ties broken by name: spread first, pack only when every cluster has its share.
//
// A new replica is charged at its place in (namespace, name) order — it is named before it is
// placed: replicaName(namespace, deployment, cluster, lowest free index, shape key) — so the ledger
// it was placed on is exactly the ledger the next reconcile rebuilds from the ModelReplicas
// (ledger.ts). Replicas of an older size that are being replaced (resize.ts) keep their indices
// in this pass, which new replicas skip.

import type { ModelDeployment } from '../apis/index.js';
import { replicaName } from '../names.js';
import { compareStrings } from '../runtime/request.js';
import type { ClusterView } from './clusters.js';
import { MinHeap } from './heap.js';
import type { ClusterLedger, FleetLedger, PoolLedger } from './ledger.js';
import type { PoolFit } from './pool-fit.js';
import { shapeKey } from './resize.js';
import type { Demand, RoleDemand } from './roles.js';
import { replicaNodesOn, type RoleName } from './topology.js';
import type { ObservedReplica, Placement, RolePools } from './types.js';

/** [pool, ledger after charging] for each pool a replica uses (one pool may hold two roles). */
type Charged = readonly (readonly [pool: string, ledger: PoolLedger])[];

/** A way to place one replica on a cluster: its index, its pools and their ledgers after it. */
export interface Trial {
  readonly index: number;
  readonly pools: RolePools;
  readonly after: Charged;
}

/** The ledger of `pool` with this replica's earlier roles charged. */
function current(ledger: ClusterLedger, charged: Charged, pool: string): PoolLedger | undefined {
  for (const [name, poolLedger] of charged) if (name === pool) return poolLedger;
  return ledger.get(pool);
}

/** Roles from `r` on: the first pools (in nodePools order, depth first) that take them all. */
function placeFrom(
  view: ClusterView,
  ledger: ClusterLedger,
  roles: readonly RoleDemand[],
  r: number,
  fit: PoolFit,
  replica: { readonly namespace: string; readonly name: string },
  charged: Charged,
  chosen: string[],
): Charged | undefined {
  const role = roles[r];
  if (role === undefined) return charged;
  for (const pool of view.cluster.spec.nodePools) {
    if (!fit.fits(role, pool)) continue;
    const next = current(ledger, charged, pool.name)?.withCharge({ ...replica, shape: role.shape });
    if (next === undefined) continue;
    chosen[r] = pool.name;
    const rest = charged.filter(([name]) => name !== pool.name);
    const done = placeFrom(view, ledger, roles, r + 1, fit, replica, [...rest, [pool.name, next]], chosen);
    if (done !== undefined) return done;
  }
  return undefined;
}

/**
 * The first way (in pool order, roles in demand order) to fit one whole replica on the cluster at
 * `index`, charged as the replica the deployment will write there.
 */
export function tryPlace(
  view: ClusterView,
  ledger: ClusterLedger,
  demand: Demand,
  fit: PoolFit,
  deployment: ModelDeployment,
  index: number,
): Trial | undefined {
  const { namespace, name } = deployment.metadata;
  const replica = { namespace, name: replicaName(namespace, name, view.name, index, shapeKey(demand.shape)) };
  const chosen: string[] = [];
  const after = placeFrom(view, ledger, demand.roles, 0, fit, replica, [], chosen);
  if (after === undefined) return undefined;
  const pools: Partial<Record<RoleName, string>> = {};
  demand.roles.forEach((role, i) => {
    const pool = chosen[i];
    if (pool !== undefined) pools[role.role] = pool;
  });
  return { index, pools, after };
}

interface Entry {
  readonly view: ClusterView;
  readonly load: number;
}

function lowestFreeIndex(used: ReadonlySet<number> | undefined): number {
  let i = 0;
  while (used?.has(i) === true) i++;
  return i;
}

/**
 * New placements for `wanted` more replicas on the `eligible` clusters. `ledgers` gives a
 * cluster's ledger (built on first use) and is charged in place as replicas are placed. `kept`
 * count towards each cluster's load and hold their indices; `reserved` only hold their indices.
 *
 * Clusters are visited in (load, name) order and a cluster's fit is decided only when it is the
 * least-loaded one left: if the replica fits there, it is placed and the cluster goes back with
 * one more replica; if not, the cluster can never fit again in this pass (only placing on it
 * changes its ledger) and is dropped. So the winner is always the least-loaded fitting cluster,
 * and a pass decides at most (placements + clusters) fits and builds only the ledgers it visits.
 */
export function fill(
  wanted: number,
  deployment: ModelDeployment,
  kept: readonly ObservedReplica[],
  reserved: readonly ObservedReplica[],
  eligible: readonly ClusterView[],
  ledgers: FleetLedger,
  demand: Demand,
  fit: PoolFit,
): Placement[] {
  if (wanted <= 0) return [];
  const load = new Map<string, number>();
  const used = new Map<string, Set<number>>();
  for (const replica of kept) load.set(replica.cluster, (load.get(replica.cluster) ?? 0) + 1);
  for (const replica of [...kept, ...reserved]) {
    const indices = used.get(replica.cluster) ?? new Set<number>();
    indices.add(replica.index);
    used.set(replica.cluster, indices);
  }
  const heap = new MinHeap<Entry>(
    (a, b) => a.load < b.load || (a.load === b.load && compareStrings(a.view.name, b.view.name) < 0),
  );
  for (const view of eligible) heap.push({ view, load: load.get(view.name) ?? 0 });
  const placed: Placement[] = [];
  while (placed.length < wanted) {
    const best = heap.pop();
    if (best === undefined) break;
    const { view } = best;
    const ledger = ledgers.of(view.cluster);
    const indices = used.get(view.name) ?? new Set<number>();
    const trial = tryPlace(view, ledger, demand, fit, deployment, lowestFreeIndex(indices));
    if (trial === undefined) continue;
    for (const [pool, poolLedger] of trial.after) ledger.set(pool, poolLedger);
    indices.add(trial.index);
    used.set(view.name, indices);
    placed.push({
      cluster: view.name,
      index: trial.index,
      pools: trial.pools,
      gpus: demand.shape.gpus,
      nodes: replicaNodesOn(demand.shape, (role) => {
        const pool = trial.pools[role];
        return pool === undefined ? undefined : ledger.get(pool)?.size;
      }),
      retained: undefined,
    });
    heap.push({ view, load: best.load + 1 });
  }
  return placed;
}
