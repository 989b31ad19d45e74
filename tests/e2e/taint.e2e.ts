// A NoExecute taint on an InferenceCluster drains it: its replicas move to another Ready cluster.
// The second cluster, onprem-dc2, is a second registration of the twin's workload cluster (same
// kubeconfig Secret contents, its own InferenceCluster and ProviderConfig): the hub sees two Existing
// clusters, and each replica's LLMInferenceService is named after the replica, so moving a replica
// replaces one service by another on that API server.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  placement,
  quickstartAt3,
  remoteServices,
  waitForPlacements,
  waitForReplicas,
} from './support/fleet.js';
import {
  WORKLOAD_CLUSTER,
  assertTwinUp,
  eventually,
  get,
  hub,
  hubKubeconfig,
  same,
  workloadKubeconfig,
} from './support/twin.js';

const SECOND = 'onprem-dc2';
let workload: string;

function registerSecond(taints: object[]): void {
  const secret = get(hubKubeconfig, 'secret', `${WORKLOAD_CLUSTER}-kubeconfig`, 'crossplane-system');
  hub(
    ['apply', '-f', '-'],
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: `${SECOND}-kubeconfig`, namespace: 'crossplane-system' },
          data: secret.data,
        },
        {
          apiVersion: 'modelplane.ai/v1alpha1',
          kind: 'InferenceCluster',
          metadata: { name: SECOND, labels: { region: 'onprem', provider: 'existing' } },
          spec: {
            source: 'Existing',
            existing: {
              kubeconfigSecretRef: { name: `${SECOND}-kubeconfig`, namespace: 'crossplane-system' },
            },
            nodePools: [{ name: 'l4', class: 'onprem-l4x4', nodeCount: 1 }],
            taints,
          },
        },
      ],
    }),
  );
}

function taint(cluster: string, taints: object[]): void {
  hub(['patch', 'inferencecluster', cluster, '--type=merge', '-p', JSON.stringify({ spec: { taints } })]);
}

const maintenance = [{ key: 'maintenance', value: 'true', effect: 'NoExecute' }];

beforeAll(async () => {
  assertTwinUp();
  workload = workloadKubeconfig();
  await quickstartAt3();
});

afterAll(() => {
  taint(WORKLOAD_CLUSTER, []);
  hub(['delete', 'inferencecluster', SECOND, '--ignore-not-found']);
});

describe('a NoExecute taint', () => {
  it('moves every replica off the tainted cluster to the other Ready one, and back', async () => {
    // onprem-dc2 joins with the taint already set, so nothing lands there yet.
    registerSecond(maintenance);
    await eventually(
      `InferenceCluster ${SECOND} Ready`,
      () => get(hubKubeconfig, 'inferencecluster', SECOND),
      (c) =>
        (c.status?.conditions as { type: string; status: string }[] | undefined)?.some(
          (x) => x.type === 'Ready' && x.status === 'True',
        ) === true,
    );

    // Swap: dc2 clean, dc1 under maintenance → all three replicas move to dc2.
    taint(SECOND, []);
    taint(WORKLOAD_CLUSTER, maintenance);
    const onSecond = [0, 1, 2].map((i) => placement(SECOND, i));
    await waitForPlacements(onSecond, 240_000);
    expect(await waitForReplicas(onSecond, 240_000)).toEqual(onSecond.map((p) => p.replica).sort());
    await eventually(
      'the workload cluster to hold only the moved replicas',
      () => remoteServices(workload),
      (s) => same(s, onSecond.map((p) => p.replica).sort()),
      240_000,
    );

    // And back: dc1 clean, dc2 under maintenance.
    taint(WORKLOAD_CLUSTER, []);
    taint(SECOND, maintenance);
    const onFirst = [0, 1, 2].map((i) => placement(WORKLOAD_CLUSTER, i));
    await waitForPlacements(onFirst, 240_000);
    expect(await waitForReplicas(onFirst, 240_000)).toEqual(onFirst.map((p) => p.replica).sort());
    await eventually(
      'the workload cluster to hold the replicas of onprem-dc1 again',
      () => remoteServices(workload),
      (s) => same(s, onFirst.map((p) => p.replica).sort()),
      240_000,
    );
  });
});
