// What a plan says, read from the converged world exactly as the functions wrote it (never
// recomputed here): ModelDeployment status (replicas, readyReplicas, gpus, placements,
// unschedulable, conditions), InferenceCluster status.capacity.gpuPools, ModelService
// status.address and the backendRefs of the HTTPRoute it composed, and every composed object as
// Crossplane would apply it.
//
// `PlanJson` is SPEC section 7's `-o json` shape, exactly. `PlanView` adds what only the table
// shows: replica readiness, cluster source and gateway, why replicas are not scheduled, companion
// objects, and what the simulation assumed.

import { isObject, type JsonObject } from '../runtime/json.js';
import type { Converged, Reported } from './engine.js';
import { compareRefs, describeRef, type Entry } from './world.js';

const MODELPLANE = 'modelplane.ai/v1alpha1';

export interface PlacementJson {
  readonly replica: string;
  readonly cluster: string;
  readonly index: number;
  readonly pools: Readonly<Record<string, string>>;
  readonly gpus: number;
  readonly nodes: number;
}

export interface ConditionJson {
  readonly type: string;
  readonly status: string;
  readonly reason: string;
  readonly message: string;
}

export interface DeploymentJson {
  readonly namespace: string;
  readonly name: string;
  /** Desired (spec.replicas). */
  readonly replicas: number;
  readonly scheduled: number;
  readonly ready: number;
  readonly gpus: number;
  readonly placements: readonly PlacementJson[];
  /** Why some desired replicas could not be placed; null when all were. */
  readonly unschedulable: string | null;
  readonly conditions: readonly ConditionJson[];
}

export interface PoolJson {
  readonly name: string;
  readonly gpus: number;
  readonly allocatedGpus: number;
  readonly freeGpus: number;
}

export interface ClusterJson {
  readonly name: string;
  readonly pools: readonly PoolJson[];
}

export interface BackendJson {
  readonly endpoint: string;
  readonly weight: number;
}

export interface ServiceJson {
  readonly namespace: string;
  readonly name: string;
  /** null while the service has no address (no Gateway address yet). */
  readonly address: string | null;
  readonly backends: readonly BackendJson[];
}

export interface PlanJson {
  readonly deployments: readonly DeploymentJson[];
  readonly clusters: readonly ClusterJson[];
  readonly services: readonly ServiceJson[];
  readonly resources: readonly JsonObject[];
}

export interface ReplicaView extends PlacementJson {
  readonly ready: boolean;
}

export interface ClusterView {
  readonly name: string;
  readonly source: string;
  readonly ready: boolean;
  readonly gateway: string | undefined;
  /** The gateway address is the simulation's, not declared in spec.gateway.address. */
  readonly gatewayAssumed: boolean;
  readonly taints: readonly string[];
}

export interface CompanionView {
  readonly object: string;
  readonly note: string;
}

export interface NotReadyView {
  readonly object: string;
  /** The XR's conditions with status False (its own types first), or its Ready condition. */
  readonly conditions: readonly ConditionJson[];
}

export interface PlanView {
  readonly json: PlanJson;
  /** Every XR that is not Ready once the plan converged, in (apiVersion, kind, namespace, name) order. */
  readonly notReady: readonly NotReadyView[];
  readonly replicas: readonly (ReplicaView & { readonly deployment: string })[];
  readonly clusters: readonly ClusterView[];
  readonly companions: readonly CompanionView[];
  readonly assumptions: readonly string[];
  readonly warnings: readonly Reported[];
  readonly errors: readonly Reported[];
  readonly rounds: number;
  readonly calls: Readonly<Record<string, number>>;
}

function obj(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}

function int(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) ? value : 0;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function conditionsOf(observed: JsonObject): ConditionJson[] {
  const list = obj(observed.status).conditions;
  return (Array.isArray(list) ? list : []).filter(isObject).map((c) => ({
    type: str(c.type),
    status: str(c.status),
    reason: str(c.reason),
    message: str(c.message),
  }));
}

function placementsOf(observed: JsonObject): ReplicaView[] {
  const list = obj(observed.status).placements;
  return (Array.isArray(list) ? list : []).filter(isObject).map((p) => ({
    replica: str(p.replica),
    cluster: str(p.cluster),
    index: int(p.index),
    pools: Object.fromEntries(Object.entries(obj(p.pools)).map(([role, pool]) => [role, str(pool)])),
    gpus: int(p.gpus),
    nodes: int(p.nodes),
    ready: p.ready === true,
  }));
}

function deploymentOf(entry: Entry): DeploymentJson {
  const spec = obj(entry.observed.spec);
  const status = obj(entry.observed.status);
  const unschedulable = obj(status.unschedulable);
  return {
    namespace: entry.ref.namespace,
    name: entry.ref.name,
    replicas: int(spec.replicas),
    scheduled: int(status.replicas),
    ready: int(status.readyReplicas),
    gpus: int(status.gpus),
    placements: placementsOf(entry.observed).map((p) => ({
      replica: p.replica,
      cluster: p.cluster,
      index: p.index,
      pools: p.pools,
      gpus: p.gpus,
      nodes: p.nodes,
    })),
    unschedulable:
      typeof unschedulable.message === 'string' && unschedulable.message !== ''
        ? unschedulable.message
        : null,
    conditions: conditionsOf(entry.observed),
  };
}

function clusterOf(entry: Entry): ClusterJson {
  const pools = obj(obj(entry.observed.status).capacity).gpuPools;
  return {
    name: entry.ref.name,
    pools: (Array.isArray(pools) ? pools : []).filter(isObject).map((p) => ({
      name: str(p.name),
      gpus: int(p.gpus),
      allocatedGpus: int(p.allocatedGpus),
      freeGpus: int(p.freeGpus),
    })),
  };
}

function serviceOf(entry: Entry, converged: Converged): ServiceJson {
  const xr = converged.xrs.get(entry.id);
  const backends: BackendJson[] = [];
  for (const id of [...(xr?.composed.values() ?? [])].sort()) {
    const route = converged.world.get(id)?.applied;
    if (route === undefined || route.kind !== 'HTTPRoute') continue;
    const rules = obj(route.spec).rules;
    for (const rule of Array.isArray(rules) ? rules : []) {
      const refs = obj(rule).backendRefs;
      for (const ref of Array.isArray(refs) ? refs : []) {
        if (isObject(ref))
          backends.push({ endpoint: str(ref.name), weight: typeof ref.weight === 'number' ? ref.weight : 1 });
      }
    }
  }
  const address = obj(entry.observed.status).address;
  return {
    namespace: entry.ref.namespace,
    name: entry.ref.name,
    address: typeof address === 'string' && address !== '' ? address : null,
    backends,
  };
}

function clusterView(entry: Entry): ClusterView {
  const spec = obj(entry.observed.spec);
  const declared = obj(spec.gateway).address;
  const gateway = obj(obj(entry.observed.status).gateway).address;
  const taints = (Array.isArray(spec.taints) ? spec.taints : [])
    .filter(isObject)
    .map((t) => `${str(t.key)}${t.value === undefined ? '' : `=${str(t.value)}`}:${str(t.effect)}`);
  return {
    name: entry.ref.name,
    source: str(spec.source),
    ready: conditionsOf(entry.observed).some((c) => c.type === 'Ready' && c.status === 'True'),
    gateway: typeof gateway === 'string' && gateway !== '' ? gateway : undefined,
    gatewayAssumed: typeof declared !== 'string',
    taints,
  };
}

/** Companion objects the plan does not run, with what they will do on a live control plane. */
function companionOf(entry: Entry): CompanionView | undefined {
  if (entry.ref.kind === 'ScaledObject') {
    const spec = obj(entry.observed.spec);
    const target = obj(spec.scaleTargetRef);
    const min = typeof spec.minReplicaCount === 'number' ? spec.minReplicaCount : 0;
    const max = typeof spec.maxReplicaCount === 'number' ? spec.maxReplicaCount : 100;
    return {
      object: describeRef(entry.ref),
      note: `KEDA scales ${str(target.kind) || 'Deployment'} ${str(target.name)} between ${min} and ${max} replicas at run time; the plan uses spec.replicas as written`,
    };
  }
  if (entry.ref.kind === 'Application') {
    return {
      object: describeRef(entry.ref),
      note: 'an Argo CD Application: it syncs the fleet from Git; not planned',
    };
  }
  return undefined;
}

function notReady(converged: Converged): NotReadyView[] {
  const out: NotReadyView[] = [];
  for (const entry of converged.world.all()) {
    if (!converged.xrs.has(entry.id)) continue;
    const conditions = conditionsOf(entry.observed);
    const ready = conditions.find((c) => c.type === 'Ready');
    if (ready === undefined || ready.status === 'True') continue;
    const own = conditions.filter((c) => c.status === 'False' && c.type !== 'Ready');
    out.push({ object: describeRef(entry.ref), conditions: own.length > 0 ? own : [ready] });
  }
  return out;
}

export function planView(converged: Converged): PlanView {
  const { world } = converged;
  const mds = world.list(MODELPLANE, 'ModelDeployment');
  const replicas = mds.flatMap((md) =>
    placementsOf(md.observed).map((p) => ({ ...p, deployment: `${md.ref.namespace}/${md.ref.name}` })),
  );
  const resources = world
    .all()
    .filter((e) => e.applied !== undefined)
    .sort((a, b) => compareRefs(a.ref, b.ref))
    .map((e) => e.applied as JsonObject);
  return {
    json: {
      deployments: mds.map(deploymentOf),
      clusters: world.list(MODELPLANE, 'InferenceCluster').map(clusterOf),
      services: world.list(MODELPLANE, 'ModelService').map((e) => serviceOf(e, converged)),
      resources,
    },
    notReady: notReady(converged),
    replicas,
    clusters: world.list(MODELPLANE, 'InferenceCluster').map(clusterView),
    companions: world
      .all()
      .map(companionOf)
      .filter((c): c is CompanionView => c !== undefined),
    assumptions: converged.assumptions,
    warnings: converged.warnings,
    errors: converged.errors,
    rounds: converged.rounds,
    calls: converged.calls,
  };
}

/** The `-o json` text: SPEC 7's shape, two-space indented, keys in the documented order. */
export function planJsonText(plan: PlanJson): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
