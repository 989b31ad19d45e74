// compose-model-endpoint: turns a ModelEndpoint's URL into an Envoy Gateway Backend (SPEC 4.5).
//
// Crossplane drops Ready/Synced from function conditions, so the XR's readiness is set with
// `ready` and the reason travels on RoutingReady:
// - True  BackendConfigured   the Backend exists and Envoy Gateway has not rejected it (XR ready);
// - False WaitingForBackend   the Backend is not observed yet;
// - False BackendRejected     Envoy Gateway set Accepted=False on it (+ Warning);
// - False InvalidURL          "Invalid spec.url: <url>: <why>" (+ Warning);
// - False InvalidRewritePath  "Invalid spec.rewritePath: <path>: <why>" (+ Warning);
// - False InvalidSpec         the XR does not parse (+ Warning).
// On any invalid input the previously composed Backend and status.routing are kept unchanged, so a
// typo never takes a working endpoint down; the XR reports not ready, which takes it out of
// ModelService routes until the spec is fixed.

import { modelEndpoint } from '../../lib/apis/index.js';
import { backendState, composeBackend } from '../../lib/routing/backend.js';
import { endpointRoute } from '../../lib/routing/endpoint.js';
import { authorityOf } from '../../lib/routing/url.js';
import {
  conditionFalse,
  conditionTrue,
  isObject,
  observedComposed,
  observedComposite,
  parseComposite,
  reemitObserved,
  warning,
  type CompositionFunction,
  type FunctionOutput,
} from '../../lib/runtime/index.js';
import type { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';

export const CONDITION_ROUTING_READY = 'RoutingReady';
export const REASON_BACKEND_CONFIGURED = 'BackendConfigured';
export const REASON_WAITING_FOR_BACKEND = 'WaitingForBackend';
export const REASON_BACKEND_REJECTED = 'BackendRejected';
export const REASON_INVALID_URL = 'InvalidURL';
export const REASON_INVALID_REWRITE_PATH = 'InvalidRewritePath';
export const REASON_INVALID_SPEC = 'InvalidSpec';

/** Desired-resource key of the Backend. */
export const BACKEND_KEY = 'backend';

export const composeModelEndpoint: CompositionFunction = {
  name: 'compose-model-endpoint',
  compose(req): FunctionOutput {
    const parsed = parseComposite(req, modelEndpoint);
    if (!parsed.ok) {
      return keepOnInvalid(req, REASON_INVALID_SPEC, `Invalid ModelEndpoint: ${parsed.issues.join('; ')}`);
    }
    const { metadata, spec } = parsed.value;
    const route = endpointRoute(spec);
    if (!route.ok) {
      const reason = route.field === 'spec.url' ? REASON_INVALID_URL : REASON_INVALID_REWRITE_PATH;
      return keepOnInvalid(req, reason, route.message);
    }

    const { url } = route.value;
    const name = metadata.name;
    const backend = composeBackend({ name, namespace: metadata.namespace }, url);
    const status = { routing: { backendName: name, port: url.port } };
    const observed = observedComposed(req)[BACKEND_KEY];
    if (observed === undefined) {
      return {
        ready: false,
        status,
        resources: { [BACKEND_KEY]: { resource: backend, ready: false } },
        conditions: [
          conditionFalse(
            CONDITION_ROUTING_READY,
            REASON_WAITING_FOR_BACKEND,
            `waiting for Backend ${name} to be created`,
          ),
        ],
      };
    }
    const state = backendState(observed);
    if (state.kind === 'rejected') {
      const message = `Envoy Gateway rejected Backend ${name}: ${state.reason}: ${state.message}`;
      return {
        ready: false,
        status,
        resources: { [BACKEND_KEY]: { resource: backend, ready: false } },
        conditions: [conditionFalse(CONDITION_ROUTING_READY, REASON_BACKEND_REJECTED, message)],
        results: [warning(message, REASON_BACKEND_REJECTED)],
      };
    }
    return {
      ready: true,
      status,
      resources: { [BACKEND_KEY]: { resource: backend, ready: true } },
      conditions: [
        conditionTrue(
          CONDITION_ROUTING_READY,
          REASON_BACKEND_CONFIGURED,
          `Backend ${name} sends traffic to ${authorityOf(url)} over ${url.scheme.toUpperCase()}`,
        ),
      ],
    };
  },
};

/** Invalid input: report it, keep the Backend and status.routing we composed before. */
function keepOnInvalid(req: RunFunctionRequest, reason: string, message: string): FunctionOutput {
  const previous = observedComposite(req)?.status;
  const routing = isObject(previous) && isObject(previous.routing) ? previous.routing : undefined;
  return {
    ready: false,
    ...(routing === undefined ? {} : { status: { routing } }),
    resources: reemitObserved(
      req,
      (o) => backendState(o).kind === 'usable',
      (key) => key === BACKEND_KEY,
    ),
    conditions: [conditionFalse(CONDITION_ROUTING_READY, reason, message)],
    results: [warning(message, reason)],
  };
}
