// The scheduler's contract with its callers (the ModelDeployment function, the InferenceCluster
// function's allocation figures, `modelplane plan`). Inputs are parsed objects; outputs are plain
// values, sorted, so the same observed state gives the same result in any order.

import type { InferenceClass, InferenceCluster, ModelDeployment } from '../apis/index.js';
import type { CostBudget } from '../cel/index.js';
import type { ReplicaShape, RoleName } from './topology.js';

/** The pools a replica uses, by role: {unified} or {decode, prefill}. */
export type RolePools = Readonly<Partial<Record<RoleName, string>>>;

/**
 * An existing ModelReplica as the scheduler sees it: identity from labels and spec, and the
 * topology stamped on it when it was placed (which is what it consumes, whatever the deployment
 * says now).
 */
export interface ObservedReplica {
  readonly namespace: string;
  readonly name: string;
  /** Label modelplane.ai/deployment; undefined when missing. */
  readonly deployment: string | undefined;
  /** spec.inferenceClusterRef.name (label modelplane.ai/cluster when the spec lacks it). */
  readonly cluster: string;
  /** Label modelplane.ai/replica-index; 0 when missing or not a non-negative integer. */
  readonly index: number;
  readonly pools: RolePools;
  /** The stamped topology; undefined when it cannot be read (such a replica charges nothing). */
  readonly shape: ReplicaShape | undefined;
  /** Observed Ready condition is True. */
  readonly ready: boolean;
}

export interface ScheduleInput {
  readonly deployment: ModelDeployment;
  readonly clusters: readonly InferenceCluster[];
  readonly classes: readonly InferenceClass[];
  /** Every ModelReplica in every namespace. */
  readonly replicas: readonly ObservedReplica[];
  /** The CEL budget of this reconcile (default: a fresh RECONCILE_COST_LIMIT). */
  readonly celBudget?: CostBudget;
}

export interface Placement {
  readonly cluster: string;
  readonly index: number;
  readonly pools: RolePools;
  readonly gpus: number;
  readonly nodes: number;
  /** The existing replica kept at this (cluster, index), if any. */
  readonly retained: ObservedReplica | undefined;
}

export type RemovalReason =
  | 'ScaledDown' // more retained replicas than desired
  | 'ClusterNotSelected' // the cluster is gone or no longer matches clusterSelector
  | 'Drained' // an untolerated NoExecute taint
  | 'PoolChanged' // its pool is gone or no longer fits the role
  | 'Duplicate' // another replica already holds the same (cluster, index)
  | 'Resized'; // nodes per worker changed, which KServe cannot do in place (resize.ts)

export interface Removal {
  readonly replica: ObservedReplica;
  readonly reason: RemovalReason;
  /** A sentence for the event: "qwen-5ab63 on gke-east: scaled down to 2 replicas". */
  readonly message: string;
}

export interface ScheduleResult {
  /** Retained and newly placed replicas, sorted by (cluster, index). */
  readonly placements: readonly Placement[];
  /** This deployment's existing replicas that are not kept, sorted by name. */
  readonly removals: readonly Removal[];
  /**
   * Replicas of an older size held unchanged while their replacements start (resize.ts), sorted
   * by name: the caller keeps them as they are, neither re-stamped nor removed.
   */
  readonly outgoing: readonly ObservedReplica[];
  /** Desired replicas that could not be placed, with the kube-scheduler style explanation. */
  readonly unschedulable: { readonly replicas: number; readonly message: string } | undefined;
  /** Number of clusters matching the clusterSelector. */
  readonly candidateClusters: number;
  /** Non-fatal problems (a CEL evaluation over its cost limit), sorted. */
  readonly warnings: readonly string[];
}

/** A user error that stops all new decisions: existing replicas are kept untouched. */
export interface ScheduleError {
  readonly reason: 'InvalidNodeSelector' | 'InvalidTopology';
  /** "spec.nodeSelector.cel", "spec.workers.topology.data", ... */
  readonly path: string;
  readonly message: string;
}

export type ScheduleOutcome =
  | { readonly ok: true; readonly result: ScheduleResult }
  | { readonly ok: false; readonly error: ScheduleError };
