// The pure core of compose-model-deployment: observed state in, decisions out.
//
// Order of concerns: wait for inputs → parse the fleet → schedule → compose one ModelReplica per
// placement and one ModelEndpoint per placement whose replica is Ready with a URL → status and
// conditions → events. Whenever no new decision can be made (inputs not fetched yet, invalid
// spec, bad CEL or topology, an invalid or missing InferenceCluster or InferenceClass under one of
// our replicas, a clusterSelector or nodeSelector that matches nothing) every observed child is
// re-emitted unchanged: nothing running is deleted because an input was wrong or not yet known.
// Only the scheduler's explicit decisions — scale down, re-placement for a changed selector that
// matches elsewhere, a cluster leaving the selector, a NoExecute taint — remove a child, and each
// removal is announced in a Normal event.

import type { ModelDeployment } from '../apis/index.js';
import { endpointKey, replicaKey } from '../names.js';
import {
  conditionFalse,
  isConditionTrue,
  normal,
  warning,
  type Condition,
  type DesiredResource,
  type FunctionOutput,
  type KubeObject,
  type Result,
  asDesired,
  reemitAll,
} from '../runtime/index.js';
import { CostBudget } from '../cel/index.js';
import {
  observedReplicaFrom,
  schedule,
  selectorsMatchingNothing,
  type ObservedReplica,
  type Placement,
  type ScheduleInput,
  type ScheduleResult,
} from '../scheduling/index.js';
import { childIdentity, modelEndpointFor, modelReplicaFor, replicaEndpointOf } from './children.js';
import { DEPLOYMENT_REQUIREMENTS, type FleetInputs } from './inputs.js';
import {
  deploymentReady,
  deploymentStatus,
  Reason,
  replicasReadyCondition,
  SCHEDULED,
  scheduledCondition,
  type PlacementStatus,
} from './status.js';

/** Status of what exists when nothing new can be decided: the observed replica children. */
function statusOfObserved(observed: Readonly<Record<string, KubeObject>>): PlacementStatus[] {
  return Object.entries(observed)
    .filter(([key]) => key.startsWith('replica-'))
    .map(([, obj]) => {
      const r = observedReplicaFrom(obj);
      const pools: Record<string, string> = { ...r.pools };
      return {
        replica: r.name,
        cluster: r.cluster,
        index: r.index,
        pools,
        gpus: r.shape?.gpus ?? 0,
        nodes: r.shape?.nodes ?? 0,
        ready: r.ready,
      };
    })
    .sort((a, b) => (a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : a.index - b.index));
}

/** No new decisions: keep every child, report why, and still write the status /scale needs. */
export function holdEverything(
  deployment: string,
  desired: number,
  observed: Readonly<Record<string, KubeObject>>,
  condition: Condition,
  results: readonly Result[],
): FunctionOutput {
  const status = deploymentStatus(deployment, statusOfObserved(observed));
  return {
    status,
    ready: false,
    resources: reemitAll(observed, isConditionTrue),
    conditions: [condition, replicasReadyCondition(desired, status)],
    results,
    requirements: DEPLOYMENT_REQUIREMENTS,
  };
}

export interface DeploymentInputs {
  readonly md: ModelDeployment;
  readonly fleet: FleetInputs;
  readonly replicas: readonly KubeObject[];
  readonly observed: Readonly<Record<string, KubeObject>>;
}

export function composeDeployment({ md, fleet, replicas, observed }: DeploymentInputs): FunctionOutput {
  const name = md.metadata.name;
  const desired = md.spec.replicas;
  const invalidInputs = fleet.invalid.map((m) =>
    warning(`Ignoring invalid ${m.kind} ${m.name}: ${m.issues}`, Reason.InvalidInput),
  );
  const hold = (reason: string, text: string, why: string): FunctionOutput =>
    holdEverything(name, desired, observed, conditionFalse(SCHEDULED, reason, text), [
      ...invalidInputs,
      warning(why, reason),
    ]);
  const fleetReplicas = replicas.map(observedReplicaFrom);
  const unusable = unusableInputsUnderOurReplicas(md, fleet, fleetReplicas);
  if (unusable.invalid.length > 0) {
    const text = unusable.invalid.join('; ');
    return hold(Reason.InvalidInput, text, `Holding replica placement: ${text}`);
  }
  if (unusable.missing.length > 0) {
    const text = unusable.missing.join('; ');
    return hold(Reason.ClassNotFound, text, `Holding replica placement: ${text}`);
  }
  // One CEL budget for the whole reconcile: the scheduler and the hold rule below share it.
  const input: ScheduleInput = {
    deployment: md,
    clusters: fleet.clusters,
    classes: fleet.classes,
    replicas: fleetReplicas,
    celBudget: new CostBudget(),
  };
  const outcome = schedule(input);
  if (!outcome.ok) {
    const { reason, path, message } = outcome.error;
    const text = `${path}: ${message}`;
    return hold(
      reason,
      text,
      `${reason === 'InvalidNodeSelector' ? 'Invalid nodeSelector' : 'Invalid topology'}: ${text}`,
    );
  }
  if (desired > 0) {
    // A selector that matches nothing is far more likely a mistake than a wish to delete every
    // replica: hold, and say so.
    if (outcome.result.candidateClusters === 0) {
      const text = 'No InferenceCluster matches the clusterSelector';
      return hold(Reason.NoClusters, text, `${text}; existing replicas are kept`);
    }
    const unmatched = selectorsMatchingNothing(input);
    if (unmatched.length > 0) {
      const text = unmatched.map((u) => `${u.path} ${u.message}`).join('; ');
      return hold(Reason.NoMatchingClass, text, `${text}; existing replicas are kept`);
    }
  }
  return decide(md, outcome.result, observed, invalidInputs);
}

/**
 * What holds this deployment's placement because it sits under one of its replicas:
 * - invalid: "InferenceCluster c is invalid: <issues>", "InferenceClass x is invalid (cluster c,
 *   pool p): <issues>" for an object that failed its schema;
 * - missing: "InferenceClass x not found (cluster c, pool p)".
 * The scheduler would see such a replica's cluster or pool as gone and re-place it; an object that
 * is merely broken or not there (edited badly, deleted by mistake, not applied yet) must not tear
 * down running replicas, so the deployment holds instead.
 */
function unusableInputsUnderOurReplicas(
  md: ModelDeployment,
  fleet: FleetInputs,
  replicas: readonly ObservedReplica[],
): { invalid: string[]; missing: string[] } {
  const classes = new Set(fleet.classes.map((c) => c.metadata.name));
  const invalidClusters = new Map<string, string>();
  const invalidClasses = new Map<string, string>();
  for (const i of fleet.invalid)
    (i.kind === 'InferenceCluster' ? invalidClusters : invalidClasses).set(i.name, i.issues);
  const poolClass = new Map<string, string>();
  for (const c of fleet.clusters)
    for (const p of c.spec.nodePools) poolClass.set(`${c.metadata.name}/${p.name}`, p.class);
  const invalid = new Set<string>();
  const missing = new Set<string>();
  for (const r of replicas) {
    if (r.namespace !== md.metadata.namespace || r.deployment !== md.metadata.name) continue;
    const clusterIssues = invalidClusters.get(r.cluster);
    if (clusterIssues !== undefined) {
      invalid.add(`InferenceCluster ${r.cluster} is invalid: ${clusterIssues}`);
      continue;
    }
    for (const pool of Object.values(r.pools)) {
      const cls = poolClass.get(`${r.cluster}/${pool}`);
      if (cls === undefined || classes.has(cls)) continue;
      const classIssues = invalidClasses.get(cls);
      if (classIssues !== undefined)
        invalid.add(`InferenceClass ${cls} is invalid (cluster ${r.cluster}, pool ${pool}): ${classIssues}`);
      else missing.add(`InferenceClass ${cls} not found (cluster ${r.cluster}, pool ${pool})`);
    }
  }
  return { invalid: [...invalid].sort(), missing: [...missing].sort() };
}

function decide(
  md: ModelDeployment,
  result: ScheduleResult,
  observed: Readonly<Record<string, KubeObject>>,
  invalidInputs: readonly Result[],
): FunctionOutput {
  const desired = md.spec.replicas;
  const resources: Record<string, DesiredResource> = {};
  const placements: PlacementStatus[] = [];
  const events: Result[] = [];
  for (const p of result.placements) {
    const id = childIdentity(md, p);
    const rKey = replicaKey(p.cluster, p.index);
    const seen = observed[rKey];
    const ready = seen !== undefined && isConditionTrue(seen);
    resources[rKey] = { resource: modelReplicaFor(md, p, id), ready };
    const endpoint = ready ? replicaEndpointOf(seen) : undefined;
    if (endpoint !== undefined) {
      const eKey = endpointKey(p.cluster, p.index);
      const observedEndpoint = observed[eKey];
      resources[eKey] = {
        resource: modelEndpointFor(id, endpoint),
        ready: observedEndpoint !== undefined && isConditionTrue(observedEndpoint),
      };
    }
    placements.push({
      replica: id.name,
      cluster: p.cluster,
      index: p.index,
      pools: { ...p.pools },
      gpus: p.gpus,
      nodes: p.nodes,
      ready,
    });
    if (p.retained === undefined)
      events.push(
        normal(`Scheduled replica ${id.name} on ${p.cluster} (${describePools(p)})`, 'ReplicaScheduled'),
      );
  }
  const removed = new Set<string>();
  for (const r of result.removals) {
    removed.add(r.replica.name);
    // The scheduler's message names the replica and its cluster: "qwen-5ab63 on a: scaled down to 1 replica".
    events.push(normal(`Removed replica ${r.message}`, r.reason));
  }
  keepUnexplained(observed, resources, removed);
  const status = deploymentStatus(
    md.metadata.name,
    placements,
    result.unschedulable ?? { replicas: 0, message: '' },
  );
  if (result.unschedulable !== undefined && desired > 0) {
    events.push(
      warning(
        `${result.unschedulable.replicas} of ${desired} replicas cannot be scheduled: ${result.unschedulable.message}`,
        'Unschedulable',
      ),
    );
  }
  return {
    status,
    ready: deploymentReady(desired, status),
    resources,
    conditions: [
      scheduledCondition(desired, status, result.candidateClusters),
      replicasReadyCondition(desired, status),
    ],
    results: [...invalidInputs, ...events, ...result.warnings.map((w) => warning(w, 'NodeSelectorCost'))],
    requirements: DEPLOYMENT_REQUIREMENTS,
  };
}

/**
 * A replica child the scheduler neither placed nor removed (it was not among the ModelReplicas
 * Crossplane fetched this time) stays, with its endpoint: only explicit decisions delete.
 */
function keepUnexplained(
  observed: Readonly<Record<string, KubeObject>>,
  resources: Record<string, DesiredResource>,
  removed: ReadonlySet<string>,
): void {
  for (const [key, obj] of Object.entries(observed)) {
    if (!key.startsWith('replica-') || key in resources) continue;
    if (removed.has(observedReplicaFrom(obj).name)) continue;
    resources[key] = { resource: asDesired(obj), ready: isConditionTrue(obj) };
    const eKey = `endpoint-${key.slice('replica-'.length)}`;
    const endpoint = observed[eKey];
    if (endpoint !== undefined)
      resources[eKey] = { resource: asDesired(endpoint), ready: isConditionTrue(endpoint) };
  }
}

function describePools(p: Placement): string {
  if (p.pools.unified !== undefined) return `pool ${p.pools.unified}`;
  return `decode pool ${p.pools.decode ?? '?'}, prefill pool ${p.pools.prefill ?? '?'}`;
}

export { Reason };
