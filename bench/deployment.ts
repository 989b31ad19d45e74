// Benchmark of one compose-model-deployment RunFunction at fleet scale: 200 clusters × 4 pools,
// 2,000 existing ModelReplicas (10 per cluster, other deployments), a deployment of 10 replicas
// in steady state (all placed and Ready). Each call is what the gRPC server does: decode the
// request bytes, run the function (parse every required object, schedule, compose, emit), encode
// the response. Prints p50/p99 per call and the peak resident memory.

import { performance } from 'node:perf_hooks';
import { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { composeModelDeployment } from '../functions/compose-model-deployment/fn.js';
import { runFunction } from '../lib/runtime/handler.js';
import { CLUSTERS, fleetRequest } from './fleet-request.js';

const RUNS = 60;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export function deploymentBench(): void {
  const { bytes, replicas } = fleetRequest();
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
    `RunFunction, ${CLUSTERS} clusters × 4 pools, ${replicas} ModelReplicas (request ${(bytes.length / 1024 / 1024).toFixed(1)} MiB), 10-replica deployment in steady state (${placed} children):`,
  );
  console.log(
    `  p50 ${percentile(warm, 50).toFixed(1)} ms   p99 ${percentile(warm, 99).toFixed(1)} ms   first call ${times[0]?.toFixed(1)} ms   peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB`,
  );
}
