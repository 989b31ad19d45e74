// `npm run bench` entry: runs every registered benchmark, or only those named on the command line
// (`npm run bench -- scheduler`). Benchmarks are not tests: they print figures for a person (and a
// report) to read and never fail the build. Add a benchmark by adding it to BENCHES.

import { deploymentBench } from './deployment.js';
import { fuzzBench } from './fuzz.js';
import { loadBench } from './load.js';
import { planBench } from './plan.js';
import { schedulerBench } from './scheduler.js';

const BENCHES: Readonly<Record<string, () => void | Promise<void>>> = {
  scheduler: () => {
    schedulerBench();
  },
  deployment: () => {
    deploymentBench();
  },
  plan: () => {
    planBench();
  },
  // Over a minute (it waits for memory to settle); run it by name: `npm run bench -- load`.
  load: loadBench,
  // The fuzzer's long mode (FUZZ_COUNT, default 100,000 requests): `npm run bench -- fuzz`.
  fuzz: fuzzBench,
};

/** Benchmarks that run only when named. */
const ON_REQUEST = new Set(['load', 'fuzz']);

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
for (const [name, bench] of Object.entries(BENCHES)) {
  if (wanted.length > 0 ? !wanted.includes(name) : ON_REQUEST.has(name)) continue;
  console.log(`== ${name} ==`);
  await bench();
}
