// The Gateway API HTTPRoute a ModelService composes (issue 14's route shape), and how to read its
// observed status.
//
// Envoy Gateway cannot rewrite the path per weighted backend: Envoy's weighted clusters carry
// request headers, a Host rewrite and (through the cluster) upstream filters, never a path rewrite.
// EG ≤ 1.7.4 drops a backendRef's path rewrite silently and later releases reject it
// (internal/gatewayapi/validate.go, validateBackendRefFilters). So:
// - one rule matches `PathPrefix /<ns>/<service>/` and rewrites that prefix, for every backend at
//   once, to the one path prefix all its endpoints share (lib/routing/compatibility.ts refuses the
//   others);
// - each ready endpoint is a weighted backendRef to its Envoy Gateway Backend, with the filters EG
//   applies per backend: RequestHeaderModifier `set` for the endpoint's headers (the header that
//   picks a replica behind its cluster's gateway, lib/replica/router.ts), URLRewrite of the Host
//   only, to a DNS endpoint's name (Envoy otherwise forwards the client's Host, the fleet gateway's
//   address, and hosted providers route and serve certificates by Host), and an ExtensionRef to the
//   endpoint's credentials HTTPRouteFilter (lib/routing/backend.ts);
// - `timeouts` from spec.timeouts, "0s" (none) when unset, as KServe's own route has them
//   (ruleTimeouts): Envoy's default 15 s route timeout would cut every long completion and stream.

import { z } from 'zod';
import type { ServiceTimeouts } from '../apis/model-service.js';
import { BACKEND_GROUP, BACKEND_KIND, ROUTE_FILTER_KIND } from './backend.js';
import type { EndpointRoute } from './endpoint.js';
import { GATEWAY_API_VERSION, GATEWAY_GROUP, GATEWAY_KIND, type GatewayRef } from './selection.js';
import { serverName } from './url.js';

/** Gateway API allows at most this many backendRefs in one rule. */
export const MAX_BACKEND_REFS = 16;

/** The path a ModelService serves under on the Gateway. */
export function servicePathPrefix(namespace: string, name: string): string {
  return `/${namespace}/${name}/`;
}

export interface RouteBackend {
  /** The Backend's name (= the ModelEndpoint's name, in the service's namespace). */
  readonly name: string;
  readonly route: EndpointRoute;
  readonly weight: number;
}

export interface HttpRouteInput {
  readonly name: string;
  readonly namespace: string;
  readonly gateway: GatewayRef;
  /** The path prefix every backend serves under (they all share it); ends with '/'. */
  readonly rewritePath: string;
  readonly timeouts: ServiceTimeouts | undefined;
  readonly backends: readonly RouteBackend[];
}

export function composeHttpRoute(input: HttpRouteInput): object {
  return {
    apiVersion: GATEWAY_API_VERSION,
    kind: 'HTTPRoute',
    metadata: { name: input.name, namespace: input.namespace },
    spec: {
      parentRefs: [parentRef(input.gateway)],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: servicePathPrefix(input.namespace, input.name) } }],
          filters: [
            {
              type: 'URLRewrite',
              urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: input.rewritePath } },
            },
          ],
          backendRefs: input.backends.map(backendRef),
          timeouts: ruleTimeouts(input.timeouts),
        },
      ],
    },
  };
}

/**
 * spec.timeouts as rule timeouts, "0s" (none) where unset. Without retries Envoy Gateway makes
 * `backendRequest`, when present, the route timeout in place of `request`
 * (internal/gatewayapi/route.go, processRouteTimeout), so a default backendRequest of 0s would
 * silently void a request timeout: it is written only when set, or when both are unset.
 */
export function ruleTimeouts(t: ServiceTimeouts | undefined): { request: string; backendRequest?: string } {
  const request = t?.request ?? '0s';
  if (t?.backendRequest !== undefined) return { request, backendRequest: t.backendRequest };
  return t?.request === undefined ? { request, backendRequest: '0s' } : { request };
}

function parentRef(gateway: GatewayRef): object {
  return { group: GATEWAY_GROUP, kind: GATEWAY_KIND, name: gateway.name, namespace: gateway.namespace };
}

function backendRef(b: RouteBackend): object {
  const filters = backendFilters(b);
  return {
    group: BACKEND_GROUP,
    kind: BACKEND_KIND,
    name: b.name,
    port: b.route.url.port,
    weight: b.weight,
    ...(filters.length === 0 ? {} : { filters }),
  };
}

function backendFilters(b: RouteBackend): object[] {
  const filters: object[] = [];
  if (b.route.headers.length > 0) {
    filters.push({
      type: 'RequestHeaderModifier',
      requestHeaderModifier: { set: b.route.headers.map((h) => ({ name: h.name, value: h.value })) },
    });
  }
  const hostname = serverName(b.route.url.host);
  if (hostname !== undefined) filters.push({ type: 'URLRewrite', urlRewrite: { hostname } });
  if (b.route.credentialsHeader !== undefined) {
    filters.push({
      type: 'ExtensionRef',
      extensionRef: { group: BACKEND_GROUP, kind: ROUTE_FILTER_KIND, name: b.name },
    });
  }
  return filters;
}

const routeCondition = z.object({
  type: z.string(),
  status: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
  observedGeneration: z.number().optional(),
});

const observedRoute = z.object({
  metadata: z.object({ namespace: z.string().optional(), generation: z.number().optional() }).optional(),
  status: z
    .object({
      parents: z
        .array(
          z.object({
            parentRef: z.object({
              group: z.string().optional(),
              kind: z.string().optional(),
              name: z.string(),
              namespace: z.string().optional(),
            }),
            conditions: z.array(routeCondition).optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});

/** What our Gateway says about the observed route, for the current generation. */
export type RouteAcceptance =
  | { readonly kind: 'accepted' }
  /** The gateway has not reported on this generation of the route yet. */
  | { readonly kind: 'pending' }
  | {
      readonly kind: 'rejected';
      readonly condition: 'Accepted' | 'ResolvedRefs';
      readonly reason: string;
      readonly message: string;
    };

/**
 * Accepted=True with ResolvedRefs not False on a `status.parents` entry for `gateway` is accepted;
 * Accepted=False or ResolvedRefs=False (e.g. a Backend the gateway cannot use) is rejected; no entry,
 * or one written for an older generation, is pending.
 */
export function routeAcceptance(observed: unknown, gateway: GatewayRef): RouteAcceptance {
  const parsed = observedRoute.safeParse(observed);
  if (!parsed.success) return { kind: 'pending' };
  const routeNamespace = parsed.data.metadata?.namespace ?? '';
  const generation = parsed.data.metadata?.generation;
  const current = (c: z.infer<typeof routeCondition>) =>
    generation === undefined || c.observedGeneration === undefined || c.observedGeneration >= generation;
  const ours = (parsed.data.status?.parents ?? []).filter(
    (p) =>
      (p.parentRef.group ?? GATEWAY_GROUP) === GATEWAY_GROUP &&
      (p.parentRef.kind ?? GATEWAY_KIND) === GATEWAY_KIND &&
      p.parentRef.name === gateway.name &&
      (p.parentRef.namespace ?? routeNamespace) === gateway.namespace,
  );
  let rejection: RouteAcceptance | undefined;
  for (const parent of ours) {
    const conditions = (parent.conditions ?? []).filter(current);
    const accepted = conditions.find((c) => c.type === 'Accepted');
    const refs = conditions.find((c) => c.type === 'ResolvedRefs');
    if (accepted?.status === 'True' && refs?.status !== 'False') return { kind: 'accepted' };
    if (rejection !== undefined) continue;
    const bad = accepted?.status === 'False' ? accepted : refs?.status === 'False' ? refs : undefined;
    if (bad !== undefined) {
      rejection = {
        kind: 'rejected',
        condition: bad.type === 'Accepted' ? 'Accepted' : 'ResolvedRefs',
        reason: bad.reason ?? '',
        message: bad.message ?? '',
      };
    }
  }
  return rejection ?? { kind: 'pending' };
}
