// Which ModelEndpoints a ModelService routes to (SPEC 4.6).
//
// Crossplane fetches, per spec.endpoints entry i, the ModelEndpoints of the service's namespace
// that carry the entry's matchLabels (requirement `endpoints-<i>`; requirements support only
// matchLabels). Here we apply the whole LabelSelector (matchExpressions too), drop anything from
// another namespace whatever the fetch returned (one team never routes to another team's
// endpoints), and give an endpoint matched by several entries to the first of them.
//
// An endpoint is ready when its observed Ready condition is True (Crossplane sets it from the
// compose-model-endpoint function: its Backend exists and Envoy Gateway has not rejected it) and
// its spec still yields a route (a spec edited to something invalid waits for that function's
// verdict rather than routing to a half-updated Backend).

import { modelEndpoint } from '../apis/model-endpoint.js';
import type { EndpointSelector } from '../apis/model-service.js';
import { isConditionTrue } from '../runtime/conditions.js';
import { compareStrings, namespacedName, type KubeObject } from '../runtime/request.js';
import { requireByLabels, requireByName, type Requirement } from '../runtime/requirements.js';
import { isObject } from '../runtime/json.js';
import { matchesSelector, type Labels } from '../selector.js';
import { endpointRoute, type EndpointRoute } from './endpoint.js';

export const GATEWAY_API_VERSION = 'gateway.networking.k8s.io/v1';
export const GATEWAY_GROUP = 'gateway.networking.k8s.io';
export const GATEWAY_KIND = 'Gateway';
export const GATEWAY_REQUIREMENT = 'gateway';

/** Requirement key of spec.endpoints[i]. */
export function endpointsRequirement(i: number): string {
  return `endpoints-${i}`;
}

export interface GatewayRef {
  readonly name: string;
  readonly namespace: string;
}

/** The same on every call: built from the spec only, never from what was fetched. */
export function serviceRequirements(
  namespace: string,
  entries: readonly EndpointSelector[],
  gateway: GatewayRef,
): Record<string, Requirement> {
  const out: Record<string, Requirement> = {
    [GATEWAY_REQUIREMENT]: requireByName(GATEWAY_API_VERSION, GATEWAY_KIND, gateway.name, gateway.namespace),
  };
  entries.forEach((entry, i) => {
    out[endpointsRequirement(i)] = requireByLabels(
      'modelplane.ai/v1alpha1',
      'ModelEndpoint',
      entry.selector.matchLabels ?? {},
      namespace,
    );
  });
  return out;
}

export interface SelectedEndpoint {
  readonly name: string;
  /** Set when the endpoint is ready and its spec yields a route. */
  readonly route: EndpointRoute | undefined;
}

export interface SelectedEntry {
  readonly weight: number;
  /** Matched endpoints of this entry (not claimed by an earlier entry), by name. */
  readonly endpoints: readonly SelectedEndpoint[];
}

/**
 * Per entry, the endpoints it owns. `candidates[i]` is what requirement endpoints-<i> returned;
 * order does not matter (endpoints are sorted by name).
 */
export function selectEndpoints(
  namespace: string,
  entries: readonly EndpointSelector[],
  candidates: readonly (readonly KubeObject[])[],
): SelectedEntry[] {
  const claimed = new Set<string>();
  return entries.map((entry, i) => {
    const own = (candidates[i] ?? [])
      .filter((obj) => namespacedName(obj).namespace === namespace)
      .filter((obj) => matchesSelector(labelsOf(obj), entry.selector))
      .map((obj) => ({ name: namespacedName(obj).name, obj }))
      .filter(({ name }) => name !== '')
      .sort((a, b) => compareStrings(a.name, b.name));
    const endpoints: SelectedEndpoint[] = [];
    for (const { name, obj } of own) {
      if (claimed.has(name)) continue;
      claimed.add(name);
      endpoints.push({ name, route: readyRoute(obj) });
    }
    return { weight: entry.weight, endpoints };
  });
}

function readyRoute(obj: KubeObject): EndpointRoute | undefined {
  if (!isConditionTrue(obj)) return undefined;
  const parsed = modelEndpoint.safeParse(obj);
  if (!parsed.success) return undefined;
  const route = endpointRoute(parsed.data.spec);
  return route.ok ? route.value : undefined;
}

function labelsOf(obj: KubeObject): Labels {
  const meta = isObject(obj.metadata) ? obj.metadata : {};
  const labels = isObject(meta.labels) ? meta.labels : {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** An endpoint that will be a backendRef, with its entry. */
export interface ReadyEndpoint {
  readonly entry: number;
  readonly name: string;
  readonly route: EndpointRoute;
}

/** Per entry, its ready endpoints (those whose spec yields a route), in order. */
export function readyEndpoints(entries: readonly SelectedEntry[]): ReadyEndpoint[][] {
  return entries.map((entry, i) =>
    entry.endpoints.flatMap((e) =>
      e.route === undefined ? [] : [{ entry: i, name: e.name, route: e.route }],
    ),
  );
}

/**
 * The ready endpoints that fit in one HTTPRoute rule (`limit` backendRefs), per entry in order.
 * When they do not all fit, entries take turns (first endpoint of each entry in entry order, then
 * the second, ...), so every entry with a ready endpoint keeps a share of traffic and the entry
 * weights still hold; within an entry, endpoints later by name wait.
 */
export function withinLimit(ready: readonly (readonly ReadyEndpoint[])[], limit: number): ReadyEndpoint[][] {
  const kept: ReadyEndpoint[][] = ready.map(() => []);
  let taken = 0;
  for (let round = 0; taken < limit; round++) {
    let progressed = false;
    for (let i = 0; i < ready.length && taken < limit; i++) {
      const next = ready[i]?.[round];
      if (next === undefined) continue;
      kept[i]?.push(next);
      taken++;
      progressed = true;
    }
    if (!progressed) break;
  }
  return kept;
}
