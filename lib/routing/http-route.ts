// The Gateway API HTTPRoute a ModelService composes (SPEC 4.6), and how to read its observed status.
//
// One rule matches `PathPrefix /<ns>/<service>/`; each ready endpoint is a weighted backendRef to
// its Envoy Gateway Backend with a URLRewrite filter that replaces the matched prefix with the
// endpoint's rewritePath. For a DNS-named endpoint the same filter also rewrites the Host header to
// that name: Envoy otherwise forwards the client's Host (the gateway's address), and hosted
// providers behind a CDN route and serve certificates by Host.

import { z } from 'zod';
import { BACKEND_GROUP, BACKEND_KIND } from './backend.js';
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
          backendRefs: input.backends.map(backendRef),
        },
      ],
    },
  };
}

function parentRef(gateway: GatewayRef): object {
  return { group: GATEWAY_GROUP, kind: GATEWAY_KIND, name: gateway.name, namespace: gateway.namespace };
}

function backendRef(b: RouteBackend): object {
  const hostname = serverName(b.route.url.host);
  return {
    group: BACKEND_GROUP,
    kind: BACKEND_KIND,
    name: b.name,
    port: b.route.url.port,
    weight: b.weight,
    filters: [
      {
        type: 'URLRewrite',
        urlRewrite: {
          ...(hostname === undefined ? {} : { hostname }),
          path: { type: 'ReplacePrefixMatch', replacePrefixMatch: b.route.rewritePath },
        },
      },
    ],
  };
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
