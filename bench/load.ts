// Load on the real compose-model-deployment bundle over real gRPC (SPEC's reliability goals, issue
// 12): 500 concurrent calls of the fleet-scale request (200 clusters × 4 pools, 2,010 replicas,
// ~1.5 MiB) on one connection, as Crossplane sends them, while a small request is timed every
// 250 ms; then the process's memory a minute after. Also one request whose nodeSelector runs over
// its CEL cost limit on 200 classes, alone and with small requests behind it.
//
// Prints: outcomes by gRPC status (every call must complete or be refused with
// RESOURCE_EXHAUSTED/UNAVAILABLE), latency percentiles, the server's peak RSS during the load and
// its RSS a minute after. MODELPLANE_DIST=<dir> runs another build (e.g. an older commit's dist/);
// LOAD_CALLS, LOAD_SETTLE_SECONDS and LOAD_DEADLINE_MS change the defaults (500, 60, 120,000).

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import * as grpc from '@grpc/grpc-js';
import {
  FunctionRunnerServiceService,
  RunFunctionRequest,
  RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import { inferenceClass, inferenceCluster, modelDeployment, pool } from '../tests/builders/fleet.js';
import { EXPENSIVE_SELECTOR, fleetRequest } from './fleet-request.js';

const root = resolve(import.meta.dirname, '..');
const CALLS = Number(process.env.LOAD_CALLS ?? 500);
const SETTLE_SECONDS = Number(process.env.LOAD_SETTLE_SECONDS ?? 60);
// Crossplane's XR reconcile timeout (composite/reconciler.go); LOAD_DEADLINE_MS shortens it to see
// that calls which cannot be answered in time are refused (RESOURCE_EXHAUSTED), never timed out.
const DEADLINE_MS = Number(process.env.LOAD_DEADLINE_MS ?? 120_000);

interface Server {
  readonly child: ChildProcess;
  readonly target: string;
}

/** KEY=VALUE of every `ENV` line of the Dockerfile. */
function imageEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(join(root, 'Dockerfile'), 'utf8').split('\n')) {
    const m = /^ENV\s+(.*)$/.exec(line.trim());
    if (m === null) continue;
    for (const pair of (m[1] ?? '').split(/\s+/)) {
      const eq = pair.indexOf('=');
      if (eq > 0) out[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return out;
}

async function startServer(dist: string, env: Record<string, string>): Promise<Server> {
  const child = spawn(
    process.execPath,
    [join(dist, 'compose-model-deployment.js'), '--insecure', '--address', '127.0.0.1:0'],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } },
  );
  const lines = createInterface({ input: child.stderr });
  const port = await new Promise<number>((ok, fail) => {
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { msg?: string; port?: number };
        if (msg.msg === 'listening' && typeof msg.port === 'number') ok(msg.port);
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => {
      fail(new Error(`server exited with ${code}`));
    });
  });
  return { child, target: `127.0.0.1:${port}` };
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}

interface Outcome {
  readonly code: string;
  readonly ms: number;
}

const Client = grpc.makeGenericClientConstructor(FunctionRunnerServiceService, 'FunctionRunnerService');

function caller(target: string): { call: (bytes: Uint8Array) => Promise<Outcome>; close: () => void } {
  const client = new Client(target, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': -1,
    'grpc.max_send_message_length': -1,
  });
  const path = FunctionRunnerServiceService.runFunction.path;
  return {
    call: (bytes) =>
      new Promise((ok) => {
        const t0 = performance.now();
        client.makeUnaryRequest(
          path,
          (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength),
          (b: Buffer) => RunFunctionResponse.decode(b),
          bytes,
          { deadline: Date.now() + DEADLINE_MS },
          (err: grpc.ServiceError | null) => {
            ok({ code: err === null ? 'OK' : grpc.status[err.code], ms: performance.now() - t0 });
          },
        );
      }),
    close: () => {
      client.close();
    },
  };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const ms = (v: number): string => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(0)} ms`);

function latencies(label: string, outcomes: readonly Outcome[]): string {
  const done = outcomes.filter((o) => o.code === 'OK').map((o) => o.ms);
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o.code, (counts.get(o.code) ?? 0) + 1);
  const codes = [...counts].map(([c, n]) => `${c} ${n}`).join(', ');
  if (done.length === 0) return `${label}: ${codes}`;
  return `${label}: ${codes}; OK latency p50 ${ms(percentile(done, 50))}, p99 ${ms(percentile(done, 99))}, max ${ms(Math.max(...done))}`;
}

function smallRequest(): Uint8Array {
  const md = modelDeployment('tiny', { replicas: 1, topology: { tensor: 1 } });
  const cluster = inferenceCluster('edge', { pools: [pool('l4', 'l4-1x')] });
  const request = RunFunctionRequest.fromPartial({
    meta: { tag: 'small' },
    observed: { composite: { resource: md } },
    requiredResources: {
      clusters: { items: [{ resource: cluster }] },
      classes: {
        items: [{ resource: inferenceClass('l4-1x', { gpus: 1 }) }],
      },
      replicas: { items: [] },
    },
  });
  return RunFunctionRequest.encode(request).finish();
}

/** Times one small request every `everyMs` until `stop` resolves. */
async function smallProbe(
  call: (b: Uint8Array) => Promise<Outcome>,
  small: Uint8Array,
  until: Promise<unknown>,
  everyMs: number,
): Promise<Outcome[]> {
  let done = false;
  void until.then(() => (done = true));
  const out: Promise<Outcome>[] = [];
  while (!done) {
    out.push(call(small));
    await sleep(everyMs);
  }
  return Promise.all(out);
}

export async function loadBench(): Promise<void> {
  const dist = process.env.MODELPLANE_DIST ?? join(root, 'dist');
  if (process.env.MODELPLANE_DIST === undefined)
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'ignore' });
  const large = fleetRequest({ tag: 'large' });
  const expensive = fleetRequest({ classesPerFleet: 200, cel: EXPENSIVE_SELECTOR, tag: 'expensive' });
  const small = smallRequest();
  console.log(
    `server ${join(dist, 'compose-model-deployment.js')}; large request ${(large.bytes.length / 1048576).toFixed(2)} MiB (${large.replicas} replicas), small ${small.length} bytes`,
  );

  const env = {
    ...imageEnv(),
    ...(JSON.parse(process.env.LOAD_SERVER_ENV ?? '{}') as Record<string, string>),
  };
  console.log(`server environment: ${JSON.stringify(env)}`);
  const server = await startServer(dist, env);
  const pid = server.child.pid ?? 0;
  const client = caller(server.target);
  try {
    const idle = rssMiB(pid);
    // Warm up, then the figures of one call alone.
    await client.call(large.bytes);
    const alone = await client.call(large.bytes);
    const smallAlone = await client.call(small);
    console.log(
      `alone: large ${alone.code} in ${ms(alone.ms)}, small ${smallAlone.code} in ${ms(smallAlone.ms)}; RSS idle ${idle.toFixed(0)} MiB`,
    );

    // The expensive selector: alone, then with small requests behind it.
    const exp = client.call(expensive.bytes);
    const behind = await smallProbe(client.call, small, exp, 250);
    console.log(latencies(`nodeSelector over its cost limit on ${expensive.classes} classes`, [await exp]));
    console.log(`  ${latencies('small requests sent meanwhile (every 250 ms)', behind)}`);

    // The load.
    let peak = rssMiB(pid);
    const sampler = setInterval(() => {
      try {
        peak = Math.max(peak, rssMiB(pid));
      } catch {
        // the server exited; reported below
      }
    }, 100);
    const t0 = performance.now();
    const load = Promise.all(Array.from({ length: CALLS }, () => client.call(large.bytes)));
    const probes = smallProbe(client.call, small, load, 250);
    const outcomes = await load;
    const wall = performance.now() - t0;
    const probed = await probes;
    clearInterval(sampler);
    console.log(latencies(`${CALLS} concurrent large calls (wall ${ms(wall)})`, outcomes));
    console.log(`  ${latencies('small requests sent meanwhile (every 250 ms)', probed)}`);
    console.log(`  server RSS: peak ${peak.toFixed(0)} MiB during the load`);
    await sleep(SETTLE_SECONDS * 1000);
    console.log(`  server RSS: ${rssMiB(pid).toFixed(0)} MiB ${SETTLE_SECONDS} s after the load`);
    console.log(
      `  server alive: ${server.child.exitCode === null ? 'yes' : `no (exit ${server.child.exitCode})`}`,
    );
  } finally {
    client.close();
    server.child.kill('SIGTERM');
  }
}
