// Envoy Gateway's own translator on every example's routes, with the oldest and the newest Envoy
// Gateway we support (egctl v1.7 and v1.9, built into .tools/ by scripts/install-tools.sh).
//
// Fleet side: each ModelService's HTTPRoute, with the Backends and credential HTTPRouteFilters the
// ModelEndpoints compose, on the fleet Gateway `modelplane plan` assumes. Envoy Gateway must accept
// the route and resolve every reference, and the xDS must carry, for a request to
// /<ns>/<service>/v1/chat/completions: no timeout (Envoy's default is 15 s), and per weighted
// backend the path its ModelEndpoint URL implies, the endpoint's headers (the replica selector),
// its Host and its injected credential. The expectation is built from the ModelEndpoints, not
// from the route.
//
// Workload side: each replica's KServe route (the LLMInferenceService's router.route.http.spec)
// on the cluster's inference Gateway. egctl's standalone translator knows no InferencePool
// (Envoy Gateway serves it only through an extension server, e.g. Envoy AI Gateway's), so rules
// to the pool are translated to a 500 and reported as the only unresolved references; what is
// checked is that every match (path and header) reaches Envoy as designed, in an order where the
// fleet's header rules and KServe's path rules never shadow each other, and that the Service
// rules rewrite as KServe's preset does.

import { describe, expect, it } from 'vitest';
import { COMPOSITE_KINDS } from '../cli/functions.js';
import { parseTexts, type SourceText } from '../lib/plan/load.js';
import { planTexts } from '../lib/plan/plan.js';
import { assumeRequired } from '../lib/plan/simulate.js';
import { INFERENCE_APIS, kserveChildName, REPLICA_HEADER } from '../lib/replica/router.js';
import {
  allXdsRoutes,
  clusterCredential,
  EG_VERSIONS,
  gatewayClass,
  headerMatches,
  routeConditions,
  rewrittenPath,
  translate,
  weightedBackends,
  xdsRoutes,
  xdsRouteSource,
  type Translation,
} from './support/egctl.js';
import { exampleFleets } from './support/examples.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const meta = (o: Obj) => obj(o.metadata) as { name: string; namespace?: string };

const FLEETS = new Map(exampleFleets().map((f) => [f.name, f.texts] as const));
const EXAMPLES = [...FLEETS.keys()];

function textsOf(example: string): readonly SourceText[] {
  const texts = FLEETS.get(example);
  if (texts === undefined) throw new Error(`no example fleet ${example}`);
  return texts;
}

/** Every object the example's plan composes, and its input objects. */
function planOf(example: string): { composed: Obj[]; inputs: Obj[] } {
  const texts = textsOf(example);
  const outcome = planTexts(texts, COMPOSITE_KINDS);
  if (outcome.kind !== 'planned') throw new Error(`${example} does not plan`);
  return {
    composed: outcome.view.json.resources as Obj[],
    inputs: parseTexts(texts).documents.map((d) => d.value as Obj),
  };
}

const isKind = (o: Obj, apiGroup: string, kind: string) =>
  String(o.apiVersion).startsWith(`${apiGroup}/`) && o.kind === kind;
const GATEWAY_API = 'gateway.networking.k8s.io';
const EG = 'gateway.envoyproxy.io';

/** Only what an API server keeps of metadata on create: name and namespace. */
function applied(o: Obj): Obj {
  const { name, namespace } = meta(o);
  return { ...o, metadata: { name, ...(namespace === undefined ? {} : { namespace }) } };
}

/** The fleet Gateway as `modelplane plan` assumes it (an HTTP listener admitting all namespaces). */
function fleetGateway(ref: { name: string; namespace: string }): Obj {
  const gateway = assumeRequired({
    apiVersion: `${GATEWAY_API}/v1`,
    kind: 'Gateway',
    matchName: ref.name,
    namespace: ref.namespace,
  });
  if (gateway === undefined) throw new Error('plan assumes no Gateway');
  return {
    apiVersion: gateway.apiVersion,
    kind: gateway.kind,
    metadata: gateway.metadata,
    spec: gateway.spec,
  };
}

// ---------------------------------------------------------------------------------------------
// Fleet side

interface FleetCase {
  readonly input: Obj[];
  readonly routes: Obj[];
  /** ModelEndpoints by "namespace/name": composed ones and hand-made ones. */
  readonly endpoints: Map<string, Obj>;
  /** ModelServices by "namespace/name". */
  readonly services: Map<string, Obj>;
}

function fleetCase(example: string): FleetCase {
  const { composed, inputs } = planOf(example);
  const routes = composed.filter((o) => isKind(o, GATEWAY_API, 'HTTPRoute'));
  const filters = composed.filter((o) => isKind(o, EG, 'HTTPRouteFilter'));
  const endpoints = new Map(
    [...composed, ...inputs]
      .filter((o) => o.apiVersion === 'modelplane.ai/v1alpha1' && o.kind === 'ModelEndpoint')
      .map((o) => [`${meta(o).namespace}/${meta(o).name}`, o] as const),
  );
  const services = new Map(
    inputs
      .filter((o) => o.apiVersion === 'modelplane.ai/v1alpha1' && o.kind === 'ModelService')
      .map((o) => [`${meta(o).namespace}/${meta(o).name}`, o] as const),
  );
  const gateways = new Map<string, Obj>();
  for (const route of routes) {
    for (const p of arr(obj(route.spec).parentRefs).map(obj)) {
      const ref = { name: String(p.name), namespace: String(p.namespace) };
      gateways.set(`${ref.namespace}/${ref.name}`, fleetGateway(ref));
    }
  }
  const classes = new Set([...gateways.values()].map((g) => String(obj(g.spec).gatewayClassName)));
  // The Secret each credentials filter reads, with a made-up credential.
  const secrets = filters.map((f) => {
    const ref = obj(obj(obj(obj(f.spec).credentialInjection).credential).valueRef);
    return {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: String(ref.name), namespace: meta(f).namespace },
      data: { credential: Buffer.from('Bearer sk-test').toString('base64') },
    };
  });
  return {
    input: [
      ...[...classes].map(gatewayClass),
      ...gateways.values(),
      ...secrets,
      ...composed.filter((o) => isKind(o, EG, 'Backend') || isKind(o, EG, 'HTTPRouteFilter')).map(applied),
      ...routes.map(applied),
    ],
    routes,
    endpoints,
    services,
  };
}

/** The path prefix an endpoint's URL implies (spec.rewritePath, else the URL's path), ending in '/'. */
function endpointPath(spec: Obj): string {
  const path = typeof spec.rewritePath === 'string' ? spec.rewritePath : new URL(String(spec.url)).pathname;
  return path.endsWith('/') ? path : `${path}/`;
}

const REQUEST = 'v1/chat/completions';

const SECONDS = { h: 3600, m: 60, s: 1, ms: 0.001 } as const;
const seconds = (d: string) =>
  [...d.matchAll(/(\d+)(ms|h|m|s)/g)].reduce(
    (t, [, n, u]) => t + Number(n) * SECONDS[u as keyof typeof SECONDS],
    0,
  );

/**
 * The Envoy route timeout and idle timeout spec.timeouts should give: the request timeout (none
 * when unset), Envoy Gateway's idle timeout of at least an hour, or none along with the timeout.
 */
function expectedTimeouts(service: Obj | undefined): { timeout: string; idleTimeout: string } {
  const t = obj(obj(service?.spec).timeouts);
  const set = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const limit = seconds(set(t.backendRequest) ?? set(t.request) ?? '0s');
  return { timeout: `${limit}s`, idleTimeout: limit === 0 ? '0s' : `${Math.max(limit, 3600)}s` };
}

/** What the fleet route must do, from its ModelService and the ModelEndpoints behind it. */
function expectedFleetRoute(route: Obj, c: FleetCase) {
  const { name, namespace = '' } = meta(route);
  const rule = obj(arr(obj(route.spec).rules)[0]);
  const endpoints = c.endpoints;
  return {
    conditions: [
      ['Accepted', 'True', 'Accepted', 'Route is accepted'],
      ['ResolvedRefs', 'True', 'ResolvedRefs', 'Resolved all the Object references for the Route'],
    ],
    ...expectedTimeouts(c.services.get(`${namespace}/${name}`)),
    backends: arr(rule.backendRefs).map((b) => {
      const ref = obj(b);
      const endpoint = endpoints.get(`${namespace}/${String(ref.name)}`);
      if (endpoint === undefined) throw new Error(`no ModelEndpoint for backendRef ${String(ref.name)}`);
      const spec = obj(endpoint.spec);
      const url = new URL(String(spec.url));
      const dns = !/^[0-9.]+$/.test(url.hostname) && !url.hostname.startsWith('[');
      const credentials = obj(spec.credentials);
      return {
        backend: String(ref.name),
        weight: Number(ref.weight),
        path: `${endpointPath(spec)}${REQUEST}`,
        headers: arr(spec.headers).map((h) => [String(obj(h).name), String(obj(h).value)]),
        host: dns ? url.hostname.replace(/\.$/, '') : undefined,
        credential:
          credentials.secretRef === undefined
            ? undefined
            : [typeof credentials.header === 'string' ? credentials.header : 'Authorization', true],
      };
    }),
    service: `/${namespace}/${name}`,
  };
}

/** What Envoy Gateway made of it. */
function translatedFleetRoute(t: Translation, route: Obj) {
  const { name, namespace = '' } = meta(route);
  const parent = obj(arr(obj(route.spec).parentRefs)[0]);
  const gateway = `${String(parent.namespace)}/${String(parent.name)}`;
  const xds = xdsRoutes(t, gateway, namespace, name);
  if (xds.length !== 1) throw new Error(`HTTPRoute ${namespace}/${name}: ${xds.length} xDS routes, want 1`);
  const [x] = xds as [Obj];
  const refs = arr(obj(arr(obj(route.spec).rules)[0]).backendRefs).map(obj);
  const action = obj(x.route);
  return {
    conditions: routeConditions(t, namespace, name).map((c) => c.slice(0, 4)),
    timeout: action.timeout,
    idleTimeout: action.idleTimeout,
    backends: weightedBackends(x).map((b) => {
      const index = Number(/\/backend\/(\d+)$/.exec(b.cluster)?.[1]);
      return {
        backend: String(refs[index]?.name),
        weight: b.weight,
        path: rewrittenPath(x, `/${namespace}/${name}/${REQUEST}`),
        headers: b.headers.map(([k, v]) => [k, v]),
        host: b.host,
        credential: clusterCredential(t, gateway, b.cluster),
      };
    }),
    service: String(obj(x.match).pathSeparatedPrefix),
  };
}

// ---------------------------------------------------------------------------------------------
// Workload side

interface ReplicaRoute {
  readonly namespace: string;
  readonly replica: string;
  readonly route: Obj;
}

function replicaRoutes(example: string): ReplicaRoute[] {
  return planOf(example)
    .composed.map((o) => obj(obj(obj(o.spec).forProvider).manifest))
    .filter((m) => isKind(m, 'serving.kserve.io', 'LLMInferenceService'))
    .map((m) => {
      const { name, namespace = '' } = meta(m);
      const router = obj(obj(m.spec).router);
      const spec = obj(obj(obj(router.route).http).spec);
      // KServe derives parentRefs from router.gateway.refs (config_merge.go, ToParentRefs).
      const parentRefs = arr(obj(router.gateway).refs).map((ref) => ({
        group: GATEWAY_API,
        kind: 'Gateway',
        name: String(obj(ref).name),
        namespace: String(obj(ref).namespace),
      }));
      return {
        namespace,
        replica: name,
        // The HTTPRoute KServe creates for it (pkg/controller/v1alpha2/llmisvc/router.go, expectedHTTPRoute).
        route: {
          apiVersion: `${GATEWAY_API}/v1`,
          kind: 'HTTPRoute',
          metadata: { name: kserveChildName(name, '-kserve-route'), namespace },
          spec: { ...spec, parentRefs },
        },
      };
    });
}

function workloadInput(routes: readonly ReplicaRoute[]): Obj[] {
  return [
    gatewayClass('inference'),
    {
      apiVersion: `${GATEWAY_API}/v1`,
      kind: 'Gateway',
      metadata: { name: 'inference-gateway', namespace: 'modelplane-system' },
      spec: {
        gatewayClassName: 'inference',
        listeners: [
          { name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } },
        ],
      },
    },
    ...routes.flatMap((r) => [
      r.route,
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: kserveChildName(r.replica, '-kserve-workload-svc'), namespace: r.namespace },
        spec: { clusterIP: '10.0.0.10', ports: [{ name: 'http', port: 8000, targetPort: 8000 }] },
      },
    ]),
  ];
}

/** One xDS route: which route and rule it came from, what it matches, and where a sample request goes. */
interface Hop {
  readonly route: string;
  readonly rule: string;
  readonly prefix: string;
  readonly headers: [string, string][];
  /** The path the Service receives, or "pool" for a rule to the InferencePool (a 500 in egctl). */
  readonly to: string;
}

/** Every xDS route of the inference gateway, in Envoy's order. */
function translatedHops(t: Translation): Hop[] {
  return allXdsRoutes(t, 'modelplane-system/inference-gateway').map((x) => {
    const match = obj(x.match);
    const source = xdsRouteSource(x);
    const prefix = String(match.pathSeparatedPrefix ?? match.prefix);
    const sample =
      prefix === '/' ? '/v1/models' : prefix.endsWith('/v1/models') ? prefix : `${prefix}/v1/models`;
    return {
      route: `${source.namespace}/${source.name}`,
      rule: String(source.rule),
      prefix,
      headers: headerMatches(x),
      to: x.directResponse !== undefined ? 'pool' : rewrittenPath(x, sample),
    };
  });
}

/** The hops of a replica route as designed (lib/replica/router.ts). */
function expectedHops(r: ReplicaRoute): Hop[] {
  const route = `${r.namespace}/${meta(r.route).name}`;
  const base = `/${r.namespace}/${r.replica}`;
  const header: [string, string] = [REPLICA_HEADER, `${r.namespace}/${r.replica}`];
  const paths = INFERENCE_APIS.map((api) => ({
    route,
    rule: `v1-${api.replace('/', '-')}-path`,
    prefix: `${base}/v1/${api}`,
    headers: [],
    to: 'pool',
  }));
  const fleet = INFERENCE_APIS.map((api) => ({
    route,
    rule: 'fleet-inference',
    prefix: `/v1/${api}`,
    headers: [header],
    to: 'pool',
  }));
  return [
    ...paths,
    { route, rule: 'v1-catch-all-path', prefix: base, headers: [], to: '/v1/models' },
    ...fleet,
    { route, rule: 'fleet-catch-all', prefix: '/', headers: [header], to: '/v1/models' },
  ];
}

/** One order for comparing hop sets: longest prefix first, then prefix, then rule. */
function sorted(hops: Hop[]): Hop[] {
  return [...hops].sort(
    (a, b) =>
      b.prefix.length - a.prefix.length || a.prefix.localeCompare(b.prefix) || a.rule.localeCompare(b.rule),
  );
}

/** Envoy's path_separated_prefix (and prefix "/") semantics, with exact header matchers. */
function matches(hop: Hop, path: string, headers: readonly [string, string][]): boolean {
  const pathOk = hop.prefix === '/' || path === hop.prefix || path.startsWith(`${hop.prefix}/`);
  return pathOk && hop.headers.every(([k, v]) => headers.some(([hk, hv]) => hk === k && hv === v));
}

/**
 * Hops a request meant for them does not reach, because an earlier xDS route (Envoy tries them in
 * order) matches it first: a fleet request (header) or a direct one (KServe's path) for each hop.
 */
function shadowed(hops: Hop[]): string[] {
  return hops.flatMap((hop) => {
    const path = hop.prefix === '/' ? '/v1/models' : hop.prefix;
    const first = hops.find((h) => matches(h, path, hop.headers));
    return first === hop
      ? []
      : [
          `${hop.route} ${hop.rule} ${hop.prefix}: taken by ${first === undefined ? 'nothing' : `${first.route} ${first.rule}`}`,
        ];
  });
}

// ---------------------------------------------------------------------------------------------

const fleet = new Map(EXAMPLES.map((e) => [e, fleetCase(e)] as const));
const workload = new Map(EXAMPLES.map((e) => [e, replicaRoutes(e)] as const));

for (const version of EG_VERSIONS) {
  describe(`Envoy Gateway ${version.replace('egctl-', '')} (egctl experimental translate)`, () => {
    for (const example of EXAMPLES) {
      const c = fleet.get(example) as FleetCase;
      it(`${example}: accepts every ModelService route; each backend gets its endpoint's path, headers, Host and credential, and no timeout`, () => {
        expect(c.routes.length).toBeGreaterThan(0);
        const t = translate(version, c.input);
        expect(c.routes.map((r) => translatedFleetRoute(t, r))).toEqual(
          c.routes.map((r) => expectedFleetRoute(r, c)),
        );
      });

      const replicas = workload.get(example) as ReplicaRoute[];
      it(`${example}: every replica route reaches the inference gateway's Envoy with the fleet's header rules and KServe's path rules`, () => {
        expect(replicas.length).toBeGreaterThan(0);
        const t = translate(version, workloadInput(replicas));
        const hops = translatedHops(t);
        expect({
          accepted: replicas.map((r) =>
            routeConditions(t, r.namespace, meta(r.route).name)
              .find((x) => x[0] === 'Accepted')
              ?.slice(0, 3),
          ),
          unresolved: replicas.map((r) => {
            const refs = routeConditions(t, r.namespace, meta(r.route).name).find(
              (x) => x[0] === 'ResolvedRefs',
            );
            return [...(refs?.[3] ?? '').matchAll(/route rule (\d+) backendRef/g)].map((m) => Number(m[1]));
          }),
          hops: sorted(hops),
          shadowed: shadowed(hops),
        }).toEqual({
          accepted: replicas.map(() => ['Accepted', 'True', 'Accepted']),
          unresolved: replicas.map((r) =>
            arr(obj(r.route.spec).rules)
              .map((rule, i) => (obj(arr(obj(rule).backendRefs)[0]).kind === 'InferencePool' ? i : -1))
              .filter((i) => i >= 0),
          ),
          hops: sorted(replicas.flatMap(expectedHops)),
          shadowed: [],
        });
      });
    }
  });
}
