/**
 * The fleet scheduler: where a ModelDeployment's replicas run (SPEC section 5).
 *
 * `schedule(input)` is a pure, deterministic function of observed state — the deployment, every
 * InferenceCluster, every InferenceClass and every ModelReplica in every namespace. It recomputes
 * the whole placement on each reconcile; existing replicas are inputs, not decisions, and the same
 * state in any order gives the same result.
 *
 * The algorithm is "retain, then fill":
 *   1. Candidates: clusters matching the clusterSelector (matchLabels and matchExpressions).
 *   2. Retain this deployment's replicas (same namespace AND label modelplane.ai/deployment) in
 *      name order, where they are: sticky placement. A replica is kept while its cluster is a
 *      candidate, no untolerated NoExecute taint drains it, each role's stamped pool still exists
 *      and fits the role, and no earlier replica holds its (cluster, index). Capacity, readiness
 *      and NoSchedule taints are NOT rechecked: a running replica is never evicted because the
 *      cluster got fuller or briefly unready. Kept replicas are re-stamped with the current spec
 *      (same cluster, index and pools; the caller writes the current serving profile).
 *   3. Set aside kept replicas whose nodes per worker changed, which KServe cannot change in place
 *      (resize.ts): they are replaced by replicas of the new size under new names, and those that
 *      serve are held unchanged until the replacements are Ready (make-before-break), or let go
 *      first when the capacity cannot hold both. Then scale down while more are kept than
 *      desired: most-loaded cluster first, then the later cluster name, then the highest index.
 *      Survivors never move.
 *   4. The capacity ledger, GPU-granular (ledger.ts): every existing replica of any deployment in
 *      any namespace is charged on its stamped cluster and pool with its own stamped topology, in
 *      (namespace, name) order — except this deployment's replicas being dropped in this pass, so
 *      a delete and its replacement converge in one pass. Free GPUs never go negative. A new
 *      replica is charged at its own place in that order (it is named before it is placed), so
 *      the ledger is a function of the set of replicas and the next reconcile rebuilds exactly
 *      the ledger this one decided on: the result fed back as observed state is a fixed point.
 *   5. Fill: on every candidate that is Ready and not repelling (NoSchedule/NoExecute), try to fit
 *      the whole replica on one cluster (unified: first fitting pool with capacity; prefill/decode:
 *      first (decode pool, prefill pool) pair that fits jointly, possibly one shared pool). Spread
 *      before pack: the cluster with the fewest replicas of this deployment wins, ties by name; the
 *      new replica takes the lowest free index there. Repeat until placed or nothing fits.
 *   6. Explain any shortfall kube-scheduler style, one reason per cluster (explain.ts lists every
 *      reason text).
 *   7. Result: kept + placed sorted by (cluster, index); removals sorted by name; warnings sorted.
 *
 * It fails safe. An invalid topology or a nodeSelector that does not compile returns an error and
 * no decisions at all, and callers keep every existing replica untouched; a CEL runtime error on
 * one class means "does not match" (a cost overrun also adds a warning); all the CEL of one call
 * shares a budget, and a class the budget leaves undecided neither receives a new replica nor
 * loses one; an unreadable replica charges nothing; nothing here throws on bad input. A nodeSelector
 * that matches no class at all is for the caller to hold on (selectorsMatchingNothing).
 */

export { schedule } from './schedule.js';
export { selectorsMatchingNothing, type UnmatchedSelector } from './selector-reach.js';
export type * from './types.js';
export { observedReplicaFrom, parseReplicaIndex } from './observed.js';
export {
  MAX_GPUS_PER_NODE,
  ROLE_ORDER,
  replicaShape,
  roleShape,
  type ReplicaShape,
  type RoleName,
  type RoleShape,
  type ShapeResult,
  type TopologyError,
} from './topology.js';
export { describeTaint, drainingTaint, repellingTaint, toleratesTaint } from './taints.js';
export { shapeKey } from './resize.js';
export { gpuPoolCapacity, poolNodeCount, type GpuPoolCapacity } from './ledger.js';
