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
import {
  allocation,
  claimTemplateCount,
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

/** Every replica Ready on the hub, its pods' claims allocated, and nothing Synced=False. */
function settled(replicas: number): () => boolean {
  return () => {
    const rs = list(hubKubeconfig, 'modelreplicas', NAMESPACE);
    return (
      rs.length === replicas &&
      unsyncedObjects(NAMESPACE).length === 0 &&
      rs.every((r) => {
        const pods = workloadPods(workload, NAMESPACE, r.metadata.name);
        return (
          pods.length > 0 &&
          pods.every((p) => allocation(workload, p).claims.every((c) => c.devices.length > 0))
        );
      })
    );
  };
}

beforeAll(async () => {
  assertTwinUp();
  workload = workloadKubeconfig();
  await quickstartAt3();
  await eventually(
    'the quickstart settled on the workload cluster',
    () => settled(3)(),
    (ok) => ok,
    300_000,
  );
});

afterAll(() => {
  hub([
    'patch',
    'inferenceclass',
    CLASS,
    '--type=json',
    '-p',
    JSON.stringify([{ op: 'remove', path: '/spec/attributes/gpu.nvidia.com~1brand' }]),
  ]);
  hub([
    'patch',
    'modeldeployment',
    DEPLOYMENT,
    '-n',
    NAMESPACE,
    '--type=json',
    '-p',
    JSON.stringify([{ op: 'remove', path: '/spec/workers/topology' }]),
  ]);
});

describe('editing what the replicas GPUs must be', () => {
  it('an InferenceClass edit reaches every claim, and no Object is left Synced=False', async () => {
    hub([
      'patch',
      'inferenceclass',
      CLASS,
      '--type=merge',
      '-p',
      JSON.stringify({ spec: { attributes: { 'gpu.nvidia.com/brand': { string: 'Nvidia' } } } }),
    ]);
    const seen = await eventually(
      "every replica's claim to pin the new attribute, settled",
      () => ({ claims: claims(), settled: settled(3)(), unsynced: unsyncedObjects(NAMESPACE) }),
      (s) =>
        s.settled &&
        s.claims.every(
          (c) => c.templates.length > 0 && c.templates.every((t) => t.selectors.includes(BRAND)),
        ),
      300_000,
    );
    expect(seen.unsynced).toEqual([]);
    expect(seen.claims.map((c) => c.templates)).toEqual(
      seen.claims.map(() => [
        {
          count: 1,
          selectors: ['device.attributes["gpu.nvidia.com"].architecture == "Ada Lovelace"', BRAND],
        },
      ]),
    );
  });

  it('a tensor change re-places the replicas with claims of the new size, and no Object is left Synced=False', async () => {
    // Two replicas of tensor 2 fill the four L4s of onprem-dc1.
    hub(['scale', 'modeldeployment', DEPLOYMENT, '-n', NAMESPACE, '--replicas=2']);
    await eventually(
      'two replicas settled',
      () => settled(2)(),
      (ok) => ok,
      300_000,
    );
    hub([
      'patch',
      'modeldeployment',
      DEPLOYMENT,
      '-n',
      NAMESPACE,
      '--type=merge',
      '-p',
      JSON.stringify({ spec: { workers: { topology: { tensor: 2 } } } }),
    ]);
    const seen = await eventually(
      'every replica on tensor 2 with 2-GPU claims, settled',
      () => ({
        claims: claims(),
        settled: settled(2)(),
        unsynced: unsyncedObjects(NAMESPACE),
        tensor: list(workload, 'llminferenceservices.serving.kserve.io', NAMESPACE).map(
          (s) => (s.spec?.parallelism as { tensor?: number } | undefined)?.tensor,
        ),
      }),
      (s) =>
        s.settled && s.claims.every((c) => c.templates.length > 0 && c.templates.every((t) => t.count === 2)),
      420_000,
    );
    expect({ unsynced: seen.unsynced, tensor: seen.tensor }).toEqual({ unsynced: [], tensor: [2, 2] });
    const pods = seen.claims.map((c) => c.replica).flatMap((r) => workloadPods(workload, NAMESPACE, r));
    expect(pods.map((p) => allocation(workload, p).claims.map((c) => c.devices.length))).toEqual([[2], [2]]);
    expect(
      list(workload, 'llminferenceservices.serving.kserve.io', NAMESPACE).map(
        (s) => serviceConditions(s).PresetsCombined,
      ),
    ).toEqual(['True', 'True']);
    expect(
      pods.map((p) =>
        claimTemplateCount(workload, NAMESPACE, allocation(workload, p).claims[0]?.template ?? ''),
      ),
    ).toEqual([2, 2]);
    expect(get(hubKubeconfig, 'modeldeployment', DEPLOYMENT, NAMESPACE).status?.gpus).toBe(4);
  });
});
