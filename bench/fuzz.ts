// The fuzzer's long mode: FUZZ_COUNT (default 100,000) fuzzed requests in all, shared among the six
// functions and run on all of them at once, each against its real bundle over gRPC, with a random
// seed (or FUZZ_SEED). Failures are saved to tests/fuzz/reproducers/ and the run goes on with the
// next seed. Prints the count per function and every failure.

import { fuzzFunction } from '../tests/fuzz/engine.js';
import { fixtureSets } from '../tests/fuzz/seeds.js';

export async function fuzzBench(): Promise<void> {
  const total = Number(process.env.FUZZ_COUNT ?? 100_000);
  const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const fns = fixtureSets().map((s) => s.fn);
  const per = Math.ceil(total / fns.length);
  console.log(`fuzzing ${fns.join(', ')}: ${per} requests each (each sent twice), seed ${seed}`);
  const started = performance.now();
  const reports = await Promise.all(
    fns.map((fn, i) => fuzzFunction(fn, { runs: per, seed: seed + i * 1_000, continueAfterFailure: true })),
  );
  let requests = 0;
  let failures = 0;
  for (const r of reports) {
    requests += r.requests;
    failures += r.failures.length;
    console.log(`  ${r.fn}: ${r.requests} requests from ${r.seeds} seeds, ${r.failures.length} failures`);
    for (const f of r.failures) console.log(`    ${f.problem}`);
  }
  const minutes = (performance.now() - started) / 60_000;
  console.log(`${requests} fuzzed requests, ${failures} failures, in ${minutes.toFixed(1)} min`);
}
