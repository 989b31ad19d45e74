// compose-model-endpoint: turns a ModelEndpoint's URL into an Envoy Gateway Backend (SPEC 4.5) and,
// when it has credentials, the HTTPRouteFilter that injects them (lib/routing/backend.ts).
//
// Crossplane drops Ready/Synced from function conditions, so the XR's readiness is set with
// `ready` and the reason travels on RoutingReady:
// - True  BackendConfigured   the Backend (and the credentials filter) exist and Envoy Gateway has
//                             not rejected the Backend (XR ready);
// - False WaitingForBackend   the Backend or the credentials filter is not observed yet;
// - False BackendRejected     Envoy Gateway set Accepted=False on it (+ Warning);
// - False InvalidURL          "Invalid spec.url: <url>: <why>" (+ Warning);
// - False InvalidRewritePath  "Invalid spec.rewritePath: <path>: <why>" (+ Warning);
// - False InvalidSpec         the XR does not parse (+ Warning).
// On any invalid input the previously composed Backend, filter and status.routing are kept unchanged, so a
// typo never takes a working endpoint down; the XR reports not ready, which takes it out of
// ModelService routes until the spec is fixed.

import { modelEndpoint } from '../../lib/apis/index.js';
import { backendState, composeBackend, composeCredentialsFilter } from '../../lib/routing/backend.js';
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
  type DesiredResource,
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

/** Desired-resource keys of the Backend and of the credentials HTTPRouteFilter. */
export const BACKEND_KEY = 'backend';
export const CREDENTIALS_KEY = 'credentials';

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

    const { url, rewritePath } = route.value;
    const name = metadata.name;
    const ref = { name, namespace: metadata.namespace };
    const backend = composeBackend(ref, url);
    const credentials = spec.credentials;
    const filter =
      credentials === undefined
        ? undefined
        : composeCredentialsFilter(ref, {
            secretName: credentials.secretRef.name,
            header: credentials.header,
          });
    const status = { routing: { backendName: name, port: url.port, pathPrefix: rewritePath } };
    const observed = observedComposed(req);
    const observedBackend = observed[BACKEND_KEY];
    const filterObserved = filter === undefined || observed[CREDENTIALS_KEY] !== undefined;
    const resources = (ready: boolean): Record<string, DesiredResource> => ({
      [BACKEND_KEY]: { resource: backend, ready },
      ...(filter === undefined ? {} : { [CREDENTIALS_KEY]: { resource: filter, ready: filterObserved } }),
    });
    if (observedBackend === undefined || !filterObserved) {
      const waitingFor =
        observedBackend === undefined ? `Backend ${name}` : `HTTPRouteFilter ${name} (spec.credentials)`;
      return {
        ready: false,
        status,
        resources: resources(false),
        conditions: [
          conditionFalse(
            CONDITION_ROUTING_READY,
            REASON_WAITING_FOR_BACKEND,
            `waiting for ${waitingFor} to be created`,
          ),
        ],
      };
    }
    const state = backendState(observedBackend);
    if (state.kind === 'rejected') {
      const message = `Envoy Gateway rejected Backend ${name}: ${state.reason}: ${state.message}`;
      return {
        ready: false,
        status,
        resources: resources(false),
        conditions: [conditionFalse(CONDITION_ROUTING_READY, REASON_BACKEND_REJECTED, message)],
        results: [warning(message, REASON_BACKEND_REJECTED)],
      };
    }
    const injects =
      credentials === undefined
        ? ''
        : `, with the ${credentials.header} header from Secret ${credentials.secretRef.name} (key credential)`;
    return {
      ready: true,
      status,
      resources: resources(true),
      conditions: [
        conditionTrue(
          CONDITION_ROUTING_READY,
          REASON_BACKEND_CONFIGURED,
          `Backend ${name} sends traffic to ${authorityOf(url)} over ${url.scheme.toUpperCase()}${injects}`,
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
      (key) => key === BACKEND_KEY || key === CREDENTIALS_KEY,
    ),
    conditions: [conditionFalse(CONDITION_ROUTING_READY, reason, message)],
    results: [warning(message, reason)],
  };
}
