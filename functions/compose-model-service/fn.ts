// compose-model-service: a weighted HTTPRoute over the ready ModelEndpoints of the service's own
// namespace, on the fleet Gateway (SPEC 4.6). Parse the XR, ask for the endpoints and the Gateway,
// plan (lib/routing/service.ts), emit. Conditions are described in ./conditions.ts.

import type { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { modelService } from '../../lib/apis/index.js';
import { planService } from '../../lib/routing/service.js';
import {
  endpointsRequirement,
  GATEWAY_REQUIREMENT,
  serviceRequirements,
  type GatewayRef,
} from '../../lib/routing/selection.js';
import {
  conditionFalse,
  itemsOf,
  observedComposed,
  parseComposite,
  reemitObserved,
  requiredResources,
  warning,
  type CompositionFunction,
  type DesiredResource,
  type FunctionOutput,
  type Result,
} from '../../lib/runtime/index.js';
import { routeAcceptance } from '../../lib/routing/http-route.js';
import {
  CONDITION_ENDPOINTS_RESOLVED,
  deriveEndpointsResolved,
  deriveRoutingReady,
  gatewayNotFoundMessage,
  incompatibleMessage,
  noEndpointsMessage,
  REASON_GATEWAY_NOT_FOUND,
  REASON_INCOMPATIBLE_ENDPOINTS,
  REASON_INVALID_SPEC,
  REASON_NO_ENDPOINTS,
  type ServiceContext,
} from './conditions.js';

/** Desired-resource key of the HTTPRoute. */
export const ROUTE_KEY = 'httproute';

export const composeModelService: CompositionFunction = {
  name: 'compose-model-service',
  compose(req): FunctionOutput {
    const parsed = parseComposite(req, modelService);
    if (!parsed.ok) {
      const message = `Invalid ModelService: ${parsed.issues.join('; ')}`;
      return {
        ready: false,
        resources: keepRoute(req),
        conditions: [conditionFalse(CONDITION_ENDPOINTS_RESOLVED, REASON_INVALID_SPEC, message)],
        results: [warning(message, REASON_INVALID_SPEC)],
      };
    }
    const { metadata, spec } = parsed.value;
    const { name, namespace } = metadata;
    const requirements = serviceRequirements(namespace, spec.endpoints, spec.gatewayRef);

    const fetched = Object.keys(requirements).map((key) => requiredResources(req, key));
    if (fetched.some((r) => r.kind === 'unresolved')) {
      // First call of a reconcile: Crossplane fetches what we asked for and calls again.
      return { requirements, resources: keepRoute(req, spec.gatewayRef) };
    }
    const gateway = itemsOf(requiredResources(req, GATEWAY_REQUIREMENT))[0];
    const observedRoute = observedComposed(req)[ROUTE_KEY];
    const plan = planService({
      name,
      namespace,
      spec,
      candidates: spec.endpoints.map((_, i) => itemsOf(requiredResources(req, endpointsRequirement(i)))),
      gateway,
      observedRoute,
    });

    const ctx: ServiceContext = {
      namespace,
      name,
      gateway: spec.gatewayRef,
      gatewayFound: gateway !== undefined,
    };
    const routingReady = deriveRoutingReady(ctx, plan);
    const ready = routingReady.status === 'True';
    const results: Result[] = [];
    if (plan.matched === 0) results.push(warning(noEndpointsMessage(ctx, plan), REASON_NO_ENDPOINTS));
    if (plan.refused.length > 0)
      results.push(warning(incompatibleMessage(plan), REASON_INCOMPATIBLE_ENDPOINTS));
    if (gateway === undefined) results.push(warning(gatewayNotFoundMessage(ctx), REASON_GATEWAY_NOT_FOUND));

    const resources =
      plan.route.kind === 'compose'
        ? {
            [ROUTE_KEY]: {
              resource: plan.route.resource,
              ready: plan.acceptance?.kind === 'accepted',
            },
          }
        : keepRoute(req, spec.gatewayRef);
    return {
      ready,
      status: {
        ...(plan.address === undefined ? {} : { address: plan.address }),
        endpoints: { matched: plan.matched, ready: plan.ready },
      },
      resources,
      conditions: [deriveEndpointsResolved(ctx, plan), routingReady],
      results,
      requirements,
    };
  },
};

/**
 * The observed HTTPRoute, unchanged, so Crossplane deletes nothing; ready when `gateway` (unknown
 * for an XR that does not parse) accepted it.
 */
function keepRoute(req: RunFunctionRequest, gateway?: GatewayRef): Record<string, DesiredResource> {
  return reemitObserved(
    req,
    (o) => gateway !== undefined && routeAcceptance(o, gateway).kind === 'accepted',
    (key) => key === ROUTE_KEY,
  );
}
