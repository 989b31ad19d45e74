// SPEC 5 step 3: scale down by (replicas on the cluster, cluster name, index), largest first.

import { describe, expect, it } from 'vitest';
import {
  inferenceCluster,
  inferenceClass,
  keptPlacement,
  modelDeployment,
  observedReplica,
  pool,
  scheduled,
} from '../../tests/builders/fleet.js';
import { schedule } from './schedule.js';
import type { ScheduleInput, ScheduleOutcome } from './types.js';

const classes = [inferenceClass('gpu-8x', { gpus: 8 })];
const clusters = ['a', 'b'].map((n) =>
  inferenceCluster(n, {
    labels: { tier: n === 'a' ? 'dev' : 'prod' },
    pools: [pool('gpu', 'gpu-8x', { nodeCount: 4 })],
  }),
);
const wholeNode = { gpus: 8, nodes: 1 };
const t8 = { topology: { tensor: 8 } };

// Names (hash of namespace/deployment/cluster/index): a/0 qwen-0ec15, a/1 qwen-43fb1,
// b/0 qwen-bd934, b/1 qwen-9ba2d, b/3 qwen-a929b.
const a0 = observedReplica('qwen', 'a', 0, t8);
const a1 = observedReplica('qwen', 'a', 1, t8);
const b0 = observedReplica('qwen', 'b', 0, t8);
const b1 = observedReplica('qwen', 'b', 1, t8);
const b3 = observedReplica('qwen', 'b', 3, t8);

const cases: { name: string; input: ScheduleInput; want: ScheduleOutcome }[] = [
  {
    name: 'the most-loaded cluster gives up a replica first',
    input: {
      deployment: modelDeployment('qwen', { replicas: 2, ...t8 }),
      clusters,
      classes,
      replicas: [a0, a1, b0],
    },
    want: scheduled({
      placements: [keptPlacement(a0, wholeNode), keptPlacement(b0, wholeNode)],
      removals: [
        { replica: a1, reason: 'ScaledDown', message: 'qwen-43fb1 on a: scaled down to 2 replicas' },
      ],
      candidateClusters: 2,
    }),
  },
  {
    name: 'load beats index: the higher index on the less-loaded cluster survives',
    input: {
      deployment: modelDeployment('qwen', { replicas: 2, ...t8 }),
      clusters,
      classes,
      replicas: [b3, a1, a0],
    },
    want: scheduled({
      placements: [keptPlacement(a0, wholeNode), keptPlacement(b3, wholeNode)],
      removals: [
        { replica: a1, reason: 'ScaledDown', message: 'qwen-43fb1 on a: scaled down to 2 replicas' },
      ],
      candidateClusters: 2,
    }),
  },
  {
    name: 'equal load: the later cluster name gives up its replica',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...t8 }),
      clusters,
      classes,
      replicas: [b0, a0],
    },
    want: scheduled({
      placements: [keptPlacement(a0, wholeNode)],
      removals: [{ replica: b0, reason: 'ScaledDown', message: 'qwen-bd934 on b: scaled down to 1 replica' }],
      candidateClusters: 2,
    }),
  },
  {
    name: 'on one cluster the highest index goes first, and load is recounted after each removal',
    input: {
      deployment: modelDeployment('qwen', { replicas: 2, ...t8 }),
      clusters,
      classes,
      replicas: [a0, a1, b0, b1, b3],
    },
    want: scheduled({
      placements: [keptPlacement(a0, wholeNode), keptPlacement(b0, wholeNode)],
      removals: [
        { replica: a1, reason: 'ScaledDown', message: 'qwen-43fb1 on a: scaled down to 2 replicas' },
        { replica: b1, reason: 'ScaledDown', message: 'qwen-9ba2d on b: scaled down to 2 replicas' },
        { replica: b3, reason: 'ScaledDown', message: 'qwen-a929b on b: scaled down to 2 replicas' },
      ],
      candidateClusters: 2,
    }),
  },
  {
    name: 'scaling to zero removes every replica and reports no shortfall',
    input: {
      deployment: modelDeployment('qwen', { replicas: 0, ...t8 }),
      clusters,
      classes,
      replicas: [a0, b0],
    },
    want: scheduled({
      placements: [],
      removals: [
        { replica: a0, reason: 'ScaledDown', message: 'qwen-0ec15 on a: scaled down to 0 replicas' },
        { replica: b0, reason: 'ScaledDown', message: 'qwen-bd934 on b: scaled down to 0 replicas' },
      ],
      candidateClusters: 2,
    }),
  },
  {
    name: 'replicas already dropped by retain do not count toward scaling down',
    input: {
      deployment: modelDeployment('qwen', {
        replicas: 2,
        ...t8,
        clusterSelector: { matchLabels: { tier: 'prod' } },
      }),
      clusters,
      classes,
      replicas: [a0, b0, b1],
    },
    want: scheduled({
      placements: [keptPlacement(b0, wholeNode), keptPlacement(b1, wholeNode)],
      removals: [
        {
          replica: a0,
          reason: 'ClusterNotSelected',
          message: 'qwen-0ec15 on a: a no longer matches clusterSelector',
        },
      ],
      candidateClusters: 1,
    }),
  },
];

describe('schedule: scale down', () => {
  it.each(cases)('$name', ({ input, want }) => {
    expect(schedule(input)).toEqual(want);
  });
});
