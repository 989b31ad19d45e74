// The quickstart's replicas on the workload cluster, judged by the real controllers there: KServe
// (presets, workload shape, routing objects), kube-scheduler and its DRA allocator (placement and
// GPU claims), Envoy Gateway with Envoy AI Gateway (route and InferencePool acceptance), and the
// kubelet stand-in (whether the containers would start). Every replica is asserted whole.

import { beforeAll, describe, expect, it } from 'vitest';
import { NAMESPACE, placement, quickstartAt3 } from './support/fleet.js';
import {
  WORKLOAD_CLUSTER,
  assertTwinUp,
  eventually,
  get,
  list,
  workloadKubeconfig,
  type KubeObject,
} from './support/twin.js';
import {
  INFERENCE_GATEWAY,
  allocation,
  claimTemplateCount,
  containerStates,
  modelSource,
  serviceConditions,
  workloadPods,
  workloadShape,
} from './support/workload.js';

const replicas = [0, 1, 2].map((i) => placement(WORKLOAD_CLUSTER, i).replica).sort();
const NODE = `${WORKLOAD_CLUSTER}-l4-0`;
let workload: string;

function services(): KubeObject[] {
  return list(workload, 'llminferenceservices.serving.kserve.io', NAMESPACE).filter((s) =>
    replicas.includes(s.metadata.name),
  );
}

beforeAll(async () => {
  assertTwinUp();
  workload = workloadKubeconfig();
  await quickstartAt3();
  await eventually(
    'the three LLMInferenceServices on the workload cluster',
    services,
    (s) => s.length === 3,
    300_000,
  );
});

describe('the quickstart replicas on the workload cluster', () => {
  it('have KServe combine its presets (PresetsCombined=True)', async () => {
    const seen = await eventually(
      'PresetsCombined on every LLMInferenceService',
      () => services().map((s) => ({ name: s.metadata.name, presets: serviceConditions(s).PresetsCombined })),
      (all) => all.every((s) => s.presets !== undefined),
    );
    expect(seen).toEqual(replicas.map((name) => ({ name, presets: 'True' })));
  });

  it("get the single-node shape KServe documents: a Deployment, the router's scheduler, its HTTPRoute and InferencePool", async () => {
    const shapes = await eventually(
      "KServe to create each replica's workload and router objects",
      () => replicas.map((r) => workloadShape(workload, NAMESPACE, r)),
      (all) => all.every((s) => s.length >= 4),
      180_000,
    );
    expect(shapes).toEqual(
      replicas.map((r) => [
        `Deployment/${r}-kserve`,
        `Deployment/${r}-kserve-router-scheduler`,
        `HTTPRoute/${r}-kserve-route`,
        `InferencePool/${r}-inference-pool`,
      ]),
    );
    const deployments = replicas.map(
      (r) => get(workload, 'deployment', `${r}-kserve`, NAMESPACE).spec?.replicas,
    );
    expect(deployments).toEqual([1, 1, 1]);
  });

  it('run each main container with a model it can load, on the port and under the model name KServe routes to', async () => {
    const pods = await eventually(
      'one workload pod per replica',
      () => replicas.map((r) => workloadPods(workload, NAMESPACE, r)),
      (all) => all.every((p) => p.length === 1),
      180_000,
    );
    const sources = replicas.map((r, i) => {
      const svc = get(workload, 'llminferenceservices.serving.kserve.io', r, NAMESPACE);
      return (pods[i] ?? []).map((p) => modelSource(p, (svc.spec?.model as { name: string }).name));
    });
    expect(sources).toEqual(
      replicas.map(() => [
        {
          source: 'hf://Qwen/Qwen3-4B-Instruct-2507',
          loader: 'engine',
          hfTokenForDownload: false,
          listensWhereProbed: true,
          servesModelName: true,
        },
      ]),
    );
  });

  it('are scheduled by kube-scheduler onto the L4 node, each with one GPU the DRA allocator picked', async () => {
    const allocations = await eventually(
      'every replica pod scheduled with its claim allocated',
      () => replicas.flatMap((r) => workloadPods(workload, NAMESPACE, r)).map((p) => allocation(workload, p)),
      (all) => all.length === 3 && all.every((a) => a.claims.every((c) => c.devices.length > 0)),
      180_000,
    );
    const seen = allocations.map((a) => ({
      node: a.node,
      scheduler: a.scheduler,
      scheduled: a.scheduled,
      claims: a.claims.map((c) => ({
        name: c.name,
        gpus: c.template === undefined ? 0 : claimTemplateCount(workload, NAMESPACE, c.template),
        devices: c.devices.length,
        onItsNode: c.devices.every((d) => d.startsWith(`gpu.nvidia.com/${NODE}/gpu-`)),
        reservedForPod: c.reservedForPod,
      })),
      mainClaims: a.mainClaims,
    }));
    expect(seen).toEqual(
      replicas.map(() => ({
        node: NODE,
        scheduler: 'default-scheduler',
        scheduled: 'True',
        claims: [{ name: 'gpu', gpus: 1, devices: 1, onItsNode: true, reservedForPod: true }],
        mainClaims: ['gpu'],
      })),
    );
    // Three distinct L4s of the node's four.
    expect(new Set(allocations.flatMap((a) => a.claims.flatMap((c) => c.devices))).size).toBe(3);
  });

  it('start every container (the kubelet stand-in accepts each securityContext for its image)', async () => {
    const states = await eventually(
      'every container of the replica pods ready',
      () => replicas.flatMap((r) => workloadPods(workload, NAMESPACE, r)).map(containerStates),
      (all) =>
        all.length === 3 &&
        all.every((s) => Object.keys(s).length > 0 && Object.values(s).every((v) => v === 'ready')),
      180_000,
    );
    expect(states.map((s) => Object.values(s).every((v) => v === 'ready'))).toEqual([true, true, true]);
  });

  it('attach their routes to the inference gateway, accepted with their InferencePools', async () => {
    const routing = await eventually(
      "each replica's HTTPRoute and InferencePool accepted by the inference gateway",
      () =>
        replicas.map((r) => {
          const route = get(workload, 'httproute', `${r}-kserve-route`, NAMESPACE);
          const pool = get(
            workload,
            'inferencepools.inference.networking.k8s.io',
            `${r}-inference-pool`,
            NAMESPACE,
          );
          const parentConds = (o: KubeObject) =>
            (
              (o.status?.parents ?? []) as {
                parentRef: { name: string; namespace?: string };
                conditions: { type: string; status: string }[];
              }[]
            ).map((p) => ({
              gateway: `${p.parentRef.namespace ?? NAMESPACE}/${p.parentRef.name}`,
              conditions: p.conditions.map((c) => `${c.type}=${c.status}`).sort(),
            }));
          return {
            parentRefs: ((route.spec?.parentRefs ?? []) as { name: string; namespace?: string }[]).map(
              (p) => `${p.namespace ?? NAMESPACE}/${p.name}`,
            ),
            route: parentConds(route),
            pool: parentConds(pool),
          };
        }),
      (all) => all.every((r) => r.route.length > 0 && r.pool.length > 0),
      180_000,
    );
    const gateway = `${INFERENCE_GATEWAY.namespace}/${INFERENCE_GATEWAY.name}`;
    expect(routing).toEqual(
      replicas.map(() => ({
        parentRefs: [gateway],
        route: [{ gateway, conditions: ['Accepted=True', 'ResolvedRefs=True'] }],
        pool: [{ gateway, conditions: ['Accepted=True', 'ResolvedRefs=True'] }],
      })),
    );
  });

  it('are reported Ready by KServe', async () => {
    const seen = await eventually(
      'every LLMInferenceService Ready',
      () => services().map((s) => ({ name: s.metadata.name, conditions: serviceConditions(s) })),
      (all) => all.every((s) => s.conditions.Ready === 'True'),
      300_000,
    );
    expect(seen.map((s) => ({ name: s.name, ready: s.conditions.Ready }))).toEqual(
      replicas.map((name) => ({ name, ready: 'True' })),
    );
  });
});
