// Benchmark of one compose-model-deployment RunFunction at fleet scale: 200 clusters × 4 pools,
// 2,000 existing ModelReplicas (10 per cluster, other deployments), a deployment of 10 replicas
// in steady state (all placed and Ready). Each call is what the gRPC server does: decode the
// request bytes, run the function (parse every required object, schedule, compose, emit), encode
// the response. Prints p50/p99 per call and the peak resident memory.

import { performance } from 'node:perf_hooks';
import { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { composeModelDeployment } from '../functions/compose-model-deployment/fn.js';
import { replicaKey } from '../lib/names.js';
import { runFunction } from '../lib/runtime/handler.js';
import {
  inferenceClass,
  inferenceCluster,
  modelDeployment,
  modelReplica,
  pool,
} from '../tests/builders/fleet.js';

const CLUSTERS = 200;
const REPLICAS_PER_CLUSTER = 10;
const RUNS = 60;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export function deploymentBench(): void {
  const classes = [inferenceClass('h100-8x', { gpus: 8 }), inferenceClass('l40s-4x', { gpus: 4 })];
  const clusters = Array.from({ length: CLUSTERS }, (_, i) =>
    inferenceCluster(`c${String(i).padStart(3, '0')}`, {
      labels: { region: i % 2 === 0 ? 'east' : 'west' },
      pools: [
        pool('h100', 'h100-8x', { nodeCount: 8 }),
        pool('h100b', 'h100-8x', { nodeCount: 8 }),
        pool('l40s', 'l40s-4x', { nodeCount: 8 }),
        pool('spare', 'l40s-4x', { nodeCount: 4 }),
      ],
    }),
  );
  const others = clusters.flatMap((c) =>
    Array.from({ length: REPLICAS_PER_CLUSTER }, (_, k) =>
      modelReplica(`model-${k}`, c.metadata.name, 0, {
        namespace: `team-${k % 4}`,
        pool: k % 2 === 0 ? 'h100' : 'l40s',
        topology: { tensor: k % 2 === 0 ? 8 : 4 },
        ready: true,
      }),
    ),
  );
  const md = modelDeployment('qwen', {
    replicas: 10,
    topology: { tensor: 8 },
    clusterSelector: { matchLabels: { region: 'east' } },
  });
  // Steady state: our 10 replicas already placed on the first ten east clusters, Ready.
  const ours = Array.from({ length: 10 }, (_, i) =>
    modelReplica('qwen', `c${String(i * 2).padStart(3, '0')}`, 0, {
      pool: 'h100b',
      topology: { tensor: 8 },
      ready: true,
    }),
  );
  const items = (objs: readonly object[]) => ({
    items: objs.map((resource) => ({ resource: resource as Record<string, unknown> })),
  });
  const request = RunFunctionRequest.fromPartial({
    meta: { tag: 'bench' },
    observed: {
      composite: { resource: md },
      resources: Object.fromEntries(
        ours.map((r, i) => [replicaKey(`c${String(i * 2).padStart(3, '0')}`, 0), { resource: r }]),
      ),
    },
    requiredResources: {
      clusters: items(clusters),
      classes: items(classes),
      replicas: items([...others, ...ours]),
    },
  });
  const bytes = RunFunctionRequest.encode(request).finish();
  let peakRss = process.memoryUsage().rss;
  const times: number[] = [];
  let placed = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const req = RunFunctionRequest.decode(bytes);
    const rsp = runFunction(composeModelDeployment, req);
    RunFunctionResponse.encode(rsp).finish();
    times.push(performance.now() - t0);
    placed = Object.keys(rsp.desired?.resources ?? {}).length;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const warm = times.slice(5).sort((a, b) => a - b);
  console.log(
    `RunFunction, ${CLUSTERS} clusters × 4 pools, ${others.length + ours.length} ModelReplicas (request ${(bytes.length / 1024 / 1024).toFixed(1)} MiB), 10-replica deployment in steady state (${placed} children):`,
  );
  console.log(
    `  p50 ${percentile(warm, 50).toFixed(1)} ms   p99 ${percentile(warm, 99).toFixed(1)} ms   first call ${times[0]?.toFixed(1)} ms   peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB`,
  );
}
