// What the workload cluster reports back, read from the observed LLMInferenceService Object
// (`status.atProvider.manifest` is the remote object as the provider last saw it).
//
// - `Serving` mirrors the remote `Ready` condition, with its reason and message, so a replica that
//   is stuck says why in KServe's words (e.g. MinimumReplicasUnavailable).
// - Every other remote condition is lifted under its own type (KServe's PresetsCombined,
//   MainWorkloadReady, WorkerWorkloadReady, PrefillWorkloadReady, RouterReady, HTTPRoutesReady,
//   InferencePoolReady, SchedulerWorkloadReady, …), sorted by type and at most MAX_LIFTED of them.
//   Types this function or Crossplane own (Ready, Synced, Responsive, Deployed, Serving) are never
//   lifted, so the remote side cannot overwrite them. A lifted condition without a reason gets its
//   type as the reason, because Crossplane's condition schema requires one.
// - `url` is the remote `status.url` (KServe's path-based address of this replica), and `endpoint`
//   is how a ModelService reaches the replica through its cluster's gateway: that address's origin
//   plus the header its route matches (lib/replica/router.ts).

import type { Condition, ConditionStatus } from '../runtime/conditions.js';
import { isObject } from '../runtime/json.js';
import { compareStrings, namespacedName, type KubeObject } from '../runtime/request.js';
import { replicaEndpoint, type ReplicaEndpoint } from './router.js';
import { CONDITION_DEPLOYED, CONDITION_SERVING } from './reasons.js';

export const REASON_SERVING = 'Serving';
export const REASON_NOT_SERVING = 'NotServing';
export const REASON_WAITING_FOR_SERVICE = 'WaitingForService';

const RESERVED_TYPES = new Set(['Ready', 'Synced', 'Responsive', CONDITION_DEPLOYED, CONDITION_SERVING]);
export const MAX_LIFTED = 16;

interface RemoteCondition {
  readonly type: string;
  readonly status: ConditionStatus;
  readonly reason?: string;
  readonly message?: string;
}

/** The remote object a provider-kubernetes Object observed, or undefined before the first observation. */
export function remoteManifest(observedObject: KubeObject | undefined): Record<string, unknown> | undefined {
  const status = observedObject?.status;
  const atProvider = isObject(status) ? status.atProvider : undefined;
  const manifest = isObject(atProvider) ? atProvider.manifest : undefined;
  return isObject(manifest) ? manifest : undefined;
}

function remoteStatus(remote: Record<string, unknown> | undefined): Record<string, unknown> {
  return isObject(remote?.status) ? remote.status : {};
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function remoteConditions(remote: Record<string, unknown> | undefined): RemoteCondition[] {
  const list = remoteStatus(remote).conditions;
  if (!Array.isArray(list)) return [];
  const out: RemoteCondition[] = [];
  for (const c of list as unknown[]) {
    if (!isObject(c)) continue;
    const type = nonEmpty(c.type);
    const status = c.status;
    if (type === undefined || (status !== 'True' && status !== 'False' && status !== 'Unknown')) continue;
    const reason = nonEmpty(c.reason);
    const message = nonEmpty(c.message);
    out.push({
      type,
      status,
      ...(reason === undefined ? {} : { reason }),
      ...(message === undefined ? {} : { message }),
    });
  }
  return out;
}

/** The remote service's URL, when it has one. */
export function remoteUrl(remote: Record<string, unknown> | undefined): string | undefined {
  return nonEmpty(remoteStatus(remote).url);
}

/** The endpoint of the remote service `namespace/name` whose URL is `url`. */
export function remoteEndpoint(
  remote: Record<string, unknown> | undefined,
  url: string,
): ReplicaEndpoint | undefined {
  if (remote === undefined) return undefined;
  const { namespace, name } = namespacedName(remote);
  if (namespace === '' || name === '') return undefined;
  return replicaEndpoint(url, namespace, name);
}

/** True when the remote service reports Ready=True. */
export function isServing(remote: Record<string, unknown> | undefined): boolean {
  return remoteConditions(remote).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The Serving condition: the remote Ready condition in our words. */
export function servingCondition(remote: Record<string, unknown> | undefined): Condition {
  const ready = remoteConditions(remote).find((c) => c.type === 'Ready');
  if (ready === undefined) {
    return {
      type: CONDITION_SERVING,
      status: 'False',
      reason: REASON_WAITING_FOR_SERVICE,
      message: 'The LLMInferenceService has not reported Ready yet',
    };
  }
  const status: ConditionStatus = ready.status === 'True' ? 'True' : 'False';
  return {
    type: CONDITION_SERVING,
    status,
    reason: ready.reason ?? (status === 'True' ? REASON_SERVING : REASON_NOT_SERVING),
    ...(ready.message === undefined ? {} : { message: ready.message }),
  };
}

/** The remote conditions other than Ready, under their own types. */
export function liftedConditions(remote: Record<string, unknown> | undefined): Condition[] {
  const byType = new Map<string, RemoteCondition>();
  for (const c of remoteConditions(remote)) if (!RESERVED_TYPES.has(c.type)) byType.set(c.type, c);
  return [...byType.keys()]
    .sort(compareStrings)
    .slice(0, MAX_LIFTED)
    .map((type) => {
      const c = byType.get(type) as RemoteCondition;
      return {
        type,
        status: c.status,
        reason: c.reason ?? type,
        ...(c.message === undefined ? {} : { message: c.message }),
      };
    });
}
