// "Never tear down on error": when a function cannot compute new desired state it re-emits what it
// observes, so Crossplane deletes nothing. An observed object is not a valid desired object as is:
// server-set metadata (resourceVersion would turn the apply into a stale-write conflict) and status
// must go. Everything the function set before (spec, labels, annotations, other fields) stays.

import type { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { isObject } from './json.js';
import { observedComposed, type KubeObject } from './request.js';
import type { DesiredResource } from './response.js';

const KEPT_METADATA = ['name', 'namespace', 'generateName', 'labels', 'annotations'] as const;

/** The desired form of an observed composed resource: no status, no server-set metadata. */
export function asDesired(observed: KubeObject): KubeObject {
  const out: KubeObject = {};
  for (const [key, value] of Object.entries(observed)) {
    if (key === 'status' || key === 'metadata') continue;
    out[key] = structuredClone(value);
  }
  const meta = isObject(observed.metadata) ? observed.metadata : {};
  const kept: Record<string, unknown> = {};
  for (const key of KEPT_METADATA) if (meta[key] !== undefined) kept[key] = structuredClone(meta[key]);
  out.metadata = kept;
  return out;
}

/** Each observed child (optionally only the keys `keep` accepts) as desired, with the readiness `ready` reports. */
export function reemitAll(
  observed: Readonly<Record<string, KubeObject>>,
  ready: (observed: KubeObject) => boolean,
  keep: (key: string) => boolean = () => true,
): Record<string, DesiredResource> {
  const out: Record<string, DesiredResource> = {};
  for (const [key, obj] of Object.entries(observed)) {
    if (keep(key)) out[key] = { resource: asDesired(obj), ready: ready(obj) };
  }
  return out;
}

/** reemitAll over the request's observed composed resources. */
export function reemitObserved(
  req: RunFunctionRequest,
  ready: (observed: KubeObject) => boolean,
  keep: (key: string) => boolean = () => true,
): Record<string, DesiredResource> {
  return reemitAll(observedComposed(req), ready, keep);
}
