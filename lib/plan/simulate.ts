// The outside world, assumed Ready. A plan has no cloud, no workload cluster and no gateway, so
// whatever a provider or a remote controller would report is simulated here, one rule per kind,
// with the shapes the real providers write (the upstream CRDs in .crds/) because that is what the
// functions read back. Every rule is deterministic: no clocks, addresses derived by hashing.
//
// Addresses are documentation addresses (RFC 5737, 198.51.100.0/24), so a preview can never be
// mistaken for a reachable endpoint; the table output lists every one that was assumed.

import { isIP } from 'node:net';
import { shortHash } from '../names.js';
import { isObject, type JsonObject } from '../runtime/json.js';
import { namespacedName } from '../runtime/request.js';
import type { Requirement } from '../runtime/requirements.js';
import { describeRef, refOf, type World } from './world.js';

const MODELPLANE = 'modelplane.ai/v1alpha1';
const GATEWAY_API = 'gateway.networking.k8s.io';

/** The fleet Gateway's address when the input does not bring the Gateway (SPEC 4.6's example). */
export const ASSUMED_FLEET_GATEWAY_ADDRESS = '198.51.100.7';

/**
 * A workload cluster's inference-gateway address when its InferenceCluster sets none: one of
 * 198.51.100.10–249 chosen by a hash of the cluster name (so never the fleet Gateway's .7).
 */
export function assumedClusterAddress(cluster: string): string {
  return `198.51.100.${10 + (parseInt(shortHash(cluster, 8), 16) % 240)}`;
}

/** The address a workload cluster's inference Gateway has: the declared one, else assumed. */
export function clusterGatewayAddress(cluster: JsonObject): string {
  const spec = isObject(cluster.spec) ? cluster.spec : {};
  const gateway = isObject(spec.gateway) ? spec.gateway : {};
  if (typeof gateway.address === 'string' && gateway.address !== '') return gateway.address;
  const meta = isObject(cluster.metadata) ? cluster.metadata : {};
  return assumedClusterAddress(typeof meta.name === 'string' ? meta.name : '');
}

/** Rule for every composed resource: its provider applied it and reports Ready and Synced. */
const READY_AND_SYNCED = [
  { type: 'Ready', status: 'True', reason: 'Available' },
  { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
];

/** What a composed resource that is not an XR looks like once its controller has acted on it. */
export function observeComposed(applied: JsonObject, world: World): JsonObject {
  const ownStatus = kindStatus(applied, world);
  const conditions = [
    ...READY_AND_SYNCED,
    ...(Array.isArray(ownStatus.conditions) ? (ownStatus.conditions as JsonObject[]) : []),
  ];
  return { ...applied, status: { ...ownStatus, conditions } };
}

function group(apiVersion: unknown): string {
  return typeof apiVersion === 'string' && apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
}

function kindStatus(obj: JsonObject, world: World): JsonObject {
  const g = group(obj.apiVersion);
  // provider-kubernetes Object: the provider applied spec.forProvider.manifest on the workload
  // cluster and reports the remote object back in status.atProvider.manifest.
  if ((g === 'kubernetes.m.crossplane.io' || g === 'kubernetes.crossplane.io') && obj.kind === 'Object') {
    const spec = isObject(obj.spec) ? obj.spec : {};
    const forProvider = isObject(spec.forProvider) ? spec.forProvider : {};
    const manifest = isObject(forProvider.manifest) ? forProvider.manifest : undefined;
    if (manifest === undefined) return {};
    const cluster = clusterBehind(spec.providerConfigRef, world);
    return { atProvider: { manifest: remoteObject(manifest, cluster) } };
  }
  // Gateway API HTTPRoute: every parent Gateway accepted the route and resolved its backends.
  if (g === GATEWAY_API && obj.kind === 'HTTPRoute') {
    const spec = isObject(obj.spec) ? obj.spec : {};
    const parents = Array.isArray(spec.parentRefs) ? spec.parentRefs : [];
    return {
      parents: parents.map((parentRef) => ({
        parentRef,
        controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
        conditions: [
          { type: 'Accepted', status: 'True', reason: 'Accepted' },
          { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' },
        ],
      })),
    };
  }
  // Envoy Gateway Backend: accepted by Envoy Gateway.
  if (g === 'gateway.envoyproxy.io' && obj.kind === 'Backend') {
    return { conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted' }] };
  }
  return {};
}

/**
 * What the simulation reads from the world: only InferenceClusters (their published
 * providerConfigRef and gateway). Observations need re-simulating only when this changes.
 */
export function simulationInputs(world: World): string {
  return `${world.kindRevision(MODELPLANE, 'InferenceCluster')}`;
}

const DEFAULT_PROVIDER_CONFIG_KIND = 'ClusterProviderConfig';
const providerConfigIndex = new WeakMap<World, { inputs: string; clusters: Map<string, JsonObject> }>();

/**
 * The InferenceCluster a provider-kubernetes Object reaches: the one that publishes the Object's
 * providerConfigRef in status.providerConfigRef (SPEC 4.2: how other functions reach the cluster).
 */
function clusterBehind(ref: unknown, world: World): JsonObject | undefined {
  if (!isObject(ref) || typeof ref.name !== 'string') return undefined;
  const kind = typeof ref.kind === 'string' && ref.kind !== '' ? ref.kind : DEFAULT_PROVIDER_CONFIG_KIND;
  const inputs = simulationInputs(world);
  let index = providerConfigIndex.get(world);
  if (index?.inputs !== inputs) {
    const clusters = new Map<string, JsonObject>();
    for (const cluster of world.list(MODELPLANE, 'InferenceCluster')) {
      const status = isObject(cluster.observed.status) ? cluster.observed.status : {};
      const published = isObject(status.providerConfigRef) ? status.providerConfigRef : undefined;
      if (published === undefined || typeof published.name !== 'string') continue;
      const publishedKind =
        typeof published.kind === 'string' ? published.kind : DEFAULT_PROVIDER_CONFIG_KIND;
      const key = `${publishedKind}/${published.name}`;
      if (!clusters.has(key)) clusters.set(key, cluster.observed);
    }
    index = { inputs, clusters };
    providerConfigIndex.set(world, index);
  }
  return index.clusters.get(`${kind}/${ref.name}`);
}

/** The remote object as its controller on the workload cluster reports it. */
function remoteObject(manifest: JsonObject, cluster: JsonObject | undefined): JsonObject {
  const g = group(manifest.apiVersion);
  const address = cluster === undefined ? undefined : clusterGatewayAddress(cluster);
  // KServe LLMInferenceService: Ready, served under the cluster's inference gateway at
  // /<namespace>/<name> (SPEC 4.4's status.url).
  if (g === 'serving.kserve.io' && manifest.kind === 'LLMInferenceService') {
    const { namespace, name } = namespacedName(manifest);
    const url = address === undefined ? undefined : `http://${host(address)}/${namespace}/${name}`;
    return {
      ...manifest,
      status: { ...(url === undefined ? {} : { url }), conditions: [{ type: 'Ready', status: 'True' }] },
    };
  }
  // The workload cluster's inference Gateway (read by an observe-only Object): its address.
  if (g === GATEWAY_API && manifest.kind === 'Gateway' && address !== undefined) {
    return { ...manifest, status: { addresses: [gatewayAddress(address)] } };
  }
  return manifest;
}

function host(address: string): string {
  return isIP(address) === 6 ? `[${address}]` : address;
}

function gatewayAddress(address: string): JsonObject {
  return { type: isIP(address) === 0 ? 'Hostname' : 'IPAddress', value: address };
}

/**
 * An object a function requires that the input does not have, when the outside world would have
 * it: the fleet Gateway a ModelService attaches to, with one HTTP listener and an address.
 */
export function assumeRequired(req: Requirement): JsonObject | undefined {
  if (group(req.apiVersion) !== GATEWAY_API || req.kind !== 'Gateway' || req.matchName === undefined) {
    return undefined;
  }
  return {
    apiVersion: req.apiVersion,
    kind: 'Gateway',
    metadata: { name: req.matchName, namespace: req.namespace ?? 'default' },
    spec: {
      gatewayClassName: 'envoy-gateway',
      listeners: [
        { name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } },
      ],
    },
    status: { addresses: [gatewayAddress(ASSUMED_FLEET_GATEWAY_ADDRESS)] },
  };
}

/**
 * An input object whose controller writes its status: a Gateway without addresses gets the fleet
 * address, and a sentence saying so.
 */
export function observeInput(obj: JsonObject): { observed: JsonObject; assumption?: string } {
  if (group(obj.apiVersion) !== GATEWAY_API || obj.kind !== 'Gateway') return { observed: obj };
  const status = isObject(obj.status) ? obj.status : {};
  if (Array.isArray(status.addresses) && status.addresses.length > 0) return { observed: obj };
  const observed = {
    ...obj,
    status: { ...status, addresses: [gatewayAddress(ASSUMED_FLEET_GATEWAY_ADDRESS)] },
  };
  return {
    observed,
    assumption: `${describeRef(refOf(obj))} has no status.addresses: assumed at ${ASSUMED_FLEET_GATEWAY_ADDRESS}`,
  };
}

/** One sentence per assumption about clusters and objects the input lacks, in a stable order. */
export function worldAssumptions(world: World): string[] {
  const out: string[] = [];
  for (const cluster of world.list(MODELPLANE, 'InferenceCluster')) {
    const spec = isObject(cluster.observed.spec) ? cluster.observed.spec : {};
    if (isObject(spec.gateway) && typeof spec.gateway.address === 'string') continue;
    // Only a gateway the cluster published: one that is not ready publishes none, and the table
    // shows none for it, so there is nothing assumed to footnote.
    const status = isObject(cluster.observed.status) ? cluster.observed.status : {};
    if (!isObject(status.gateway) || typeof status.gateway.address !== 'string') continue;
    out.push(
      `${describeRef(cluster.ref)} sets no spec.gateway.address: its inference Gateway is assumed at ${clusterGatewayAddress(cluster.observed)}`,
    );
  }
  for (const entry of world.all()) {
    if (entry.provenance === 'assumed') {
      out.push(`${describeRef(entry.ref)} is not in the input: assumed at ${ASSUMED_FLEET_GATEWAY_ADDRESS}`);
    }
  }
  return out;
}
