// What routing needs from a ModelEndpoint's spec: the parsed URL, the path prefix under which the
// endpoint serves what clients ask of the service, its protocol, and the headers and credentials
// the gateway adds for it. Both functions compute it from the same spec with this module, so the
// endpoint's Backend and the service's backendRef always agree on name, port, path and filters.
//
// rewritePath (default: the URL's path) always ends with '/'. The service's route matches
// `/<ns>/<name>/`, and Gateway API defines ReplacePrefixMatch on whole path segments, so '/x' and
// '/x/' mean the same there; but implementations that fall back to Envoy's literal prefix_rewrite
// would turn '/ns/svc/' + 'chat' into '/xchat' with a replacement lacking the slash. Ending both
// sides with '/' is correct under either reading.

import type { EndpointHeader, ModelEndpointSpec } from '../apis/model-endpoint.js';
import { invalidUrlMessage, MAX_PATH_LENGTH, parseEndpointUrl, type EndpointUrl } from './url.js';

export interface EndpointRoute {
  readonly url: EndpointUrl;
  readonly protocol: ModelEndpointSpec['protocol'];
  /** The prefix the service's URLRewrite replaces `/<ns>/<service>/` with; ends with '/'. */
  readonly rewritePath: string;
  /** Request headers the gateway sets for this endpoint (e.g. the replica selector). */
  readonly headers: readonly EndpointHeader[];
  /** The header the gateway fills from the credentials Secret, when the endpoint has one. */
  readonly credentialsHeader: string | undefined;
}

export type EndpointRouteResult =
  | { readonly ok: true; readonly value: EndpointRoute }
  | {
      readonly ok: false;
      readonly field: 'spec.url' | 'spec.rewritePath';
      /** "Invalid spec.url: <url>: <why>" or "Invalid spec.rewritePath: <path>: <why>". */
      readonly message: string;
    };

/** RFC 3986 path characters, the set Gateway API allows in HTTPRoute path values. */
const PATH_CHARACTERS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2})+$/;

export type EndpointSpecInput = Pick<ModelEndpointSpec, 'url'> &
  Partial<Pick<ModelEndpointSpec, 'protocol' | 'rewritePath' | 'headers' | 'credentials'>>;

export function endpointRoute(spec: EndpointSpecInput): EndpointRouteResult {
  const parsed = parseEndpointUrl(spec.url);
  if (!parsed.ok) return { ok: false, field: 'spec.url', message: invalidUrlMessage(spec.url, parsed.why) };
  const url = parsed.value;
  const route = (rewritePath: string): EndpointRouteResult => ({
    ok: true,
    value: {
      url,
      protocol: spec.protocol ?? 'OpenAI',
      rewritePath,
      headers: spec.headers ?? [],
      credentialsHeader: spec.credentials?.header,
    },
  });

  if (spec.rewritePath === undefined) {
    const why = pathProblem(url.path);
    if (why !== undefined)
      return { ok: false, field: 'spec.url', message: invalidUrlMessage(spec.url, `the path ${why}`) };
    return route(withTrailingSlash(url.path));
  }
  const why = pathProblem(spec.rewritePath);
  if (why !== undefined) {
    return {
      ok: false,
      field: 'spec.rewritePath',
      message: `Invalid spec.rewritePath: ${spec.rewritePath}: ${why}`,
    };
  }
  return route(withTrailingSlash(spec.rewritePath));
}

function pathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return "must start with '/'";
  if (!PATH_CHARACTERS.test(path)) {
    return "may contain only letters, digits, '/', \"-._~!$&'()*+,;=:@\" and %XX escapes";
  }
  if (withTrailingSlash(path).length > MAX_PATH_LENGTH) return `is longer than ${MAX_PATH_LENGTH} characters`;
  return undefined;
}

function withTrailingSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}
