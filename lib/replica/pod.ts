// The pod of one role on the workload cluster (SPEC 4.4 item 2), as a corev1.PodSpec for KServe's
// `template` (the leader) and `worker` (every other node of a multi-node worker).
//
// The engine container goes first and is renamed `main`: KServe merges the service's template into
// its presets (kserve-config-llm-template and friends) by strategic merge, containers keyed by name,
// and the presets call the serving container `main`. Named `engine`, it would run next to the
// preset's own vLLM instead of replacing it. Env is copied as written, so secret values stay
// references (`valueFrom.secretKeyRef`) that the kubelet resolves; this function never reads them.

import { LABEL_POOL, type NodeTaint } from '../labels.js';
import { ENGINE_CONTAINER, type Container, type Workers } from '../apis/serving.js';
import { isObject } from '../runtime/json.js';

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

function mainContainer(engine: Container, workers: Workers, withShm: boolean): Record<string, unknown> {
  const requests = resourceRequests(workers.resources);
  const mounts = (Array.isArray(engine.volumeMounts) ? engine.volumeMounts : []).filter(
    (m: unknown) => !(withShm && isObject(m) && m.mountPath === SHM_PATH),
  );
  if (withShm) mounts.push({ name: SHM_VOLUME, mountPath: SHM_PATH });
  return {
    ...structuredClone(engine),
    name: KSERVE_MAIN_CONTAINER,
    resources: { ...(requests === undefined ? {} : { requests }), claims: [{ name: GPU_CLAIM }] },
    ...(mounts.length > 0 ? { volumeMounts: structuredClone(mounts) } : {}),
  };
}

/** The PodSpec every node of the role runs. */
export function rolePod(input: PodInput): Record<string, unknown> {
  const spec = input.workers.template.spec;
  const engine = spec.containers.find((c) => c.name === ENGINE_CONTAINER);
  // The XR schema and zod both require exactly one engine container; reaching this is a bug.
  if (engine === undefined) throw new Error(`the pod template has no container named ${ENGINE_CONTAINER}`);
  const sidecars = spec.containers.filter((c) => c !== engine).map((c) => structuredClone(c));
  const shmSize = spec.shmSize;
  const withShm = shmSize !== undefined;

  const pod: Record<string, unknown> = {
    containers: [mainContainer(engine, input.workers, withShm), ...sidecars],
  };
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
