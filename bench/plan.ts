// Benchmark of `modelplane plan`: the largest example in the gallery and a generated fleet of 200
// clusters (mixed GKE/EKS/AKS/Existing, four GPU shapes, eight regions, ~3,400 GPUs) with 60
// deployments in four namespaces (1 to 8 replicas, some multi-node, some pinned to a region, six
// asking for 100 replicas in one region, more than it holds) and a ModelService each. Prints, per fleet, the input size, the rounds and RunFunction calls to
// the fixpoint, the in-process time (median of a few runs) and the time of the real CLI end to end
// (`node dist/modelplane.js plan DIR -o json`, process start included).
//
// Run: `npx tsx bench/plan.ts` (or `npx tsx bench/plan.ts 400` for another cluster count); the CLI
// timing needs `npm run build` first. Not a test: it prints figures and never fails.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { COMPOSITE_KINDS } from '../cli/functions.js';
import { readPaths } from '../lib/plan/load.js';
import { planTexts } from '../lib/plan/plan.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 3;

const API = 'modelplane.ai/v1alpha1';
const REGIONS = [
  'us-east',
  'us-central',
  'us-west',
  'eu-west',
  'eu-central',
  'ap-south',
  'ap-east',
  'sa-east',
];
const SHAPES = [
  { name: 'l4-1x', count: 1, memory: '24Gi', product: 'NVIDIA-L4' },
  { name: 'a100-8x', count: 8, memory: '80Gi', product: 'NVIDIA-A100' },
  { name: 'h100-8x', count: 8, memory: '80Gi', product: 'NVIDIA-H100' },
  { name: 'h200-8x', count: 8, memory: '141Gi', product: 'NVIDIA-H200' },
] as const;

function engine(args: string[]) {
  return { spec: { containers: [{ name: 'engine', image: 'vllm/vllm-openai:v0.11.0', args }] } };
}

function cluster(i: number): Record<string, unknown> {
  const name = `c${String(i).padStart(3, '0')}`;
  const region = REGIONS[i % REGIONS.length] ?? 'us-east';
  const source = (['GKE', 'EKS', 'AKS', 'Existing'] as const)[i % 4] ?? 'Existing';
  const blocks: Record<string, unknown> = {
    GKE: { gke: { project: 'bench', location: region } },
    EKS: {
      eks: {
        region,
        roleArn: 'arn:aws:iam::123456789012:role/eks',
        nodeRoleArn: 'arn:aws:iam::123456789012:role/nodes',
        subnetIds: ['subnet-1'],
      },
    },
    AKS: { aks: { location: region, resourceGroupName: 'bench' } },
    Existing: { existing: { kubeconfigSecretRef: { name, namespace: 'crossplane-system' } } },
  };
  // Two pools per cluster: a small-GPU pool and one of the 8-GPU shapes.
  const big = SHAPES[1 + (i % 3)] ?? SHAPES[1];
  return {
    apiVersion: API,
    kind: 'InferenceCluster',
    metadata: { name, labels: { region, tier: i % 5 === 0 ? 'dev' : 'prod' } },
    spec: {
      source,
      ...(blocks[source] as object),
      nodePools: [
        { name: 'l4', class: `${SHAPES[0].name}-${source.toLowerCase()}`, nodeCount: 4 },
        {
          name: big.name.split('-')[0],
          class: `${big.name}-${source.toLowerCase()}`,
          nodeCount: 2 + (i % 3),
        },
      ],
      gateway: { address: `10.${Math.floor(i / 250)}.${i % 250}.1` },
    },
  };
}

function classes(): Record<string, unknown>[] {
  const provision: Record<string, (count: number) => Record<string, unknown>> = {
    gke: (count) => ({ provider: 'GKE', gke: { machineType: 'a3', accelerator: { type: 'gpu', count } } }),
    eks: () => ({ provider: 'EKS', eks: { instanceType: 'p5.48xlarge' } }),
    aks: () => ({ provider: 'AKS', aks: { vmSize: 'Standard_ND96' } }),
    existing: () => ({}),
  };
  return SHAPES.flatMap((shape) =>
    Object.entries(provision).map(([source, p]) => {
      const provisioning = p(shape.count);
      return {
        apiVersion: API,
        kind: 'InferenceClass',
        metadata: { name: `${shape.name}-${source}` },
        spec: {
          resources: { gpu: { count: shape.count, memory: shape.memory, product: shape.product } },
          ...(Object.keys(provisioning).length > 0 ? { provisioning } : {}),
        },
      };
    }),
  );
}

function deployment(i: number): Record<string, unknown>[] {
  const namespace = `team-${i % 4}`;
  const name = `model-${String(i).padStart(2, '0')}`;
  const multiNode = i % 6 === 0;
  const workers = multiNode
    ? {
        topology: { tensor: 8, pipeline: 2 },
        resources: { cpu: '32', memory: '256Gi' },
        template: engine(['--tensor-parallel-size=8', '--pipeline-parallel-size=2']),
      }
    : i % 2 === 0
      ? { topology: { tensor: 8 }, resources: { cpu: '32' }, template: engine(['-tp', '8']) }
      : { resources: { cpu: '6' }, template: engine([]) };
  return [
    {
      apiVersion: API,
      kind: 'ModelDeployment',
      metadata: { name, namespace },
      spec: {
        // Every tenth deployment asks for more than its region holds.
        replicas: i % 10 === 9 ? 100 : 1 + (i % 8),
        ...(i % 3 === 0 || i % 10 === 9
          ? { clusterSelector: { matchLabels: { region: REGIONS[i % REGIONS.length] } } }
          : {}),
        ...(i % 4 === 0
          ? {
              nodeSelector: {
                cel: 'device.capacity["modelplane.ai"].gpuMemory.compareTo(quantity("80Gi")) >= 0',
              },
            }
          : {}),
        workers,
      },
    },
    {
      apiVersion: API,
      kind: 'ModelService',
      metadata: { name, namespace },
      spec: { endpoints: [{ selector: { matchLabels: { 'modelplane.ai/deployment': name } } }] },
    },
  ];
}

/** The generated fleet, written as one folder (so the CLI can read it). */
function generatedFleet(clusters: number, deployments: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'modelplane-bench-'));
  const docs = (objs: Record<string, unknown>[]) => objs.map((o) => stringify(o)).join('---\n');
  writeFileSync(join(dir, 'classes.yaml'), docs(classes()));
  writeFileSync(join(dir, 'clusters.yaml'), docs(Array.from({ length: clusters }, (_, i) => cluster(i))));
  writeFileSync(
    join(dir, 'deployments.yaml'),
    docs(Array.from({ length: deployments }, (_, i) => deployment(i)).flat()),
  );
  return dir;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function measure(label: string, dir: string): void {
  const { texts, problems } = readPaths([dir]);
  if (problems.length > 0) throw new Error(JSON.stringify(problems));
  const times: number[] = [];
  let summary = '';
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const outcome = planTexts(texts, COMPOSITE_KINDS);
    times.push(performance.now() - start);
    if (outcome.kind !== 'planned') throw new Error(`${label}: ${JSON.stringify(outcome)}`);
    const { view } = outcome;
    const calls = Object.values(view.calls).reduce((a, b) => a + b, 0);
    const replicas = view.json.deployments.reduce((n, d) => n + d.scheduled, 0);
    summary =
      `${view.json.clusters.length} clusters, ${view.json.deployments.length} deployments, ${replicas} replicas placed, ` +
      `${view.json.resources.length} composed objects; ${view.rounds} rounds, ${calls} RunFunction calls ` +
      `(${Object.entries(view.calls)
        .map(([fn, n]) => `${fn.replace('compose-', '')} ${n}`)
        .join(', ')})`;
  }
  console.log(`${label}: ${summary}`);
  console.log(`  in process: median ${median(times).toFixed(0)} ms over ${RUNS} runs`);
  const bundle = join(root, 'dist', 'modelplane.js');
  const start = performance.now();
  const cli = spawnSync(process.execPath, [bundle, 'plan', dir, '-o', 'json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const elapsed = performance.now() - start;
  console.log(
    cli.status === 0
      ? `  CLI end to end: ${elapsed.toFixed(0)} ms (node dist/modelplane.js plan DIR -o json)`
      : `  CLI failed (exit ${cli.status}): ${cli.stderr.split('\n')[0] ?? ''} (run npm run build first)`,
  );
}

export function planBench(clusters = 200): void {
  const examples = join(root, 'examples');
  const largest = readdirSync(examples)
    .filter((d) => d !== 'render' && statSync(join(examples, d)).isDirectory())
    .map((d) => ({ d, size: readPaths([join(examples, d)]).texts.reduce((n, t) => n + t.text.length, 0) }))
    .sort((a, b) => b.size - a.size)[0];
  if (largest !== undefined)
    measure(`examples/${largest.d} (the largest example)`, join(examples, largest.d));
  const dir = generatedFleet(clusters, 60);
  mkdirSync(dir, { recursive: true });
  measure(`generated fleet of ${clusters} clusters`, dir);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  planBench(Number(process.argv[2] ?? 200));
}
