// Edits that change what a replica's GPUs must be (issue 14, "Claims that survive edits"):
// ResourceClaimTemplates are immutable and KServe refuses a parallelism change in place, so an
// InferenceClass edit or a tensor change must reach the workload cluster without leaving any
// provider-kubernetes Object Synced=False, and the running claims must then say what the spec says.

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
import { allocation, serviceConditions, unsyncedObjects, workloadPods } from './support/workload.js';

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

  it('a tensor change re-places the replicas with claims of the new size, and no Object is left Synced=False', async () => {
    // Two replicas of tensor 2 fill the four L4s of onprem-dc1.
    hub(['scale', 'modeldeployment', DEPLOYMENT, '-n', NAMESPACE, '--replicas=2']);
    await eventually('two replicas settled', fleet, settled(2), 300_000);
    patch(
      'modeldeployment',
      DEPLOYMENT,
      'merge',
      { spec: { workers: { topology: { tensor: 2 } } } },
      NAMESPACE,
    );
    try {
      const seen = await eventually(
        'every replica on tensor 2 with 2-GPU claims, with nothing Synced=False',
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
        (s) => settled(2)(s.fleet) && s.claims.every((c) => c.length > 0 && c.every((n) => n === 2)),
        420_000,
      );
      expect(seen).toEqual({
        fleet: { replicas: 2, unsynced: [], unallocated: [] },
        services: [0, 1].map(() => ({ tensor: 2, presets: 'True' })),
        claims: [[2], [2]],
        allocated: [[2], [2]],
        gpus: 4,
      });
    } finally {
      patch('modeldeployment', DEPLOYMENT, 'json', removeTopology, NAMESPACE);
    }
  });
});
