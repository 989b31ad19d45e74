// Which ready endpoints can share one ModelService route.
//
// The route rewrites `/<ns>/<service>/` to one path prefix for all its backends (Envoy cannot
// rewrite the path per weighted backend, see http-route.ts), and it forwards whatever the client
// speaks. So every backend must serve under the same path prefix (its rewritePath) and speak the
// same protocol; an endpoint that does not would receive requests for paths it does not serve, or
// in a protocol it does not speak. Such an endpoint is refused, never routed.
//
// Which side wins is fixed by the spec, not by timing: the first ready endpoint in route order
// (spec.endpoints order, then by name) sets the path prefix and the protocol. Fleet replicas all
// serve under "/" (lib/replica/router.ts), so with the fleet entry first, a provider with another
// prefix is the one refused, and the fleet keeps serving.

import type { ReadyEndpoint } from './selection.js';

export interface RouteShape {
  readonly rewritePath: string;
  readonly protocol: string;
  /** The endpoint that set the shape, and its entry. */
  readonly from: { readonly name: string; readonly entry: number };
}

export interface RefusedEndpoint {
  readonly entry: number;
  readonly name: string;
  /** Why, in one sentence that names both sides. */
  readonly message: string;
}

export interface Compatible {
  /** The route's path prefix and protocol; undefined when nothing is ready. */
  readonly shape: RouteShape | undefined;
  /** Per entry, the ready endpoints that fit the shape, in order. */
  readonly kept: ReadyEndpoint[][];
  readonly refused: RefusedEndpoint[];
}

function describe(e: {
  readonly route: { readonly protocol: string; readonly rewritePath: string };
}): string {
  return `${e.route.protocol} under ${e.route.rewritePath}`;
}

export function compatibleEndpoints(ready: readonly (readonly ReadyEndpoint[])[]): Compatible {
  const first = ready.flat()[0];
  if (first === undefined) return { shape: undefined, kept: ready.map(() => []), refused: [] };
  const shape: RouteShape = {
    rewritePath: first.route.rewritePath,
    protocol: first.route.protocol,
    from: { name: first.name, entry: first.entry },
  };
  const refused: RefusedEndpoint[] = [];
  const kept = ready.map((endpoints) =>
    endpoints.filter((e) => {
      const fits = e.route.rewritePath === shape.rewritePath && e.route.protocol === shape.protocol;
      if (!fits) {
        refused.push({
          entry: e.entry,
          name: e.name,
          message:
            `ModelEndpoint ${e.name} (spec.endpoints[${e.entry}]) serves ${describe(e)}, but the route ` +
            `serves ${describe(first)} (set by ModelEndpoint ${first.name}, spec.endpoints[${first.entry}]); ` +
            `one route sends every request to the same path and protocol, so ${e.name} receives no traffic`,
        });
      }
      return fits;
    }),
  );
  return { shape, kept, refused };
}
