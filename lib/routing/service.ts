// The ModelService decision as one pure function: which endpoints match, which are ready, which of
// those can share the route (compatibility.ts), what the HTTPRoute carries, and whether to write,
// keep or skip it.
//
// The route is never deleted or emptied by this function because of what it sees: with no endpoint
// matched, or none ready, it keeps the route it observes unchanged (a transient state, such as every
// replica being replaced at once, must not turn the address into errors for the replicas that are
// still serving), and composes none while none exists yet.

import type { ModelServiceSpec } from '../apis/model-service.js';
import type { KubeObject } from '../runtime/request.js';
import { serviceAddress } from './address.js';
import {
  composeHttpRoute,
  MAX_BACKEND_REFS,
  routeAcceptance,
  type RouteAcceptance,
  type RouteBackend,
} from './http-route.js';
import { compatibleEndpoints, type RefusedEndpoint } from './compatibility.js';
import { readyEndpoints, selectEndpoints, withinLimit } from './selection.js';
import { distributeWeights } from './weights.js';

export interface ServiceInput {
  readonly name: string;
  readonly namespace: string;
  readonly spec: ModelServiceSpec;
  /** Per spec.endpoints entry, what its requirement fetched. */
  readonly candidates: readonly (readonly KubeObject[])[];
  /** The Gateway named by spec.gatewayRef, undefined when it does not exist. */
  readonly gateway: KubeObject | undefined;
  /** The HTTPRoute this service composed before, if any. */
  readonly observedRoute: KubeObject | undefined;
}

export type RouteDecision =
  | { readonly kind: 'compose'; readonly resource: object }
  /** Re-emit the observed route unchanged. */
  | { readonly kind: 'keep' }
  /** Nothing to route to and nothing to keep. */
  | { readonly kind: 'none' };

export interface ServicePlan {
  readonly matched: number;
  readonly ready: number;
  /** The backendRefs of the composed route, in route order (empty unless composing). */
  readonly backends: readonly RouteBackend[];
  /** Ready endpoints left out because their path prefix or protocol differs from the route's. */
  readonly refused: readonly RefusedEndpoint[];
  /** Ready, compatible endpoints left out because one rule holds at most 16 backendRefs. */
  readonly overLimit: number;
  readonly route: RouteDecision;
  readonly address: string | undefined;
  /** The gateway's verdict on the observed route; undefined when no route is observed. */
  readonly acceptance: RouteAcceptance | undefined;
}

export function planService(input: ServiceInput): ServicePlan {
  const { name, namespace, spec } = input;
  const selected = selectEndpoints(namespace, spec.endpoints, input.candidates);
  const matched = selected.reduce((n, e) => n + e.endpoints.length, 0);
  const ready = selected.reduce((n, e) => n + e.endpoints.filter((x) => x.route !== undefined).length, 0);

  const compatible = compatibleEndpoints(readyEndpoints(selected));
  const kept = withinLimit(compatible.kept, MAX_BACKEND_REFS);
  const weights = distributeWeights(
    selected.map((entry, i) => ({ weight: entry.weight, endpoints: kept[i]?.length ?? 0 })),
  );
  const backends = kept.flatMap((endpoints, i) =>
    endpoints.map((e, j) => ({ name: e.name, route: e.route, weight: weights[i]?.[j] ?? 0 })),
  );

  const shape = compatible.shape;
  const route: RouteDecision =
    backends.length > 0 && shape !== undefined
      ? {
          kind: 'compose',
          resource: composeHttpRoute({
            name,
            namespace,
            gateway: spec.gatewayRef,
            rewritePath: shape.rewritePath,
            timeouts: spec.timeouts,
            backends,
          }),
        }
      : input.observedRoute !== undefined
        ? { kind: 'keep' }
        : { kind: 'none' };

  return {
    matched,
    ready,
    backends,
    refused: compatible.refused,
    overLimit: ready - compatible.refused.length - backends.length,
    route,
    address: input.gateway === undefined ? undefined : serviceAddress(input.gateway, namespace, name),
    acceptance:
      input.observedRoute === undefined ? undefined : routeAcceptance(input.observedRoute, spec.gatewayRef),
  };
}
