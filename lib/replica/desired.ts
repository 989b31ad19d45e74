// The desired children of a placed replica, each a provider-kubernetes Object on its cluster: the
// namespace (never deleted), one DRA ResourceClaimTemplate per role, and the LLMInferenceService
// (ready when the remote service is). And the Deployed condition that follows them.

import type { ModelReplica } from '../apis/model-replica.js';
import { poolNodeTaints } from '../labels.js';
import { conditionFalse, conditionTrue, findCondition, type Condition } from '../runtime/conditions.js';
import type { ReplicaShape } from '../scheduling/topology.js';
import { resourceClaimTemplate } from './claims.js';
import { claimTemplateKey, claimTemplateName, KEY_NAMESPACE, KEY_SERVICE, objectName } from './keys.js';
import { llmInferenceService, type RoleWorkload } from './llm-inference-service.js';
import { NEVER_DELETE, remoteObject } from './objects.js';
import type { Observed } from './outcome.js';
import { CONDITION_DEPLOYED, REASON_APPLY_FAILED, REASON_DEPLOYED, REASON_DEPLOYING } from './reasons.js';
import type { ReplicaRole } from './roles.js';
import type { Target } from './target.js';

/** The Objects by desired-resource key, in the order they are reported: namespace, claims, service. */
export function desiredObjects(
  replica: ModelReplica,
  roles: readonly ReplicaRole[],
  shape: ReplicaShape,
  target: Target,
): Record<string, Record<string, unknown>> {
  const { name, namespace } = replica.metadata;
  const providerConfigRef = target.providerConfigRef;
  const objects: Record<string, Record<string, unknown>> = {};
  objects[KEY_NAMESPACE] = remoteObject({
    name: objectName(name, KEY_NAMESPACE),
    namespace,
    providerConfigRef,
    manifest: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    managementPolicies: NEVER_DELETE,
  });
  const workloads: RoleWorkload[] = [];
  for (const role of roles) {
    const cls = target.classes[role.role];
    const roleShape = shape.roles[role.role];
    // resolveTarget and replicaShape cover every role; reaching this is a bug.
    if (cls === undefined || roleShape === undefined) throw new Error(`role ${role.role} was not resolved`);
    const key = claimTemplateKey(role.role);
    const template = claimTemplateName(name, role.role);
    objects[key] = remoteObject({
      name: objectName(name, key),
      namespace,
      providerConfigRef,
      manifest: resourceClaimTemplate({
        name: template,
        namespace,
        cls: cls.spec,
        gpusPerNode: roleShape.gpusPerNode,
      }),
    });
    workloads.push({
      role,
      claimTemplate: template,
      shape: roleShape,
      nodeTaints: poolNodeTaints(cls.spec.provisioning),
    });
  }
  objects[KEY_SERVICE] = remoteObject({
    name: objectName(name, KEY_SERVICE),
    namespace,
    providerConfigRef,
    manifest: llmInferenceService({
      name,
      namespace,
      deployment: replica.spec.deploymentRef.name,
      modelUri: replica.spec.model?.uri,
      workloads,
      scheduler: target.scheduler,
    }),
    deriveReadinessFromRemote: true,
  });
  return objects;
}

/** "InferenceCluster gke-east (decode pool h200, prefill pool h100, 16 GPUs)" */
export function placement(target: Target, roles: readonly ReplicaRole[], shape: ReplicaShape): string {
  const pools = roles.map((r) => (r.role === 'unified' ? `pool ${r.pool}` : `${r.role} pool ${r.pool}`));
  const gpus = `${shape.gpus} ${shape.gpus === 1 ? 'GPU' : 'GPUs'}`;
  return `InferenceCluster ${target.cluster} (${pools.join(', ')}, ${gpus})`;
}

/** Deployed follows the Objects: every one observed and none failing to apply. */
export function deployedCondition(
  keys: readonly string[],
  observed: Observed,
  replica: ModelReplica,
  where: string,
): Condition {
  const failures: string[] = [];
  const missing: string[] = [];
  for (const key of keys) {
    const obj = observed[key];
    if (obj === undefined) {
      missing.push(key);
      continue;
    }
    const synced = findCondition(obj, 'Synced');
    if (synced?.status === 'False')
      failures.push(`${key}: ${synced.message ?? synced.reason ?? 'not synced'}`);
  }
  if (failures.length > 0)
    return conditionFalse(CONDITION_DEPLOYED, REASON_APPLY_FAILED, failures.join('; '));
  if (missing.length > 0) {
    const message = `Waiting for ${missing.join(', ')} to be created on ${where}`;
    return conditionFalse(CONDITION_DEPLOYED, REASON_DEPLOYING, message);
  }
  const { namespace, name } = replica.metadata;
  return conditionTrue(
    CONDITION_DEPLOYED,
    REASON_DEPLOYED,
    `LLMInferenceService ${namespace}/${name} on ${where}`,
  );
}
