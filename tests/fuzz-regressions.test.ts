// Every failure the fuzzer found (tests/fuzz/reproducers/<fn>-<hash>.json: the request bytes and
// the problem) replayed over gRPC against the real bundle: it now passes every fuzz check, and the
// whole response equals the reviewed golden file next to it (<fn>-<hash>.response.json, rewritten
// with UPDATE_GOLDEN=1). The reproducers that are there were found in the code before issue 12's
// fixes: NaN/±Infinity in the context (a gRPC error from every function), an invalid
// InferenceCluster and a nodeSelector matching no class tearing down a running replica.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { FunctionRunnerServiceService, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeRequest, keepsChildren, wellFormed } from './fuzz/checks.js';
import { REPRODUCERS, type Reproducer } from './fuzz/engine.js';
import { expectGolden } from './support/golden.js';
import { startFunction, type FunctionProcess } from './support/servers.js';

const files = readdirSync(REPRODUCERS)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.response.json'))
  .sort();

/** The response as reviewable JSON; numbers JSON cannot hold are written as text ("NaN"). */
function render(rsp: RunFunctionResponse): string {
  const json = RunFunctionResponse.toJSON(rsp);
  return `${JSON.stringify(json, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`;
}

function call(target: string, bytes: Buffer): Promise<RunFunctionResponse> {
  const Client = grpc.makeGenericClientConstructor(FunctionRunnerServiceService, 'FunctionRunnerService');
  const client = new Client(target, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      FunctionRunnerServiceService.runFunction.path,
      (b: Buffer) => b,
      (b: Buffer) => RunFunctionResponse.decode(b),
      bytes,
      { deadline: Date.now() + 30_000 },
      (err: grpc.ServiceError | null, rsp?: RunFunctionResponse) => {
        client.close();
        if (err !== null) reject(err);
        else if (rsp === undefined) reject(new Error('no response'));
        else resolve(rsp);
      },
    );
  });
}

describe('fuzz reproducers', () => {
  const servers = new Map<string, Promise<FunctionProcess>>();
  const server = (fn: string): Promise<FunctionProcess> => {
    let p = servers.get(fn);
    if (p === undefined) {
      p = startFunction(fn);
      servers.set(fn, p);
    }
    return p;
  };
  afterAll(async () => {
    await Promise.all([...servers.values()].map(async (p) => (await p).stop()));
  });

  it('are there', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const reproducer = JSON.parse(readFileSync(join(REPRODUCERS, file), 'utf8')) as Reproducer;
    it(`${file} (was: ${reproducer.problem})`, async () => {
      const bytes = Buffer.from(reproducer.request, 'base64');
      const rsp = await call((await server(reproducer.fn)).target, bytes);
      const req = decodeRequest(bytes);
      const owned = new Set(Object.keys(req?.observed?.resources ?? {}));
      expect({
        wellFormed: wellFormed(req, rsp),
        keepsChildren: req === undefined ? undefined : keepsChildren(reproducer.fn, req, rsp, owned),
      }).toEqual({ wellFormed: undefined, keepsChildren: undefined });
      expectGolden(join(REPRODUCERS, file.replace(/\.json$/, '.response.json')), render(rsp));
    });
  }
});
