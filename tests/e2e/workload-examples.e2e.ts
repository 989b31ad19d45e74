// kimi-k2, disaggregated and deepseek-v3 through KServe's real controller, each with the workload
// shape KServe documents for its topology (KServe v0.20 pkg/controller/v1alpha2/llmisvc):
//   - kimi-k2 (tensor 8 × pipeline 2, two 8-GPU nodes): a LeaderWorkerSet `<replica>-kserve-mn` of
//     size 2 (workload_multi_node.go), one 8-GPU claim per pod;
//   - deepseek-v3 (data 16, dataLocal 8, expert): a LeaderWorkerSet `<replica>-kserve-mn` of size 2,
//     one 8-GPU claim per pod;
//   - disaggregated (2 prefill workers of tensor 4, 1 decode worker of tensor 8): Deployments
//     `<replica>-kserve-prefill` (2 pods, 4 GPUs each) and `<replica>-kserve` (1 pod, 8 GPUs)
//     (workload_single_node.go).
// The examples' clusters are GKE/EKS/AKS clusters nothing provisions here; each is stood in for by
// an Existing InferenceCluster `twin-<name>` with the same labels and pools, backed by the twin's
// workload cluster, whose simulated nodes and ResourceSlices model those pools. One example at a
// time: their pools share names (h200), as they would not on one real cluster.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../support/paths.js';
import {
  WORKLOAD_CLUSTER,
  assertTwinUp,
  eventually,
  get,
  hub,
  hubKubeconfig,
  kubectl,
  list,
  workloadKubeconfig,
  type KubeObject,
} from './support/twin.js';
import {
  allocation,
  containerStates,
  modelSource,
  registerTwinCluster,
  serviceConditions,
  unregisterTwinCluster,
  workloadPods,
  workloadShape,
} from './support/workload.js';

const NAMESPACE = 'ml-team';
let workload: string;

function objects(example: string, file: string): KubeObject[] {
  return parseAllDocuments(readFileSync(join(repoRoot, 'examples', example, file), 'utf8'))
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
}

interface Expected {
  /** The workload objects of one replica, by name suffix. */
  shape: string[];
  /** Per pod role (KServe's component label suffix): pods per replica and GPUs per pod. */
  pods: Record<string, { count: number; gpus: number }>;
  source: string;
  hfToken: boolean;
}

const EXAMPLES: { name: string; deployment: string; clusters: string[]; expected: Expected }[] = [
  {
    name: 'kimi-k2',
    deployment: 'kimi-k2',
    clusters: ['gke-h200'],
    expected: {
      shape: [
        'Deployment/-kserve-router-scheduler',
        'HTTPRoute/-kserve-route',
        'InferencePool/-inference-pool',
        'LeaderWorkerSet/-kserve-mn',
      ],
      pods: { leader: { count: 1, gpus: 8 }, worker: { count: 1, gpus: 8 } },
      source: 'hf://moonshotai/Kimi-K2-Instruct',
      hfToken: true,
    },
  },
  {
    name: 'disaggregated',
    deployment: 'kimi-k2-pd',
    clusters: ['dc-west'],
    expected: {
      shape: [
        'Deployment/-kserve',
        'Deployment/-kserve-prefill',
        'Deployment/-kserve-router-scheduler',
        'HTTPRoute/-kserve-route',
        'InferencePool/-inference-pool',
      ],
      pods: { '': { count: 1, gpus: 8 }, prefill: { count: 2, gpus: 4 } },
      source: 'hf://moonshotai/Kimi-K2-Instruct',
      hfToken: false,
    },
  },
  {
    name: 'deepseek-v3',
    deployment: 'deepseek-v3',
    clusters: ['eks-us-west'],
    expected: {
      shape: [
        'Deployment/-kserve-router-scheduler',
        'HTTPRoute/-kserve-route',
        'InferencePool/-inference-pool',
        'LeaderWorkerSet/-kserve-mn',
      ],
      pods: { leader: { count: 1, gpus: 8 }, worker: { count: 1, gpus: 8 } },
      source: 'hf://deepseek-ai/DeepSeek-V3-0324',
      hfToken: false,
    },
  },
];

/** The pod's role from KServe's component label: '' (main), 'prefill', 'leader', 'worker', ... */
function role(pod: KubeObject): string {
  return (pod.metadata.labels?.['app.kubernetes.io/component'] ?? '').replace(
    /^llminferenceservice-workload-?/,
    '',
  );
}

beforeAll(() => {
  assertTwinUp();
  workload = workloadKubeconfig();
});

for (const example of EXAMPLES) {
  describe(`the ${example.name} example on the workload cluster`, () => {
    const platform = objects(example.name, 'platform.yaml');
    const classes = platform.filter((o) => o.kind === 'InferenceClass');
    const twins = platform
      .filter((o) => o.kind === 'InferenceCluster' && example.clusters.includes(o.metadata.name))
      .map((c) => ({
        name: `twin-${c.metadata.name}`,
        labels: c.metadata.labels ?? {},
        nodePools: c.spec?.nodePools as unknown[],
      }));
    let replicas: string[] = [];

    const services = () =>
      list(workload, 'llminferenceservices.serving.kserve.io', NAMESPACE).filter((s) =>
        replicas.includes(s.metadata.name),
      );

    beforeAll(async () => {
      hub(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: classes }));
      for (const twin of twins) registerTwinCluster(WORKLOAD_CLUSTER, WORKLOAD_CLUSTER, twin, classes);
      // The gated model's token, which the ML team keeps in its namespace on the cluster.
      kubectl(
        workload,
        ['apply', '-f', '-'],
        JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } }),
      );
      kubectl(
        workload,
        ['apply', '-f', '-'],
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'hf-token', namespace: NAMESPACE },
          stringData: { token: 'hf_twin_placeholder' },
        }),
      );
      hub(['apply', '-f', join(repoRoot, 'examples', example.name, 'ml-team.yaml')]);
      const md = await eventually(
        `ModelDeployment ${example.deployment} placed on the twin clusters`,
        () => get(hubKubeconfig, 'modeldeployment', example.deployment, NAMESPACE),
        (m) => {
          const ps = (m.status?.placements ?? []) as { cluster: string }[];
          return ps.length > 0 && ps.every((p) => p.cluster.startsWith('twin-'));
        },
        240_000,
      );
      replicas = ((md.status?.placements ?? []) as { replica: string }[]).map((p) => p.replica).sort();
      await eventually(
        `the ${replicas.length} LLMInferenceServices on the workload cluster`,
        services,
        (s) => s.length === replicas.length,
        300_000,
      );
    });

    afterAll(async () => {
      // The example's ModelDeployment and ModelService only: its Namespace is the quickstart's too.
      for (const o of objects(example.name, 'ml-team.yaml').filter((x) => x.kind !== 'Namespace'))
        hub([
          'delete',
          o.kind.toLowerCase(),
          o.metadata.name,
          '-n',
          NAMESPACE,
          '--ignore-not-found',
          '--wait=false',
        ]);
      await eventually(
        `the ${example.name} replicas gone from the workload cluster`,
        services,
        (s) => s.length === 0,
        300_000,
      );
      for (const twin of twins) unregisterTwinCluster(WORKLOAD_CLUSTER, twin.name);
    });

    it('has KServe combine its presets for every replica (PresetsCombined=True)', async () => {
      const seen = await eventually(
        'PresetsCombined on every LLMInferenceService',
        () =>
          services().map((s) => ({ name: s.metadata.name, presets: serviceConditions(s).PresetsCombined })),
        (all) => all.length > 0 && all.every((s) => s.presets !== undefined),
      );
      expect(seen).toEqual(replicas.map((name) => ({ name, presets: 'True' })));
    });

    it('gets the workload shape KServe documents for its topology', async () => {
      const shapes = await eventually(
        "KServe to create every replica's workload and router objects",
        () => replicas.map((r) => workloadShape(workload, NAMESPACE, r)),
        (all) => all.every((s) => s.length >= example.expected.shape.length),
        180_000,
      );
      expect(shapes).toEqual(replicas.map((r) => example.expected.shape.map((s) => s.replace('/', `/${r}`))));
      const lwsSizes = replicas
        .filter(() => example.expected.shape.some((s) => s.startsWith('LeaderWorkerSet/')))
        .map((r) => {
          const lws = get(workload, 'leaderworkersets.leaderworkerset.x-k8s.io', `${r}-kserve-mn`, NAMESPACE);
          return (lws.spec?.leaderWorkerTemplate as { size: number }).size;
        });
      const workers = example.expected.pods.worker;
      expect(lwsSizes).toEqual(workers === undefined ? [] : replicas.map(() => 1 + workers.count));
    });

    it('schedules every pod with its GPUs allocated by the DRA allocator, and starts its containers', async () => {
      const want = Object.values(example.expected.pods).reduce((n, p) => n + p.count, 0);
      const pods = await eventually(
        'every replica pod scheduled with its claims allocated',
        () => replicas.flatMap((r) => workloadPods(workload, NAMESPACE, r)),
        (ps) =>
          ps.length === want * replicas.length &&
          ps.every((p) => allocation(workload, p).claims.every((c) => c.devices.length > 0)),
        240_000,
      );
      const seen = pods
        .map((p) => {
          const a = allocation(workload, p);
          return {
            role: role(p),
            scheduler: a.scheduler,
            onNode: a.node !== undefined,
            gpus: a.claims.reduce((n, c) => n + c.devices.length, 0),
            devicesOnItsNode: a.claims.every((c) =>
              c.devices.every((d) => d.startsWith(`gpu.nvidia.com/${a.node}/`)),
            ),
            reserved: a.claims.every((c) => c.reservedForPod),
            mainClaims: a.mainClaims,
            containers: Object.values(containerStates(p)).every((s) => s === 'ready'),
          };
        })
        .sort((a, b) => a.role.localeCompare(b.role));
      const expected = Object.entries(example.expected.pods)
        .flatMap(([r, p]) =>
          Array.from({ length: p.count * replicas.length }, () => ({ role: r, gpus: p.gpus })),
        )
        .sort((a, b) => a.role.localeCompare(b.role))
        .map(({ role: r, gpus }) => ({
          role: r,
          scheduler: 'default-scheduler',
          onNode: true,
          gpus,
          devicesOnItsNode: true,
          reserved: true,
          mainClaims: ['gpu'],
          containers: true,
        }));
      expect(seen).toEqual(expected);
    });

    it('runs every main container with a model it can load (and the serving ones where KServe probes, under its model name)', async () => {
      const want = Object.values(example.expected.pods).reduce((n, p) => n + p.count, 0) * replicas.length;
      const pods = await eventually(
        'every replica pod created',
        () =>
          replicas.flatMap((r) => workloadPods(workload, NAMESPACE, r).map((p) => ({ replica: r, pod: p }))),
        (ps) => ps.length === want,
        180_000,
      );
      const seen = pods
        .map(({ replica, pod }) => {
          const svc = get(workload, 'llminferenceservices.serving.kserve.io', replica, NAMESPACE);
          const s = modelSource(pod, (svc.spec?.model as { name: string }).name);
          if ('error' in s) return { role: role(pod), error: s.error };
          return {
            role: role(pod),
            source: s.source,
            loadable: s.loader !== 'nothing fills the path',
            hfTokenForDownload: s.hfTokenForDownload,
            ...(role(pod) === 'worker'
              ? {}
              : { listensWhereProbed: s.listensWhereProbed, servesModelName: s.servesModelName }),
          };
        })
        .sort((a, b) => a.role.localeCompare(b.role));
      const expected = Object.entries(example.expected.pods)
        .flatMap(([r, p]) => Array.from({ length: p.count * replicas.length }, () => r))
        .sort((a, b) => a.localeCompare(b))
        .map((r) => ({
          role: r,
          source: example.expected.source,
          loadable: true,
          hfTokenForDownload: example.expected.hfToken,
          ...(r === 'worker' ? {} : { listensWhereProbed: true, servesModelName: true }),
        }));
      expect(seen).toEqual(expected);
    });
  });
}
