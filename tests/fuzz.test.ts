// The fuzzer in CI: FUZZ_RUNS (default 2,000) fast-check cases per function, each a request sent
// twice over gRPC to the real bundle, from the render fixtures (structure-aware mutations, byte
// damage, garbage), with a fixed seed (FUZZ_SEED) so a failure reproduces. A failure is saved to
// tests/fuzz/reproducers/ (commit it: tests/fuzz-regressions.test.ts then replays it) and fails
// here with the problem. `npm run bench -- fuzz` runs the long mode.

import { describe, expect, it } from 'vitest';
import { fuzzFunction } from './fuzz/engine.js';
import { fixtureSets } from './fuzz/seeds.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_101);

describe.concurrent('fuzzing every function over gRPC', () => {
  for (const { fn } of fixtureSets()) {
    it(`${fn}: ${RUNS} fuzzed requests, no failure`, { timeout: 900_000 }, async () => {
      const report = await fuzzFunction(fn, { runs: RUNS, seed: SEED });
      expect({ fn: report.fn, requests: report.requests, failures: report.failures }).toEqual({
        fn,
        requests: RUNS,
        failures: [],
      });
    });
  }
});
