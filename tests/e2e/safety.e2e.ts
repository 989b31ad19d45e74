// Bad or missing input never deletes what runs: deleting the InferenceClass the replicas run on,
// or making the deployment's nodeSelector invalid, leaves every replica, every provider-kubernetes
// Object and every LLMInferenceService where it is.

import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';
import {
  DEPLOYMENT,
  NAMESPACE,
  deployment,
  placements,
  quickstartAt3,
  remoteServices,
} from './support/fleet.js';
import {
  assertTwinUp,
  condition,
  eventually,
  hub,
  hubKubeconfig,
  list,
  workloadKubeconfig,
  type KubeObject,
} from './support/twin.js';

let workload: string;

/** Everything a deletion would touch: replicas, their Objects (by uid) and the remote services. */
function snapshot() {
  const md = deployment();
  return {
    placements: placements(md),
    replicas: list(hubKubeconfig, 'modelreplicas', NAMESPACE).map(
      (r) => `${r.metadata.name}:${r.metadata.uid}`,
    ),
    objects: list(hubKubeconfig, 'objects.kubernetes.m.crossplane.io', NAMESPACE)
      .filter((o) => o.metadata.deletionTimestamp === undefined)
      .map((o) => `${o.metadata.name}:${o.metadata.uid}`),
    remote: list(workload, 'llminferenceservices.serving.kserve.io', NAMESPACE)
      .filter((s) => s.metadata.deletionTimestamp === undefined)
      .map((s) => `${s.metadata.name}:${s.metadata.uid}`),
  };
}

/** Waits a few reconciles (the functions see the change at once) and checks nothing moved. */
async function holdsFor(ms: number, before: ReturnType<typeof snapshot>): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    expect(snapshot()).toEqual(before);
    await new Promise((r) => setTimeout(r, 3_000));
  }
}

beforeAll(async () => {
  assertTwinUp();
  workload = workloadKubeconfig();
  await quickstartAt3();
  // Every Object exists before the snapshot is taken.
  await eventually(
    'the three LLMInferenceServices on the workload cluster',
    () => remoteServices(workload),
    (s) => s.length === 3,
    180_000,
  );
});

describe('nothing running is deleted', () => {
  it('when the InferenceClass under the replicas is deleted', async () => {
    const before = snapshot();
    hub(['delete', 'inferenceclass', 'onprem-l4x4', '--wait=true']);
    try {
      await eventually(
        'InferenceCluster onprem-dc1 to report its class missing',
        () => JSON.parse(hub(['get', 'inferencecluster', 'onprem-dc1', '-o', 'json'])) as KubeObject,
        (ic) => condition(ic, 'ClassesResolved')?.status === 'False',
        120_000,
      );
      await holdsFor(45_000, before);
    } finally {
      hub(['apply', '-f', join(repoRoot, 'examples', 'quickstart', 'platform.yaml')]);
    }
  });

  it('when the nodeSelector becomes invalid CEL', async () => {
    const before = snapshot();
    hub([
      'patch',
      'modeldeployment',
      DEPLOYMENT,
      '-n',
      NAMESPACE,
      '--type=merge',
      '-p',
      JSON.stringify({
        spec: { nodeSelector: { cel: 'device.capacity["modelplane.ai"].gpuMemory.compareTo(' } },
      }),
    ]);
    try {
      const md = await eventually(
        'the ModelDeployment to report the invalid selector',
        deployment,
        (d) => condition(d, 'Scheduled')?.reason === 'InvalidNodeSelector',
        120_000,
      );
      expect(condition(md, 'Scheduled')).toEqual(
        expect.objectContaining({ type: 'Scheduled', status: 'False', reason: 'InvalidNodeSelector' }),
      );
      await holdsFor(45_000, before);
    } finally {
      hub(['apply', '-f', join(repoRoot, 'examples', 'quickstart', 'ml-team.yaml')]);
    }
  });
});
