// The GPU-granular capacity ledger (SPEC section 5). Each (cluster, pool) is `nodes` nodes with
// the class's gpu.count GPUs each; a worker takes `nodesPerWorker` DISTINCT nodes with at least
// `gpusPerNode` free GPUs each and subtracts `gpusPerNode` from each. Small workers therefore
// share a node (four tensor=2 workers fill one 8-GPU node) instead of each stranding a whole node,
// which is what upstream's node-granular charging did.
//
// Representation: every node of a pool has the same size, so nodes with the same free count are
// interchangeable and a pool is stored as `byFree[f]` = how many nodes have exactly f free GPUs.
// That is the same ledger as "a list of nodes ordered by (free GPUs, node index)" — the index only
// breaks ties between identical nodes — at O(gpu.count) per operation instead of O(nodes).
//
// Choosing nodes for one worker: best-fit (fewest free GPUs first), which keeps whole nodes whole
// for big workers. A role with several multi-node workers can be feasible while best-fit for the
// first worker makes the rest infeasible; then that worker takes the nodes with the most free GPUs
// instead (the Gale–Ryser construction, which never loses feasibility). So a role fits exactly when
// `roomFor(pool, g, workers) >= workers × nodesPerWorker` (see `roomFor`).
//
// Order: a pool's replicas are charged in (namespace, name) order, new ones included at their own
// place (PoolLedger), so the ledger depends only on which replicas exist.

import type { InferenceClass, InferenceCluster, NodePool } from '../apis/index.js';
import { ROLE_ORDER, type RoleShape } from './topology.js';
import type { ObservedReplica } from './types.js';

/** One (cluster, pool): byFree[f] = number of nodes with exactly f free GPUs (0 ≤ f ≤ size). */
export interface PoolNodes {
  /** GPUs on each node of the pool (the class's gpu.count). */
  readonly size: number;
  readonly byFree: number[];
}

/** The scheduling ceiling of a pool: maxNodeCount when set (autoscaled), else nodeCount. */
export function poolNodeCount(pool: NodePool): number {
  return pool.maxNodeCount ?? pool.nodeCount;
}

export function emptyPool(nodes: number, size: number): PoolNodes {
  const byFree = new Array<number>(size + 1).fill(0);
  byFree[size] = Math.max(0, nodes);
  return { size, byFree };
}

export function copyPool(pool: PoolNodes): PoolNodes {
  return { size: pool.size, byFree: pool.byFree.slice() };
}

/** The free GPUs of every node, ascending: the ledger as a list, for status and for tests. */
export function freeGpusPerNode(pool: PoolNodes): number[] {
  const out: number[] = [];
  pool.byFree.forEach((count, free) => {
    for (let i = 0; i < count; i++) out.push(free);
  });
  return out;
}

export function freeGpus(pool: PoolNodes): number {
  let sum = 0;
  pool.byFree.forEach((count, free) => (sum += count * free));
  return sum;
}

function at(byFree: readonly number[], free: number): number {
  return byFree[free] ?? 0;
}

/**
 * How many (worker, node) slots with `gpusPerNode` free GPUs the pool offers to `workers` workers:
 * Σ over nodes of min(⌊free / gpusPerNode⌋, workers) — a node can host several workers' slices but
 * at most one per worker. A role fits exactly when this is ≥ workers × nodesPerWorker. With one
 * worker it is simply the number of nodes with at least `gpusPerNode` free GPUs.
 */
export function roomFor(pool: PoolNodes, gpusPerNode: number, workers: number): number {
  if (gpusPerNode > pool.size || workers <= 0) return 0;
  let room = 0;
  for (let free = gpusPerNode; free <= pool.size; free++) {
    room += at(pool.byFree, free) * Math.min(Math.floor(free / gpusPerNode), workers);
  }
  return room;
}

/** Nodes taken for one worker: [free GPUs before, how many nodes at that level]. */
type Take = readonly [free: number, count: number];

function takeBestFit(byFree: readonly number[], g: number, want: number): Take[] {
  const takes: Take[] = [];
  for (let free = g; free < byFree.length && want > 0; free++) {
    const n = Math.min(at(byFree, free), want);
    if (n > 0) takes.push([free, n]);
    want -= n;
  }
  return takes;
}

function takeLargestFirst(byFree: readonly number[], g: number, want: number): Take[] {
  const takes: Take[] = [];
  for (let free = byFree.length - 1; free >= g && want > 0; free--) {
    const n = Math.min(at(byFree, free), want);
    if (n > 0) takes.push([free, n]);
    want -= n;
  }
  return takes;
}

function taken(takes: readonly Take[]): number {
  return takes.reduce((sum, [, n]) => sum + n, 0);
}

/** Subtracts `g` from every taken node, never below zero; returns the GPUs that were not there. */
function apply(byFree: number[], takes: readonly Take[], g: number): number {
  let missing = 0;
  for (const [free, n] of takes) byFree[free] = at(byFree, free) - n;
  for (const [free, n] of takes) {
    const after = Math.max(0, free - g);
    missing += n * Math.max(0, g - free);
    byFree[after] = at(byFree, after) + n;
  }
  return missing;
}

/** Places one worker; `rest` workers of the same role still follow. False when it cannot fit. */
function placeWorker(pool: PoolNodes, role: RoleShape, rest: number): boolean {
  const g = role.gpusPerNode;
  const p = role.nodesPerWorker;
  if (p === 1) return placeOnOneNode(pool.byFree, g);
  const best = takeBestFit(pool.byFree, g, p);
  if (taken(best) < p) return false;
  // (With one node per worker, best-fit never strands the rest: any node with room serves any worker.)
  if (rest > 0) {
    const trial = copyPool(pool);
    apply(trial.byFree, best, g);
    if (roomFor(trial, g, rest) < rest * p) {
      apply(pool.byFree, takeLargestFirst(pool.byFree, g, p), g);
      return true;
    }
  }
  apply(pool.byFree, best, g);
  return true;
}

/** The common one-node worker, without allocating: the best-fit node loses `g` GPUs. */
function placeOnOneNode(byFree: number[], g: number): boolean {
  for (let free = g; free < byFree.length; free++) {
    const n = byFree[free] ?? 0;
    if (n === 0) continue;
    byFree[free] = n - 1;
    byFree[free - g] = (byFree[free - g] ?? 0) + 1;
    return true;
  }
  return false;
}

/**
 * Places every worker of a role on a copy of the pool: the new pool state, or undefined when the
 * role does not fit (the input is never changed).
 */
export function placeRole(pool: PoolNodes, role: RoleShape): PoolNodes | undefined {
  if (role.gpusPerNode > pool.size) return undefined;
  if (roomFor(pool, role.gpusPerNode, role.workers) < role.workers * role.nodesPerWorker) return undefined;
  const next = copyPool(pool);
  for (let w = 0; w < role.workers; w++) {
    if (!placeWorker(next, role, role.workers - w - 1)) return undefined; // unreachable: room was checked
  }
  return next;
}

/**
 * Charges a role to the pool in place and returns the GPUs it could not be given (0 when it fits).
 * Where it no longer fits (the pool shrank or its class changed), each worker takes what is there:
 * its nodes with enough free GPUs, then the fullest remaining nodes, emptied. Free GPUs never go
 * below zero.
 */
export function chargeRole(pool: PoolNodes, role: RoleShape): number {
  const g = Math.min(role.gpusPerNode, pool.size);
  let missing = 0;
  for (let w = 0; w < role.workers; w++) {
    if (g === role.gpusPerNode && placeWorker(pool, role, role.workers - w - 1)) continue;
    const fits = takeBestFit(pool.byFree, g, role.nodesPerWorker);
    const rest = takeLargestFirst(pool.byFree.slice(0, g), 0, role.nodesPerWorker - taken(fits));
    missing += apply(pool.byFree, [...fits, ...rest], role.gpusPerNode);
    missing += (role.nodesPerWorker - taken(fits) - taken(rest)) * role.gpusPerNode;
  }
  return missing;
}

/** One role of one replica, charged on a pool; charges are ordered by (namespace, name). */
export interface PoolCharge {
  readonly namespace: string;
  readonly name: string;
  readonly shape: RoleShape;
}

/** (namespace, name) order, by code points. */
export function compareCharges(a: PoolCharge, b: PoolCharge): number {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * A pool's ledger, defined as a function of the SET of replicas on it: its empty nodes, charged
 * with every role placed on it in (namespace, name) order. Because the order is canonical, the
 * ledger the next reconcile rebuilds from the ModelReplicas is exactly the ledger this one decided
 * on, so a placement that fitted still fits and a pool that was full is still full (idempotence).
 * A new replica is therefore charged at its place in that order, not appended, and it fits only
 * when every replica on the pool is still given all of its GPUs.
 */
export class PoolLedger {
  private constructor(
    readonly nodeCount: number,
    readonly size: number,
    private readonly charges: readonly PoolCharge[],
    /** GPUs each charge could not be given (pre-existing overcommit), aligned with `charges`. */
    private readonly missing: readonly number[],
    readonly nodes: PoolNodes,
  ) {}

  /** The ledger of `charges`, which it sorts in place (the caller's own array, usually in order already). */
  static of(nodeCount: number, size: number, charges: PoolCharge[]): PoolLedger {
    // Array.prototype.sort is stable: the roles of one replica keep their ROLE_ORDER.
    if (!isSorted(charges)) charges.sort(compareCharges);
    return PoolLedger.charged(nodeCount, size, charges);
  }

  private static charged(nodeCount: number, size: number, charges: readonly PoolCharge[]): PoolLedger {
    const nodes = emptyPool(nodeCount, size);
    const missing = charges.map((c) => chargeRole(nodes, c.shape));
    return new PoolLedger(nodeCount, size, charges, missing, nodes);
  }

  get freeGpus(): number {
    return freeGpus(this.nodes);
  }

  /**
   * This ledger with one more role charged at its place in (namespace, name) order (after any
   * role of the same replica), or undefined when that leaves the new role or any existing one
   * short of GPUs it had.
   */
  withCharge(charge: PoolCharge): PoolLedger | undefined {
    const { shape } = charge;
    if (shape.gpusPerNode > this.size || this.freeGpus < shape.gpus) return undefined;
    let at = this.charges.length;
    while (at > 0 && compareCharges(this.charges[at - 1] ?? charge, charge) > 0) at--;
    if (at === this.charges.length) {
      // Appended: the charges before it are untouched, so only the new role needs checking.
      const nodes = placeRole(this.nodes, shape);
      if (nodes === undefined) return undefined;
      return new PoolLedger(
        this.nodeCount,
        this.size,
        [...this.charges, charge],
        [...this.missing, 0],
        nodes,
      );
    }
    const charges = [...this.charges.slice(0, at), charge, ...this.charges.slice(at)];
    const next = PoolLedger.charged(this.nodeCount, this.size, charges);
    const before = [...this.missing.slice(0, at), 0, ...this.missing.slice(at)];
    return next.missing.every((m, i) => m <= (before[i] ?? 0)) ? next : undefined;
  }
}

function isSorted(charges: readonly PoolCharge[]): boolean {
  for (let i = 1; i < charges.length; i++) {
    if (compareCharges(charges[i - 1] ?? (charges[i] as PoolCharge), charges[i] as PoolCharge) > 0)
      return false;
  }
  return true;
}

/**
 * A cluster's pool ledgers, each built on first use from the replicas given (those pinned to
 * other clusters, or to pools that do not exist, charge nothing): unified serving usually looks at
 * one pool of a cluster, so the others are never charged. Only pools whose class resolved have a
 * ledger; the first pool of a duplicated name wins.
 */
export class ClusterLedger {
  private readonly pools = new Map<string, PoolLedger | null>();

  constructor(
    private readonly cluster: InferenceCluster,
    private readonly classes: ReadonlyMap<string, InferenceClass>,
    private readonly replicas: readonly ObservedReplica[],
    /** Replicas not to charge: the ones a scheduling pass drops. */
    private readonly dropped: ReadonlySet<ObservedReplica> = new Set(),
  ) {}

  get(poolName: string): PoolLedger | undefined {
    let ledger = this.pools.get(poolName);
    if (ledger === undefined) {
      ledger = this.build(poolName) ?? null;
      this.pools.set(poolName, ledger);
    }
    return ledger ?? undefined;
  }

  /** Replaces a pool's ledger with one charged with a new replica. */
  set(poolName: string, ledger: PoolLedger): void {
    this.pools.set(poolName, ledger);
  }

  private build(poolName: string): PoolLedger | undefined {
    const pool = this.cluster.spec.nodePools.find((p) => p.name === poolName);
    const cls = pool && this.classes.get(pool.class);
    if (pool === undefined || cls === undefined) return undefined;
    const charges: PoolCharge[] = [];
    for (const replica of this.replicas) {
      const shape = replica.shape;
      if (replica.cluster !== this.cluster.metadata.name || shape === undefined) continue;
      if (this.dropped.has(replica)) continue;
      for (const role of ROLE_ORDER) {
        const roleShape = shape.roles[role];
        if (roleShape !== undefined && replica.pools[role] === poolName) {
          charges.push({ namespace: replica.namespace, name: replica.name, shape: roleShape });
        }
      }
    }
    return PoolLedger.of(poolNodeCount(pool), cls.spec.resources.gpu.count, charges);
  }
}

/**
 * The ledgers of a whole fleet, each cluster's built on first use: a pass that places 10 replicas
 * on a 1,000-cluster fleet charges the replicas of the clusters it visits, not all of them, and a
 * pass that places nothing (the usual reconcile) does not even group the replicas by cluster.
 * `dropped` are the replicas not to charge.
 */
export class FleetLedger {
  private readonly built = new Map<string, ClusterLedger>();
  private byCluster: Map<string, ObservedReplica[]> | undefined;

  constructor(
    private readonly classes: ReadonlyMap<string, InferenceClass>,
    private readonly replicas: readonly ObservedReplica[],
    private readonly dropped: ReadonlySet<ObservedReplica>,
  ) {}

  of(cluster: InferenceCluster): ClusterLedger {
    const name = cluster.metadata.name;
    let ledger = this.built.get(name);
    if (ledger === undefined) {
      const replicas = this.grouped().get(name) ?? [];
      ledger = new ClusterLedger(cluster, this.classes, replicas, this.dropped);
      this.built.set(name, ledger);
    }
    return ledger;
  }

  private grouped(): Map<string, ObservedReplica[]> {
    if (this.byCluster === undefined) {
      this.byCluster = new Map();
      for (const replica of this.replicas) {
        const list = this.byCluster.get(replica.cluster);
        if (list === undefined) this.byCluster.set(replica.cluster, [replica]);
        else list.push(replica);
      }
    }
    return this.byCluster;
  }
}

/** InferenceClasses by name (the first of any duplicate name, in input order). */
export function classesByName(classes: readonly InferenceClass[]): Map<string, InferenceClass> {
  const byName = new Map<string, InferenceClass>();
  for (const cls of classes) if (!byName.has(cls.metadata.name)) byName.set(cls.metadata.name, cls);
  return byName;
}

/** One GPU pool's figures, shaped like InferenceCluster status.capacity.gpuPools[]. */
export interface GpuPoolCapacity {
  readonly name: string;
  readonly class: string;
  readonly gpusPerNode: number;
  readonly gpuMemory: string;
  readonly nodes: number;
  readonly gpus: number;
  readonly allocatedGpus: number;
  readonly freeGpus: number;
}

/**
 * The capacity figures of a cluster's GPU pools, computed with the scheduler's own ledger so the
 * cluster's status and the scheduler never disagree. One entry per pool whose class resolved, in
 * nodePools order. `replicas` may be every ModelReplica: only those pinned to this cluster (by
 * spec.inferenceClusterRef, else label modelplane.ai/cluster) are charged, each with its own
 * stamped topology, in (namespace, name) order. `allocatedGpus` is what the ledger charged:
 * a replica that no longer fits (its pool shrank) is charged only what is left, so
 * allocatedGpus ≤ gpus and freeGpus ≥ 0 always.
 */
export function gpuPoolCapacity(
  cluster: InferenceCluster,
  classes: readonly InferenceClass[],
  replicas: readonly ObservedReplica[],
): GpuPoolCapacity[] {
  const byName = classesByName(classes);
  const pinned = replicas.filter((r) => r.cluster === cluster.metadata.name);
  const ledger = new ClusterLedger(cluster, byName, pinned);
  const out: GpuPoolCapacity[] = [];
  for (const pool of cluster.spec.nodePools) {
    const cls = byName.get(pool.class);
    const pl = ledger.get(pool.name);
    if (cls === undefined || pl === undefined) continue;
    const gpus = pl.nodeCount * pl.size;
    const free = pl.freeGpus;
    out.push({
      name: pool.name,
      class: pool.class,
      gpusPerNode: pl.size,
      gpuMemory: cls.spec.resources.gpu.memory,
      nodes: pl.nodeCount,
      gpus,
      allocatedGpus: gpus - free,
      freeGpus: free,
    });
  }
  return out;
}
