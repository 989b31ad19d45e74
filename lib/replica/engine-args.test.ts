import { describe, expect, it } from 'vitest';
import { workers as workersSchema, type Workers } from '../apis/serving.js';
import { parseEngineParallelism, topologyMismatches, type EngineParallelism } from './engine-args.js';

const PARSE: readonly [string, string[], EngineParallelism][] = [
  ['no flags means nothing to check', ['vllm', 'serve', '/mnt/models', '--port', '8000'], {}],
  [
    'long flags with a separate value',
    ['--tensor-parallel-size', '8', '--pipeline-parallel-size', '2'],
    {
      tensor: { flag: '--tensor-parallel-size', value: 8 },
      pipeline: { flag: '--pipeline-parallel-size', value: 2 },
    },
  ],
  [
    'long flags with =',
    ['--data-parallel-size=16', '--data-parallel-size-local=8'],
    {
      data: { flag: '--data-parallel-size', value: 16 },
      dataLocal: { flag: '--data-parallel-size-local', value: 8 },
    },
  ],
  [
    'short aliases, as vLLM accepts them',
    ['-tp', '4', '-pp=2', '-dp', '4', '-dpl', '2', '-ep'],
    {
      tensor: { flag: '-tp', value: 4 },
      pipeline: { flag: '-pp', value: 2 },
      data: { flag: '-dp', value: 4 },
      dataLocal: { flag: '-dpl', value: 2 },
      expert: { flag: '-ep', value: true },
    },
  ],
  [
    'underscores in place of dashes, reported as written',
    ['--tensor_parallel_size=2'],
    { tensor: { flag: '--tensor_parallel_size', value: 2 } },
  ],
  [
    'the last occurrence wins',
    ['-tp', '2', '--tensor-parallel-size', '4'],
    { tensor: { flag: '--tensor-parallel-size', value: 4 } },
  ],
  [
    'a shell command string is split into words',
    ['sh', '-c', 'exec vllm serve /mnt/models -tp 8 --enable-expert-parallel'],
    { tensor: { flag: '-tp', value: 8 }, expert: { flag: '--enable-expert-parallel', value: true } },
  ],
  ['a value Kubernetes expands at run time cannot be checked', ['--tensor-parallel-size', '$(TP)'], {}],
  ['a flag at the very end without its value is ignored', ['--pipeline-parallel-size'], {}],
  [
    'expert parallelism switched off explicitly',
    ['--enable-expert-parallel', '--no-enable-expert-parallel'],
    { expert: { flag: '--no-enable-expert-parallel', value: false } },
  ],
  [
    'a flag missing its value does not hide the flag after it',
    ['-tp', '--pipeline-parallel-size', '2'],
    { pipeline: { flag: '--pipeline-parallel-size', value: 2 } },
  ],
];

describe('parseEngineParallelism', () => {
  for (const [name, tokens, expected] of PARSE) {
    it(name, () => {
      expect(parseEngineParallelism(tokens)).toEqual(expected);
    });
  }
});

function workers(args: string[], topology: Record<string, unknown>, command?: string[]): Workers {
  return workersSchema.parse({
    topology,
    resources: {},
    template: {
      spec: { containers: [{ name: 'engine', image: 'vllm', args, ...(command ? { command } : {}) }] },
    },
  });
}

describe('topologyMismatches', () => {
  it('flags that agree with the topology give no message', () => {
    const w = workers(['-tp', '1', '--data-parallel-size', '16', '-dpl', '8', '-ep'], {
      tensor: 1,
      data: 16,
      dataLocal: 8,
      expert: true,
    });
    expect(topologyMismatches(w, 'spec.workers')).toEqual([]);
  });

  it('every disagreeing flag is named with both values, in topology order, under the role’s path', () => {
    const w = workers(['--enable-expert-parallel', '-dpl', '4', '-tp', '2', '-pp', '3'], {
      tensor: 8,
      pipeline: 2,
    });
    expect(topologyMismatches(w, 'spec.decode.workers')).toEqual([
      '-tp is 2 but spec.decode.workers.topology.tensor is 8',
      '-pp is 3 but spec.decode.workers.topology.pipeline is 2',
      '-dpl is 4 but spec.decode.workers.topology.dataLocal is 1',
      '--enable-expert-parallel is set but spec.decode.workers.topology.expert is false',
    ]);
  });

  it('the command is read before the args, so a flag in args overrides one in the command', () => {
    const w = workers(['-tp', '8'], { tensor: 8 }, ['vllm', 'serve', '-tp', '4']);
    expect(topologyMismatches(w, 'spec.workers')).toEqual([]);
  });

  it('switching expert parallelism off when the topology wants it is a mismatch too', () => {
    const w = workers(['--no-enable-expert-parallel'], { tensor: 1, data: 8, dataLocal: 8, expert: true });
    expect(topologyMismatches(w, 'spec.workers')).toEqual([
      '--no-enable-expert-parallel is set but spec.workers.topology.expert is true',
    ]);
  });

  it('sidecars are not the engine: their flags are not checked', () => {
    const w = workersSchema.parse({
      topology: { tensor: 8 },
      resources: {},
      template: {
        spec: {
          containers: [
            { name: 'proxy', image: 'envoy', args: ['-tp', '1'] },
            { name: 'engine', image: 'vllm', args: ['-tp', '8'] },
          ],
        },
      },
    });
    expect(topologyMismatches(w, 'spec.workers')).toEqual([]);
  });
});
