// Step 6 of SPEC 5: why the remaining replicas cannot be placed, kube-scheduler style. Every
// cluster (candidate or not) gets exactly one reason: the first check it fails, in this order.
//   "didn't match clusterSelector"
//   "not Ready"
//   "had untolerated taint {maintenance: true}"      the first repelling taint; "{key}" without a value
//   "InferenceClass h200-8x not found"                no pool's class resolved ("InferenceClasses a, b not found")
//   "has no node pools"                               (the schema requires one; said rather than crash)
//   "no pool matches nodeSelector"                    prefill/decode: "no pool matches decode nodeSelector"
//   "no pool has 8 GPUs per node (largest 4)"         prefill/decode: "... per node for decode (largest 4)"
//   "no pool fits worker resources (cpu 32, memory 256Gi)"   prefill/decode: "no pool fits decode worker resources (...)"
//   "insufficient capacity (pool h200: needs 2 nodes with 8 free GPUs, has 1)"
// The pool checks are a pipeline (class, nodeSelector, GPUs per node, resources) and a cluster is
// described by the furthest any of its pools got ("largest" is over the pools the nodeSelector
// matched); for prefill/decode the decode role is checked first.
//
// Capacity lists every pool that passed the pipeline, in nodePools order, joined by "; ":
// "insufficient capacity (pool a: needs 1 node with 8 free GPUs, has 0; pool b: ...)". "needs N
// nodes" is workers × nodes per worker and "has H" is what the pool can offer the role
// (ledger.roomFor: with one worker, its nodes with enough free GPUs). For prefill/decode, the
// roles that fit no pool on their own are listed with a role prefix ("decode pool a: ..."); when
// each role fits alone but no pair of pools holds both, both roles are listed after "decode and
// prefill do not fit together: ". In the rare case where a unified pool has the room but the
// replica cannot be charged at its place in (namespace, name) order without leaving another
// replica short (ledger.ts), the pool's entry ends with " (fragmented)".
//
// The message counts the clusters per reason, sorted by reason text:
//   "0/5 clusters available: 1 didn't match clusterSelector, 1 had untolerated taint {maintenance: true},
//    2 insufficient capacity (pool h200: needs 2 nodes with 8 free GPUs, has 1), 1 not Ready"
// With no InferenceCluster at all: "0/0 clusters available: no InferenceClusters exist".

import { compareStrings } from '../runtime/request.js';
import type { ClusterView } from './clusters.js';
import { roomFor, type ClusterLedger, type FleetLedger } from './ledger.js';
import { FitStage, type PoolFit } from './pool-fit.js';
import type { Demand, RoleDemand } from './roles.js';
import { describeTaint } from './taints.js';
import { needsNodes, poolLabel, roleSuffix, workerResources } from './text.js';

/** The static (capacity-blind) reason no pool of the cluster can host the role, if there is one. */
function poolReason(view: ClusterView, role: RoleDemand, fit: PoolFit): string | undefined {
  const pools = view.cluster.spec.nodePools;
  if (pools.length === 0) return 'has no node pools';
  const stages = pools.map((pool) => fit.stage(role, pool));
  const furthest = Math.max(...stages);
  switch (furthest) {
    case FitStage.Fits:
      return undefined;
    case FitStage.ClassMissing: {
      const missing = [...new Set(pools.map((p) => p.class))].sort(compareStrings);
      return `${missing.length === 1 ? 'InferenceClass' : 'InferenceClasses'} ${missing.join(', ')} not found`;
    }
    case FitStage.SelectorMismatch:
      return `no pool matches${roleSuffix(role.role)} nodeSelector`;
    case FitStage.TooFewGpus: {
      let largest = 0;
      pools.forEach((pool, i) => {
        if ((stages[i] ?? 0) >= FitStage.TooFewGpus) {
          largest = Math.max(largest, fit.classOf(pool)?.spec.resources.gpu.count ?? 0);
        }
      });
      const forRole = role.role === 'unified' ? '' : ` for ${role.role}`;
      return `no pool has ${role.shape.gpusPerNode} GPUs per node${forRole} (largest ${largest})`;
    }
    default:
      return `no pool fits ${workerResources(role.role, role.resources)}`;
  }
}

interface PoolRoom {
  readonly text: string;
  readonly enough: boolean;
}

function capacityOf(
  view: ClusterView,
  ledger: ClusterLedger | undefined,
  role: RoleDemand,
  fit: PoolFit,
): PoolRoom[] {
  const { workers, nodesPerWorker, gpusPerNode } = role.shape;
  const needed = workers * nodesPerWorker;
  const out: PoolRoom[] = [];
  for (const pool of view.cluster.spec.nodePools) {
    if (!fit.fits(role, pool)) continue;
    const poolLedger = ledger?.get(pool.name);
    const has = poolLedger === undefined ? 0 : roomFor(poolLedger.nodes, gpusPerNode, workers);
    out.push({
      text: `${poolLabel(role.role, pool.name)}: ${needsNodes(needed, gpusPerNode, has)}`,
      enough: has >= needed,
    });
  }
  return out;
}

function capacityReason(
  view: ClusterView,
  ledger: ClusterLedger | undefined,
  demand: Demand,
  fit: PoolFit,
): string {
  const byRole = demand.roles.map((role) => capacityOf(view, ledger, role, fit));
  const list = (rooms: readonly PoolRoom[], marked: boolean) =>
    rooms.map((r) => (marked && r.enough ? `${r.text} (fragmented)` : r.text)).join('; ');
  const short = byRole.filter((rooms) => !rooms.some((r) => r.enough));
  if (short.length > 0) return `insufficient capacity (${list(short.flat(), false)})`;
  // Every role has the room on its own. One role: it is there, but charging the replica at its
  // place in (namespace, name) order would leave another replica short (ledger.ts).
  if (byRole.length === 1) return `insufficient capacity (${list(byRole.flat(), true)})`;
  const roles = demand.roles.map((r) => r.role).join(' and ');
  return `insufficient capacity (${roles} do not fit together: ${list(byRole.flat(), false)})`;
}

function clusterReason(view: ClusterView, ledgers: FleetLedger, demand: Demand, fit: PoolFit): string {
  if (!view.selected) return "didn't match clusterSelector";
  if (!view.ready) return 'not Ready';
  if (view.repelling !== undefined) return `had untolerated taint ${describeTaint(view.repelling)}`;
  for (const role of demand.roles) {
    const reason = poolReason(view, role, fit);
    if (reason !== undefined) return reason;
  }
  // Every check above passed, so the cluster accepts new replicas and the fill visited it.
  return capacityReason(view, ledgers.of(view.cluster), demand, fit);
}

/** The kube-scheduler style message for a shortfall, over every cluster. */
export function explainShortfall(
  views: readonly ClusterView[],
  ledgers: FleetLedger,
  demand: Demand,
  fit: PoolFit,
): string {
  if (views.length === 0) return '0/0 clusters available: no InferenceClusters exist';
  const counts = new Map<string, number>();
  for (const view of views) {
    const reason = clusterReason(view, ledgers, demand, fit);
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  const reasons = [...counts.keys()].sort(compareStrings).map((r) => `${counts.get(r) ?? 0} ${r}`);
  return `0/${views.length} clusters available: ${reasons.join(', ')}`;
}
