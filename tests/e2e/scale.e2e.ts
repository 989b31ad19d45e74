// Scaling a ModelDeployment through its /scale subresource, with kubectl and with a real
// HorizontalPodAutoscaler run by kube-controller-manager: replicas are added and removed on the hub
// and their LLMInferenceServices on the workload cluster.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEPLOYMENT,
  NAMESPACE,
  placement,
  quickstartAt3,
  remoteServices,
  waitForPlacements,
  waitForReplicas,
} from './support/fleet.js';
import { WORKLOAD_CLUSTER, assertTwinUp, eventually, hub, same, workloadKubeconfig } from './support/twin.js';

let workload: string;
const at = (...indices: number[]) => indices.map((i) => placement(WORKLOAD_CLUSTER, i));
const names = (...indices: number[]) =>
  at(...indices)
    .map((p) => p.replica)
    .sort();

async function scaleTo(n: number, indices: number[]): Promise<void> {
  hub(['scale', 'modeldeployment', DEPLOYMENT, '-n', NAMESPACE, `--replicas=${n}`]);
  await waitForPlacements(at(...indices));
  expect(await waitForReplicas(at(...indices))).toEqual(names(...indices));
  await eventually(
    `the workload cluster to hold ${indices.length} LLMInferenceServices`,
    () => remoteServices(workload),
    (s) => same(s, names(...indices)),
    180_000,
  );
}

beforeAll(async () => {
  assertTwinUp();
  workload = workloadKubeconfig();
  await quickstartAt3();
});

afterAll(() => {
  hub(['delete', 'hpa', DEPLOYMENT, '-n', NAMESPACE, '--ignore-not-found']);
});

describe('kubectl scale modeldeployment', () => {
  it('scales 3 → 1 → 0 → 2, removing and adding replicas on the workload cluster', async () => {
    await scaleTo(1, [0]);
    await scaleTo(0, []);
    await scaleTo(2, [0, 1]);
  });
});

describe('a HorizontalPodAutoscaler on the ModelDeployment', () => {
  it('scales it through /scale when minReplicas is raised', async () => {
    hub(['scale', 'modeldeployment', DEPLOYMENT, '-n', NAMESPACE, '--replicas=1']);
    await waitForPlacements(at(0));
    hub(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: DEPLOYMENT, namespace: NAMESPACE },
        spec: {
          scaleTargetRef: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelDeployment', name: DEPLOYMENT },
          minReplicas: 3,
          maxReplicas: 4,
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
            },
          ],
        },
      }),
    );
    await waitForPlacements(at(0, 1, 2));
    const hpa = JSON.parse(hub(['get', 'hpa', DEPLOYMENT, '-n', NAMESPACE, '-o', 'json'])) as {
      status: { desiredReplicas: number; conditions: { type: string; status: string }[] };
    };
    expect({
      desiredReplicas: hpa.status.desiredReplicas,
      ableToScale: hpa.status.conditions.find((c) => c.type === 'AbleToScale')?.status,
    }).toEqual({ desiredReplicas: 3, ableToScale: 'True' });
    await eventually(
      'the workload cluster to hold 3 LLMInferenceServices',
      () => remoteServices(workload),
      (s) => same(s, names(0, 1, 2)),
      180_000,
    );
  });
});
