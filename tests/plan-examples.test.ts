// The examples gallery: every folder under examples/ (but the render fixtures) is a fleet that
// applies as is, plans without errors, and plans to exactly its checked-in output in expected/
// (a subfolder, so `kubectl apply -f examples/<name>/` reads only the manifests). Regenerate the
// expected outputs with `UPDATE_GOLDEN=1 npx vitest run tests/plan-examples.test.ts`, then read them.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { COMPOSITE_KINDS } from '../cli/functions.js';
import { parseTexts, readPaths, type SourceText } from '../lib/plan/load.js';
import { planTexts, type PlanOutcome } from '../lib/plan/plan.js';
import { renderDiff, renderPlan } from '../lib/plan/render.js';
import { describeComposite } from '../lib/runtime/handler.js';
import { canonical } from '../lib/runtime/json.js';
import { expectGolden } from './support/golden.js';
import { examplesDir, FLEET_EXAMPLES } from './support/examples.js';
import { repoRoot } from './support/paths.js';
import { schemaProblems } from './support/validate.js';

// gitops/ is a kustomize tree, planned overlay by overlay in tests/gitops.test.ts.
const EXAMPLES = FLEET_EXAMPLES;

/** The folder's files, named relative to the repository (as `modelplane plan examples/x` names them). */
function textsOf(example: string): SourceText[] {
  const { texts, problems } = readPaths([join(examplesDir, example)]);
  expect(problems).toEqual([]);
  return texts.map((t) => ({ file: t.file.slice(repoRoot.length + 1), text: t.text }));
}

function planned(outcome: PlanOutcome) {
  if (outcome.kind !== 'planned') throw new Error(`not planned: ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('the examples gallery', () => {
  it('has the nine fleets the README lists', () => {
    expect(EXAMPLES).toEqual([
      'autoscaling',
      'deepseek-v3',
      'disaggregated',
      'drain',
      'gang-scheduling',
      'kimi-k2',
      'multi-region',
      'quickstart',
      'spillover',
    ]);
  });

  for (const example of EXAMPLES) {
    describe(example, () => {
      it('has a README', () => {
        expect(existsSync(join(examplesDir, example, 'README.md'))).toBe(true);
      });

      it('plans to its checked-in -o json output, with no function errors', () => {
        mkdirSync(join(examplesDir, example, 'expected'), { recursive: true });
        const { view } = planned(planTexts(textsOf(example), COMPOSITE_KINDS));
        expect(view.errors).toEqual([]);
        expectGolden(join(examplesDir, example, 'expected', 'plan.json'), renderPlan(view, 'json'));
      });

      it('gives byte-identical output for its files and documents in any order', () => {
        const texts = textsOf(example);
        const baseline = renderPlan(planned(planTexts(texts, COMPOSITE_KINDS)).view, 'json');
        // Reverse the files, and the documents inside each file.
        const shuffled = [...texts].reverse().map((t) => ({
          file: t.file,
          text: t.text
            .split(/^---$/m)
            .reverse()
            .map((d) => d.trim())
            .join('\n---\n'),
        }));
        expect(renderPlan(planned(planTexts(shuffled, COMPOSITE_KINDS)).view, 'json')).toBe(baseline);
      });
    });
  }

  it('calls each function only when its request changed, as often as the checked-in counts say', () => {
    const counts: Record<string, unknown> = {};
    for (const example of EXAMPLES) {
      // Record every request each XR's function receives (the whole request, as canonical JSON).
      const last = new Map<string, string>();
      const repeated: string[] = [];
      const recording = COMPOSITE_KINDS.map((kind) => ({
        ...kind,
        fn: {
          name: kind.fn.name,
          compose: (req: RunFunctionRequest) => {
            const xr = describeComposite(req);
            const text = JSON.stringify(canonical(RunFunctionRequest.toJSON(req)));
            if (last.get(xr) === text) repeated.push(xr);
            last.set(xr, text);
            return kind.fn.compose(req);
          },
        },
      }));
      const { view } = planned(planTexts(textsOf(example), recording));
      expect(repeated, `${example}: functions called again with the request they just answered`).toEqual([]);
      counts[example] = { rounds: view.rounds, calls: view.calls };
    }
    expectGolden(
      join(repoRoot, 'tests', 'plan-fixtures', 'calls.json'),
      `${JSON.stringify(counts, null, 2)}\n`,
    );
  });

  it('prints the quickstart as its checked-in table', () => {
    const { view } = planned(planTexts(textsOf('quickstart'), COMPOSITE_KINDS));
    expectGolden(join(examplesDir, 'quickstart', 'expected', 'plan.txt'), renderPlan(view, 'table'));
  });

  it('shows the quickstart’s current plan in the README', () => {
    const readme = join(repoRoot, 'README.md');
    const text = readFileSync(readme, 'utf8');
    const start = '```console\n$ modelplane plan\n';
    const from = text.indexOf(start) + start.length;
    const to = text.indexOf('```\n', from);
    expect(from >= start.length && to > from, 'README.md has the quickstart console block').toBe(true);
    const plan = readFileSync(join(examplesDir, 'quickstart', 'expected', 'plan.txt'), 'utf8');
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(readme, text.slice(0, from) + plan + text.slice(to));
    else expect(text.slice(from, to)).toBe(plan);
  });

  it('shows the drained replica moving in the drain example’s --diff', () => {
    const { changes } = planned(planTexts(textsOf('drain'), COMPOSITE_KINDS));
    const diff = renderDiff(changes, 'table');
    expectGolden(join(examplesDir, 'drain', 'expected', 'diff.txt'), diff);
    // The example's README quotes the table.
    expect(readFileSync(join(examplesDir, 'drain', 'README.md'), 'utf8')).toContain(diff.split('\n\n')[0]);
  });

  it('applies as is: every input object passes the real API validation of its kind', () => {
    const objects = EXAMPLES.flatMap((example) => parseTexts(textsOf(example)).documents).map(
      (d) => d.value as Record<string, unknown>,
    );
    expect(schemaProblems(objects)).toEqual([]);
  });

  // One validator run over every composed object of nine fleets (about 20 s alone, over a minute
  // on a busy 2-core machine): a longer limit than the default minute.
  it('composes only objects that pass the real API validation of their kinds', { timeout: 240_000 }, () => {
    const resources = EXAMPLES.flatMap(
      (example) => planned(planTexts(textsOf(example), COMPOSITE_KINDS)).view.json.resources,
    ) as Record<string, unknown>[];
    expect(schemaProblems(resources)).toEqual([]);
  });
});
