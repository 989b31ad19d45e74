// The Envoy Gateway Backend a ModelEndpoint composes (SPEC 4.5), and how to read its observed state.
//
// One endpoint per Backend: `ip {address, port}` for an IP host, `fqdn {hostname, port}` for a DNS
// name. https adds `tls` with the system CA bundle and, for a DNS host, SNI = the hostname (TLS
// cannot carry an IP address in SNI, RFC 6066 section 3, and the CRD's sni pattern refuses one).
// Envoy Gateway serves Backends only with `extensionApis.enableBackend: true` in its configuration.
//
// An endpoint with credentials also gets an Envoy Gateway HTTPRouteFilter, named like the endpoint,
// whose `credentialInjection` fills one request header from the Secret's `credential` key (Envoy
// Gateway reads only that key: api/v1alpha1/httproutefilter_types.go, InjectedCredential). The
// ModelService references it from the endpoint's backendRef; Envoy Gateway turns a backendRef's
// credential injection into an upstream HTTP filter on that backend's own cluster
// (internal/xds/translator/cluster.go, buildClusterHTTPFilters), so the secret goes to this
// endpoint only and never appears in a route. `overwrite: true`: whatever a client sends in that
// header (its own token for the fleet gateway, say) never reaches the provider.

import { findCondition } from '../runtime/conditions.js';
import { serverName, type EndpointUrl } from './url.js';

export const BACKEND_API_VERSION = 'gateway.envoyproxy.io/v1alpha1';
export const BACKEND_GROUP = 'gateway.envoyproxy.io';
export const BACKEND_KIND = 'Backend';
export const ROUTE_FILTER_KIND = 'HTTPRouteFilter';

export interface BackendRef {
  readonly name: string;
  readonly namespace: string;
}

export function composeBackend(ref: BackendRef, url: EndpointUrl): object {
  const endpoint =
    url.host.kind === 'dns'
      ? { fqdn: { hostname: url.host.hostname, port: url.port } }
      : { ip: { address: url.host.address, port: url.port } };
  const sni = serverName(url.host);
  const tls =
    url.scheme === 'https'
      ? { wellKnownCACertificates: 'System', ...(sni === undefined ? {} : { sni }) }
      : undefined;
  return {
    apiVersion: BACKEND_API_VERSION,
    kind: BACKEND_KIND,
    metadata: { name: ref.name, namespace: ref.namespace },
    spec: { endpoints: [endpoint], ...(tls === undefined ? {} : { tls }) },
  };
}

/** The HTTPRouteFilter that injects an endpoint's credentials (named like the endpoint). */
export function composeCredentialsFilter(
  ref: BackendRef,
  credentials: { readonly secretName: string; readonly header: string },
): object {
  return {
    apiVersion: BACKEND_API_VERSION,
    kind: ROUTE_FILTER_KIND,
    metadata: { name: ref.name, namespace: ref.namespace },
    spec: {
      credentialInjection: {
        header: credentials.header,
        overwrite: true,
        credential: { valueRef: { group: '', kind: 'Secret', name: credentials.secretName } },
      },
    },
  };
}

/**
 * What Envoy Gateway says about an observed Backend. EG writes `Accepted` only for Backends that a
 * route references, and a ModelService routes only to ready endpoints: requiring Accepted=True
 * would deadlock a new endpoint. So a Backend is usable once it exists, unless EG rejected it.
 */
export type BackendState =
  | { readonly kind: 'usable' }
  | { readonly kind: 'rejected'; readonly reason: string; readonly message: string };

export function backendState(observed: unknown): BackendState {
  const accepted = findCondition(observed, 'Accepted');
  if (accepted?.status !== 'False') return { kind: 'usable' };
  return { kind: 'rejected', reason: accepted.reason ?? 'Rejected', message: accepted.message ?? '' };
}
