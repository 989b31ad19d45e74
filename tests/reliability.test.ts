// Regressions for the failures issue 12 lists, over real gRPC to the real bundles, each asserting
// the whole response.

import { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionClient } from './support/client.js';
import { SAMPLES } from './support/samples.js';
import { startFunction, type FunctionProcess } from './support/servers.js';

describe('NaN and ±Infinity in the pipeline context (was: gRPC UNKNOWN from every function)', () => {
  const running = new Map<string, FunctionProcess>();
  beforeAll(async () => {
    await Promise.all(
      SAMPLES.map(async ([fn]) => {
        running.set(fn.name, await startFunction(fn.name));
      }),
    );
  });
  afterAll(async () => {
    await Promise.all([...running.values()].map((p) => p.stop()));
  });

  const context = {
    'apiextensions.crossplane.io/environment': { ratio: Number.NaN, budget: Number.POSITIVE_INFINITY },
    debt: [Number.NEGATIVE_INFINITY, 1],
  };

  for (const [fn, xr] of SAMPLES) {
    it(`${fn.name} answers as without the context, and passes the context on unchanged`, async () => {
      const p = running.get(fn.name);
      if (p === undefined) throw new Error('not started');
      const client = functionClient(p.target);
      try {
        const plain = RunFunctionRequest.fromPartial({
          meta: { tag: 'nan' },
          observed: { composite: { resource: xr } },
        });
        const withContext = RunFunctionRequest.fromPartial({ ...plain, context });
        const want = { ...(await client.run(plain)), context };
        expect(await client.run(withContext)).toEqual(want);
        expect(p.child.exitCode).toBeNull();
      } finally {
        client.close();
      }
    });
  }
});
