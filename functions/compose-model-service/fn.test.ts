import type {
  ResourceSelector,
  RunFunctionRequest,
  RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { request, response, type ExpectedParts } from '../../tests/support/routing-request.js';
import { runFunction } from '../../lib/runtime/index.js';
import { schemaProblems } from '../../tests/support/validate.js';
import { composeModelService } from './fn.js';

const XR = { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelService' } as const;
const NS = 'ml-team';
const GATEWAY = { name: 'modelplane', namespace: 'modelplane-system' };

function service(endpoints: object[], extra: { name?: string; namespace?: string } = {}): object {
  return {
    ...XR,
    metadata: { name: extra.name ?? 'qwen', namespace: extra.namespace ?? NS, uid: 'uid-svc', generation: 1 },
    spec: { endpoints, gatewayRef: GATEWAY },
  };
}

interface EndpointOpts {
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly ready?: boolean;
  readonly url?: string;
  readonly rewritePath?: string;
  readonly protocol?: string;
  readonly credentials?: string;
}

const replicaHeader = (name: string) => ({ name: 'x-modelplane-replica', value: `${NS}/${name}` });

/**
 * A ModelEndpoint as Crossplane fetches it, Ready=True: by default a fleet replica's (its cluster
 * gateway plus the header that selects it, as ModelDeployment writes it).
 */
function me(name: string, opts: EndpointOpts = {}): object {
  const fleet = opts.url === undefined;
  return {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'ModelEndpoint',
    metadata: {
      name,
      namespace: opts.namespace ?? NS,
      labels: opts.labels ?? { 'modelplane.ai/deployment': 'qwen' },
    },
    spec: {
      url: opts.url ?? 'http://203.0.113.10',
      protocol: opts.protocol ?? 'OpenAI',
      ...(fleet ? { headers: [replicaHeader(name)] } : {}),
      ...(opts.rewritePath === undefined ? {} : { rewritePath: opts.rewritePath }),
      ...(opts.credentials === undefined
        ? {}
        : { credentials: { secretRef: { name: opts.credentials }, header: 'Authorization' } }),
    },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: opts.ready === false ? 'False' : 'True',
          reason: opts.ready === false ? 'Creating' : 'Available',
        },
      ],
    },
  };
}

const hosted = (name: string, opts: EndpointOpts = {}) =>
  me(name, { labels: { provider: 'hosted' }, url: 'https://api.together.xyz/', ...opts });

const gateway = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: GATEWAY,
  spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] },
  status: { addresses: [{ type: 'IPAddress', value: '198.51.100.7' }] },
};

const byDeployment = { selector: { matchLabels: { 'modelplane.ai/deployment': 'qwen' } }, weight: 80 };
const byProvider = { selector: { matchLabels: { provider: 'hosted' } }, weight: 20 };

/** [Backend name, port, weight, its per-backend filters] in route order. */
type Ref = readonly [string, number, number, readonly object[]];

function route(refs: readonly Ref[], name = 'qwen', namespace = NS, rewritePath = '/'): object {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace },
    spec: {
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', ...GATEWAY }],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: `/${namespace}/${name}/` } }],
          filters: [
            {
              type: 'URLRewrite',
              urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: rewritePath } },
            },
          ],
          backendRefs: refs.map(([backend, port, weight, filters]) => ({
            group: 'gateway.envoyproxy.io',
            kind: 'Backend',
            name: backend,
            port,
            weight,
            ...(filters.length === 0 ? {} : { filters }),
          })),
          timeouts: { request: '0s', backendRequest: '0s' },
        },
      ],
    },
  };
}

/** A fleet replica's backendRef: the header that picks it behind its cluster's gateway. */
const fleet = (name: string, weight: number): Ref => [
  name,
  80,
  weight,
  [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [replicaHeader(name)] } }],
];
/** The hosted provider's backendRef: its Host. */
const provider = (weight: number, name = 'together'): Ref => [
  name,
  443,
  weight,
  [{ type: 'URLRewrite', urlRewrite: { hostname: 'api.together.xyz' } }],
];

/** The route as the API server returns it, with the Gateway's verdict for `generation`. */
function observed(
  desired: object,
  accepted?: { status: string; reason: string; message?: string; refs?: string },
): object {
  const d = desired as { metadata: object };
  return {
    ...desired,
    metadata: {
      ...d.metadata,
      generation: 2,
      resourceVersion: '99',
      annotations: { 'crossplane.io/composition-resource-name': 'httproute' },
    },
    ...(accepted === undefined
      ? {}
      : {
          status: {
            parents: [
              {
                parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', ...GATEWAY },
                controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
                conditions: [
                  {
                    type: 'Accepted',
                    status: accepted.status,
                    reason: accepted.reason,
                    message: accepted.message ?? '',
                    observedGeneration: 2,
                  },
                  {
                    type: 'ResolvedRefs',
                    status: accepted.refs === undefined ? 'True' : 'False',
                    reason: accepted.refs === undefined ? 'ResolvedRefs' : 'UnsupportedRefValue',
                    message: accepted.refs ?? '',
                    observedGeneration: 2,
                  },
                ],
              },
            ],
          },
        }),
  };
}

/** What re-emitting an observed route gives: no status, no server-set metadata. */
function kept(desired: object): object {
  const d = desired as { metadata: object };
  return {
    ...desired,
    metadata: { ...d.metadata, annotations: { 'crossplane.io/composition-resource-name': 'httproute' } },
  };
}

function requirements(
  entries: readonly Record<string, string>[],
  namespace = NS,
): Record<string, ResourceSelector> {
  const out: Record<string, ResourceSelector> = {};
  entries.forEach((labels, i) => {
    out[`endpoints-${i}`] = {
      apiVersion: 'modelplane.ai/v1alpha1',
      kind: 'ModelEndpoint',
      matchLabels: { labels },
      namespace,
    };
  });
  out.gateway = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    matchName: 'modelplane',
    namespace: 'modelplane-system',
  };
  return out;
}

const GROQ_REFUSED =
  'ModelEndpoint groq (spec.endpoints[1]) serves OpenAI under /openai/, but the route serves OpenAI under / ' +
  '(set by ModelEndpoint qwen-a, spec.endpoints[0]); one route sends every request to the same path and protocol, ' +
  'so groq receives no traffic';
const QWEN_REFUSED =
  'ModelEndpoint qwen-a (spec.endpoints[1]) serves OpenAI under /, but the route serves Anthropic under / ' +
  '(set by ModelEndpoint claude, spec.endpoints[0]); one route sends every request to the same path and protocol, ' +
  'so qwen-a receives no traffic';

/** `route` with other rule timeouts. */
function withTimeouts(r: object, timeouts: object): object {
  const x = structuredClone(r) as { spec: { rules: { timeouts: object }[] } };
  for (const rule of x.spec.rules) rule.timeouts = timeouts;
  return x;
}

const SPLIT_REQS = requirements([{ 'modelplane.ai/deployment': 'qwen' }, { provider: 'hosted' }]);
const ADDRESS = 'http://198.51.100.7/ml-team/qwen';

type Cond = NonNullable<ExpectedParts['conditions']>[number];
const resolved = (message: string): Cond => ({
  type: 'EndpointsResolved',
  status: 'True',
  reason: 'Resolved',
  message,
});
const routing = (status: 'True' | 'False', reason: string, message: string): Cond => ({
  type: 'RoutingReady',
  status,
  reason,
  message,
});
const waitingForRoute = routing(
  'False',
  'WaitingForRoute',
  'waiting for HTTPRoute ml-team/qwen to be created',
);

const splitRoute = route([fleet('qwen-a', 27), fleet('qwen-b', 27), fleet('qwen-c', 26), provider(20)]);
const splitRequired = {
  'endpoints-0': [me('qwen-a'), me('qwen-b'), me('qwen-c')],
  'endpoints-1': [hosted('together')],
  gateway: [gateway],
};

const cases: { name: string; req: RunFunctionRequest; want: RunFunctionResponse }[] = [
  {
    name: 'first call of a reconcile only asks for the endpoints of its own namespace and the Gateway',
    req: request({ xr: service([byDeployment, byProvider]) }),
    want: response({ requirements: SPLIT_REQS }),
  },
  {
    name: 'SPEC: 80 over three fleet endpoints and 20 over an external provider route 27, 27, 26 and 20',
    req: request({ xr: service([byDeployment, byProvider]), required: splitRequired }),
    want: response({
      composite: { ...XR, status: { address: ADDRESS, endpoints: { matched: 4, ready: 4 } }, ready: 'False' },
      resources: { httproute: { resource: splitRoute, ready: 'False' } },
      conditions: [resolved('matched 4 endpoint(s), 4 ready'), waitingForRoute],
      requirements: SPLIT_REQS,
    }),
  },
  {
    name: 'the service is ready once the Gateway accepts the current route',
    req: request({
      xr: service([byDeployment, byProvider]),
      required: splitRequired,
      observed: { httproute: observed(splitRoute, { status: 'True', reason: 'Accepted' }) },
    }),
    want: response({
      composite: { ...XR, status: { address: ADDRESS, endpoints: { matched: 4, ready: 4 } }, ready: 'True' },
      resources: { httproute: { resource: splitRoute, ready: 'True' } },
      conditions: [
        resolved('matched 4 endpoint(s), 4 ready'),
        routing(
          'True',
          'RouteAccepted',
          'Gateway modelplane-system/modelplane accepted HTTPRoute ml-team/qwen with 4 backend(s)',
        ),
      ],
      requirements: SPLIT_REQS,
    }),
  },
  {
    name: 'SPEC: 1 over two endpoints and 3 over one scale up to 1, 1, 6 so nobody rounds to zero',
    req: request({
      xr: service([
        { ...byDeployment, weight: 1 },
        { ...byProvider, weight: 3 },
      ]),
      required: {
        'endpoints-0': [me('qwen-a'), me('qwen-b')],
        'endpoints-1': [hosted('together')],
        gateway: [gateway],
      },
    }),
    want: response({
      composite: { ...XR, status: { address: ADDRESS, endpoints: { matched: 3, ready: 3 } }, ready: 'False' },
      resources: {
        httproute: {
          resource: route([fleet('qwen-a', 1), fleet('qwen-b', 1), provider(6)]),
          ready: 'False',
        },
      },
      conditions: [resolved('matched 3 endpoint(s), 3 ready'), waitingForRoute],
      requirements: SPLIT_REQS,
    }),
  },
  {
    name: 'a weight of 1,000,000 next to tiny ones clamps to the Gateway API maximum and keeps the tiny ones at 1',
    req: request({
      xr: service([
        { ...byProvider, weight: 1_000_000 },
        { ...byDeployment, weight: 1 },
      ]),
      required: {
        'endpoints-0': [hosted('together')],
        'endpoints-1': [me('qwen-a'), me('qwen-b')],
        gateway: [gateway],
      },
    }),
    want: response({
      composite: { ...XR, status: { address: ADDRESS, endpoints: { matched: 3, ready: 3 } }, ready: 'False' },
      resources: {
        httproute: {
          resource: route([provider(1_000_000), fleet('qwen-a', 1), fleet('qwen-b', 1)]),
          ready: 'False',
        },
      },
      conditions: [resolved('matched 3 endpoint(s), 3 ready'), waitingForRoute],
      requirements: requirements([{ provider: 'hosted' }, { 'modelplane.ai/deployment': 'qwen' }]),
    }),
  },
  {
    name: 'equal entry weights over unequal endpoint counts tie at the entry level',
    req: request({
      xr: service([
        { ...byDeployment, weight: 50 },
        { ...byProvider, weight: 50 },
      ]),
      required: {
        'endpoints-0': [me('qwen-a'), me('qwen-b')],
        'endpoints-1': [hosted('together')],
        gateway: [gateway],
      },
    }),
    want: response({
      composite: { ...XR, status: { address: ADDRESS, endpoints: { matched: 3, ready: 3 } }, ready: 'False' },
      resources: {
        httproute: {
          resource: route([fleet('qwen-a', 1), fleet('qwen-b', 1), provider(2)]),
          ready: 'False',
        },
      },
      conditions: [resolved('matched 3 endpoint(s), 3 ready'), waitingForRoute],
      requirements: SPLIT_REQS,
    }),
  },
  {
    name: 'an endpoint matched by two entries belongs to the first and is counted once',
    req: request({
      xr: service([byDeployment, byProvider]),
      required: {
        'endpoints-0': [
          me('qwen-a'),
          me('qwen-b', { labels: { 'modelplane.ai/deployment': 'qwen', provider: 'hosted' } }),
        ],
        'endpoints-1': [
          me('qwen-b', { labels: { 'modelplane.ai/deployment': 'qwen', provider: 'hosted' } }),
          hosted('together'),
        ],
        gateway: [gateway],
      },
    }),
    want: response({
      composite: { ...XR, status: { address: ADDRESS, endpoints: { matched: 3, ready: 3 } }, ready: 'False' },
      resources: {
        httproute: {
          resource: route([fleet('qwen-a', 2), fleet('qwen-b', 2), provider(1)]),
          ready: 'False',
        },
      },
      conditions: [resolved('matched 3 endpoint(s), 3 ready'), waitingForRoute],
      requirements: SPLIT_REQS,
    }),
  },
  {
    name: 'endpoints that are not ready leave the route and their share goes to the ready ones of their entry',
    req: request({
      xr: service([byDeployment, byProvider]),
      required: {
        'endpoints-0': [me('qwen-a'), me('qwen-b', { ready: false }), me('qwen-c')],
        'endpoints-1': [hosted('together')],
        gateway: [gateway],
      },
      observed: { httproute: observed(splitRoute, { status: 'True', reason: 'Accepted' }) },
    }),
    want: response({
      composite: { ...XR, status: { address: ADDRESS, endpoints: { matched: 4, ready: 3 } }, ready: 'True' },
      resources: {
        httproute: {
          resource: route([fleet('qwen-a', 2), fleet('qwen-c', 2), provider(1)]),
          ready: 'True',
        },
      },
      conditions: [
        resolved('matched 4 endpoint(s), 3 ready'),
        routing(
          'True',
          'RouteAccepted',
          'Gateway modelplane-system/modelplane accepted HTTPRoute ml-team/qwen with 3 backend(s)',
        ),
      ],
      requirements: SPLIT_REQS,
    }),
  },
  {
    name: 'an entry whose endpoints are all not ready drops out and the other entry takes all traffic',
    req: request({
      xr: service([byDeployment, byProvider]),
      required: {
        'endpoints-0': [me('qwen-a', { ready: false })],
        'endpoints-1': [hosted('together')],
        gateway: [gateway],
      },
    }),
    want: response({
      composite: { ...XR, status: { address: ADDRESS, endpoints: { matched: 2, ready: 1 } }, ready: 'False' },
      resources: {
        httproute: { resource: route([provider(1)]), ready: 'False' },
      },
      conditions: [resolved('matched 2 endpoint(s), 1 ready'), waitingForRoute],
      requirements: SPLIT_REQS,
    }),
  },
  {
    name: 'a provider under another path is refused with a warning naming both sides, and the fleet keeps serving',
    req: request({
      xr: service([byDeployment, byProvider]),
      required: {
        'endpoints-0': [me('qwen-a')],
        'endpoints-1': [hosted('groq', { url: 'https://api.groq.com/openai' })],
        gateway: [gateway],
      },
    }),
    want: response({
      composite: { ...XR, status: { address: ADDRESS, endpoints: { matched: 2, ready: 2 } }, ready: 'False' },
      resources: { httproute: { resource: route([fleet('qwen-a', 1)]), ready: 'False' } },
      conditions: [
        {
          type: 'EndpointsResolved',
          status: 'False',
          reason: 'IncompatibleEndpoints',
          message: GROQ_REFUSED,
        },
        waitingForRoute,
      ],
      warnings: [{ reason: 'IncompatibleEndpoints', message: GROQ_REFUSED }],
      requirements: SPLIT_REQS,
    }),
  },
  {
    name: 'an Anthropic endpoint never shares an OpenAI route',
    req: request({
      xr: service([byProvider, byDeployment]),
      required: {
        'endpoints-0': [hosted('claude', { url: 'https://api.anthropic.com', protocol: 'Anthropic' })],
        'endpoints-1': [me('qwen-a')],
        gateway: [gateway],
      },
    }),
    want: response({
      composite: { ...XR, status: { address: ADDRESS, endpoints: { matched: 2, ready: 2 } }, ready: 'False' },
      resources: {
        httproute: {
          resource: route([
            ['claude', 443, 1, [{ type: 'URLRewrite', urlRewrite: { hostname: 'api.anthropic.com' } }]],
          ]),
          ready: 'False',
        },
      },
      conditions: [
        {
          type: 'EndpointsResolved',
          status: 'False',
          reason: 'IncompatibleEndpoints',
          message: QWEN_REFUSED,
        },
        waitingForRoute,
      ],
      warnings: [{ reason: 'IncompatibleEndpoints', message: QWEN_REFUSED }],
      requirements: requirements([{ provider: 'hosted' }, { 'modelplane.ai/deployment': 'qwen' }]),
    }),
  },
  {
    name: "a provider with credentials gets its endpoint's HTTPRouteFilter, and spec.timeouts reach the route",
    req: request({
      xr: {
        ...(service([byProvider]) as { spec: object }),
        spec: {
          endpoints: [byProvider],
          gatewayRef: GATEWAY,
          timeouts: { request: '30m', backendRequest: '10m' },
        },
      },
      required: {
        'endpoints-0': [hosted('together', { credentials: 'together-api-key' })],
        gateway: [gateway],
      },
    }),
    want: response({
      composite: { ...XR, status: { address: ADDRESS, endpoints: { matched: 1, ready: 1 } }, ready: 'False' },
      resources: {
        httproute: {
          resource: withTimeouts(
            route([
              [
                'together',
                443,
                1,
                [
                  { type: 'URLRewrite', urlRewrite: { hostname: 'api.together.xyz' } },
                  {
                    type: 'ExtensionRef',
                    extensionRef: {
                      group: 'gateway.envoyproxy.io',
                      kind: 'HTTPRouteFilter',
                      name: 'together',
                    },
                  },
                ],
              ],
            ]),
            { request: '30m', backendRequest: '10m' },
          ),
          ready: 'False',
        },
      },
      conditions: [resolved('matched 1 endpoint(s), 1 ready'), waitingForRoute],
      requirements: requirements([{ provider: 'hosted' }]),
    }),
  },
  {
    name: 'matchExpressions select beyond what the matchLabels fetch can',
    req: request({
      xr: service([
        {
          selector: {
            matchLabels: { 'modelplane.ai/deployment': 'qwen' },
            matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['canary'] }],
          },
        },
      ]),
      required: {
        'endpoints-0': [
          me('qwen-a', { labels: { 'modelplane.ai/deployment': 'qwen', tier: 'canary' } }),
          me('qwen-b', { labels: { 'modelplane.ai/deployment': 'qwen', tier: 'stable' } }),
        ],
        gateway: [gateway],
      },
    }),
    want: response({
      composite: { ...XR, status: { address: ADDRESS, endpoints: { matched: 1, ready: 1 } }, ready: 'False' },
      resources: { httproute: { resource: route([fleet('qwen-b', 1)]), ready: 'False' } },
      conditions: [resolved('matched 1 endpoint(s), 1 ready'), waitingForRoute],
      requirements: requirements([{ 'modelplane.ai/deployment': 'qwen' }]),
    }),
  },
  {
    name: "a service in another namespace never routes to this namespace's endpoints, even if handed them",
    req: request({
      xr: service([byDeployment, byProvider], { namespace: 'other-team' }),
      required: splitRequired,
    }),
    want: response({
      composite: {
        ...XR,
        status: { address: 'http://198.51.100.7/other-team/qwen', endpoints: { matched: 0, ready: 0 } },
        ready: 'False',
      },
      conditions: [
        {
          type: 'EndpointsResolved',
          status: 'False',
          reason: 'NoEndpoints',
          message: 'no ModelEndpoint in namespace other-team matches spec.endpoints',
        },
        routing('False', 'NoEndpoints', 'no endpoints to route to'),
      ],
      warnings: [
        { reason: 'NoEndpoints', message: 'no ModelEndpoint in namespace other-team matches spec.endpoints' },
      ],
      requirements: requirements(
        [{ 'modelplane.ai/deployment': 'qwen' }, { provider: 'hosted' }],
        'other-team',
      ),
    }),
  },
  {
    name: 'no endpoint matched keeps the existing route unchanged, with a warning',
    req: request({
      xr: service([byDeployment, byProvider]),
      required: { 'endpoints-0': [], 'endpoints-1': [], gateway: [gateway] },
      observed: { httproute: observed(splitRoute, { status: 'True', reason: 'Accepted' }) },
    }),
    want: response({
      composite: { ...XR, status: { address: ADDRESS, endpoints: { matched: 0, ready: 0 } }, ready: 'False' },
      resources: { httproute: { resource: kept(splitRoute), ready: 'True' } },
      conditions: [
        {
          type: 'EndpointsResolved',
          status: 'False',
          reason: 'NoEndpoints',
          message:
            'no ModelEndpoint in namespace ml-team matches spec.endpoints; HTTPRoute ml-team/qwen is kept as it was',
        },
        routing('False', 'NoEndpoints', 'no endpoints to route to; HTTPRoute ml-team/qwen is kept as it was'),
      ],
      warnings: [
        {
          reason: 'NoEndpoints',
          message:
            'no ModelEndpoint in namespace ml-team matches spec.endpoints; HTTPRoute ml-team/qwen is kept as it was',
        },
      ],
      requirements: SPLIT_REQS,
    }),
  },
  {
    name: 'no matched endpoint ready keeps the existing route unchanged instead of emptying it',
    req: request({
      xr: service([byDeployment, byProvider]),
      required: {
        'endpoints-0': [me('qwen-a', { ready: false })],
        'endpoints-1': [hosted('together', { ready: false })],
        gateway: [gateway],
      },
      observed: { httproute: observed(splitRoute, { status: 'True', reason: 'Accepted' }) },
    }),
    want: response({
      composite: { ...XR, status: { address: ADDRESS, endpoints: { matched: 2, ready: 0 } }, ready: 'False' },
      resources: { httproute: { resource: kept(splitRoute), ready: 'True' } },
      conditions: [
        resolved('matched 2 endpoint(s), 0 ready'),
        routing(
          'False',
          'NoReadyEndpoints',
          'none of the 2 matched endpoint(s) is ready; HTTPRoute ml-team/qwen is kept as it was',
        ),
      ],
      requirements: SPLIT_REQS,
    }),
  },
  {
    name: 'no matched endpoint ready and no route yet composes nothing',
    req: request({
      xr: service([byDeployment]),
      required: { 'endpoints-0': [me('qwen-a', { ready: false })], gateway: [gateway] },
    }),
    want: response({
      composite: { ...XR, status: { address: ADDRESS, endpoints: { matched: 1, ready: 0 } }, ready: 'False' },
      conditions: [
        resolved('matched 1 endpoint(s), 0 ready'),
        routing('False', 'NoReadyEndpoints', 'none of the 1 matched endpoint(s) is ready'),
      ],
      requirements: requirements([{ 'modelplane.ai/deployment': 'qwen' }]),
    }),
  },
  {
    name: 'a missing Gateway is reported and the route is still composed for when it appears',
    req: request({
      xr: service([byProvider]),
      required: { 'endpoints-0': [hosted('together')], gateway: [] },
    }),
    want: response({
      composite: { ...XR, status: { endpoints: { matched: 1, ready: 1 } }, ready: 'False' },
      resources: {
        httproute: { resource: route([provider(1)]), ready: 'False' },
      },
      conditions: [
        resolved('matched 1 endpoint(s), 1 ready'),
        routing(
          'False',
          'GatewayNotFound',
          'Gateway modelplane-system/modelplane (spec.gatewayRef) not found',
        ),
      ],
      warnings: [
        {
          reason: 'GatewayNotFound',
          message: 'Gateway modelplane-system/modelplane (spec.gatewayRef) not found',
        },
      ],
      requirements: requirements([{ provider: 'hosted' }]),
    }),
  },
  {
    name: 'a route the Gateway does not accept is reported with its reason',
    req: request({
      xr: service([byProvider]),
      required: { 'endpoints-0': [hosted('together')], gateway: [gateway] },
      observed: {
        httproute: observed(route([provider(1)]), {
          status: 'False',
          reason: 'NotAllowedByListeners',
          message: 'No listener allows routes from namespace ml-team',
        }),
      },
    }),
    want: response({
      composite: { ...XR, status: { address: ADDRESS, endpoints: { matched: 1, ready: 1 } }, ready: 'False' },
      resources: {
        httproute: { resource: route([provider(1)]), ready: 'False' },
      },
      conditions: [
        resolved('matched 1 endpoint(s), 1 ready'),
        routing(
          'False',
          'RouteNotAccepted',
          'Gateway modelplane-system/modelplane reports Accepted=False on HTTPRoute ml-team/qwen: NotAllowedByListeners: No listener allows routes from namespace ml-team',
        ),
      ],
      requirements: requirements([{ provider: 'hosted' }]),
    }),
  },
  {
    name: 'backends the Gateway cannot resolve are reported even on an accepted route',
    req: request({
      xr: service([byProvider]),
      required: { 'endpoints-0': [hosted('together')], gateway: [gateway] },
      observed: {
        httproute: observed(route([provider(1)]), {
          status: 'True',
          reason: 'Accepted',
          refs: 'Backend ref to gateway.envoyproxy.io Backend is disabled',
        }),
      },
    }),
    want: response({
      composite: { ...XR, status: { address: ADDRESS, endpoints: { matched: 1, ready: 1 } }, ready: 'False' },
      resources: {
        httproute: { resource: route([provider(1)]), ready: 'False' },
      },
      conditions: [
        resolved('matched 1 endpoint(s), 1 ready'),
        routing(
          'False',
          'BackendsNotResolved',
          'Gateway modelplane-system/modelplane reports ResolvedRefs=False on HTTPRoute ml-team/qwen: UnsupportedRefValue: Backend ref to gateway.envoyproxy.io Backend is disabled',
        ),
      ],
      requirements: requirements([{ provider: 'hosted' }]),
    }),
  },
  {
    name: 'more ready endpoints than one rule holds: entries take turns for the 16 places and the weights still hold',
    req: request({
      xr: service([byDeployment, byProvider]),
      required: {
        'endpoints-0': Array.from({ length: 20 }, (_, i) => me(`qwen-${String(i).padStart(2, '0')}`)),
        'endpoints-1': [hosted('together')],
        gateway: [gateway],
      },
    }),
    want: response({
      composite: {
        ...XR,
        status: { address: ADDRESS, endpoints: { matched: 21, ready: 21 } },
        ready: 'False',
      },
      resources: {
        httproute: {
          // 80 over 15 = 5 r5 → 6,6,6,6,6,5,...; 20 over 1; gcd 1.
          resource: route([
            ...Array.from({ length: 15 }, (_, i) =>
              fleet(`qwen-${String(i).padStart(2, '0')}`, i < 5 ? 6 : 5),
            ),
            provider(20),
          ]),
          ready: 'False',
        },
      },
      conditions: [
        resolved(
          'matched 21 endpoint(s), 21 ready; one HTTPRoute rule holds 16 backends, so 5 ready endpoint(s) receive no traffic',
        ),
        waitingForRoute,
      ],
      requirements: SPLIT_REQS,
    }),
  },
  {
    name: 'an XR the function cannot parse is reported and keeps its route',
    req: request({
      xr: { ...XR, metadata: { name: 'qwen', namespace: NS }, spec: { endpoints: [] } },
      observed: { httproute: observed(splitRoute, { status: 'True', reason: 'Accepted' }) },
    }),
    want: response({
      composite: { ...XR, ready: 'False' },
      resources: { httproute: { resource: kept(splitRoute), ready: 'False' } },
      conditions: [
        {
          type: 'EndpointsResolved',
          status: 'False',
          reason: 'InvalidSpec',
          message: 'Invalid ModelService: spec.endpoints: Too small: expected array to have >=1 items',
        },
      ],
      warnings: [
        {
          reason: 'InvalidSpec',
          message: 'Invalid ModelService: spec.endpoints: Too small: expected array to have >=1 items',
        },
      ],
    }),
  },
];

describe('compose-model-service', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(runFunction(composeModelService, c.req)).toStrictEqual(c.want);
    });
  }

  it('the order Crossplane returns required resources in never changes the response', () => {
    const items = [
      me('qwen-a'),
      me('qwen-b', { ready: false }),
      me('qwen-c'),
      me('qwen-d'),
      hosted('together'),
    ];
    const base = JSON.stringify(
      runFunction(
        composeModelService,
        request({
          xr: service([byDeployment, byProvider]),
          required: { 'endpoints-0': items, 'endpoints-1': items, gateway: [gateway] },
        }),
      ),
    );
    fc.assert(
      fc.property(
        fc.shuffledSubarray(items, { minLength: items.length }),
        fc.shuffledSubarray(items, { minLength: items.length }),
        (a, b) => {
          const req = request({
            xr: service([byDeployment, byProvider]),
            required: { 'endpoints-0': a, 'endpoints-1': b, gateway: [gateway] },
          });
          expect(JSON.stringify(runFunction(composeModelService, req))).toBe(base);
        },
      ),
    );
  });

  it('every HTTPRoute it composes validates against the real Gateway API CRD', () => {
    const composed = cases.flatMap((c) =>
      Object.values(runFunction(composeModelService, c.req).desired?.resources ?? {}).map(
        (r) => r.resource as Record<string, unknown>,
      ),
    );
    expect(composed.length).toBeGreaterThan(0);
    expect(schemaProblems(composed)).toEqual([]);
  });
});
