// The fuzzer: fast-check cases (mutate.ts) sent over real gRPC to a real bundle (dist/<fn>.js),
// each twice, and checked (checks.ts): the server is alive, the call is answered (no gRPC error,
// whatever the bytes), the answer is a well-formed RunFunctionResponse, no child is torn down
// without a decision, and the same request gives the same bytes. A failure is shrunk by fast-check
// and saved as a reproducer (tests/fuzz/reproducers/<fn>-<hash>.json) that
// tests/fuzz-regressions.test.ts replays.

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import {
  FunctionRunnerServiceService,
  RunFunctionRequest,
  RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import fc from 'fast-check';
import { repoRoot } from '../support/paths.js';
import { startFunction, type FunctionProcess } from '../support/servers.js';
import { decodeRequest, keepsChildren, wellFormed } from './checks.js';
import { build, fuzzCase, type FuzzCase } from './mutate.js';
import { fixtureSeeds, fixtureSets, type Seed } from './seeds.js';

export const REPRODUCERS = join(repoRoot, 'tests', 'fuzz', 'reproducers');

/** A saved failure: the bytes that were sent and what was wrong. */
export interface Reproducer {
  readonly fn: string;
  readonly problem: string;
  /** base64 of the request bytes. */
  readonly request: string;
}

export interface FuzzReport {
  readonly fn: string;
  readonly seeds: number;
  /** Fuzzed requests sent (each twice), shrinking included. */
  readonly requests: number;
  readonly failures: readonly Reproducer[];
}

type RawCall = (
  bytes: Uint8Array,
) => Promise<{ code: grpc.status; details: string; bytes: Buffer | undefined }>;

function rawClient(target: string): { call: RawCall; close: () => void } {
  const Client = grpc.makeGenericClientConstructor(FunctionRunnerServiceService, 'FunctionRunnerService');
  const client = new Client(target, grpc.credentials.createInsecure());
  return {
    call: (bytes) =>
      new Promise((resolve) => {
        client.makeUnaryRequest(
          FunctionRunnerServiceService.runFunction.path,
          (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength),
          (b: Buffer) => b,
          bytes,
          { deadline: Date.now() + 30_000 },
          (err: grpc.ServiceError | null, rsp?: Buffer) => {
            resolve(
              err === null
                ? { code: grpc.status.OK, details: '', bytes: rsp }
                : { code: err.code, details: err.details, bytes: undefined },
            );
          },
        );
      }),
    close: () => {
      client.close();
    },
  };
}

/** Sends `bytes` twice and returns the first problem, or undefined. */
export async function checkOnce(
  fn: string,
  server: FunctionProcess,
  call: RawCall,
  bytes: Uint8Array,
  owned: ReadonlySet<string>,
): Promise<string | undefined> {
  const first = await call(bytes);
  if (server.child.exitCode !== null || server.child.signalCode !== null)
    return `the server exited (${server.child.exitCode ?? server.child.signalCode})`;
  if (first.code !== grpc.status.OK || first.bytes === undefined)
    return `gRPC error ${grpc.status[first.code]}: ${first.details}`;
  let rsp: RunFunctionResponse;
  try {
    rsp = RunFunctionResponse.decode(first.bytes);
  } catch (err) {
    return `the answer is not a RunFunctionResponse: ${String(err)}`;
  }
  const req = decodeRequest(bytes);
  const problem =
    wellFormed(req, rsp) ?? (req === undefined ? undefined : keepsChildren(fn, req, rsp, owned));
  if (problem !== undefined) return problem;
  const second = await call(bytes);
  if (second.bytes === undefined || !second.bytes.equals(first.bytes))
    return `the same request answered differently the second time (${second.code === grpc.status.OK ? 'other bytes' : grpc.status[second.code]})`;
  return undefined;
}

export function saveReproducer(r: Reproducer): string {
  mkdirSync(REPRODUCERS, { recursive: true });
  const hash = createHash('sha256').update(r.request).digest('hex').slice(0, 12);
  const path = join(REPRODUCERS, `${r.fn}-${hash}.json`);
  writeFileSync(path, `${JSON.stringify(r, null, 2)}\n`);
  return path;
}

export interface FuzzOptions {
  /** fast-check cases to run (each a request sent twice). */
  readonly runs: number;
  readonly seed: number;
  /** Keep going after a failure (with the next seed) until `runs` cases ran; default false. */
  readonly continueAfterFailure?: boolean;
  /** Write failures to tests/fuzz/reproducers; default true. */
  readonly save?: boolean;
  /** The build to fuzz; default dist/. */
  readonly dist?: string;
}

/** Starts `fn`'s bundle, builds its seeds from the render fixtures, and fuzzes it. */
export async function fuzzFunction(fn: string, opts: FuzzOptions): Promise<FuzzReport> {
  const fixtures = fixtureSets().find((s) => s.fn === fn);
  if (fixtures === undefined) throw new Error(`no render fixtures for ${fn}`);
  const server = await startFunction(fn, ['--insecure'], opts.dist);
  const client = rawClient(server.target);
  try {
    const decoded = async (req: RunFunctionRequest): Promise<RunFunctionResponse> => {
      const r = await client.call(RunFunctionRequest.encode(req).finish());
      if (r.bytes === undefined) throw new Error(`seed call failed: ${r.details}`);
      return RunFunctionResponse.decode(r.bytes);
    };
    const seeds: Seed[] = [];
    for (const c of fixtures.cases) seeds.push(...(await fixtureSeeds(c, decoded)));
    const requests = seeds.map((s) => s.request);
    const owned = seeds.map((s) => new Set(Object.keys(s.request.observed?.resources ?? {})));
    let sent = 0;
    const failures: Reproducer[] = [];
    let seed = opts.seed;
    while (sent < opts.runs) {
      let last: { bytes: Uint8Array; problem: string } | undefined;
      const property = fc.asyncProperty(fuzzCase(seeds.length), async (c: FuzzCase) => {
        sent++;
        const built = build(c, requests);
        const keys =
          c.kind === 'structure' ? (owned[c.seed % owned.length] ?? new Set<string>()) : new Set<string>();
        const problem = await checkOnce(fn, server, client.call, built.bytes, keys);
        if (problem !== undefined) {
          last = { bytes: built.bytes, problem };
          return false;
        }
        return true;
      });
      const result = await fc.check(property, { numRuns: opts.runs - sent, seed, endOnFailure: false });
      if (!result.failed || last === undefined) break;
      const failure: Reproducer = {
        fn,
        problem: last.problem,
        request: Buffer.from(last.bytes).toString('base64'),
      };
      failures.push(failure);
      if (opts.save !== false) saveReproducer(failure);
      if (opts.continueAfterFailure !== true) break;
      seed++;
      // A dead server cannot answer the rest: start over with a fresh one.
      if (server.child.exitCode !== null) break;
    }
    return { fn, seeds: seeds.length, requests: sent, failures };
  } finally {
    client.close();
    await server.stop();
  }
}
