// Envoy Gateway's own translator, `egctl experimental translate`, on our routes: the Gateway API
// status it writes and the xDS it would send to Envoy, boiled down to what a request meets on its
// way (match, path rewrite, timeouts, and per weighted backend its headers, Host and injected
// credential). The versions are the oldest and newest Envoy Gateway we support (tools/egctl-v*).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { tool } from './paths.js';

export const EG_VERSIONS = ['egctl-v1.7', 'egctl-v1.9'] as const;
export type EgVersion = (typeof EG_VERSIONS)[number];

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export const GATEWAY_CONTROLLER = 'gateway.envoyproxy.io/gatewayclass-controller';

/** An Envoy Gateway GatewayClass named `name`. */
export function gatewayClass(name: string): Obj {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GatewayClass',
    metadata: { name },
    spec: { controllerName: GATEWAY_CONTROLLER },
  };
}

export interface Translation {
  /** The input objects, with the status Envoy Gateway wrote (gatewayClass, gateways, httpRoutes, backends). */
  readonly resources: Obj;
  /** Per Gateway ("namespace/name"), the xDS config dumps. */
  readonly xds: Record<string, Obj[]>;
}

/** Runs `egctl experimental translate` (Gateway API in; Gateway API status and all xDS out). */
export function translate(version: EgVersion, objects: readonly Obj[]): Translation {
  const dir = mkdtempSync(join(tmpdir(), 'modelplane-egctl-'));
  const file = join(dir, 'in.yaml');
  writeFileSync(file, objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n'));
  const r = spawnSync(
    tool(version),
    [
      'experimental',
      'translate',
      '--from',
      'gateway-api',
      '--to',
      'gateway-api,xds',
      '-t',
      'all',
      '-o',
      'json',
      '-f',
      file,
    ],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (r.status !== 0) throw new Error(`${version} translate failed (${r.status}): ${r.stderr}`);
  const out = JSON.parse(r.stdout) as Obj;
  const xds: Record<string, Obj[]> = {};
  for (const [gateway, dump] of Object.entries(obj(out.xds))) xds[gateway] = arr(obj(dump).configs).map(obj);
  const resources = Object.fromEntries(Object.entries(out).filter(([k]) => k !== 'xds'));
  return { resources, xds };
}

/** [type, status, reason, message] of each condition Envoy Gateway set on an HTTPRoute, per parent. */
export function routeConditions(t: Translation, namespace: string, name: string): string[][] {
  const route = arr(t.resources.httpRoutes)
    .map(obj)
    .find((r) => obj(r.metadata).namespace === namespace && obj(r.metadata).name === name);
  if (route === undefined) throw new Error(`HTTPRoute ${namespace}/${name} is not in the translation`);
  return arr(obj(route.status).parents).flatMap((p) =>
    arr(obj(p).conditions).map((c) => {
      const x = obj(c);
      return [String(x.type), String(x.status), String(x.reason), String(x.message)];
    }),
  );
}

function dump(t: Translation, gateway: string, type: string): Obj {
  const found = (t.xds[gateway] ?? []).find((c) => String(c['@type']).endsWith(type));
  if (found === undefined) throw new Error(`no ${type} for Gateway ${gateway}`);
  return found;
}

/** Every xDS route of a Gateway, in the order Envoy tries them. */
export function allXdsRoutes(t: Translation, gateway: string): Obj[] {
  return arr(dump(t, gateway, 'RoutesConfigDump').dynamicRouteConfigs)
    .flatMap((c) => arr(obj(obj(c).routeConfig).virtualHosts))
    .flatMap((vh) => arr(obj(vh).routes).map(obj));
}

/** The HTTPRoute an xDS route came from, and the rule's name (sectionName) when it has one. */
export function xdsRouteSource(route: Obj): { namespace: string; name: string; rule: string | undefined } {
  const res = arr(obj(obj(obj(route.metadata).filterMetadata)['envoy-gateway']).resources)
    .map(obj)
    .find((x) => x.kind === 'HTTPRoute');
  return {
    namespace: String(res?.namespace),
    name: String(res?.name),
    rule: typeof res?.sectionName === 'string' ? res.sectionName : undefined,
  };
}

/** The xDS routes Envoy Gateway built from HTTPRoute `namespace/name`, in the order Envoy tries them. */
export function xdsRoutes(t: Translation, gateway: string, namespace: string, name: string): Obj[] {
  return allXdsRoutes(t, gateway).filter((r) => {
    const source = xdsRouteSource(r);
    return source.namespace === namespace && source.name === name;
  });
}

/** The credential an upstream cluster injects: [header, overwrite], from its credential_injector filter. */
export function clusterCredential(
  t: Translation,
  gateway: string,
  cluster: string,
): [string, boolean] | undefined {
  const found = arr(dump(t, gateway, 'ClustersConfigDump').dynamicActiveClusters)
    .map((c) => obj(obj(c).cluster))
    .find((c) => c.name === cluster);
  if (found === undefined) throw new Error(`no cluster ${cluster}`);
  for (const options of Object.values(obj(found.typedExtensionProtocolOptions))) {
    for (const filter of arr(obj(options).httpFilters)) {
      const config = obj(obj(filter).typedConfig);
      if (!String(config['@type']).endsWith('CredentialInjector')) continue;
      const generic = obj(obj(obj(config.credential).typedConfig));
      return [String(generic.header), config.overwrite === true];
    }
  }
  return undefined;
}

/**
 * The path Envoy sends upstream for `path`, per the route's rewrite: a regex rewrite (RE2 patterns
 * Envoy Gateway writes are plain enough for JavaScript's engine) or a prefix rewrite.
 */
export function rewrittenPath(route: Obj, path: string): string {
  const action = obj(route.route);
  const regex = obj(action.regexRewrite);
  if (regex.pattern !== undefined) {
    const pattern = String(obj(regex.pattern).regex);
    return path.replace(new RegExp(pattern), String(regex.substitution));
  }
  if (typeof action.prefixRewrite === 'string') {
    const match = obj(route.match);
    const prefix =
      typeof match.pathSeparatedPrefix === 'string' ? match.pathSeparatedPrefix : String(match.prefix);
    return action.prefixRewrite + path.slice(prefix.length);
  }
  return path;
}

/** What a request meets per weighted cluster of an xDS route. */
export interface WeightedBackend {
  readonly cluster: string;
  readonly weight: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly host: string | undefined;
}

export function weightedBackends(route: Obj): WeightedBackend[] {
  return arr(obj(obj(route.route).weightedClusters).clusters).map((c) => {
    const x = obj(c);
    return {
      cluster: String(x.name),
      weight: Number(x.weight),
      headers: arr(x.requestHeadersToAdd).map((h) => {
        const header = obj(obj(h).header);
        return [String(header.key), String(header.value)] as const;
      }),
      host: typeof x.hostRewriteLiteral === 'string' ? x.hostRewriteLiteral : undefined,
    };
  });
}

/** The header matchers of an xDS route: [name, exact value]. */
export function headerMatches(route: Obj): [string, string][] {
  return arr(obj(route.match).headers).map((h) => {
    const x = obj(h);
    return [String(x.name), String(obj(x.stringMatch).exact)];
  });
}
