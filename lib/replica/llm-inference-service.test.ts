import { describe, expect, it } from 'vitest';
import { topology as topologySchema } from '../apis/serving.js';
import { kserveParallelism, kserveTopologyProblem } from './llm-inference-service.js';

const t = (v: Record<string, unknown>) => topologySchema.parse(v);

describe('kserveParallelism', () => {
  const CASES: readonly [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['a single GPU is tensor 1 only', {}, { tensor: 1 }],
    ['tensor parallelism on one node', { tensor: 8 }, { tensor: 8 }],
    [
      'pipeline parallelism across nodes leaves data out, so KServe sizes the group by pipeline',
      { tensor: 8, pipeline: 2 },
      { tensor: 8, pipeline: 2 },
    ],
    [
      'data parallelism writes data and dataLocal, so KServe sizes the group by data / dataLocal',
      { tensor: 1, data: 16, dataLocal: 8, expert: true },
      { tensor: 1, data: 16, dataLocal: 8, expert: true },
    ],
    [
      'data parallelism within one node',
      { tensor: 2, data: 4, dataLocal: 4 },
      { tensor: 2, data: 4, dataLocal: 4 },
    ],
    ['expert parallelism off is left out', { tensor: 4, expert: false }, { tensor: 4 }],
  ];
  for (const [name, input, expected] of CASES) {
    it(name, () => {
      expect(kserveParallelism(t(input))).toEqual(expected);
    });
  }
});

describe('kserveTopologyProblem', () => {
  it('pipeline with data parallelism cannot be one LLMInferenceService', () => {
    expect(
      kserveTopologyProblem(t({ tensor: 4, pipeline: 2, data: 4, dataLocal: 2 }), 'spec.prefill.workers'),
    ).toBe(
      'spec.prefill.workers.topology: KServe cannot combine pipeline parallelism (2) with data parallelism (data 4, dataLocal 2) in one LLMInferenceService',
    );
  });

  it('pipeline alone, data alone and neither are fine', () => {
    expect(
      [{ tensor: 8, pipeline: 4 }, { data: 16, dataLocal: 8 }, { tensor: 2 }].map((v) =>
        kserveTopologyProblem(t(v), 'spec.workers'),
      ),
    ).toEqual([undefined, undefined, undefined]);
  });
});
