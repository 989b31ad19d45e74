// The desired children of a placed replica, each a provider-kubernetes Object on its cluster: the
// namespace (never deleted), one DRA ResourceClaimTemplate per role, and the LLMInferenceService
// (ready when the remote service is). And the Deployed condition that follows them.
//
// A claim template is named after its spec (claims.ts), so an edit that changes it adds a new
// template beside the old one. The old one stays while the service on the cluster still refers to
// it (as provider-kubernetes last observed it), so pods are never pointed at a template that is
// gone; once the new service spec is applied, the old template goes. Claims already made from it
// belong to their pods and stay with them.

import type { ModelReplica } from '../apis/model-replica.js';
import { servedModelName } from '../apis/serving.js';
import { poolNodeTaints } from '../labels.js';
import { conditionFalse, conditionTrue, findCondition, type Condition } from '../runtime/conditions.js';
import { isObject } from '../runtime/json.js';
import { asDesired } from '../runtime/reemit.js';
import type { KubeObject } from '../runtime/request.js';
import type { ReplicaShape, RoleName } from '../scheduling/topology.js';
import { claimSpecHash, claimTemplateSpec, resourceClaimTemplate } from './claims.js';
import type { EnginePlan } from './engine-plan.js';
import {
  CLAIM_TEMPLATE_KEY_PREFIX,
  claimTemplateKey,
  claimTemplateName,
  KEY_NAMESPACE,
  KEY_SERVICE,
  objectName,
} from './keys.js';
import { llmInferenceService, type RoleWorkload } from './llm-inference-service.js';
import { NEVER_DELETE, remoteObject } from './objects.js';
import type { Observed } from './outcome.js';
import { CONDITION_DEPLOYED, REASON_APPLY_FAILED, REASON_DEPLOYED, REASON_DEPLOYING } from './reasons.js';
import type { ReplicaRole } from './roles.js';
import { remoteManifest } from './status.js';
import type { Target } from './target.js';

/** Every resourceClaimTemplateName in the remote service as last observed. */
function referencedTemplates(observedService: KubeObject | undefined): Set<string> {
  const names = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
    } else if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'resourceClaimTemplateName' && typeof v === 'string') names.add(v);
        else walk(v);
      }
    }
  };
  walk(remoteManifest(observedService)?.spec);
  return names;
}

/** The remote name of an observed claim-template Object's manifest. */
function manifestName(obj: KubeObject): string | undefined {
  const spec = isObject(obj.spec) ? obj.spec : {};
  const forProvider = isObject(spec.forProvider) ? spec.forProvider : {};
  const manifest = isObject(forProvider.manifest) ? forProvider.manifest : {};
  const meta = isObject(manifest.metadata) ? manifest.metadata : {};
  return typeof meta.name === 'string' ? meta.name : undefined;
}

/** The Objects by desired-resource key, in the order they are reported: namespace, claims, service. */
export function desiredObjects(
  replica: ModelReplica,
  roles: readonly ReplicaRole[],
  shape: ReplicaShape,
  target: Target,
  plans: Readonly<Partial<Record<RoleName, EnginePlan>>>,
  observed: Observed,
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
    const plan = plans[role.role];
    // resolveTarget, replicaShape and the engine plans cover every role; reaching this is a bug.
    if (cls === undefined || roleShape === undefined || plan === undefined)
      throw new Error(`role ${role.role} was not resolved`);
    const spec = claimTemplateSpec({ cls: cls.spec, gpusPerNode: roleShape.gpusPerNode });
    const hash = claimSpecHash(spec);
    const key = claimTemplateKey(role.role, hash);
    const template = claimTemplateName(name, role.role, hash);
    objects[key] = remoteObject({
      name: objectName(name, key),
      namespace,
      providerConfigRef,
      manifest: resourceClaimTemplate(template, namespace, spec),
    });
    workloads.push({
      role,
      claimTemplate: template,
      plan,
      nodeTaints: poolNodeTaints(cls.spec.provisioning),
    });
  }
  const inUse = referencedTemplates(observed[KEY_SERVICE]);
  for (const [key, obj] of Object.entries(observed)) {
    if (!key.startsWith(CLAIM_TEMPLATE_KEY_PREFIX) || key in objects) continue;
    const remote = manifestName(obj);
    if (remote !== undefined && inUse.has(remote)) objects[key] = asDesired(obj);
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
      modelName: servedModelName(replica.spec.model, replica.spec.deploymentRef.name),
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
