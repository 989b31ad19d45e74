// The ModelService's two condition types, one derive function each, from the plan.
//
// EndpointsResolved
// - True  Resolved       "matched <n> endpoint(s), <r> ready" (+ how many the 16-backend limit left out)
// - False NoEndpoints    nothing in the namespace matches spec.endpoints (+ Warning; route kept)
// - False IncompatibleEndpoints  ready endpoints whose path prefix or protocol differs from the
//                        route's are left out of it (+ Warning naming each; the rest is routed)
// - False InvalidSpec    the XR does not parse (+ Warning; route kept)
// RoutingReady (the XR is ready exactly when this is True)
// - True  RouteAccepted        the Gateway accepted the current route and it has backends
// - False WaitingForRoute      the HTTPRoute is not observed yet
// - False WaitingForGateway    the Gateway has not reported on this generation of the route
// - False GatewayNotFound      spec.gatewayRef names no Gateway (+ Warning)
// - False RouteNotAccepted     the Gateway set Accepted=False on the route
// - False BackendsNotResolved  the Gateway set ResolvedRefs=False (e.g. it cannot use a Backend)
// - False NoReadyEndpoints     nothing ready to route to; an existing route is kept as it was
// - False NoEndpoints          nothing matched and no route exists

import type { ServicePlan } from '../../lib/routing/service.js';
import type { GatewayRef } from '../../lib/routing/selection.js';
import { conditionFalse, conditionTrue, type Condition } from '../../lib/runtime/index.js';

export const CONDITION_ENDPOINTS_RESOLVED = 'EndpointsResolved';
export const CONDITION_ROUTING_READY = 'RoutingReady';

export const REASON_RESOLVED = 'Resolved';
export const REASON_NO_ENDPOINTS = 'NoEndpoints';
export const REASON_INCOMPATIBLE_ENDPOINTS = 'IncompatibleEndpoints';
export const REASON_INVALID_SPEC = 'InvalidSpec';
export const REASON_ROUTE_ACCEPTED = 'RouteAccepted';
export const REASON_WAITING_FOR_ROUTE = 'WaitingForRoute';
export const REASON_WAITING_FOR_GATEWAY = 'WaitingForGateway';
export const REASON_GATEWAY_NOT_FOUND = 'GatewayNotFound';
export const REASON_ROUTE_NOT_ACCEPTED = 'RouteNotAccepted';
export const REASON_BACKENDS_NOT_RESOLVED = 'BackendsNotResolved';
export const REASON_NO_READY_ENDPOINTS = 'NoReadyEndpoints';

export interface ServiceContext {
  readonly namespace: string;
  readonly name: string;
  readonly gateway: GatewayRef;
  readonly gatewayFound: boolean;
}

export function noEndpointsMessage(ctx: ServiceContext, plan: ServicePlan): string {
  const kept = plan.route.kind === 'keep' ? `; HTTPRoute ${ctx.namespace}/${ctx.name} is kept as it was` : '';
  return `no ModelEndpoint in namespace ${ctx.namespace} matches spec.endpoints${kept}`;
}

export function gatewayNotFoundMessage(ctx: ServiceContext): string {
  return `Gateway ${ctx.gateway.namespace}/${ctx.gateway.name} (spec.gatewayRef) not found`;
}

/** One sentence per refused endpoint, in route order. */
export function incompatibleMessage(plan: ServicePlan): string {
  return plan.refused.map((r) => r.message).join('; ');
}

export function deriveEndpointsResolved(ctx: ServiceContext, plan: ServicePlan): Condition {
  if (plan.matched === 0) {
    return conditionFalse(CONDITION_ENDPOINTS_RESOLVED, REASON_NO_ENDPOINTS, noEndpointsMessage(ctx, plan));
  }
  if (plan.refused.length > 0) {
    return conditionFalse(
      CONDITION_ENDPOINTS_RESOLVED,
      REASON_INCOMPATIBLE_ENDPOINTS,
      incompatibleMessage(plan),
    );
  }
  const limit =
    plan.overLimit > 0
      ? `; one HTTPRoute rule holds ${plan.backends.length} backends, so ${plan.overLimit} ready endpoint(s) receive no traffic`
      : '';
  return conditionTrue(
    CONDITION_ENDPOINTS_RESOLVED,
    REASON_RESOLVED,
    `matched ${plan.matched} endpoint(s), ${plan.ready} ready${limit}`,
  );
}

export function deriveRoutingReady(ctx: ServiceContext, plan: ServicePlan): Condition {
  const route = `HTTPRoute ${ctx.namespace}/${ctx.name}`;
  const gateway = `Gateway ${ctx.gateway.namespace}/${ctx.gateway.name}`;
  const no = (reason: string, message: string) => conditionFalse(CONDITION_ROUTING_READY, reason, message);
  if (plan.route.kind === 'none') {
    return plan.matched === 0
      ? no(REASON_NO_ENDPOINTS, 'no endpoints to route to')
      : no(REASON_NO_READY_ENDPOINTS, `none of the ${plan.matched} matched endpoint(s) is ready`);
  }
  if (!ctx.gatewayFound) return no(REASON_GATEWAY_NOT_FOUND, gatewayNotFoundMessage(ctx));
  const acceptance = plan.acceptance;
  if (acceptance === undefined) return no(REASON_WAITING_FOR_ROUTE, `waiting for ${route} to be created`);
  switch (acceptance.kind) {
    case 'pending':
      return no(REASON_WAITING_FOR_GATEWAY, `waiting for ${gateway} to accept ${route}`);
    case 'rejected': {
      const reason =
        acceptance.condition === 'Accepted' ? REASON_ROUTE_NOT_ACCEPTED : REASON_BACKENDS_NOT_RESOLVED;
      return no(
        reason,
        `${gateway} reports ${acceptance.condition}=False on ${route}: ${acceptance.reason}: ${acceptance.message}`,
      );
    }
    case 'accepted':
      break;
  }
  if (plan.route.kind === 'keep') {
    return plan.matched === 0
      ? no(REASON_NO_ENDPOINTS, `no endpoints to route to; ${route} is kept as it was`)
      : no(
          REASON_NO_READY_ENDPOINTS,
          `none of the ${plan.matched} matched endpoint(s) is ready; ${route} is kept as it was`,
        );
  }
  return conditionTrue(
    CONDITION_ROUTING_READY,
    REASON_ROUTE_ACCEPTED,
    `${gateway} accepted ${route} with ${plan.backends.length} backend(s)`,
  );
}
