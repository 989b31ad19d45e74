import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../tests/support/golden.js';
import { pipelinePreset, pipelinePresetName, PRESET_ROLES } from './presets.js';

export const PRESETS_GOLDEN = join(import.meta.dirname, 'testdata', 'pipeline-parallel-presets.yaml');

describe('the pipeline-parallel presets KServe v0.20 lacks', () => {
  it('carry the names KServe’s config merge looks up', () => {
    expect(PRESET_ROLES.map(pipelinePresetName)).toEqual([
      'kserve-config-llm-worker-pipeline-parallel',
      'kserve-config-llm-decode-worker-pipeline-parallel',
      'kserve-config-llm-prefill-worker-pipeline-parallel',
    ]);
  });

  it('match the reviewed manifests in testdata (UPDATE_GOLDEN=1 rewrites them)', () => {
    const yaml = PRESET_ROLES.map((role) => stringify(pipelinePreset(role), { lineWidth: 0 })).join('---\n');
    expectGolden(PRESETS_GOLDEN, yaml);
  });
});
