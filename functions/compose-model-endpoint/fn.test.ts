import type { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { request, response } from '../../tests/support/routing-request.js';
import { runFunction } from '../../lib/runtime/index.js';
import { schemaProblems } from '../../tests/support/validate.js';
import { composeModelEndpoint } from './fn.js';

const XR = { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelEndpoint' } as const;

function endpoint(name: string, spec: Record<string, unknown>, status?: object): object {
  return {
    ...XR,
    metadata: {
      name,
      namespace: 'ml-team',
      labels: { 'modelplane.ai/deployment': 'qwen' },
      uid: 'uid-1',
      generation: 3,
    },
    spec: { protocol: 'OpenAI', ...spec },
    ...(status === undefined ? {} : { status }),
  };
}

/** A Backend as the API server returns it: server metadata and Envoy Gateway status. */
function observedBackend(
  spec: object,
  accepted?: { status: string; reason: string; message: string },
): object {
  return {
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'Backend',
    metadata: {
      name: 'qwen-5ab63',
      namespace: 'ml-team',
      resourceVersion: '4711',
      uid: 'uid-backend',
      annotations: { 'crossplane.io/composition-resource-name': 'backend' },
    },
    spec,
    ...(accepted === undefined
      ? {}
      : {
          status: {
            conditions: [{ type: 'Accepted', lastTransitionTime: '2025-01-01T00:00:00Z', ...accepted }],
          },
        }),
  };
}

const fleetBackendSpec = { endpoints: [{ ip: { address: '203.0.113.10', port: 80 } }] };
const fleetBackend = {
  apiVersion: 'gateway.envoyproxy.io/v1alpha1',
  kind: 'Backend',
  metadata: { name: 'qwen-5ab63', namespace: 'ml-team' },
  spec: fleetBackendSpec,
};
/** A fleet replica's endpoint, as ModelDeployment writes it: its cluster gateway and the header that picks it. */
const fleetSpec = {
  url: 'http://203.0.113.10',
  headers: [{ name: 'x-modelplane-replica', value: 'ml-team/qwen-5ab63' }],
};
const routingStatus = (port: number, pathPrefix = '/') => ({
  routing: { backendName: 'qwen-5ab63', port, pathPrefix },
});

/** An HTTPRouteFilter as the API server returns it (Envoy Gateway writes no status on it). */
function observedFilter(spec: object): object {
  return {
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'HTTPRouteFilter',
    metadata: {
      name: 'together',
      namespace: 'ml-team',
      resourceVersion: '4712',
      annotations: { 'crossplane.io/composition-resource-name': 'credentials' },
    },
    spec,
  };
}

const togetherBackendSpec = {
  endpoints: [{ fqdn: { hostname: 'api.together.xyz', port: 443 } }],
  tls: { wellKnownCACertificates: 'System', sni: 'api.together.xyz' },
};
const credentialsFilterSpec = {
  credentialInjection: {
    header: 'Authorization',
    overwrite: true,
    credential: { valueRef: { group: '', kind: 'Secret', name: 'together-api-key' } },
  },
};
const togetherSpec = {
  url: 'https://api.together.xyz',
  credentials: { secretRef: { name: 'together-api-key' } },
};

const cases: { name: string; req: RunFunctionRequest; want: RunFunctionResponse }[] = [
  {
    name: 'a fleet endpoint composes an ip Backend and waits for it before reporting ready',
    req: request({ xr: endpoint('qwen-5ab63', fleetSpec) }),
    want: response({
      composite: { ...XR, status: routingStatus(80), ready: 'False' },
      resources: { backend: { resource: fleetBackend, ready: 'False' } },
      conditions: [
        {
          type: 'RoutingReady',
          status: 'False',
          reason: 'WaitingForBackend',
          message: 'waiting for Backend qwen-5ab63 to be created',
        },
      ],
    }),
  },
  {
    name: 'a fleet endpoint is ready once its Backend exists, before Envoy Gateway reports on it',
    req: request({
      xr: endpoint('qwen-5ab63', fleetSpec),
      observed: { backend: observedBackend(fleetBackendSpec) },
    }),
    want: response({
      composite: { ...XR, status: routingStatus(80), ready: 'True' },
      resources: { backend: { resource: fleetBackend, ready: 'True' } },
      conditions: [
        {
          type: 'RoutingReady',
          status: 'True',
          reason: 'BackendConfigured',
          message: 'Backend qwen-5ab63 sends traffic to 203.0.113.10 over HTTP',
        },
      ],
    }),
  },
  {
    name: 'an external HTTPS provider gets an fqdn Backend with system CAs and SNI',
    req: request({
      xr: endpoint('qwen-5ab63', { url: 'https://api.together.xyz/v1', rewritePath: '/' }),
      observed: {
        backend: observedBackend(
          {
            endpoints: [{ fqdn: { hostname: 'api.together.xyz', port: 443 } }],
            tls: { wellKnownCACertificates: 'System', sni: 'api.together.xyz' },
          },
          { status: 'True', reason: 'Accepted', message: 'The Backend was accepted' },
        ),
      },
    }),
    want: response({
      composite: { ...XR, status: routingStatus(443), ready: 'True' },
      resources: {
        backend: {
          resource: {
            apiVersion: 'gateway.envoyproxy.io/v1alpha1',
            kind: 'Backend',
            metadata: { name: 'qwen-5ab63', namespace: 'ml-team' },
            spec: {
              endpoints: [{ fqdn: { hostname: 'api.together.xyz', port: 443 } }],
              tls: { wellKnownCACertificates: 'System', sni: 'api.together.xyz' },
            },
          },
          ready: 'True',
        },
      },
      conditions: [
        {
          type: 'RoutingReady',
          status: 'True',
          reason: 'BackendConfigured',
          message: 'Backend qwen-5ab63 sends traffic to api.together.xyz over HTTPS',
        },
      ],
    }),
  },
  {
    name: 'an IPv6 endpoint gets an ip Backend with the address written out in full',
    req: request({ xr: endpoint('qwen-5ab63', { url: 'http://[2001:db8::10]:8000/v1' }) }),
    want: response({
      composite: { ...XR, status: routingStatus(8000, '/v1/'), ready: 'False' },
      resources: {
        backend: {
          resource: {
            apiVersion: 'gateway.envoyproxy.io/v1alpha1',
            kind: 'Backend',
            metadata: { name: 'qwen-5ab63', namespace: 'ml-team' },
            spec: { endpoints: [{ ip: { address: '2001:db8:0:0:0:0:0:10', port: 8000 } }] },
          },
          ready: 'False',
        },
      },
      conditions: [
        {
          type: 'RoutingReady',
          status: 'False',
          reason: 'WaitingForBackend',
          message: 'waiting for Backend qwen-5ab63 to be created',
        },
      ],
    }),
  },
  {
    name: 'an invalid URL is reported and the Backend and routing status composed before are kept',
    req: request({
      xr: endpoint(
        'qwen-5ab63',
        { url: 'http://203.0.113.10:99999/v1' },
        { routing: { backendName: 'qwen-5ab63', port: 80 }, conditions: [] },
      ),
      observed: { backend: observedBackend(fleetBackendSpec) },
    }),
    want: response({
      composite: { ...XR, status: { routing: { backendName: 'qwen-5ab63', port: 80 } }, ready: 'False' },
      resources: {
        backend: {
          resource: {
            ...fleetBackend,
            metadata: {
              ...fleetBackend.metadata,
              annotations: { 'crossplane.io/composition-resource-name': 'backend' },
            },
          },
          ready: 'True',
        },
      },
      conditions: [
        {
          type: 'RoutingReady',
          status: 'False',
          reason: 'InvalidURL',
          message:
            'Invalid spec.url: http://203.0.113.10:99999/v1: the port must be a number from 1 to 65535',
        },
      ],
      warnings: [
        {
          reason: 'InvalidURL',
          message:
            'Invalid spec.url: http://203.0.113.10:99999/v1: the port must be a number from 1 to 65535',
        },
      ],
    }),
  },
  {
    name: 'an invalid URL on a new endpoint composes nothing and sets no routing status',
    req: request({ xr: endpoint('qwen-5ab63', { url: 'https://user:pw@api.together.xyz/' }) }),
    want: response({
      composite: { ...XR, ready: 'False' },
      conditions: [
        {
          type: 'RoutingReady',
          status: 'False',
          reason: 'InvalidURL',
          message:
            'Invalid spec.url: https://user:pw@api.together.xyz/: credentials (user:password@) are not supported in a URL',
        },
      ],
      warnings: [
        {
          reason: 'InvalidURL',
          message:
            'Invalid spec.url: https://user:pw@api.together.xyz/: credentials (user:password@) are not supported in a URL',
        },
      ],
    }),
  },
  {
    name: 'an invalid rewritePath has its own reason',
    req: request({ xr: endpoint('qwen-5ab63', { url: 'http://203.0.113.10/v1', rewritePath: '/a b/' }) }),
    want: response({
      composite: { ...XR, ready: 'False' },
      conditions: [
        {
          type: 'RoutingReady',
          status: 'False',
          reason: 'InvalidRewritePath',
          message:
            "Invalid spec.rewritePath: /a b/: may contain only letters, digits, '/', \"-._~!$&'()*+,;=:@\" and %XX escapes",
        },
      ],
      warnings: [
        {
          reason: 'InvalidRewritePath',
          message:
            "Invalid spec.rewritePath: /a b/: may contain only letters, digits, '/', \"-._~!$&'()*+,;=:@\" and %XX escapes",
        },
      ],
    }),
  },
  {
    name: 'a provider with credentials gets an HTTPRouteFilter reading the Secret, and waits for it',
    req: request({
      xr: endpoint('together', togetherSpec),
      observed: { backend: observedBackend(togetherBackendSpec) },
    }),
    want: response({
      composite: {
        ...XR,
        status: { routing: { backendName: 'together', port: 443, pathPrefix: '/' } },
        ready: 'False',
      },
      resources: {
        backend: {
          resource: {
            apiVersion: 'gateway.envoyproxy.io/v1alpha1',
            kind: 'Backend',
            metadata: { name: 'together', namespace: 'ml-team' },
            spec: togetherBackendSpec,
          },
          ready: 'False',
        },
        credentials: {
          resource: {
            apiVersion: 'gateway.envoyproxy.io/v1alpha1',
            kind: 'HTTPRouteFilter',
            metadata: { name: 'together', namespace: 'ml-team' },
            spec: credentialsFilterSpec,
          },
          ready: 'False',
        },
      },
      conditions: [
        {
          type: 'RoutingReady',
          status: 'False',
          reason: 'WaitingForBackend',
          message: 'waiting for HTTPRouteFilter together (spec.credentials) to be created',
        },
      ],
    }),
  },
  {
    name: 'a provider with credentials is ready once its Backend and HTTPRouteFilter exist',
    req: request({
      xr: endpoint('together', togetherSpec),
      observed: {
        backend: observedBackend(togetherBackendSpec),
        credentials: observedFilter(credentialsFilterSpec),
      },
    }),
    want: response({
      composite: {
        ...XR,
        status: { routing: { backendName: 'together', port: 443, pathPrefix: '/' } },
        ready: 'True',
      },
      resources: {
        backend: {
          resource: {
            apiVersion: 'gateway.envoyproxy.io/v1alpha1',
            kind: 'Backend',
            metadata: { name: 'together', namespace: 'ml-team' },
            spec: togetherBackendSpec,
          },
          ready: 'True',
        },
        credentials: {
          resource: {
            apiVersion: 'gateway.envoyproxy.io/v1alpha1',
            kind: 'HTTPRouteFilter',
            metadata: { name: 'together', namespace: 'ml-team' },
            spec: credentialsFilterSpec,
          },
          ready: 'True',
        },
      },
      conditions: [
        {
          type: 'RoutingReady',
          status: 'True',
          reason: 'BackendConfigured',
          message:
            'Backend together sends traffic to api.together.xyz over HTTPS, with the Authorization header from Secret together-api-key (key credential)',
        },
      ],
    }),
  },
  {
    name: 'a Host header in spec.headers is refused with its field path, and the Backend and filter are kept',
    req: request({
      xr: endpoint('together', { ...togetherSpec, headers: [{ name: 'Host', value: 'evil.example.com' }] }),
      observed: {
        backend: observedBackend(togetherBackendSpec),
        credentials: observedFilter(credentialsFilterSpec),
      },
    }),
    want: response({
      composite: { ...XR, ready: 'False' },
      resources: {
        backend: {
          resource: {
            apiVersion: 'gateway.envoyproxy.io/v1alpha1',
            kind: 'Backend',
            metadata: {
              name: 'qwen-5ab63',
              namespace: 'ml-team',
              annotations: { 'crossplane.io/composition-resource-name': 'backend' },
            },
            spec: togetherBackendSpec,
          },
          ready: 'True',
        },
        credentials: {
          resource: {
            apiVersion: 'gateway.envoyproxy.io/v1alpha1',
            kind: 'HTTPRouteFilter',
            metadata: {
              name: 'together',
              namespace: 'ml-team',
              annotations: { 'crossplane.io/composition-resource-name': 'credentials' },
            },
            spec: credentialsFilterSpec,
          },
          ready: 'True',
        },
      },
      conditions: [
        {
          type: 'RoutingReady',
          status: 'False',
          reason: 'InvalidSpec',
          message:
            'Invalid ModelEndpoint: spec.headers[0].name: the Host header comes from spec.url, it cannot be set here',
        },
      ],
      warnings: [
        {
          reason: 'InvalidSpec',
          message:
            'Invalid ModelEndpoint: spec.headers[0].name: the Host header comes from spec.url, it cannot be set here',
        },
      ],
    }),
  },
  {
    name: 'a Backend Envoy Gateway rejects keeps the endpoint not ready with its message and a warning',
    req: request({
      xr: endpoint('qwen-5ab63', fleetSpec),
      observed: {
        backend: observedBackend(fleetBackendSpec, {
          status: 'False',
          reason: 'Invalid',
          message: 'Backend is disabled in Envoy Gateway configuration',
        }),
      },
    }),
    want: response({
      composite: { ...XR, status: routingStatus(80), ready: 'False' },
      resources: { backend: { resource: fleetBackend, ready: 'False' } },
      conditions: [
        {
          type: 'RoutingReady',
          status: 'False',
          reason: 'BackendRejected',
          message:
            'Envoy Gateway rejected Backend qwen-5ab63: Invalid: Backend is disabled in Envoy Gateway configuration',
        },
      ],
      warnings: [
        {
          reason: 'BackendRejected',
          message:
            'Envoy Gateway rejected Backend qwen-5ab63: Invalid: Backend is disabled in Envoy Gateway configuration',
        },
      ],
    }),
  },
  {
    name: 'an XR without spec.url is reported with the field path and keeps its Backend',
    req: request({
      xr: { ...XR, metadata: { name: 'qwen-5ab63', namespace: 'ml-team' }, spec: {} },
      observed: { backend: observedBackend(fleetBackendSpec) },
    }),
    want: response({
      composite: { ...XR, ready: 'False' },
      resources: {
        backend: {
          resource: {
            ...fleetBackend,
            metadata: {
              ...fleetBackend.metadata,
              annotations: { 'crossplane.io/composition-resource-name': 'backend' },
            },
          },
          ready: 'True',
        },
      },
      conditions: [
        {
          type: 'RoutingReady',
          status: 'False',
          reason: 'InvalidSpec',
          message: 'Invalid ModelEndpoint: spec.url: Required value',
        },
      ],
      warnings: [{ reason: 'InvalidSpec', message: 'Invalid ModelEndpoint: spec.url: Required value' }],
    }),
  },
];

describe('compose-model-endpoint', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(runFunction(composeModelEndpoint, c.req)).toStrictEqual(c.want);
    });
  }

  it('answers the same request with the same response', () => {
    const first = cases[2];
    if (first === undefined) throw new Error('no case');
    expect(JSON.stringify(runFunction(composeModelEndpoint, first.req))).toBe(
      JSON.stringify(runFunction(composeModelEndpoint, first.req)),
    );
  });

  it('every Backend it composes validates against the real Envoy Gateway CRD', () => {
    const composed = cases.flatMap((c) =>
      Object.values(runFunction(composeModelEndpoint, c.req).desired?.resources ?? {}).map(
        (r) => r.resource as Record<string, unknown>,
      ),
    );
    expect(composed.length).toBeGreaterThan(0);
    expect(schemaProblems(composed)).toEqual([]);
  });
});
