// The table output when things go wrong (tests/plan-fixtures/problems): unschedulable replicas and
// why, XRs that are not Ready with their failing conditions, objects the plan does not run, what
// the simulation assumed; the functions' warnings on stderr; and exit status 3: the plan completed,
// but it shows something that would not serve. Regenerate with UPDATE_GOLDEN=1, then read the files.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';
import { expectGolden } from './support/golden.js';
import { repoRoot } from './support/paths.js';

const fixture = join(repoRoot, 'tests', 'plan-fixtures', 'problems');

function runCli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: () => '' });
  return { code, stdout, stderr };
}

describe('the plan table', () => {
  it('reports every kind of problem in its own section, and warnings on stderr', () => {
    const r = runCli(['plan', join(fixture, 'fleet.yaml')]);
    expect(r.code).toBe(3);
    expectGolden(join(fixture, 'expected-plan.txt'), r.stdout);
    expectGolden(join(fixture, 'expected-stderr.txt'), r.stderr);
  });

  it('says when there is nothing to plan', () => {
    const r = runCli(['plan', join(repoRoot, 'examples', 'autoscaling', 'argocd-application.yaml')]);
    expect(r).toEqual({
      code: 0,
      stdout: [
        'Nothing to plan: the input has no InferenceClusters, ModelDeployments or ModelServices.',
        '',
        'NOT PLANNED                         WHY',
        'Application/argocd/ml-team-models   an Argo CD Application: it syncs the fleet from Git; not planned',
        '',
      ].join('\n'),
      stderr: '',
    });
  });
});
