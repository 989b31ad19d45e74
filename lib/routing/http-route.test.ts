import { describe, expect, it } from 'vitest';
import { endpointRoute, type EndpointRoute } from './endpoint.js';
import {
  composeHttpRoute,
  routeAcceptance,
  ruleTimeouts,
  servicePathPrefix,
  type RouteAcceptance,
} from './http-route.js';

function route(spec: Parameters<typeof endpointRoute>[0]): EndpointRoute {
  const r = endpointRoute(spec);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const gateway = { name: 'modelplane', namespace: 'modelplane-system' };
const parentRefs = [
  { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'modelplane', namespace: 'modelplane-system' },
];
const replicaHeaders = [{ name: 'x-modelplane-replica', value: 'ml-team/qwen-5ab63' }];

describe('composeHttpRoute', () => {
  it('rewrites the service prefix once, and picks each backend by header, Host and credentials', () => {
    expect(
      composeHttpRoute({
        name: 'qwen',
        namespace: 'ml-team',
        gateway,
        rewritePath: '/',
        timeouts: undefined,
        backends: [
          {
            name: 'qwen-5ab63',
            route: route({ url: 'http://203.0.113.10', headers: replicaHeaders }),
            weight: 4,
          },
          {
            name: 'together',
            route: route({
              url: 'https://api.together.xyz/',
              credentials: { secretRef: { name: 'together-key' }, header: 'Authorization' },
            }),
            weight: 1,
          },
        ],
      }),
    ).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'qwen', namespace: 'ml-team' },
      spec: {
        parentRefs,
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/ml-team/qwen/' } }],
            filters: [
              {
                type: 'URLRewrite',
                urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } },
              },
            ],
            backendRefs: [
              {
                group: 'gateway.envoyproxy.io',
                kind: 'Backend',
                name: 'qwen-5ab63',
                port: 80,
                weight: 4,
                filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: replicaHeaders } }],
              },
              {
                group: 'gateway.envoyproxy.io',
                kind: 'Backend',
                name: 'together',
                port: 443,
                weight: 1,
                filters: [
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
              },
            ],
            timeouts: { request: '0s', backendRequest: '0s' },
          },
        ],
      },
    });
  });

  it('writes a request timeout alone, since Envoy Gateway would let a backendRequest of 0s replace it', () => {
    expect(
      [
        undefined,
        {},
        { request: '10m' },
        { backendRequest: '5m' },
        { request: '10m', backendRequest: '5m' },
      ].map(ruleTimeouts),
    ).toEqual([
      { request: '0s', backendRequest: '0s' },
      { request: '0s', backendRequest: '0s' },
      { request: '10m' },
      { request: '0s', backendRequest: '5m' },
      { request: '10m', backendRequest: '5m' },
    ]);
  });

  it('takes spec.timeouts, and gives a backend without extras no filters', () => {
    expect(
      composeHttpRoute({
        name: 'qwen',
        namespace: 'ml-team',
        gateway,
        rewritePath: '/openai/',
        timeouts: { request: '10m' },
        backends: [{ name: 'gw', route: route({ url: 'http://198.51.100.20/openai' }), weight: 1 }],
      }),
    ).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'qwen', namespace: 'ml-team' },
      spec: {
        parentRefs,
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/ml-team/qwen/' } }],
            filters: [
              {
                type: 'URLRewrite',
                urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/openai/' } },
              },
            ],
            backendRefs: [
              { group: 'gateway.envoyproxy.io', kind: 'Backend', name: 'gw', port: 80, weight: 1 },
            ],
            timeouts: { request: '10m' },
          },
        ],
      },
    });
  });

  it('serves a service under /<namespace>/<name>/', () => {
    expect(servicePathPrefix('ml-team', 'qwen')).toBe('/ml-team/qwen/');
  });
});

describe('routeAcceptance', () => {
  const parentRef = {
    group: 'gateway.networking.k8s.io',
    kind: 'Gateway',
    name: 'modelplane',
    namespace: 'modelplane-system',
  };
  const observed = (parents: unknown[], generation = 2) => ({
    metadata: { name: 'qwen', namespace: 'ml-team', generation },
    status: { parents },
  });
  const cond = (type: string, status: string, reason: string, message = '', observedGeneration = 2) => ({
    type,
    status,
    reason,
    message,
    observedGeneration,
  });
  const cases: { name: string; observed: unknown; want: RouteAcceptance }[] = [
    {
      name: 'a route without status is pending',
      observed: { metadata: { name: 'qwen' } },
      want: { kind: 'pending' },
    },
    {
      name: 'Accepted=True from our Gateway for this generation is accepted',
      observed: observed([
        {
          parentRef,
          conditions: [cond('Accepted', 'True', 'Accepted'), cond('ResolvedRefs', 'True', 'ResolvedRefs')],
        },
      ]),
      want: { kind: 'accepted' },
    },
    {
      name: "a parentRef without a namespace means the route's namespace, so it is not our Gateway",
      observed: observed([
        { parentRef: { name: 'modelplane' }, conditions: [cond('Accepted', 'True', 'Accepted')] },
      ]),
      want: { kind: 'pending' },
    },
    {
      name: 'Accepted=True written for an older generation is still pending',
      observed: observed([{ parentRef, conditions: [cond('Accepted', 'True', 'Accepted', '', 1)] }]),
      want: { kind: 'pending' },
    },
    {
      name: 'Accepted from another Gateway does not count',
      observed: observed([
        { parentRef: { ...parentRef, name: 'other' }, conditions: [cond('Accepted', 'True', 'Accepted')] },
      ]),
      want: { kind: 'pending' },
    },
    {
      name: 'Accepted=False is a rejection with the gateway reason and message',
      observed: observed([
        {
          parentRef,
          conditions: [cond('Accepted', 'False', 'NotAllowedByListeners', 'namespace ml-team not allowed')],
        },
      ]),
      want: {
        kind: 'rejected',
        condition: 'Accepted',
        reason: 'NotAllowedByListeners',
        message: 'namespace ml-team not allowed',
      },
    },
    {
      name: 'ResolvedRefs=False on an accepted route is a rejection of its backends',
      observed: observed([
        {
          parentRef,
          conditions: [
            cond('Accepted', 'True', 'Accepted'),
            cond(
              'ResolvedRefs',
              'False',
              'UnsupportedRefValue',
              'path rewrite is not supported on a backendRef',
            ),
          ],
        },
      ]),
      want: {
        kind: 'rejected',
        condition: 'ResolvedRefs',
        reason: 'UnsupportedRefValue',
        message: 'path rewrite is not supported on a backendRef',
      },
    },
    {
      name: 'one controller accepting wins over another rejecting',
      observed: observed([
        { parentRef, conditions: [cond('Accepted', 'False', 'NoMatchingParent')] },
        { parentRef, conditions: [cond('Accepted', 'True', 'Accepted')] },
      ]),
      want: { kind: 'accepted' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(routeAcceptance(c.observed, gateway)).toEqual(c.want);
    });
  }
});
