// Edits that change what a replica's GPUs must be (issue 14, "Claims that survive edits"):
// ResourceClaimTemplates are immutable and KServe refuses a parallelism change in place, so an
// InferenceClass edit or a tensor change must reach the workload cluster without leaving any
// provider-kubernetes Object Synced=False, and the running claims must then say what the spec says.
// Last, an edit of the served model name (spec.model.name, with a slash as Hugging Face names have)
// must reach KServe's preset, which writes it into the engine command.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPLOYMENT, NAMESPACE, quickstartAt3 } from './support/fleet.js';
import {
  assertTwinUp,
  eventually,
  get,
  hub,
  hubKubeconfig,
  list,
  workloadKubeconfig,
} from './support/twin.js';
import {
  allocation,
  modelSource,
  serviceConditions,
  unsyncedObjects,
  workloadPods,
} from './support/workload.js';

const CLASS = 'onprem-l4x4';
const BRAND = 'device.attributes["gpu.nvidia.com"].brand == "Nvidia"';
let workload: string;

/** The replicas on the hub with what each one's claim template on the workload cluster asks for. */
function claims(): { replica: string; templates: { count: number; selectors: string[] }[] }[] {
  return list(hubKubeconfig, 'modelreplicas', NAMESPACE).map((r) => {
    const pods = workloadPods(workload, NAMESPACE, r.metadata.name);
    const templates = pods.flatMap((p) =>
      allocation(workload, p).claims.map((c) => {
        const t = get(workload, 'resourceclaimtemplates.resource.k8s.io', c.template ?? '', NAMESPACE);
        const request = (
          t.spec?.spec as {
            devices: {
              requests: { exactly: { count: number; selectors?: { cel: { expression: string } }[] } }[];
            };
          }
        ).devices.requests[0]?.exactly;
        return {
          count: request?.count ?? 0,
          selectors: (request?.selectors ?? []).map((s) => s.cel.expression),
        };
      }),
    );
    return { replica: r.metadata.name, templates };
  });
}

interface Fleet {
  replicas: number;
  /** provider-kubernetes Objects Synced=False, with their message. */
  unsynced: string[];
  /** Replicas without a pod whose claims the DRA allocator satisfied. */
  unallocated: string[];
}

/** The replicas on the hub, what is not Synced, and which replicas have no allocated pod. */
function fleet(): Fleet {
  const rs = list(hubKubeconfig, 'modelreplicas', NAMESPACE);
  return {
    replicas: rs.length,
    unsynced: unsyncedObjects(NAMESPACE),
    unallocated: rs
      .map((r) => r.metadata.name)
      .filter((r) => {
        const pods = workloadPods(workload, NAMESPACE, r);
        return (
          pods.length === 0 ||
          pods.some((p) => allocation(workload, p).claims.some((c) => c.devices.length === 0))
        );
      }),
  };
}

const settled = (replicas: number) => (f: Fleet) =>
  f.replicas === replicas && f.unsynced.length === 0 && f.unallocated.length === 0;

beforeAll(async () => {
  assertTwinUp();
  workload = workloadKubeconfig();
  await quickstartAt3();
  await eventually('the quickstart settled on the workload cluster', fleet, settled(3), 300_000);
});

const addBrand = { spec: { attributes: { 'gpu.nvidia.com/brand': { string: 'Nvidia' } } } };
const removeBrand = [{ op: 'remove', path: '/spec/attributes/gpu.nvidia.com~1brand' }];
const removeTopology = [{ op: 'remove', path: '/spec/workers/topology' }];

function patch(kind: string, name: string, type: 'merge' | 'json', body: unknown, namespace?: string): void {
  hub([
    'patch',
    kind,
    name,
    ...(namespace === undefined ? [] : ['-n', namespace]),
    `--type=${type}`,
    '-p',
    JSON.stringify(body),
  ]);
}

/** The LLMInferenceServices of the current replicas: tensor size and PresetsCombined. */
function services(): { tensor: number | undefined; presets: string | undefined }[] {
  const replicas = list(hubKubeconfig, 'modelreplicas', NAMESPACE).map((r) => r.metadata.name);
  return list(workload, 'llminferenceservices.serving.kserve.io', NAMESPACE)
    .filter((s) => replicas.includes(s.metadata.name))
    .map((s) => ({
      tensor: (s.spec?.parallelism as { tensor?: number } | undefined)?.tensor,
      presets: serviceConditions(s).PresetsCombined,
    }));
}

afterAll(() => {
  hub(['scale', 'modeldeployment', DEPLOYMENT, '-n', NAMESPACE, '--replicas=3']);
});

describe('editing what the replicas GPUs must be', () => {
  it('an InferenceClass edit reaches every claim, and no Object is left Synced=False', async () => {
    patch('inferenceclass', CLASS, 'merge', addBrand);
    try {
      const seen = await eventually(
        "every replica's running claim to pin the new attribute, with nothing Synced=False",
        () => ({ fleet: fleet(), claims: claims().map((c) => c.templates) }),
        (s) =>
          settled(3)(s.fleet) &&
          s.claims.every((t) => t.length > 0 && t.every((x) => x.selectors.includes(BRAND))),
        300_000,
      );
      expect(seen).toEqual({
        fleet: { replicas: 3, unsynced: [], unallocated: [] },
        claims: [0, 1, 2].map(() => [
          {
            count: 1,
            selectors: ['device.attributes["gpu.nvidia.com"].architecture == "Ada Lovelace"', BRAND],
          },
        ]),
      });
    } finally {
      patch('inferenceclass', CLASS, 'json', removeBrand);
    }
  });

  it('a tensor change reaches the running replica with a claim of the new size, and no Object is left Synced=False', async () => {
    // KServe takes a tensor change in place (its webhook refuses only a change of parallelism
    // size, the nodes a worker spans) and rolls the replica's Deployment make-before-break
    // (maxSurge 1, maxUnavailable 0): the new 2-GPU pod starts beside the old 1-GPU one. One
    // replica leaves that room on the four L4s of onprem-dc1 (README, known limitations).
    hub(['scale', 'modeldeployment', DEPLOYMENT, '-n', NAMESPACE, '--replicas=1']);
    await eventually('one replica settled', fleet, settled(1), 300_000);
    patch(
      'modeldeployment',
      DEPLOYMENT,
      'merge',
      { spec: { workers: { topology: { tensor: 2 } } } },
      NAMESPACE,
    );
    try {
      const seen = await eventually(
        'the replica on tensor 2 with a 2-GPU claim, with nothing Synced=False',
        () => ({
          fleet: fleet(),
          services: services(),
          claims: claims().map((c) => c.templates.map((t) => t.count)),
          allocated: claims()
            .map((c) => c.replica)
            .flatMap((r) => workloadPods(workload, NAMESPACE, r))
            .map((p) => allocation(workload, p).claims.map((c) => c.devices.length)),
          gpus: get(hubKubeconfig, 'modeldeployment', DEPLOYMENT, NAMESPACE).status?.gpus,
        }),
        (s) => settled(1)(s.fleet) && s.claims.every((c) => c.length > 0 && c.every((n) => n === 2)),
        420_000,
      );
      expect(seen).toEqual({
        fleet: { replicas: 1, unsynced: [], unallocated: [] },
        services: [{ tensor: 2, presets: 'True' }],
        claims: [[2]],
        allocated: [[2]],
        gpus: 2,
      });
    } finally {
      patch('modeldeployment', DEPLOYMENT, 'json', removeTopology, NAMESPACE);
    }
  });
});

describe('editing the name the replicas serve the model under', () => {
  it('a model name with a slash reaches KServe, whose preset serves it, and no Object is left Synced=False', async () => {
    const NAME = 'Qwen/Qwen3-4B-Instruct-2507';
    hub(['scale', 'modeldeployment', DEPLOYMENT, '-n', NAMESPACE, '--replicas=1']);
    await eventually('one replica settled', fleet, settled(1), 300_000);
    patch('modeldeployment', DEPLOYMENT, 'merge', { spec: { model: { name: NAME } } }, NAMESPACE);
    try {
      const seen = await eventually(
        `the replica serving ${NAME}, with nothing Synced=False`,
        () => {
          const replicas = list(hubKubeconfig, 'modelreplicas', NAMESPACE).map((r) => r.metadata.name);
          return {
            fleet: fleet(),
            services: list(workload, 'llminferenceservices.serving.kserve.io', NAMESPACE)
              .filter((svc) => replicas.includes(svc.metadata.name))
              .map((svc) => ({
                model: (svc.spec?.model as { name?: string } | undefined)?.name,
                presets: serviceConditions(svc).PresetsCombined,
              })),
            pods: replicas
              .flatMap((r) => workloadPods(workload, NAMESPACE, r))
              .filter((p) => p.metadata.deletionTimestamp === undefined)
              .map((p) => {
                const source = modelSource(p, NAME);
                return 'error' in source ? source : { servesModelName: source.servesModelName };
              }),
          };
        },
        (s) =>
          settled(1)(s.fleet) &&
          s.services.every((x) => x.model === NAME) &&
          s.pods.length === 1 &&
          s.pods.every((p) => 'servesModelName' in p && p.servesModelName),
        300_000,
      );
      expect(seen).toEqual({
        fleet: { replicas: 1, unsynced: [], unallocated: [] },
        services: [{ model: NAME, presets: 'True' }],
        pods: [{ servesModelName: true }],
      });
    } finally {
      patch('modeldeployment', DEPLOYMENT, 'json', [{ op: 'remove', path: '/spec/model' }], NAMESPACE);
    }
  });
});
