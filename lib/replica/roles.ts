// The roles of a ModelReplica as one list: a unified replica has one role, a disaggregated one has
// decode and prefill. Every other module in lib/replica works role by role, in ROLE_ORDER, so the
// unified and the disaggregated cases share one code path.

import type { ModelReplicaSpec } from '../apis/model-replica.js';
import type { Workers } from '../apis/serving.js';
import { ROLE_ORDER, type RoleName } from '../scheduling/topology.js';

export interface ReplicaRole {
  readonly role: RoleName;
  /** The node pool of the InferenceCluster the scheduler chose for this role. */
  readonly pool: string;
  readonly workers: Workers;
  /** Where the pool lives in the XR, for messages ("spec.nodePool", "spec.decode.nodePool"). */
  readonly poolPath: string;
  /** Where the workers live in the XR, for messages ("spec.workers", "spec.prefill.workers"). */
  readonly workersPath: string;
}

/** The replica's roles in ROLE_ORDER. The XR schema guarantees one of the two shapes. */
export function replicaRoles(spec: ModelReplicaSpec): ReplicaRole[] {
  const roles: ReplicaRole[] = [];
  if (spec.workers !== undefined && spec.nodePool !== undefined) {
    roles.push({
      role: 'unified',
      pool: spec.nodePool,
      workers: spec.workers,
      poolPath: 'spec.nodePool',
      workersPath: 'spec.workers',
    });
  }
  for (const role of ['decode', 'prefill'] as const) {
    const r = spec[role];
    if (r === undefined) continue;
    roles.push({
      role,
      pool: r.nodePool,
      workers: r.workers,
      poolPath: `spec.${role}.nodePool`,
      workersPath: `spec.${role}.workers`,
    });
  }
  return roles.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
}

export type { RoleName };
