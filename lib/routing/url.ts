// A ModelEndpoint's spec.url, parsed into what an Envoy Gateway Backend and an HTTPRoute need.
//
// The WHATWG URL parser (built into Node) does the heavy lifting: scheme and host lower-casing,
// IDN to punycode, IPv6 canonical form, default-port removal, dot-segment resolution and
// percent-encoding of the path. On top of it we reject what a base URL for a model server cannot
// mean, or what would surprise:
// - anything but http and https, and a missing "//" ("http:example.com" parses, but is a typo);
// - whitespace and backslashes, which WHATWG silently drops or turns into "/";
// - an empty host ("http:///v1" would otherwise become host "v1");
// - user:password@ (a Backend cannot carry credentials, and they would leak into status and events);
// - a query string or a fragment: the gateway rewrites the path only, so neither could be honoured;
// - port 0;
// - IPv4 hosts not written as four decimal numbers (WHATWG reads 010.0.0.1 as 8.0.0.1 and 1.2.3 as
//   1.2.0.3, a classic way to reach an address nobody reviewed);
// - DNS names the Backend CRD rejects (it allows only lower-case RFC 1123 names: no '_', no '*');
// - loopback, unspecified and link-local addresses (and "localhost"): from the gateway they reach
//   the gateway's own Envoy (admin port included) or the cloud metadata service at 169.254.169.254,
//   never a model server.

import { BlockList, isIPv4 } from 'node:net';

export type Scheme = 'http' | 'https';

export type EndpointHost =
  | { readonly kind: 'ipv4'; readonly address: string }
  /** `address` is the uncompressed 8-group form, see `expandIPv6`. */
  | { readonly kind: 'ipv6'; readonly address: string }
  /** `hostname` as written (lower-cased, punycode), with a trailing '.' if the URL had one. */
  | { readonly kind: 'dns'; readonly hostname: string };

export interface EndpointUrl {
  readonly scheme: Scheme;
  readonly host: EndpointHost;
  /** The explicit port, else 80 for http and 443 for https. */
  readonly port: number;
  /** The URL's path, percent-encoded and dot-segment free; "/" at least. */
  readonly path: string;
}

export type UrlResult =
  { readonly ok: true; readonly value: EndpointUrl } | { readonly ok: false; readonly why: string };

const DEFAULT_PORT: Record<Scheme, number> = { http: 80, https: 443 };

/** Longest prefix an HTTPRoute URLRewrite accepts (replacePrefixMatch maxLength). */
export const MAX_PATH_LENGTH = 1024;

/** The one message shape SPEC 4.5 fixes for a bad URL. */
export function invalidUrlMessage(url: string, why: string): string {
  return `Invalid spec.url: ${url}: ${why}`;
}

export function parseEndpointUrl(raw: string): UrlResult {
  const fail = (why: string): UrlResult => ({ ok: false, why });
  if (/\s/.test(raw)) return fail('contains whitespace');
  if (raw.includes('\\')) return fail('contains a backslash');
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(raw);
  if (schemeMatch === null) return fail('has no scheme (want http:// or https://)');
  const scheme = (schemeMatch[1] ?? '').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return fail(`scheme must be http or https, not ${scheme}`);
  const rest = raw.slice(schemeMatch[0].length);
  if (!rest.startsWith('//')) return fail(`want ${scheme}:// followed by a host`);
  const authority = /^[^/?#]*/.exec(rest.slice(2))?.[0] ?? '';
  if (authority.includes('@')) return fail('credentials (user:password@) are not supported in a URL');
  const rawHost = hostPart(authority);
  if (rawHost === '') return fail('the host is empty');
  if (raw.includes('?')) return fail('a query string is not supported: the gateway rewrites the path only');
  if (raw.includes('#')) return fail('a fragment is not supported in a base URL');

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(diagnose(authority));
  }

  const port = url.port === '' ? DEFAULT_PORT[scheme] : Number(url.port);
  if (port === 0) return fail('port 0 is not a usable port');

  const host = classifyHost(url.hostname, rawHost);
  if (!host.ok) return fail(host.why);
  const unroutable = unroutableReason(host.value);
  if (unroutable !== undefined) return fail(unroutable);

  if (url.pathname.length > MAX_PATH_LENGTH)
    return fail(`the path is longer than ${MAX_PATH_LENGTH} characters`);
  return { ok: true, value: { scheme, host: host.value, port, path: url.pathname } };
}

/** The host of "host:port" / "[v6]:port", as written. */
function hostPart(authority: string): string {
  if (authority.startsWith('[')) {
    const end = authority.indexOf(']');
    return end < 0 ? authority : authority.slice(0, end + 1);
  }
  const colon = authority.lastIndexOf(':');
  return colon < 0 ? authority : authority.slice(0, colon);
}

/** Why WHATWG rejected a URL whose scheme and shape we already checked: the port, or the host. */
function diagnose(authority: string): string {
  const host = hostPart(authority);
  const portText = authority.slice(host.length);
  if (portText !== '' && !/^:\d{1,5}$/.test(portText)) return 'the port must be a number from 1 to 65535';
  if (portText !== '' && Number(portText.slice(1)) > 65535)
    return 'the port must be a number from 1 to 65535';
  return `the host ${host} is not a valid IP address or DNS name`;
}

const DNS_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\.?$/;
const DOTTED_DECIMAL = /^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$/;

function classifyHost(
  hostname: string,
  rawHost: string,
): { ok: true; value: EndpointHost } | { ok: false; why: string } {
  if (hostname.startsWith('[')) {
    return { ok: true, value: { kind: 'ipv6', address: expandIPv6(hostname.slice(1, -1)) } };
  }
  if (isIPv4(hostname)) {
    // WHATWG accepts hex, octal and shortened forms and normalises them; a reviewer reading the
    // ModelEndpoint should see the address that is really used.
    if (!DOTTED_DECIMAL.test(rawHost)) {
      return {
        ok: false,
        why: `the host ${rawHost} is read as the IPv4 address ${hostname}; write it as four decimal numbers`,
      };
    }
    return { ok: true, value: { kind: 'ipv4', address: hostname } };
  }
  const bare = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  if (!DNS_NAME.test(hostname) || bare.length > 253 || bare.split('.').some((label) => label.length > 63)) {
    return {
      ok: false,
      why: `the host ${hostname} is not a valid DNS name (lower-case letters, digits, '-' and '.', labels of at most 63 characters)`,
    };
  }
  return { ok: true, value: { kind: 'dns', hostname } };
}

/**
 * "fd00::a:b:c" → "fd00:0:0:0:0:a:b:c". The Backend CRD's IPv6 pattern accepts only some compressed
 * forms (it rejects fd00::a:b:c) but every uncompressed 8-group form, and Envoy reads all of them.
 * `compressed` is WHATWG's canonical output: lower-case hex groups, at most one "::", no dotted quad.
 */
export function expandIPv6(compressed: string): string {
  const [head = '', tail] = compressed.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => g.replace(/^0+(?=.)/, '')).join(':');
}

const UNROUTABLE = new BlockList();
UNROUTABLE.addSubnet('127.0.0.0', 8, 'ipv4');
UNROUTABLE.addSubnet('0.0.0.0', 8, 'ipv4');
UNROUTABLE.addSubnet('169.254.0.0', 16, 'ipv4');
UNROUTABLE.addAddress('::1', 'ipv6');
UNROUTABLE.addAddress('::', 'ipv6');
UNROUTABLE.addSubnet('fe80::', 10, 'ipv6');

function unroutableReason(host: EndpointHost): string | undefined {
  switch (host.kind) {
    case 'ipv4':
    case 'ipv6':
      return UNROUTABLE.check(host.address, host.kind)
        ? `${host.address} is a loopback, unspecified or link-local address: from the gateway it reaches the gateway itself or the cloud metadata service, not a model server`
        : undefined;
    case 'dns': {
      const bare = host.hostname.replace(/\.$/, '');
      return bare === 'localhost' || bare.endsWith('.localhost')
        ? `${host.hostname} names the gateway itself, not a model server`
        : undefined;
    }
  }
}

/** host[:port] as it appears in a URL: IPv6 in brackets, the port only when not the scheme's default. */
export function authorityOf(url: EndpointUrl): string {
  const host = hostText(url.host);
  const shown = url.host.kind === 'ipv6' ? `[${host}]` : host;
  return url.port === DEFAULT_PORT[url.scheme] ? shown : `${shown}:${url.port}`;
}

export function hostText(host: EndpointHost): string {
  return host.kind === 'dns' ? host.hostname : host.address;
}

/** A DNS host without its trailing dot: SNI and the Host header never carry one. */
export function serverName(host: EndpointHost): string | undefined {
  return host.kind === 'dns' ? host.hostname.replace(/\.$/, '') : undefined;
}
