// compose-model-replica's pure core (SPEC 4.4): one ModelReplica in, everything the function
// decides out. The steps, in order; the first that fails composes nothing new, keeps what exists
// (outcome.ts) and says why on Deployed, with a Warning:
//   1. the topology is computable (lib/scheduling/topology.ts)       InvalidReplica
//   2. engine flags agree with the topology (engine-args.ts)         TopologyMismatch
//   3. KServe can express the topology (llm-inference-service.ts)    UnsupportedTopology
//   4. the engine has a model and nothing in it fights KServe's      NoModelSource /
//      presets (engine-plan.ts)                                      ConflictingEngineArgs
//   5. cluster, ProviderConfig, pools and classes resolve (target)   WaitingForCluster / WaitingForClass
//   6. each pool's nodes have the GPUs one node of the role needs    PoolTooSmall
//   7. compose the namespace, one claim template per role and the LLMInferenceService (desired.ts);
//      Deployed follows the Objects, Serving the remote service.
// Steps 1-4 need only the spec, so a bad edit is reported even while the cluster is unreachable.
// Status (url, Serving, lifted KServe conditions) comes from what is observed on every path, and
// the XR is Ready exactly when the remote service serves.

import type { ModelReplica } from '../apis/model-replica.js';
import { servedModelName } from '../apis/serving.js';
import { warning } from '../runtime/conditions.js';
import type { Resolution } from '../runtime/request.js';
import type { DesiredResource, FunctionOutput } from '../runtime/response.js';
import { replicaShape, type ReplicaShape } from '../scheduling/topology.js';
import { deployedCondition, desiredObjects, placement } from './desired.js';
import { topologyMismatches } from './engine-args.js';
import { enginePlan, type EnginePlan } from './engine-plan.js';
import { kserveTopologyProblem } from './llm-inference-service.js';
import { keepObserved, readiness, remoteOutcome, urlStatus, type Observed } from './outcome.js';
import {
  REASON_INVALID,
  REASON_POOL_TOO_SMALL,
  REASON_TOPOLOGY_MISMATCH,
  REASON_UNSUPPORTED_TOPOLOGY,
} from './reasons.js';
import { replicaRoles, type ReplicaRole, type RoleName } from './roles.js';
import { replicaRequirements, resolveTarget, type Target } from './target.js';

export { invalidReplica } from './outcome.js';

export interface ReplicaInput {
  readonly replica: ModelReplica;
  readonly cluster: Resolution;
  readonly classes: Resolution;
  /** Observed composed resources by key. */
  readonly observed: Observed;
}

/** Step 5: GPUs one node of each role needs against GPUs per node of its pool's class. */
function poolTooSmall(roles: readonly ReplicaRole[], shape: ReplicaShape, target: Target): string[] {
  const out: string[] = [];
  for (const role of roles) {
    const need = shape.roles[role.role]?.gpusPerNode ?? 0;
    const cls = target.classes[role.role];
    if (cls === undefined || need <= cls.spec.resources.gpu.count) continue;
    const t = role.workers.topology;
    out.push(
      `${role.workersPath}.topology needs ${need} GPUs per node (tensor ${t.tensor} × dataLocal ${t.dataLocal}) ` +
        `but pool ${role.pool} (InferenceClass ${cls.className}) has ${cls.spec.resources.gpu.count}`,
    );
  }
  return out;
}

export function composeReplica(input: ReplicaInput): FunctionOutput {
  const { replica, observed } = input;
  const requirements = replicaRequirements(replica);
  const roles = replicaRoles(replica.spec);
  const keep = (reason: string, message: string, gpus?: number): FunctionOutput =>
    keepObserved(observed, { reason, message, results: [warning(message, reason)], gpus, requirements });

  const shape = replicaShape(replica.spec);
  if (!shape.ok) return keep(REASON_INVALID, `${shape.error.path}: ${shape.error.message}`);
  const gpus = shape.value.gpus;

  const mismatches = roles.flatMap((r) => topologyMismatches(r.workers, r.workersPath));
  if (mismatches.length > 0) return keep(REASON_TOPOLOGY_MISMATCH, mismatches.join('; '), gpus);

  const unsupported = roles.flatMap((r) => kserveTopologyProblem(r.workers.topology, r.workersPath) ?? []);
  if (unsupported.length > 0) return keep(REASON_UNSUPPORTED_TOPOLOGY, unsupported.join('; '), gpus);

  const plans: Partial<Record<RoleName, EnginePlan>> = {};
  for (const role of roles) {
    const roleShape = shape.value.roles[role.role];
    // replicaShape returned every role replicaRoles lists; reaching this is a bug.
    if (roleShape === undefined) throw new Error(`role ${role.role} has no shape`);
    const planned = enginePlan({
      role,
      shape: roleShape,
      modelUri: replica.spec.model?.uri,
      modelName: servedModelName(replica.spec.model, replica.spec.deploymentRef.name),
      namespace: replica.metadata.namespace,
    });
    if (!planned.ok) return keep(planned.reason, planned.messages.join('; '), gpus);
    plans[role.role] = planned.plan;
  }

  const resolved = resolveTarget(replica.spec.inferenceClusterRef.name, roles, input.cluster, input.classes);
  if (!resolved.ok) {
    const { reason, message, event } = resolved.waiting;
    const results = event === undefined ? [] : [{ severity: event, message, reason }];
    return keepObserved(observed, { reason, message, results, gpus, requirements });
  }
  const target = resolved.target;

  const tooSmall = poolTooSmall(roles, shape.value, target);
  if (tooSmall.length > 0) return keep(REASON_POOL_TOO_SMALL, tooSmall.join('; '), gpus);

  const objects = desiredObjects(replica, roles, shape.value, target, plans, observed);
  const resources: Record<string, DesiredResource> = {};
  for (const [key, resource] of Object.entries(objects)) {
    resources[key] = { resource, ready: readiness(observed[key]) };
  }
  const remote = remoteOutcome(observed);
  const where = placement(target, roles, shape.value);
  return {
    status: { gpus, ...urlStatus(remote) },
    ready: remote.serving,
    resources,
    conditions: [deployedCondition(Object.keys(objects), observed, replica, where), ...remote.conditions],
    results: [],
    requirements,
  };
}
