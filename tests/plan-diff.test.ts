// `modelplane plan --diff` against replicas exported from a running fleet
// (tests/plan-fixtures/diff): a clusterSelector edit moves chat's replica from east to west, a
// scale-down from 2 to 1 removes one of batch's, and every other replica stays.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPOSITE_KINDS } from '../cli/functions.js';
import { readPaths } from '../lib/plan/load.js';
import { planTexts } from '../lib/plan/plan.js';
import { renderDiff } from '../lib/plan/render.js';
import { repoRoot } from './support/paths.js';

const fixture = join(repoRoot, 'tests', 'plan-fixtures', 'diff');

function changesOf(paths: string[]) {
  const { texts, problems } = readPaths(paths);
  expect(problems).toEqual([]);
  const outcome = planTexts(texts, COMPOSITE_KINDS);
  if (outcome.kind !== 'planned') throw new Error(JSON.stringify(outcome));
  return outcome.changes;
}

describe('plan --diff', () => {
  it('moves the replica whose cluster left the selector and removes the one scaled down', () => {
    const changes = changesOf([fixture]);
    expect(changes).toEqual([
      {
        change: 'removed',
        namespace: 'ml-team',
        deployment: 'batch',
        from: { replica: 'batch-920d8', cluster: 'west', pools: { unified: 'l4' } },
        to: null,
      },
      {
        change: 'moved',
        namespace: 'ml-team',
        deployment: 'chat',
        from: { replica: 'chat-87108', cluster: 'east', pools: { unified: 'l4' } },
        to: { replica: 'chat-c7932', cluster: 'west', pools: { unified: 'l4' } },
      },
    ]);
    expect(renderDiff(changes, 'table')).toBe(
      [
        'CHANGE    DEPLOYMENT      FROM                     TO',
        'removed   ml-team/batch   batch-920d8 on west/l4   -',
        'moved     ml-team/chat    chat-87108 on east/l4    chat-c7932 on west/l4',
        '',
        '0 added, 1 moved, 1 removed.',
        '',
      ].join('\n'),
    );
  });

  it('lists every replica as added when the input has none running', () => {
    expect(
      changesOf([join(fixture, 'fleet.yaml')]).map(
        (c) => `${c.change} ${c.deployment} ${c.to?.cluster ?? ''}`,
      ),
    ).toEqual(['added batch east', 'added chat west']);
  });

  it('prints the changes as data with -o json', () => {
    expect(JSON.parse(renderDiff(changesOf([fixture]), 'json'))).toEqual({ changes: changesOf([fixture]) });
  });
});
