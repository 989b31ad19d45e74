import { describe, expect, it } from 'vitest';
import { endpointRoute, type EndpointRoute } from './endpoint.js';
import { composeHttpRoute, routeAcceptance, servicePathPrefix, type RouteAcceptance } from './http-route.js';

function route(url: string, rewritePath?: string): EndpointRoute {
  const r = endpointRoute(rewritePath === undefined ? { url } : { url, rewritePath });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const gateway = { name: 'modelplane', namespace: 'modelplane-system' };

describe('composeHttpRoute', () => {
  it('routes the service prefix to weighted Backends, rewriting the path per backend and the host for DNS names', () => {
    expect(
      composeHttpRoute({
        name: 'qwen',
        namespace: 'ml-team',
        gateway,
        backends: [
          {
            name: 'qwen-5ab63',
            route: route('http://203.0.113.10/ml-team/qwen-5ab63/v1', '/ml-team/qwen-5ab63/'),
            weight: 4,
          },
          { name: 'together', route: route('https://api.together.xyz/'), weight: 1 },
        ],
      }),
    ).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'qwen', namespace: 'ml-team' },
      spec: {
        parentRefs: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'Gateway',
            name: 'modelplane',
            namespace: 'modelplane-system',
          },
        ],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/ml-team/qwen/' } }],
            backendRefs: [
              {
                group: 'gateway.envoyproxy.io',
                kind: 'Backend',
                name: 'qwen-5ab63',
                port: 80,
                weight: 4,
                filters: [
                  {
                    type: 'URLRewrite',
                    urlRewrite: {
                      path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/ml-team/qwen-5ab63/' },
                    },
                  },
                ],
              },
              {
                group: 'gateway.envoyproxy.io',
                kind: 'Backend',
                name: 'together',
                port: 443,
                weight: 1,
                filters: [
                  {
                    type: 'URLRewrite',
                    urlRewrite: {
                      hostname: 'api.together.xyz',
                      path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' },
                    },
                  },
                ],
              },
            ],
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
