// What a plan says, read from the converged world exactly as the functions wrote it (never
// recomputed here): ModelDeployment status (replicas, readyReplicas, gpus, placements,
// unschedulable, conditions), InferenceCluster status (capacity.gpuPools, gateway, conditions),
// ModelService status.address and the backendRefs of the HTTPRoute it composed, and every composed
// object as Crossplane would apply it.
//
// `PlanJson` is SPEC section 7's `-o json` shape, extended so that it carries everything the table
// shows (the table is rendered from it alone, render.ts): replica readiness, replicas whose
// ModelDeployment is not in the input, each cluster's source, readiness, gateway and taints, what
// is not ready and why, what is not planned, the simulation's assumptions and the rounds it took.

import { isObject, type JsonObject } from '../runtime/json.js';
import { observedReplicaFrom } from '../scheduling/observed.js';
import { replicaNodesOn } from '../scheduling/topology.js';
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
  readonly ready: boolean;
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
  /**
   * Why some desired replicas could not be placed (status.unschedulable, or the Scheduled
   * condition when the function wrote no shortfall, e.g. a clusterSelector that matches nothing);
   * null when all were.
   */
  readonly unschedulable: string | null;
  readonly conditions: readonly ConditionJson[];
}

/** A ModelReplica of a ModelDeployment that is not in the input: it holds capacity all the same. */
export interface ReplicaJson extends PlacementJson {
  readonly namespace: string;
  readonly deployment: string;
}

export interface PoolJson {
  readonly name: string;
  readonly gpus: number;
  readonly allocatedGpus: number;
  readonly freeGpus: number;
}

export interface TaintJson {
  readonly key: string;
  readonly value?: string;
  readonly effect: string;
}

export interface ClusterJson {
  readonly name: string;
  /** spec.source: GKE, EKS, AKS or Existing. */
  readonly source: string;
  readonly ready: boolean;
  /** The inference Gateway's address as the cluster published it; null while it has none. */
  readonly gateway: { readonly address: string; readonly assumed: boolean } | null;
  readonly taints: readonly TaintJson[];
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

export interface NotReadyJson {
  /** Kind/namespace/name. */
  readonly object: string;
  /** The XR's conditions with status False (its own types first), or its Ready condition. */
  readonly conditions: readonly ConditionJson[];
}

export interface NotPlannedJson {
  readonly object: string;
  readonly why: string;
}

export interface PlanJson {
  readonly deployments: readonly DeploymentJson[];
  readonly replicasWithoutDeployment: readonly ReplicaJson[];
  readonly clusters: readonly ClusterJson[];
  readonly services: readonly ServiceJson[];
  /** Every XR that is not Ready once the plan converged, in (apiVersion, kind, namespace, name) order. */
  readonly notReady: readonly NotReadyJson[];
  readonly notPlanned: readonly NotPlannedJson[];
  /** What the simulation assumed about the world outside the input (the table's footnotes). */
  readonly assumptions: readonly string[];
  /** Rounds that changed something before the fixpoint. */
  readonly rounds: number;
  readonly resources: readonly JsonObject[];
}

export interface PlanView {
  readonly json: PlanJson;
  readonly warnings: readonly Reported[];
  readonly errors: readonly Reported[];
  readonly rounds: number;
  readonly calls: Readonly<Record<string, number>>;
}

/** An input object the plan does not model (kinds.ts), listed with the reason. */
export interface NotModelled {
  readonly object: string;
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

function isReady(observed: JsonObject): boolean {
  return conditionsOf(observed).some((c) => c.type === 'Ready' && c.status === 'True');
}

function placementsOf(observed: JsonObject): PlacementJson[] {
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
  const conditions = conditionsOf(entry.observed);
  const replicas = int(spec.replicas);
  const scheduled = int(status.replicas);
  const shortfall = str(obj(status.unschedulable).message);
  const scheduledCondition = conditions.find((c) => c.type === 'Scheduled' && c.status === 'False');
  const unschedulable =
    shortfall !== ''
      ? shortfall
      : scheduled < replicas && scheduledCondition !== undefined
        ? scheduledCondition.message || scheduledCondition.reason
        : null;
  return {
    namespace: entry.ref.namespace,
    name: entry.ref.name,
    replicas,
    scheduled,
    ready: int(status.readyReplicas),
    gpus: int(status.gpus),
    placements: placementsOf(entry.observed),
    unschedulable,
    conditions,
  };
}

/** GPUs per node of each pool of each cluster, as the clusters published them. */
function poolSizes(clusters: readonly Entry[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const c of clusters) {
    const pools = obj(obj(c.observed.status).capacity).gpuPools;
    const sizes = new Map<string, number>();
    for (const p of (Array.isArray(pools) ? pools : []).filter(isObject))
      sizes.set(str(p.name), int(p.gpusPerNode));
    out.set(c.ref.name, sizes);
  }
  return out;
}

/** ModelReplicas whose ModelDeployment is not in the world: the capacity they hold, shown. */
function replicasWithoutDeployment(converged: Converged): ReplicaJson[] {
  const { world } = converged;
  const deployments = new Set(
    world.list(MODELPLANE, 'ModelDeployment').map((e) => `${e.ref.namespace}/${e.ref.name}`),
  );
  const clusterSizes = poolSizes(world.list(MODELPLANE, 'InferenceCluster'));
  const out: ReplicaJson[] = [];
  for (const entry of world.list(MODELPLANE, 'ModelReplica')) {
    const r = observedReplicaFrom(entry.observed);
    const deployment = r.deployment ?? str(obj(obj(entry.observed.spec).deploymentRef).name);
    if (deployments.has(`${r.namespace}/${deployment}`)) continue;
    const pools: Record<string, string> = { ...r.pools };
    const size = (role: string) => {
      const pool = pools[role];
      return pool === undefined ? undefined : clusterSizes.get(r.cluster)?.get(pool);
    };
    out.push({
      namespace: r.namespace,
      deployment,
      replica: r.name,
      cluster: r.cluster,
      index: r.index,
      pools,
      gpus: r.shape?.gpus ?? 0,
      nodes: r.shape === undefined ? 0 : replicaNodesOn(r.shape, size),
      ready: r.ready,
    });
  }
  return out;
}

function taintsOf(spec: Record<string, unknown>): TaintJson[] {
  return (Array.isArray(spec.taints) ? spec.taints : [])
    .filter(isObject)
    .map((t) =>
      t.value === undefined
        ? { key: str(t.key), effect: str(t.effect) }
        : { key: str(t.key), value: str(t.value), effect: str(t.effect) },
    );
}

function clusterOf(entry: Entry): ClusterJson {
  const spec = obj(entry.observed.spec);
  const status = obj(entry.observed.status);
  const pools = obj(status.capacity).gpuPools;
  const address = obj(status.gateway).address;
  return {
    name: entry.ref.name,
    source: str(spec.source),
    ready: isReady(entry.observed),
    gateway:
      typeof address === 'string' && address !== ''
        ? { address, assumed: typeof obj(spec.gateway).address !== 'string' }
        : null,
    taints: taintsOf(spec),
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

/** Companion objects the plan does not run, with what they will do on a live control plane. */
function companionOf(entry: Entry): NotPlannedJson | undefined {
  if (entry.ref.kind === 'ScaledObject') {
    const spec = obj(entry.observed.spec);
    const target = obj(spec.scaleTargetRef);
    const min = typeof spec.minReplicaCount === 'number' ? spec.minReplicaCount : 0;
    const max = typeof spec.maxReplicaCount === 'number' ? spec.maxReplicaCount : 100;
    return {
      object: describeRef(entry.ref),
      why: `KEDA scales ${str(target.kind) || 'Deployment'} ${str(target.name)} between ${min} and ${max} replicas at run time; the plan uses spec.replicas as written`,
    };
  }
  if (entry.ref.kind === 'Application') {
    return {
      object: describeRef(entry.ref),
      why: 'an Argo CD Application: it syncs the fleet from Git; not planned',
    };
  }
  return undefined;
}

function notReadyOf(converged: Converged): NotReadyJson[] {
  const out: NotReadyJson[] = [];
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

export function planView(converged: Converged, notModelled: readonly NotModelled[] = []): PlanView {
  const { world } = converged;
  const resources = world
    .all()
    .filter((e) => e.applied !== undefined)
    .sort((a, b) => compareRefs(a.ref, b.ref))
    .map((e) => e.applied as JsonObject);
  const notPlanned = [
    ...world
      .all()
      .map(companionOf)
      .filter((c): c is NotPlannedJson => c !== undefined),
    ...notModelled.map((n) => ({
      object: n.object,
      why: 'a kind the plan does not model: applied as written, not simulated',
    })),
  ].sort((a, b) => (a.object < b.object ? -1 : a.object > b.object ? 1 : 0));
  return {
    json: {
      deployments: world.list(MODELPLANE, 'ModelDeployment').map(deploymentOf),
      replicasWithoutDeployment: replicasWithoutDeployment(converged),
      clusters: world.list(MODELPLANE, 'InferenceCluster').map(clusterOf),
      services: world.list(MODELPLANE, 'ModelService').map((e) => serviceOf(e, converged)),
      notReady: notReadyOf(converged),
      notPlanned,
      assumptions: converged.assumptions,
      rounds: converged.rounds,
      resources,
    },
    warnings: converged.warnings,
    errors: converged.errors,
    rounds: converged.rounds,
    calls: converged.calls,
  };
}

/**
 * Whether everything planned would serve: every deployment fully scheduled and every XR Ready.
 * `modelplane plan` exits 3 when not (the table then has an UNSCHEDULABLE or a NOT READY section).
 */
export function servesEverything(plan: PlanJson): boolean {
  return plan.deployments.every((d) => d.unschedulable === null) && plan.notReady.length === 0;
}

/** The `-o json` text: the documented shape, two-space indented, keys in the documented order. */
export function planJsonText(plan: PlanJson): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
