// `-o json` carries everything the table shows: for every example and every plan fixture, the
// table rendered from the parsed `-o json` text alone equals the table `modelplane plan` prints.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPOSITE_KINDS } from '../cli/functions.js';
import { readPaths, type SourceText } from '../lib/plan/load.js';
import type { PlanJson } from '../lib/plan/model.js';
import { planTexts } from '../lib/plan/plan.js';
import { planTable, renderPlan } from '../lib/plan/render.js';
import { FLEET_EXAMPLES } from './support/examples.js';
import { repoRoot } from './support/paths.js';

const examples = FLEET_EXAMPLES.map((d) => ({ name: `examples/${d}`, paths: [`examples/${d}`] }));
const wouldNotServe = 'tests/plan-fixtures/would-not-serve';
const fixtures = [
  { name: 'tests/plan-fixtures/problems', paths: ['tests/plan-fixtures/problems'] },
  {
    name: 'tests/plan-fixtures/not-planned',
    paths: ['examples/quickstart', 'tests/plan-fixtures/not-planned'],
  },
  {
    name: 'replicas without their deployment',
    paths: ['examples/drain/platform.yaml', 'examples/drain/running.yaml'],
  },
  ...readdirSync(join(repoRoot, wouldNotServe))
    .filter((f) => f.endsWith('.yaml') && f !== 'platform.yaml')
    .map((f) => ({
      name: `${wouldNotServe}/${f}`,
      paths: [`${wouldNotServe}/platform.yaml`, `${wouldNotServe}/${f}`],
    })),
];

function texts(paths: readonly string[]): SourceText[] {
  const read = readPaths(paths.map((p) => join(repoRoot, p)));
  expect(read.problems).toEqual([]);
  return read.texts;
}

describe('-o json has everything the table shows', () => {
  for (const c of [...examples, ...fixtures]) {
    it(`${c.name}: the table rendered from the JSON is the table`, () => {
      const outcome = planTexts(texts(c.paths), COMPOSITE_KINDS);
      if (outcome.kind !== 'planned') throw new Error(`not planned: ${JSON.stringify(outcome)}`);
      const json = JSON.parse(renderPlan(outcome.view, 'json')) as PlanJson;
      expect(planTable(json)).toBe(renderPlan(outcome.view, 'table'));
    });
  }

  it('covers every example and every would-not-serve case', () => {
    expect([examples.length, fixtures.length]).toEqual([9, 11]);
  });
});
