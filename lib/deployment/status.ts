// The ModelDeployment's status and its two conditions (SPEC 4.3). Status is written on every call,
// errors included: /scale reads status.replicas and status.selector, and an HPA refuses a target
// without a selector.

import { deploymentSelector } from '../labels.js';
import { conditionFalse, conditionTrue, type Condition } from '../runtime/index.js';
import type { RolePools } from '../scheduling/index.js';

export const SCHEDULED = 'Scheduled';
export const REPLICAS_READY = 'ReplicasReady';

export const Reason = {
  AllReplicasScheduled: 'AllReplicasScheduled',
  PartiallyScheduled: 'PartiallyScheduled',
  InsufficientCapacity: 'InsufficientCapacity',
  NoClusters: 'NoClusters',
  NoMatchingClass: 'NoMatchingClass',
  InvalidInput: 'InvalidInput',
  InvalidNodeSelector: 'InvalidNodeSelector',
  InvalidTopology: 'InvalidTopology',
  InvalidSpec: 'InvalidSpec',
  ClassNotFound: 'ClassNotFound',
  WaitingForInputs: 'WaitingForInputs',
  ScaledToZero: 'ScaledToZero',
  AllReplicasReady: 'AllReplicasReady',
  ReplicasStarting: 'ReplicasStarting',
  NoReplicas: 'NoReplicas',
} as const;

export interface PlacementStatus {
  readonly replica: string;
  readonly cluster: string;
  readonly index: number;
  readonly pools: RolePools;
  readonly gpus: number;
  readonly nodes: number;
  readonly ready: boolean;
}

export interface DeploymentStatus {
  readonly replicas: number;
  readonly readyReplicas: number;
  readonly selector: string;
  readonly gpus: number;
  readonly placements: readonly PlacementStatus[];
  readonly unschedulable: { readonly replicas: number; readonly message: string };
}

export function deploymentStatus(
  deployment: string,
  placements: readonly PlacementStatus[],
  unschedulable: { replicas: number; message: string } = { replicas: 0, message: '' },
): DeploymentStatus {
  return {
    replicas: placements.length,
    readyReplicas: placements.filter((p) => p.ready).length,
    selector: deploymentSelector(deployment),
    gpus: placements.reduce((sum, p) => sum + p.gpus, 0),
    placements,
    unschedulable,
  };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Scheduled, from what the scheduler decided. */
export function scheduledCondition(
  desired: number,
  status: DeploymentStatus,
  candidateClusters: number,
): Condition {
  if (desired === 0)
    return conditionTrue(SCHEDULED, Reason.ScaledToZero, 'Scaled to zero: no replicas, no GPUs');
  const placed = status.replicas;
  const clusters = new Set(status.placements.map((p) => p.cluster)).size;
  if (placed >= desired) {
    return conditionTrue(
      SCHEDULED,
      Reason.AllReplicasScheduled,
      `Scheduled ${placed} of ${desired} replicas on ${plural(clusters, 'cluster')}`,
    );
  }
  if (candidateClusters === 0) {
    return conditionFalse(SCHEDULED, Reason.NoClusters, 'No InferenceCluster matches the clusterSelector');
  }
  const why = status.unschedulable.message;
  if (placed === 0) {
    return conditionFalse(
      SCHEDULED,
      Reason.InsufficientCapacity,
      `0 of ${desired} replicas scheduled: ${why}`,
    );
  }
  return conditionFalse(
    SCHEDULED,
    Reason.PartiallyScheduled,
    `Scheduled ${placed} of ${desired} replicas; ${why}`,
  );
}

/** ReplicasReady, from the observed replicas. */
export function replicasReadyCondition(desired: number, status: DeploymentStatus): Condition {
  if (desired === 0) return conditionTrue(REPLICAS_READY, Reason.ScaledToZero, 'Scaled to zero');
  if (status.replicas === 0)
    return conditionFalse(REPLICAS_READY, Reason.NoReplicas, 'No replicas are scheduled');
  const message = `${status.readyReplicas} of ${status.replicas} ready`;
  return status.readyReplicas === status.replicas
    ? conditionTrue(REPLICAS_READY, Reason.AllReplicasReady, message)
    : conditionFalse(REPLICAS_READY, Reason.ReplicasStarting, message);
}

/** The XR is Ready when scaled to zero, or every desired replica is scheduled and Ready. */
export function deploymentReady(desired: number, status: DeploymentStatus): boolean {
  return desired === 0 || (status.replicas >= desired && status.readyReplicas === status.replicas);
}
