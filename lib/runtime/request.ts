// Typed reads of a RunFunctionRequest. Everything returned here is a deep copy, so a function can
// never mutate the request (the SDK's `to(req)` shares `req.desired` with the response).

import type { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { isObject } from './json.js';

/** A Kubernetes object as it arrives in a request: untyped until a zod schema parses it. */
export type KubeObject = Record<string, unknown> & {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: unknown;
};

/**
 * What Crossplane told us about one requirement:
 * - `unresolved`: not fetched yet (first call of a reconcile); decide nothing new.
 * - `absent`: fetched, nothing matched.
 * - `present`: fetched, at least one object, sorted by (namespace, name).
 */
export type Resolution =
  | { readonly kind: 'unresolved' }
  | { readonly kind: 'absent' }
  | { readonly kind: 'present'; readonly items: readonly KubeObject[] };

/** The observed composite resource (the XR), or undefined when the request has none. */
export function observedComposite(req: RunFunctionRequest): KubeObject | undefined {
  const xr = req.observed?.composite?.resource;
  return isObject(xr) ? structuredClone(xr) : undefined;
}

/** Observed composed resources keyed by composition resource name. */
export function observedComposed(req: RunFunctionRequest): Record<string, KubeObject> {
  const out: Record<string, KubeObject> = {};
  const resources = req.observed?.resources ?? {};
  for (const key of Object.keys(resources).sort()) {
    const obj = resources[key]?.resource;
    if (isObject(obj)) out[key] = structuredClone(obj);
  }
  return out;
}

/**
 * The resources Crossplane fetched for requirement `name`, sorted by (namespace, name).
 *
 * The items are the request's own objects, not copies: a fleet sends thousands of them on every
 * call, and copying them was the largest cost of a ModelDeployment reconcile. Treat them as
 * read-only (parse them with zod, which builds new objects; never mutate them).
 */
export function requiredResources(req: RunFunctionRequest, name: string): Resolution {
  const entry = (req.requiredResources as Record<string, { items?: { resource?: unknown }[] } | undefined>)[
    name
  ];
  if (entry === undefined) return { kind: 'unresolved' };
  const keyed: { key: string; obj: KubeObject }[] = [];
  for (const item of entry.items ?? []) {
    const obj = item.resource;
    if (!isObject(obj)) continue;
    const { namespace, name: objName } = namespacedName(obj);
    // NUL sorts before every character, so (namespace, name) order is the order of this key.
    keyed.push({ key: `${namespace}\u0000${objName}`, obj });
  }
  if (keyed.length === 0) return { kind: 'absent' };
  keyed.sort((a, b) => compareStrings(a.key, b.key));
  return { kind: 'present', items: keyed.map((k) => k.obj) };
}

/** The items of a resolution, empty unless present. */
export function itemsOf(resolution: Resolution): readonly KubeObject[] {
  return resolution.kind === 'present' ? resolution.items : [];
}

/** metadata.namespace and metadata.name of any object, '' when missing. */
export function namespacedName(obj: unknown): { namespace: string; name: string } {
  const meta = isObject(obj) && isObject(obj.metadata) ? obj.metadata : {};
  return {
    namespace: typeof meta.namespace === 'string' ? meta.namespace : '',
    name: typeof meta.name === 'string' ? meta.name : '',
  };
}

/** Orders objects by (namespace, name), the order every function processes lists in. */
export function compareByNamespacedName(a: unknown, b: unknown): number {
  const x = namespacedName(a);
  const y = namespacedName(b);
  return compareStrings(x.namespace, y.namespace) || compareStrings(x.name, y.name);
}

/** Code-point string order, independent of locale (localeCompare is not deterministic across ICU builds). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
