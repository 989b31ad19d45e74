// The KServe LLMInferenceService of one replica (SPEC 4.4 item 2), serving.kserve.io/v1alpha2 as
// KServe v0.20 ships it.
//
// How KServe reads what we write, and why the manifest looks the way it does:
// - `parallelism` picks the multi-node preset and sizes the LeaderWorkerSet: KServe treats a
//   workload as data-parallel whenever `data` or `dataLocal` is set (group size data / dataLocal),
//   else as pipeline-parallel when `pipeline` is set (group size pipeline). So `data`/`dataLocal` are
//   written only for data parallelism (data > 1) and `pipeline` only when > 1; writing `data: 1`
//   next to `pipeline: 2` would size the group to one node.
// - For the same reason KServe cannot run pipeline and data parallelism across nodes together;
//   `kserveTopologyProblem` reports that instead of deploying a replica of the wrong size.
// - `worker` (the pod of the group's other nodes) is present only when one worker spans several
//   nodes: its presence is what makes KServe build a LeaderWorkerSet. Pipeline parallelism across
//   nodes runs under modelplane's own preset (lib/kserve/presets.ts), which KServe v0.20 lacks.
// - `model.uri` is required by the schema and KServe parses its scheme before it looks at
//   `storageInitializer`. Without `spec.model.uri` the engine fetches weights itself (its own
//   --model, served by the command pod.ts composes), the storage initializer is disabled, and the
//   URI is `engine://<deployment>`, a placeholder nothing downloads from.
// - `router` is the replica's route on its cluster's inference Gateway and llm-d's inference
//   scheduler (router.ts).

import type { Topology } from '../apis/serving.js';
import {
  KAI_SCHEDULER_NAME,
  LABEL_DEPLOYMENT,
  LABEL_KAI_QUEUE,
  LABEL_KUEUE_QUEUE,
  type NodeTaint,
} from '../labels.js';
import type { EnginePlan } from './engine-plan.js';
import { rolePod } from './pod.js';
import { replicaRouter } from './router.js';
import type { ReplicaRole } from './roles.js';

export const KSERVE_API_VERSION = 'serving.kserve.io/v1alpha2';
export const KSERVE_KIND = 'LLMInferenceService';
/** The scheme of the placeholder model URI used when the engine fetches its own weights. */
export const ENGINE_MODEL_SCHEME = 'engine';

export type SchedulerType = 'None' | 'Kueue' | 'KAI';

export interface GangScheduler {
  readonly type: SchedulerType;
  readonly queueName: string;
}

/** One role, ready to render: where it runs, its claim template and how its engine starts. */
export interface RoleWorkload {
  readonly role: ReplicaRole;
  readonly claimTemplate: string;
  /** The taints on the role's pool nodes, which its pods tolerate. */
  readonly nodeTaints: readonly NodeTaint[];
  readonly plan: EnginePlan;
}

export interface ServiceInput {
  readonly name: string;
  readonly namespace: string;
  readonly deployment: string;
  readonly modelUri?: string | undefined;
  /** KServe's model.name: the name clients request and the engine serves (servedModelName). */
  readonly modelName: string;
  /** The unified role, or decode then prefill. */
  readonly workloads: readonly RoleWorkload[];
  readonly scheduler: GangScheduler;
}

/** KServe's parallelism block for a topology (see the module comment for what is left out). */
export function kserveParallelism(t: Topology): Record<string, number | boolean> {
  return {
    tensor: t.tensor,
    ...(t.pipeline > 1 ? { pipeline: t.pipeline } : {}),
    ...(t.data > 1 ? { data: t.data, dataLocal: t.dataLocal } : {}),
    ...(t.expert ? { expert: true } : {}),
  };
}

/** Why KServe cannot run this topology as placed, or undefined when it can. */
export function kserveTopologyProblem(t: Topology, workersPath: string): string | undefined {
  if (t.pipeline > 1 && t.data > 1) {
    return (
      `${workersPath}.topology: KServe cannot combine pipeline parallelism (${t.pipeline}) with data ` +
      `parallelism (data ${t.data}, dataLocal ${t.dataLocal}) in one LLMInferenceService`
    );
  }
  return undefined;
}

function withoutEmpty(labels: Record<string, string>): Record<string, string> | undefined {
  return Object.keys(labels).length > 0 ? labels : undefined;
}

function workloadSpec(w: RoleWorkload, scheduler: GangScheduler): Record<string, unknown> {
  const workers = w.role.workers;
  const kai = scheduler.type === 'KAI';
  const pod = (kind: RoleWorkload['plan']['leader']) =>
    rolePod({
      workers,
      pool: w.role.pool,
      claimTemplate: w.claimTemplate,
      nodeTaints: w.nodeTaints,
      schedulerName: kai ? KAI_SCHEDULER_NAME : undefined,
      plan: w.plan,
      kind,
    });
  const meta = workers.template.metadata;
  // Managed labels win over the user's. The XRD keeps users out of modelplane.ai/ and out of the
  // label keys KServe selects its workloads by (KSERVE_OWNED_LABELS): KServe copies spec.labels
  // over its own, and would then lose track of its Deployment.
  const podLabels = withoutEmpty({
    ...(meta?.labels ?? {}),
    ...(kai ? { [LABEL_KAI_QUEUE]: scheduler.queueName } : {}),
  });
  const podAnnotations = withoutEmpty({ ...(meta?.annotations ?? {}) });
  return {
    replicas: workers.count,
    parallelism: kserveParallelism(workers.topology),
    ...(podLabels === undefined ? {} : { labels: podLabels }),
    ...(podAnnotations === undefined ? {} : { annotations: podAnnotations }),
    template: pod(w.plan.leader),
    ...(w.plan.worker === undefined ? {} : { worker: pod(w.plan.worker) }),
  };
}

function serviceLabels(input: ServiceInput): Record<string, string> {
  const labels: Record<string, string> = { [LABEL_DEPLOYMENT]: input.deployment };
  // KServe copies kueue.x-k8s.io labels from the service to the workloads it creates.
  if (input.scheduler.type === 'Kueue') labels[LABEL_KUEUE_QUEUE] = input.scheduler.queueName;
  if (input.scheduler.type === 'KAI') labels[LABEL_KAI_QUEUE] = input.scheduler.queueName;
  return labels;
}

export function llmInferenceService(input: ServiceInput): Record<string, unknown> {
  const main = input.workloads.find((w) => w.role.role !== 'prefill');
  const prefill = input.workloads.find((w) => w.role.role === 'prefill');
  // A replica always has a unified or a decode role (replicaRoles); reaching this is a bug.
  if (main === undefined) throw new Error('the replica has no unified or decode role');
  const uri = input.modelUri ?? `${ENGINE_MODEL_SCHEME}://${input.deployment}`;
  return {
    apiVersion: KSERVE_API_VERSION,
    kind: KSERVE_KIND,
    metadata: { name: input.name, namespace: input.namespace, labels: serviceLabels(input) },
    spec: {
      model: { name: input.modelName, uri },
      storageInitializer: { enabled: input.modelUri !== undefined },
      ...workloadSpec(main, input.scheduler),
      ...(prefill === undefined ? {} : { prefill: workloadSpec(prefill, input.scheduler) }),
      router: replicaRouter(input.namespace, input.name),
    },
  };
}
