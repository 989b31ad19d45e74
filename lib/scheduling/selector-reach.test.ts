// selectorsMatchingNothing: the hold rule for a nodeSelector that matches no class of the
// candidate clusters, with every way a class can fail to match counted.

import { describe, expect, it } from 'vitest';
import {
  inferenceClass,
  inferenceCluster,
  modelDeployment,
  observedReplica,
  pool,
} from '../../tests/builders/fleet.js';
import { CostBudget } from '../cel/index.js';
import { selectorsMatchingNothing } from './selector-reach.js';
import type { ScheduleInput } from './types.js';

const hundred = `[${Array.from({ length: 100 }, (_, i) => i).join(',')}]`;
const expensive = `${hundred}.all(a, ${hundred}.all(b, ${hundred}.all(c, a + b + c >= 0)))`;
const cls = 'device.attributes["modelplane.ai"].class';
/** False on "a", an error on "b", over the cost limit elsewhere. */
const mixed = `${cls} == "a" ? false : (${cls} == "b" ? device.attributes["x.io"].missing == 1 : ${expensive})`;

const classes = ['a', 'b', 'c', 'd', 'unused'].map((n) => inferenceClass(n));
const clusters = [
  inferenceCluster('east', { labels: { region: 'east' }, pools: [pool('p1', 'a'), pool('p2', 'b')] }),
  inferenceCluster('east2', {
    labels: { region: 'east' },
    pools: [pool('p1', 'c'), pool('p2', 'd'), pool('p3', 'gone')],
  }),
  inferenceCluster('west', { labels: { region: 'west' }, pools: [pool('p1', 'unused')] }),
];
const input = (cel: string, o: Partial<ScheduleInput> = {}): ScheduleInput => ({
  deployment: modelDeployment('qwen', { cel, clusterSelector: { matchLabels: { region: 'east' } } }),
  clusters,
  classes,
  replicas: [observedReplica('qwen', 'east', 0, { pool: 'p1' })],
  ...o,
});

describe('selectorsMatchingNothing', () => {
  it('counts, over the existing classes the candidate clusters use, why none matched', () => {
    expect(selectorsMatchingNothing(input(mixed, { celBudget: new CostBudget(1_500_000) }))).toEqual([
      {
        path: 'spec.nodeSelector.cel',
        message:
          "matches none of the 4 InferenceClasses the candidate clusters' node pools use: 1 evaluated to false, 1 failed at run time (InferenceClass b: field not found: missing), 1 ran over the cost limit of 1000000 units, 1 were left undecided when this reconcile's CEL budget of 1500000 units ran out",
      },
    ]);
  });

  it('reports each role of a disaggregated deployment on its own, and nothing once one class matches', () => {
    const deployment = modelDeployment('qwen', {
      clusterSelector: { matchLabels: { region: 'east' } },
      decode: { cel: `${cls} == "d"` },
      prefill: { cel: `${cls} == "unused"` },
    });
    expect(selectorsMatchingNothing(input('true', { deployment }))).toEqual([
      {
        path: 'spec.prefill.nodeSelector.cel',
        message:
          "matches none of the 4 InferenceClasses the candidate clusters' node pools use: 4 evaluated to false",
      },
    ]);
  });

  it('says nothing without a selector, with a spec in error, or when no class of the candidates exists', () => {
    expect([
      selectorsMatchingNothing({ ...input('true'), deployment: modelDeployment('qwen') }),
      selectorsMatchingNothing(input('device.attributes[')),
      selectorsMatchingNothing(input('false', { classes: [] })),
    ]).toEqual([[], [], []]);
  });
});
