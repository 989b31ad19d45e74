// Where a replica goes: its InferenceCluster (for the ProviderConfig and the gang scheduler) and the
// InferenceClass of each pool it uses (for the claims' device class and selectors).
//
// Requirements are built from the XR's spec alone, so they are the same on every call of one
// reconcile: the cluster by name, and every InferenceClass. Requiring the classes by name would
// depend on the fetched cluster (pool → class), which would change the requirements between calls.

import { inferenceClass, type InferenceClassSpec } from '../apis/inference-class.js';
import { inferenceCluster, type InferenceCluster } from '../apis/inference-cluster.js';
import { parseWith } from '../apis/issues.js';
import type { ModelReplica } from '../apis/model-replica.js';
import { API_VERSION } from '../labels.js';
import type { Severity } from '../runtime/conditions.js';
import { itemsOf, namespacedName, type Resolution } from '../runtime/request.js';
import { requireAll, requireByName, type Requirement } from '../runtime/requirements.js';
import type { RoleName } from '../scheduling/topology.js';
import type { GangScheduler } from './llm-inference-service.js';
import type { ProviderConfigRef } from './objects.js';
import { REASON_WAITING_FOR_CLASS, REASON_WAITING_FOR_CLUSTER } from './reasons.js';
import type { ReplicaRole } from './roles.js';

export const REQUIREMENT_CLUSTER = 'cluster';
export const REQUIREMENT_CLASSES = 'classes';

export function replicaRequirements(replica: ModelReplica): Record<string, Requirement> {
  return {
    [REQUIREMENT_CLUSTER]: requireByName(
      API_VERSION,
      'InferenceCluster',
      replica.spec.inferenceClusterRef.name,
    ),
    [REQUIREMENT_CLASSES]: requireAll(API_VERSION, 'InferenceClass'),
  };
}

export interface PoolClass {
  readonly pool: string;
  readonly className: string;
  readonly spec: InferenceClassSpec;
}

export interface Target {
  readonly cluster: string;
  readonly providerConfigRef: ProviderConfigRef;
  readonly scheduler: GangScheduler;
  readonly classes: Readonly<Partial<Record<RoleName, PoolClass>>>;
}

/** Why the target cannot be used yet: a condition reason and message, and the event to raise (if any). */
export interface Waiting {
  readonly reason: string;
  readonly message: string;
  readonly event?: Severity;
}

export type TargetResult =
  { readonly ok: true; readonly target: Target } | { readonly ok: false; readonly waiting: Waiting };

type Found<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly waiting: Waiting };

function waiting(reason: string, message: string, event?: Severity): { ok: false; waiting: Waiting } {
  return { ok: false, waiting: event === undefined ? { reason, message } : { reason, message, event } };
}

function resolveCluster(name: string, resolution: Resolution): Found<InferenceCluster> {
  if (resolution.kind === 'unresolved') {
    return waiting(REASON_WAITING_FOR_CLUSTER, `Waiting for InferenceCluster ${name} to be fetched`);
  }
  const item = itemsOf(resolution).find((o) => namespacedName(o).name === name);
  if (item === undefined) {
    return waiting(REASON_WAITING_FOR_CLUSTER, `InferenceCluster ${name} not found`, 'Warning');
  }
  const parsed = parseWith(inferenceCluster, item);
  if (!parsed.ok) {
    return waiting(
      REASON_WAITING_FOR_CLUSTER,
      `InferenceCluster ${name} is invalid: ${parsed.issues.join('; ')}`,
      'Warning',
    );
  }
  return { ok: true, value: parsed.value };
}

function resolveClass(
  className: string,
  role: ReplicaRole,
  cluster: string,
  classes: Resolution,
): Found<InferenceClassSpec> {
  const where = `pool ${role.pool} of InferenceCluster ${cluster}`;
  if (classes.kind === 'unresolved') {
    return waiting(
      REASON_WAITING_FOR_CLASS,
      `Waiting for InferenceClass ${className} (${where}) to be fetched`,
    );
  }
  const item = itemsOf(classes).find((o) => namespacedName(o).name === className);
  if (item === undefined) {
    return waiting(REASON_WAITING_FOR_CLASS, `InferenceClass ${className} (${where}) not found`, 'Warning');
  }
  const parsed = parseWith(inferenceClass, item);
  if (!parsed.ok) {
    return waiting(
      REASON_WAITING_FOR_CLASS,
      `InferenceClass ${className} (${where}) is invalid: ${parsed.issues.join('; ')}`,
      'Warning',
    );
  }
  return { ok: true, value: parsed.value.spec };
}

/** The cluster and classes of `roles`, or the first reason they cannot be used yet. */
export function resolveTarget(
  clusterName: string,
  roles: readonly ReplicaRole[],
  cluster: Resolution,
  classes: Resolution,
): TargetResult {
  const c = resolveCluster(clusterName, cluster);
  if (!c.ok) return c;
  const ref = c.value.status?.providerConfigRef;
  if (ref === undefined || ref.name === '') {
    return waiting(
      REASON_WAITING_FOR_CLUSTER,
      `InferenceCluster ${clusterName} has no status.providerConfigRef yet`,
      'Normal',
    );
  }
  const pools: Partial<Record<RoleName, PoolClass>> = {};
  for (const role of roles) {
    const pool = c.value.spec.nodePools.find((p) => p.name === role.pool);
    if (pool === undefined) {
      return waiting(
        REASON_WAITING_FOR_CLUSTER,
        `InferenceCluster ${clusterName} has no node pool ${role.pool} (${role.poolPath})`,
        'Warning',
      );
    }
    const cls = resolveClass(pool.class, role, clusterName, classes);
    if (!cls.ok) return cls;
    pools[role.role] = { pool: pool.name, className: pool.class, spec: cls.value };
  }
  return {
    ok: true,
    target: {
      cluster: clusterName,
      providerConfigRef: { kind: ref.kind === '' ? 'ClusterProviderConfig' : ref.kind, name: ref.name },
      scheduler: c.value.spec.scheduler,
      classes: pools,
    },
  };
}
