// Benchmark of the fleet scheduler: how long one schedule() call takes on fleets of 50, 200 and
// 1,000 clusters with 4 pools each and 10 existing replicas per cluster (other teams' models,
// unified and disaggregated), for deployments of 10 and 100 replicas, with and without CEL
// nodeSelectors and prefill/decode serving, fresh and in steady state (every replica already
// placed, the usual reconcile). Prints p50/p99 per call and how the time grows with fleet size.
// Target: p99 ≤ 10 ms at 200 clusters × 4 pools with 2,000 existing replicas, near-linear growth.

import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { InferenceClass, InferenceCluster, ModelDeployment } from '../lib/apis/index.js';
import { replicaName } from '../lib/names.js';
import { shapeKey } from '../lib/scheduling/resize.js';
import { compareStrings } from '../lib/runtime/request.js';
import { schedule } from '../lib/scheduling/index.js';
import { replicaShape } from '../lib/scheduling/topology.js';
import type { ObservedReplica, ScheduleInput, ScheduleResult } from '../lib/scheduling/types.js';
import {
  inferenceClass,
  inferenceCluster,
  modelDeployment,
  observedReplica,
  pool,
  type ReplicaOverrides,
} from '../tests/builders/fleet.js';

const FLEET_SIZES = [50, 200, 1000] as const;
const REPLICAS_PER_CLUSTER = 10;
const TARGET_CLUSTERS = 200;
const TARGET_P99_MS = 10;

const REGIONS = ['us-east1', 'us-central1', 'europe-west4', 'asia-east1'];
const CLASSES: InferenceClass[] = [
  inferenceClass('h100-8x', {
    gpus: 8,
    gpuMemory: '80Gi',
    cpu: '208',
    memory: '1872Gi',
    attributes: { 'gpu.nvidia.com/architecture': { string: 'Hopper' } },
  }),
  inferenceClass('h200-8x', {
    gpus: 8,
    gpuMemory: '141Gi',
    cpu: '224',
    memory: '2952Gi',
    attributes: { 'gpu.nvidia.com/architecture': { string: 'Hopper' } },
  }),
  inferenceClass('l40s-4x', {
    gpus: 4,
    gpuMemory: '48Gi',
    attributes: { 'gpu.nvidia.com/architecture': { string: 'Ada' } },
  }),
  inferenceClass('b200-8x', {
    gpus: 8,
    gpuMemory: '180Gi',
    attributes: { 'gpu.nvidia.com/architecture': { string: 'Blackwell' } },
  }),
];

function clusterName(i: number): string {
  return `c${String(i).padStart(4, '0')}`;
}

function fleet(size: number): InferenceCluster[] {
  return Array.from({ length: size }, (_, i) =>
    inferenceCluster(clusterName(i), {
      labels: { region: REGIONS[i % REGIONS.length] ?? 'us-east1', tier: i % 5 === 4 ? 'dev' : 'prod' },
      ready: i % 50 !== 7,
      ...(i % 50 === 13
        ? { taints: [{ key: 'maintenance', value: 'true', effect: 'NoSchedule' as const }] }
        : {}),
      pools: [
        pool('h100', 'h100-8x', { nodeCount: 8 }),
        pool('h200', 'h200-8x', { nodeCount: 8 }),
        pool('l40s', 'l40s-4x', { nodeCount: 8 }),
        pool('b200', 'b200-8x', { nodeCount: 2, minNodeCount: 0, maxNodeCount: 6 }),
      ],
    }),
  );
}

/** Ten replicas of other teams' models per cluster, over all four pools and several shapes. */
const EXISTING: readonly ReplicaOverrides[] = [
  { pool: 'h100', topology: { tensor: 8 } },
  { pool: 'h100', count: 4, topology: { tensor: 2 } },
  { pool: 'h200', topology: { tensor: 8, pipeline: 2 } },
  { pool: 'h200', topology: { tensor: 4 } },
  { pool: 'l40s', count: 2, topology: { tensor: 4 } },
  { pool: 'l40s', topology: { tensor: 1 } },
  { pool: 'b200', topology: { tensor: 8 } },
  {
    decode: { pool: 'h200', topology: { tensor: 4 } },
    prefill: { pool: 'l40s', count: 2, topology: { tensor: 2 } },
  },
  { pool: 'h100', topology: { data: 16, dataLocal: 8 } },
  { pool: 'l40s', topology: { tensor: 2 } },
];

/** Every cluster's ten, sorted by (namespace, name) as Crossplane delivers required resources. */
function existingReplicas(size: number): ObservedReplica[] {
  const out: ObservedReplica[] = [];
  for (let c = 0; c < size; c++) {
    EXISTING.forEach((shape, k) => {
      out.push(
        observedReplica(`model-${k}`, clusterName(c), 0, { namespace: `team-${(c + k) % 7}`, ...shape }),
      );
    });
  }
  return out.sort((a, b) => compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name));
}

interface Scenario {
  readonly name: string;
  readonly deployment: ModelDeployment;
  /** Feed the first result back as observed state and time the steady-state reconcile instead. */
  readonly steady: boolean;
}

const HOPPER = 'device.attributes["gpu.nvidia.com"].architecture == "Hopper"';
const BIG_MEMORY =
  'device.attributes["modelplane.ai"].gpuCount >= 8 && device.capacity["modelplane.ai"].gpuMemory.compareTo(quantity("80Gi")) >= 0';

const SCENARIOS: readonly Scenario[] = [
  {
    name: '10 unified',
    deployment: modelDeployment('bench', { namespace: 'bench', replicas: 10, topology: { tensor: 8 } }),
    steady: false,
  },
  {
    name: '100 unified, CEL + matchExpressions',
    deployment: modelDeployment('bench', {
      namespace: 'bench',
      replicas: 100,
      topology: { tensor: 4 },
      resources: { cpu: '32', memory: '256Gi' },
      cel: BIG_MEMORY,
      clusterSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['prod'] }] },
    }),
    steady: false,
  },
  {
    name: '100 prefill/decode, CEL',
    deployment: modelDeployment('bench', {
      namespace: 'bench',
      replicas: 100,
      decode: { cel: HOPPER, topology: { tensor: 8 } },
      prefill: { cel: 'device.attributes["modelplane.ai"].gpuCount == 4', count: 2, topology: { tensor: 2 } },
    }),
    steady: false,
  },
  {
    name: '100 unified, CEL, steady state',
    deployment: modelDeployment('bench', {
      namespace: 'bench',
      replicas: 100,
      topology: { tensor: 4 },
      cel: BIG_MEMORY,
    }),
    steady: true,
  },
];

/** The observed state after the ModelDeployment function wrote `result`. */
function applied(input: ScheduleInput, result: ScheduleResult): ScheduleInput {
  const { namespace, name } = input.deployment.metadata;
  const shape = replicaShape(input.deployment.spec);
  if (!shape.ok) throw new Error(shape.error.message);
  const written = result.placements.map((p): ObservedReplica => ({
    namespace,
    name: p.retained?.name ?? replicaName(namespace, name, p.cluster, p.index, shapeKey(shape.value)),
    deployment: name,
    cluster: p.cluster,
    index: p.index,
    pools: p.pools,
    shape: shape.value,
    ready: true,
  }));
  const replicas = [...input.replicas, ...written].sort(
    (a, b) => compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name),
  );
  return { ...input, replicas };
}

function run(input: ScheduleInput): ScheduleResult {
  const outcome = schedule(input);
  if (!outcome.ok) throw new Error(`${outcome.error.path}: ${outcome.error.message}`);
  return outcome.result;
}

/**
 * A full collection before each measurement, so garbage from building a fleet (or from the previous
 * scenario) is not collected during the next one's timed calls. Collections that schedule() itself
 * causes still land in its timings, as they should.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? 0;
}

export interface Measurement {
  readonly clusters: number;
  readonly scenario: string;
  readonly existing: number;
  readonly calls: number;
  /** Wall-clock milliseconds per call. */
  readonly mean: number;
  readonly p50: number;
  readonly p99: number;
  /** CPU milliseconds per call (user + system, all threads, so GC helper threads count too):
   * when cpu p99 is well below wall p99, the tail is other processes preempting the call. */
  readonly cpuP99: number;
  readonly placed: number;
  readonly unschedulable: number;
}

function measure(clusters: InferenceCluster[], replicas: ObservedReplica[], scenario: Scenario): Measurement {
  let input: ScheduleInput = { deployment: scenario.deployment, clusters, classes: CLASSES, replicas };
  if (scenario.steady) input = applied(input, run(input));
  const calls = 200;
  for (let i = 0; i < 20; i++) run(input); // warm-up: JIT, not caches (each call compiles its own CEL)
  collectGarbage();
  const times: number[] = [];
  const cpu: number[] = [];
  let last: ScheduleResult | undefined;
  for (let i = 0; i < calls; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    last = run(input);
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    clusters: clusters.length,
    scenario: scenario.name,
    existing: input.replicas.length,
    calls,
    mean: times.reduce((a, b) => a + b, 0) / times.length,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    cpuP99: percentile(cpu, 99),
    placed: last?.placements.filter((p) => p.retained === undefined).length ?? 0,
    unschedulable: last?.unschedulable?.replicas ?? 0,
  };
}

function ms(n: number): string {
  return n.toFixed(2).padStart(8);
}

function row(cells: readonly string[]): string {
  const widths = [8, 38, 8, 5, 8, 8, 8, 8, 4, 5];
  return cells.map((c, i) => (i === 1 ? c.padEnd(widths[i] ?? 8) : c.padStart(widths[i] ?? 8))).join(' ');
}

function growth(results: readonly Measurement[], scenario: string, of: (m: Measurement) => number): string {
  const rows = FLEET_SIZES.map((size) => results.find((r) => r.clusters === size && r.scenario === scenario));
  const parts: string[] = [];
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1];
    const b = rows[i];
    if (a === undefined || b === undefined) continue;
    const ratio = of(b) / of(a);
    const exponent = Math.log(ratio) / Math.log(b.clusters / a.clusters);
    parts.push(`${a.clusters}→${b.clusters} ×${ratio.toFixed(2)} (exponent ${exponent.toFixed(2)})`);
  }
  return parts.join(', ');
}

export function schedulerBench(log: (line: string) => void = console.log): Measurement[] {
  const results: Measurement[] = [];
  const loadBefore = loadavg()[0] ?? 0;
  log(
    `one schedule() call; ${REPLICAS_PER_CLUSTER} existing replicas per cluster, 4 pools per cluster; ${cpus().length} CPUs, load average ${loadBefore.toFixed(1)}`,
  );
  log(
    row([
      'clusters',
      'scenario',
      'existing',
      'calls',
      'mean ms',
      'p50 ms',
      'p99 ms',
      'cpu p99',
      'new',
      'short',
    ]),
  );
  for (const size of FLEET_SIZES) {
    const clusters = fleet(size);
    const replicas = existingReplicas(size);
    for (const scenario of SCENARIOS) {
      const m = measure(clusters, replicas, scenario);
      results.push(m);
      log(
        row([
          String(m.clusters),
          m.scenario,
          String(m.existing),
          String(m.calls),
          ms(m.mean),
          ms(m.p50),
          ms(m.p99),
          ms(m.cpuP99),
          String(m.placed),
          String(m.unschedulable),
        ]),
      );
    }
  }
  log('');
  log('growth with fleet size (exponent 1.0 = linear), of the mean | of p50:');
  for (const scenario of SCENARIOS) {
    log(
      `  ${scenario.name.padEnd(38)} ${growth(results, scenario.name, (m) => m.mean)} | ${growth(results, scenario.name, (m) => m.p50)}`,
    );
  }
  const atTarget = results.filter((r) => r.clusters === TARGET_CLUSTERS);
  const worstWall = Math.max(...atTarget.map((r) => r.p99));
  const worstCpu = Math.max(...atTarget.map((r) => r.cpuP99));
  log('');
  log(
    `target: p99 ≤ ${TARGET_P99_MS} ms at ${TARGET_CLUSTERS} clusters × 4 pools with ${TARGET_CLUSTERS * REPLICAS_PER_CLUSTER} existing replicas: ` +
      `worst p99 ${worstWall.toFixed(2)} ms wall, ${worstCpu.toFixed(2)} ms cpu — ${worstWall <= TARGET_P99_MS ? 'met' : worstCpu <= TARGET_P99_MS ? 'met in CPU time (wall-clock tail is other processes on the cores)' : 'MISSED'}; ` +
      `load average ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`,
  );
  return results;
}
