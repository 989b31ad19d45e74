import { describe, expect, it } from 'vitest';
import { backendState, composeBackend, composeCredentialsFilter, type BackendState } from './backend.js';
import { parseEndpointUrl } from './url.js';

function backendFor(url: string): object {
  const r = parseEndpointUrl(url);
  if (!r.ok) throw new Error(r.why);
  return composeBackend({ name: 'qwen-5ab63', namespace: 'ml-team' }, r.value);
}

const meta = { name: 'qwen-5ab63', namespace: 'ml-team' };

describe('composeCredentialsFilter', () => {
  it("fills the header from the Secret's credential key, overwriting what a client sent", () => {
    expect(
      composeCredentialsFilter(
        { name: 'together', namespace: 'ml-team' },
        { secretName: 'together-api-key', header: 'Authorization' },
      ),
    ).toEqual({
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'HTTPRouteFilter',
      metadata: { name: 'together', namespace: 'ml-team' },
      spec: {
        credentialInjection: {
          header: 'Authorization',
          overwrite: true,
          credential: { valueRef: { group: '', kind: 'Secret', name: 'together-api-key' } },
        },
      },
    });
  });
});

describe('composeBackend', () => {
  it('an http IPv4 URL becomes one ip endpoint without TLS', () => {
    expect(backendFor('http://203.0.113.10/ml-team/qwen-5ab63/v1')).toEqual({
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'Backend',
      metadata: meta,
      spec: { endpoints: [{ ip: { address: '203.0.113.10', port: 80 } }] },
    });
  });

  it('an https DNS URL becomes one fqdn endpoint with system CAs and SNI = the hostname', () => {
    expect(backendFor('https://api.together.xyz/')).toEqual({
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'Backend',
      metadata: meta,
      spec: {
        endpoints: [{ fqdn: { hostname: 'api.together.xyz', port: 443 } }],
        tls: { wellKnownCACertificates: 'System', sni: 'api.together.xyz' },
      },
    });
  });

  it('a fully qualified name keeps its dot in the endpoint but not in SNI', () => {
    expect(backendFor('https://llm.example.com.:8443/')).toEqual({
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'Backend',
      metadata: meta,
      spec: {
        endpoints: [{ fqdn: { hostname: 'llm.example.com.', port: 8443 } }],
        tls: { wellKnownCACertificates: 'System', sni: 'llm.example.com' },
      },
    });
  });

  it('an https IPv6 URL gets system CAs but no SNI, which cannot carry an address', () => {
    expect(backendFor('https://[2001:db8::10]:8443/v1')).toEqual({
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'Backend',
      metadata: meta,
      spec: {
        endpoints: [{ ip: { address: '2001:db8:0:0:0:0:0:10', port: 8443 } }],
        tls: { wellKnownCACertificates: 'System' },
      },
    });
  });
});

describe('backendState', () => {
  const cases: { name: string; observed: unknown; want: BackendState }[] = [
    { name: 'a Backend without status is usable', observed: { metadata: meta }, want: { kind: 'usable' } },
    {
      name: 'a Backend Envoy Gateway accepted is usable',
      observed: { status: { conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted' }] } },
      want: { kind: 'usable' },
    },
    {
      name: 'a Backend Envoy Gateway rejected is not, with its reason and message',
      observed: {
        status: {
          conditions: [
            { type: 'Accepted', status: 'False', reason: 'Invalid', message: 'Backend is disabled' },
          ],
        },
      },
      want: { kind: 'rejected', reason: 'Invalid', message: 'Backend is disabled' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(backendState(c.observed)).toEqual(c.want);
    });
  }
});
