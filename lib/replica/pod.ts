// The pod of one role on the workload cluster (SPEC 4.4 item 2), as a corev1.PodSpec for KServe's
// `template` (the only pod, or a multi-node group's leader) and `worker` (every other node).
//
// The engine container goes first and is renamed `main`: KServe merges the service's template into
// its presets (kserve-config-llm-template and friends) by strategic merge, containers keyed by name,
// and the presets call the serving container `main`. Named `engine`, it would run next to the
// preset's own vLLM instead of replacing it. Env is copied as written, so secret values stay
// references (`valueFrom.secretKeyRef`) that the kubelet resolves; this function never reads them.
//
// What the engine plan (engine-plan.ts) adds:
// - no spec.model.uri: a composed command (lib/kserve/serve-command.ts) that serves the model the
//   engine downloads, with the model taken out of the args;
// - spec.model.uri with credentials in the engine env (hf://, s3://): a `storage-initializer` init
//   container carrying them, which KServe merges into the storage initializer it builds;
// - headless workers of a multi-node group serve no HTTP, so the engine's probes stay on the leader;
// - KServe's own presets start the engine with `eval "exec vllm serve … $@"`, which re-parses the
//   args as shell words: a JSON argument such as --kv-transfer-config={"kv_connector":…} would lose
//   its quotes. Under those presets every arg is shell-quoted so eval gives back exactly what the
//   user wrote (args that need no quoting are unchanged). modelplane's own commands (the
//   pipeline-parallel presets, the composed no-uri command) pass "$@" as is.

import { ENGINE_CONTAINER, type Container, type Topology, type Workers } from '../apis/serving.js';
import {
  serveCommand,
  serveScript,
  servesHttp,
  shellQuote,
  type ServeKind,
  type ServeParallelism,
} from '../kserve/serve-command.js';
import { LABEL_POOL, type NodeTaint } from '../labels.js';
import { isObject } from '../runtime/json.js';
import type { EnginePlan } from './engine-plan.js';
import { STORAGE_INITIALIZER } from './model-source.js';

/** The container name KServe's LLMInferenceService presets give the model server. */
export const KSERVE_MAIN_CONTAINER = 'main';
/** The pod-level claim name, which the engine container's resources.claims refers to. */
export const GPU_CLAIM = 'gpu';
/** KServe's presets call their /dev/shm volume `dshm` too, so ours replaces theirs in the merge. */
export const SHM_VOLUME = 'dshm';
export const SHM_PATH = '/dev/shm';

/** PodSpec fields of the template subset (apis/schema/fragments.ts) copied as they are; volumes get dshm. */
const PASSED_THROUGH = ['imagePullSecrets', 'serviceAccountName', 'securityContext'] as const;

export interface PodInput {
  readonly workers: Workers;
  readonly pool: string;
  readonly claimTemplate: string;
  /** The taints on the pool's nodes (poolNodeTaints of its class), each tolerated. */
  readonly nodeTaints: readonly NodeTaint[];
  /** Set for clusters that gang-schedule with KAI. */
  readonly schedulerName?: string | undefined;
  readonly plan: EnginePlan;
  /** Which pod of the role this is: plan.leader or plan.worker. */
  readonly kind: ServeKind;
}

/** The user's volumes, without any that `dshm` replaces. */
function userVolumes(volumes: unknown, withShm: boolean): unknown[] {
  const list = Array.isArray(volumes) ? (volumes as unknown[]) : [];
  return list.filter((v) => !(withShm && isObject(v) && v.name === SHM_VOLUME));
}

function resourceRequests(resources: Workers['resources']): Record<string, string> | undefined {
  const requests: Record<string, string> = {};
  if (resources.cpu !== undefined) requests.cpu = resources.cpu;
  if (resources.memory !== undefined) requests.memory = resources.memory;
  return Object.keys(requests).length > 0 ? requests : undefined;
}

function baked(t: Topology): ServeParallelism {
  return {
    tensor: String(t.tensor),
    pipeline: String(t.pipeline),
    data: String(t.data),
    dataLocal: String(t.dataLocal),
    expert: t.expert ? '--enable-expert-parallel' : '',
  };
}

/** Whether the pod runs under one of KServe's presets, whose command evals the args. */
function underKServePreset(input: PodInput): boolean {
  return input.plan.source.kind === 'storage' && !input.kind.startsWith('pipeline-');
}

/** The engine's command and args on this pod. */
function commandAndArgs(engine: Container, input: PodInput): Record<string, unknown> {
  const { plan } = input;
  if (plan.source.kind !== 'engine') {
    const written = [...(engine.args ?? []), ...plan.extraArgs];
    const args = underKServePreset(input) ? written.map(shellQuote) : written;
    return args.length > 0 || engine.args !== undefined ? { args } : {};
  }
  const script = serveScript({
    kind: input.kind,
    model: shellQuote(plan.source.model),
    servedNames: [shellQuote(plan.servedNames[0]), shellQuote(plan.servedNames[1])],
    port: plan.port,
    parallelism: baked(input.workers.topology),
  });
  return { command: serveCommand(script), args: [...plan.source.args, ...plan.extraArgs] };
}

function mainContainer(engine: Container, input: PodInput, withShm: boolean): Record<string, unknown> {
  const requests = resourceRequests(input.workers.resources);
  const mounts = (Array.isArray(engine.volumeMounts) ? engine.volumeMounts : []).filter(
    (m: unknown) => !(withShm && isObject(m) && m.mountPath === SHM_PATH),
  );
  if (withShm) mounts.push({ name: SHM_VOLUME, mountPath: SHM_PATH });
  const container: Record<string, unknown> = {
    ...structuredClone(engine),
    name: KSERVE_MAIN_CONTAINER,
    ...commandAndArgs(engine, input),
    resources: { ...(requests === undefined ? {} : { requests }), claims: [{ name: GPU_CLAIM }] },
  };
  delete container.volumeMounts;
  if (mounts.length > 0) container.volumeMounts = structuredClone(mounts);
  if (!servesHttp(input.kind)) {
    delete container.livenessProbe;
    delete container.readinessProbe;
    delete container.startupProbe;
  }
  return container;
}

/** The PodSpec one node of the role runs. */
export function rolePod(input: PodInput): Record<string, unknown> {
  const spec = input.workers.template.spec;
  const engine = spec.containers.find((c) => c.name === ENGINE_CONTAINER);
  // The XR schema and zod both require exactly one engine container; reaching this is a bug.
  if (engine === undefined) throw new Error(`the pod template has no container named ${ENGINE_CONTAINER}`);
  const sidecars = spec.containers.filter((c) => c !== engine).map((c) => structuredClone(c));
  const shmSize = spec.shmSize;
  const withShm = shmSize !== undefined;

  const pod: Record<string, unknown> = {
    containers: [mainContainer(engine, input, withShm), ...sidecars],
  };
  const source = input.plan.source;
  if (source.kind === 'storage' && source.credentials.length > 0) {
    pod.initContainers = [{ name: STORAGE_INITIALIZER, env: structuredClone(source.credentials) }];
  }
  const raw = spec as Record<string, unknown>;
  for (const field of PASSED_THROUGH) {
    if (raw[field] !== undefined) pod[field] = structuredClone(raw[field]);
  }
  if (input.schedulerName !== undefined) pod.schedulerName = input.schedulerName;
  pod.nodeSelector = { [LABEL_POOL]: input.pool };
  pod.tolerations = input.nodeTaints.map((t) => ({ key: t.key, operator: 'Exists', effect: t.effect }));
  pod.resourceClaims = [{ name: GPU_CLAIM, resourceClaimTemplateName: input.claimTemplate }];
  const volumes = userVolumes(raw.volumes, withShm);
  if (withShm) volumes.push({ name: SHM_VOLUME, emptyDir: { medium: 'Memory', sizeLimit: shmSize } });
  if (volumes.length > 0) pod.volumes = structuredClone(volumes);
  return pod;
}
