// Readiness of composed children, and keeping observed children unchanged (SPEC section 3).

import { isConditionTrue } from '../runtime/conditions.js';
import { asDesired } from '../runtime/reemit.js';
import type { KubeObject } from '../runtime/request.js';
import type { DesiredResource } from '../runtime/response.js';

/** Kinds we compose that have no Ready condition: for them, being observed is being ready. */
const KINDS_WITHOUT_READY_CONDITION: ReadonlySet<string> = new Set(['ClusterProviderConfig']);

/** Ready when observed and, where its kind has one, its observed Ready condition is True. */
export function isChildReady(observed: KubeObject | undefined): boolean {
  if (observed === undefined) return false;
  if (typeof observed.kind === 'string' && KINDS_WITHOUT_READY_CONDITION.has(observed.kind)) return true;
  return isConditionTrue(observed);
}

/** Desired children with the readiness of what is observed under the same key. */
export function withReadiness(
  children: Readonly<Record<string, KubeObject>>,
  observed: Readonly<Record<string, KubeObject>>,
): Record<string, DesiredResource> {
  const out: Record<string, DesiredResource> = {};
  for (const key of Object.keys(children).sort()) {
    const resource = children[key];
    if (resource !== undefined) out[key] = { resource, ready: isChildReady(observed[key]) };
  }
  return out;
}

/** Every observed child as it is (server fields dropped), so that Crossplane deletes nothing. */
export function keepObserved(observed: Readonly<Record<string, KubeObject>>): Record<string, KubeObject> {
  const out: Record<string, KubeObject> = {};
  for (const key of Object.keys(observed).sort()) {
    const obj = observed[key];
    if (obj !== undefined) out[key] = asDesired(obj);
  }
  return out;
}

/** "NodePool gke-east-system": how messages name a child. */
export function describeChild(obj: KubeObject): string {
  const meta = obj.metadata as { name?: unknown } | undefined;
  const name = typeof meta?.name === 'string' ? meta.name : '';
  return `${typeof obj.kind === 'string' ? obj.kind : 'resource'} ${name}`.trim();
}
