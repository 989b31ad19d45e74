// How requests reach a replica: the `router` block of its LLMInferenceService, and the endpoint a
// ModelService routes to.
//
// The fleet Gateway cannot give each weighted backend its own path (Envoy's weighted clusters carry
// headers and a host rewrite, never a path rewrite), so a ModelService rewrites its prefix once for
// the whole rule and tells replicas apart by a request header it sets per backend:
//
//   client ─► fleet Gateway  /ml-team/qwen/v1/chat/completions
//              rule rewrite   → /v1/chat/completions
//              backendRef     + x-modelplane-replica: ml-team/qwen3-4b-0b120
//          ─► the replica's cluster, Gateway modelplane-system/inference-gateway
//              KServe's HTTPRoute of the replica matches the header: /v1/chat/completions as is
//          ─► the replica's InferencePool (llm-d's endpoint picker), or its workload Service
//
// So the replica's ModelEndpoint is the inference gateway's origin ("http://203.0.113.10", path
// "/") plus that header, and every replica of every cluster shares one upstream path.
//
// KServe v0.20 builds the route from `router.route.http.spec` merged over its preset
// `kserve-config-llm-router-route` (pkg/controller/v1alpha2/llmisvc/config_merge.go): HTTPRoute
// rules are an atomic list, so ours replace the preset's; parentRefs come from
// `router.gateway.refs` (ToParentRefs), so the spec leaves them out (KServe's webhook warns on
// every apply when both are set: llm_inference_service_validation.go). Our rules are the
// preset's, with the header added:
// - fleet rules (header match, no rewrite): the four inference APIs to the InferencePool, anything
//   else (/v1/models, /health) to the workload Service, as the preset's model-routing rules do;
// - path rules (no header), as the preset has them: /<ns>/<name>/v1/<api> rewritten to /v1/<api>,
//   and /<ns>/<name> rewritten to /. They keep a replica reachable on its own, and they give KServe
//   the address it reports: its URL discovery (router_discovery.go, extractRoutePaths) takes the
//   shallowest path of the rules without header matches, so status.url is
//   http://<gateway address>/<ns>/<name> as before.
// The publisher (/publishers/<ns>/models/<model>) and X-Gateway-Model-Name rules are left out:
// every replica of a deployment has the same model name, so those matches would collide on a
// cluster that runs two of them (KServe warns ModelNameCollision), and the fleet never uses them.
// Every rule sets `timeouts: {request: 0s, backendRequest: 0s}` like the preset: no timeout cuts
// a long completion or a stream.

import { createHash } from 'node:crypto';
import { INFERENCE_GATEWAY } from '../cluster/names.js';

/** The request header a ModelService sets to pick one replica behind its cluster's gateway. */
export const REPLICA_HEADER = 'x-modelplane-replica';

/** The header value that selects the replica `namespace/name`. */
export function replicaHeaderValue(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** The APIs KServe's preset sends through the InferencePool (llm-d's scheduler). */
export const INFERENCE_APIS = ['completions', 'chat/completions', 'responses', 'messages'] as const;

/** The port of KServe's workload Service and InferencePool. */
const KSERVE_PORT = 8000;

const NO_TIMEOUTS = { request: '0s', backendRequest: '0s' } as const;

/**
 * knative.dev/pkg/kmeta.ChildName, which KServe uses to name a service's children: parent+suffix,
 * or, when that is longer than 63 characters, the parent cut to 31-len(suffix) characters, the
 * md5 of the whole parent in hex, then the suffix. (Suffixes of 31 characters or more hash
 * differently; KServe's are shorter.)
 */
export function kserveChildName(parent: string, suffix: string): string {
  if (parent.length + suffix.length <= 63) return parent + suffix;
  if (suffix.length >= 31) throw new Error(`suffix ${suffix} is too long for kmeta.ChildName's short form`);
  const md5 = createHash('md5').update(parent).digest('hex');
  return `${parent.slice(0, 31 - suffix.length)}${md5}${suffix}`;
}

function inferencePool(name: string): object {
  return {
    group: 'inference.networking.k8s.io',
    kind: 'InferencePool',
    name: kserveChildName(name, '-inference-pool'),
    port: KSERVE_PORT,
    weight: 1,
  };
}

function workloadService(name: string): object {
  return {
    kind: 'Service',
    name: kserveChildName(name, '-kserve-workload-svc'),
    port: KSERVE_PORT,
    weight: 1,
  };
}

function rewriteTo(prefix: string): object[] {
  return [
    { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: prefix } } },
  ];
}

function ruleName(api: string): string {
  return api.replace('/', '-');
}

/** The HTTPRoute spec KServe gives the replica `namespace/name` (see the module comment). */
export function replicaRouteSpec(namespace: string, name: string): Record<string, unknown> {
  const header = { type: 'Exact', name: REPLICA_HEADER, value: replicaHeaderValue(namespace, name) };
  const base = `/${namespace}/${name}`;
  return {
    rules: [
      {
        name: 'fleet-inference',
        matches: INFERENCE_APIS.map((api) => ({
          path: { type: 'PathPrefix', value: `/v1/${api}` },
          headers: [header],
        })),
        backendRefs: [inferencePool(name)],
        timeouts: NO_TIMEOUTS,
      },
      {
        name: 'fleet-catch-all',
        matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [header] }],
        backendRefs: [workloadService(name)],
        timeouts: NO_TIMEOUTS,
      },
      ...INFERENCE_APIS.map((api) => ({
        name: `v1-${ruleName(api)}-path`,
        matches: [{ path: { type: 'PathPrefix', value: `${base}/v1/${api}` } }],
        filters: rewriteTo(`/v1/${api}`),
        backendRefs: [inferencePool(name)],
        timeouts: NO_TIMEOUTS,
      })),
      {
        name: 'v1-catch-all-path',
        matches: [{ path: { type: 'PathPrefix', value: base } }],
        filters: rewriteTo('/'),
        backendRefs: [workloadService(name)],
        timeouts: NO_TIMEOUTS,
      },
    ],
  };
}

/**
 * The LLMInferenceService's `router`: the route attaches to the cluster's inference Gateway (not
 * KServe's default kserve/kserve-ingress-gateway, which a modelplane cluster does not have), with
 * the rules above, and llm-d's scheduler (an InferencePool with its endpoint picker).
 */
export function replicaRouter(namespace: string, name: string): Record<string, unknown> {
  return {
    gateway: { refs: [{ name: INFERENCE_GATEWAY.name, namespace: INFERENCE_GATEWAY.namespace }] },
    route: { http: { spec: replicaRouteSpec(namespace, name) } },
    scheduler: {},
  };
}

/** What a ModelEndpoint needs to reach a replica through the fleet: see the module comment. */
export interface ReplicaEndpoint {
  readonly url: string;
  readonly headers: readonly { readonly name: string; readonly value: string }[];
}

/**
 * The replica's endpoint from the URL KServe reports (http://<gateway>/<ns>/<name>): the gateway's
 * origin, and the header that selects the replica. Undefined for a URL that does not parse.
 */
export function replicaEndpoint(
  kserveUrl: string,
  namespace: string,
  name: string,
): ReplicaEndpoint | undefined {
  let origin: string;
  try {
    origin = new URL(kserveUrl).origin;
  } catch {
    return undefined;
  }
  if (origin === 'null') return undefined;
  return { url: origin, headers: [{ name: REPLICA_HEADER, value: replicaHeaderValue(namespace, name) }] };
}
