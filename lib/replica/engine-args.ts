// The consistency check of SPEC 4.4 item 5: parallelism the engine is told on its command line must
// agree with the topology the scheduler placed. A replica whose engine runs `--tensor-parallel-size 4`
// on a topology of tensor 8 would hold 8 GPUs per node and use 4, or fail to start; better to say so
// before anything is deployed.
//
// The flags are vLLM's (its argparse accepts `--flag N`, `--flag=N`, short aliases and underscores
// in place of dashes; the last occurrence wins). The command and args are scanned together, and each
// element is also split on whitespace so `sh -c "vllm serve … -tp 8"` is checked too. A value that is
// not an integer literal (e.g. `$(TP)`, expanded by Kubernetes at run time) cannot be checked and is
// left alone, as is a flag the engine does not get: KServe's presets then pass the topology.

import { ENGINE_CONTAINER, type Topology, type Workers } from '../apis/serving.js';

type NumericField = 'tensor' | 'pipeline' | 'data' | 'dataLocal';

const NUMERIC_FLAGS: readonly { readonly names: readonly string[]; readonly field: NumericField }[] = [
  { names: ['--tensor-parallel-size', '-tp'], field: 'tensor' },
  { names: ['--pipeline-parallel-size', '-pp'], field: 'pipeline' },
  { names: ['--data-parallel-size', '-dp'], field: 'data' },
  { names: ['--data-parallel-size-local', '-dpl'], field: 'dataLocal' },
];

const EXPERT_ON = ['--enable-expert-parallel', '-ep'];
const EXPERT_OFF = ['--no-enable-expert-parallel'];

/** One parallelism setting found on the command line, with the flag as the user wrote it. */
export interface FlagSetting<T> {
  readonly flag: string;
  readonly value: T;
}

export interface EngineParallelism {
  readonly tensor?: FlagSetting<number>;
  readonly pipeline?: FlagSetting<number>;
  readonly data?: FlagSetting<number>;
  readonly dataLocal?: FlagSetting<number>;
  readonly expert?: FlagSetting<boolean>;
}

/** vLLM treats `--tensor_parallel_size` like `--tensor-parallel-size`. */
export function normalizeFlag(flag: string): string {
  return flag.startsWith('--') ? `--${flag.slice(2).replaceAll('_', '-')}` : flag;
}

const INTEGER = /^[0-9]{1,9}$/;

/** The parallelism flags in `tokens` (command followed by args); later occurrences win. */
export function parseEngineParallelism(tokens: readonly string[]): EngineParallelism {
  const words = tokens.flatMap((t) => t.split(/\s+/)).filter((w) => w !== '');
  const found: {
    tensor?: FlagSetting<number>;
    pipeline?: FlagSetting<number>;
    data?: FlagSetting<number>;
    dataLocal?: FlagSetting<number>;
    expert?: FlagSetting<boolean>;
  } = {};
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const eq = word.indexOf('=');
    const written = eq > 0 ? word.slice(0, eq) : word;
    const flag = normalizeFlag(written);
    if (EXPERT_ON.includes(flag)) {
      found.expert = { flag: written, value: true };
      continue;
    }
    if (EXPERT_OFF.includes(flag)) {
      found.expert = { flag: written, value: false };
      continue;
    }
    const numeric = NUMERIC_FLAGS.find((f) => f.names.includes(flag));
    if (numeric === undefined) continue;
    const raw = eq > 0 ? word.slice(eq + 1) : words[i + 1];
    if (raw === undefined || !INTEGER.test(raw)) continue;
    if (eq <= 0) i++; // the value is consumed only when it is one, so a missing value hides no flag
    found[numeric.field] = { flag: written, value: Number(raw) };
  }
  return found;
}

/** The engine container's command and args, in the order the container runs them. */
export function engineTokens(workers: Workers): string[] {
  const engine = workers.template.spec.containers.find((c) => c.name === ENGINE_CONTAINER);
  return [...(engine?.command ?? []), ...(engine?.args ?? [])];
}

/**
 * One message per flag that disagrees with `topology`, e.g.
 * "--tensor-parallel-size is 4 but spec.workers.topology.tensor is 8".
 */
export function topologyMismatches(workers: Workers, workersPath: string): string[] {
  const flags = parseEngineParallelism(engineTokens(workers));
  const topology: Topology = workers.topology;
  const out: string[] = [];
  for (const { field } of NUMERIC_FLAGS) {
    const setting = flags[field];
    if (setting !== undefined && setting.value !== topology[field]) {
      out.push(
        `${setting.flag} is ${setting.value} but ${workersPath}.topology.${field} is ${topology[field]}`,
      );
    }
  }
  const expert = flags.expert;
  if (expert !== undefined && expert.value !== topology.expert) {
    out.push(`${expert.flag} is set but ${workersPath}.topology.expert is ${topology.expert}`);
  }
  return out;
}
