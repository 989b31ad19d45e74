// SPEC 5 step 5 for prefill/decode serving: both roles on one cluster, the first (decode pool,
// prefill pool) pair in pool order that fits jointly, one pool shared only when it holds both.

import { describe, expect, it } from 'vitest';
import {
  inferenceClass,
  inferenceCluster,
  modelDeployment,
  newPlacement,
  observedReplica,
  pool,
  scheduled,
} from '../../tests/builders/fleet.js';
import { schedule } from './schedule.js';
import type { ScheduleInput, ScheduleOutcome } from './types.js';

const classes = [inferenceClass('h200-8x', { gpus: 8 }), inferenceClass('l40-4x', { gpus: 4 })];
const onClass = (name: string) => `device.attributes["modelplane.ai"].class == "${name}"`;

/** Decode: one tensor=8 worker on H200; prefill: two tensor=4 workers on L40. */
const split = {
  decode: { cel: onClass('h200-8x'), topology: { tensor: 8 } },
  prefill: { cel: onClass('l40-4x'), count: 2, topology: { tensor: 4 } },
};
const splitSize = { gpus: 16, nodes: 3 };
/** Both roles one tensor=8 worker, no selectors: any 8-GPU pool fits either. */
const twin = { decode: { topology: { tensor: 8 } }, prefill: { topology: { tensor: 8 } } };
const twinSize = { gpus: 16, nodes: 2 };

const ourA0 = observedReplica('qwen', 'a', 0, {
  decode: { pool: 'h200', topology: { tensor: 8 } },
  prefill: { pool: 'h200', count: 2, topology: { tensor: 4 } },
});

const cases: { name: string; input: ScheduleInput; want: ScheduleOutcome }[] = [
  {
    name: 'decode and prefill land on one cluster, each in the first pool that fits it',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...split }),
      clusters: [
        inferenceCluster('a', { pools: [pool('l40', 'l40-4x', { nodeCount: 2 }), pool('h200', 'h200-8x')] }),
      ],
      classes,
      replicas: [],
    },
    want: scheduled({
      placements: [newPlacement('a', 0, { decode: 'h200', prefill: 'l40' }, splitSize)],
      candidateClusters: 1,
    }),
  },
  {
    name: 'two 4-GPU prefill workers on an 8-GPU pool share one node: the replica takes 2 nodes',
    input: {
      deployment: modelDeployment('qwen', {
        replicas: 1,
        decode: { cel: onClass('h200-8x'), topology: { tensor: 8 } },
        prefill: { cel: onClass('h200-8x'), count: 2, topology: { tensor: 4 } },
      }),
      clusters: [inferenceCluster('a', { pools: [pool('h200', 'h200-8x', { nodeCount: 2 })] })],
      classes,
      replicas: [],
    },
    want: scheduled({
      placements: [newPlacement('a', 0, { decode: 'h200', prefill: 'h200' }, { gpus: 16, nodes: 2 })],
      candidateClusters: 1,
    }),
  },
  {
    name: 'roles never split across clusters: a decode-only and a prefill-only cluster hold nothing',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...split }),
      clusters: [
        inferenceCluster('a', { pools: [pool('h200', 'h200-8x', { nodeCount: 4 })] }),
        inferenceCluster('b', { pools: [pool('l40', 'l40-4x', { nodeCount: 4 })] }),
      ],
      classes,
      replicas: [],
    },
    want: scheduled({
      placements: [],
      unschedulable: {
        replicas: 1,
        message:
          '0/2 clusters available: 1 no pool matches decode nodeSelector, 1 no pool matches prefill nodeSelector',
      },
      candidateClusters: 2,
    }),
  },
  {
    name: 'one pool holds both roles when its capacity covers both',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...twin }),
      clusters: [inferenceCluster('a', { pools: [pool('gpu', 'h200-8x', { nodeCount: 2 })] })],
      classes,
      replicas: [],
    },
    want: scheduled({
      placements: [newPlacement('a', 0, { decode: 'gpu', prefill: 'gpu' }, twinSize)],
      candidateClusters: 1,
    }),
  },
  {
    name: 'a pool with room for only one role at a time holds neither',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...twin }),
      clusters: [inferenceCluster('a', { pools: [pool('gpu', 'h200-8x', { nodeCount: 1 })] })],
      classes,
      replicas: [],
    },
    want: scheduled({
      placements: [],
      unschedulable: {
        replicas: 1,
        message:
          '0/1 clusters available: 1 insufficient capacity (decode and prefill do not fit together: decode pool gpu: needs 1 node with 8 free GPUs, has 1; prefill pool gpu: needs 1 node with 8 free GPUs, has 1)',
      },
      candidateClusters: 1,
    }),
  },
  {
    name: 'the first (decode, prefill) pair in pool order wins: prefill moves to the next pool when the first is full',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...twin }),
      clusters: [
        inferenceCluster('a', {
          pools: [pool('p1', 'h200-8x'), pool('p2', 'h200-8x'), pool('p3', 'h200-8x')],
        }),
      ],
      classes,
      replicas: [],
    },
    want: scheduled({
      placements: [newPlacement('a', 0, { decode: 'p1', prefill: 'p2' }, twinSize)],
      candidateClusters: 1,
    }),
  },
  {
    name: 'whole disaggregated replicas spread across clusters like unified ones',
    input: {
      deployment: modelDeployment('qwen', { replicas: 3, ...twin }),
      clusters: ['b', 'a'].map((n) =>
        inferenceCluster(n, { pools: [pool('gpu', 'h200-8x', { nodeCount: 4 })] }),
      ),
      classes,
      replicas: [],
    },
    want: scheduled({
      placements: [
        newPlacement('a', 0, { decode: 'gpu', prefill: 'gpu' }, twinSize),
        newPlacement('a', 1, { decode: 'gpu', prefill: 'gpu' }, twinSize),
        newPlacement('b', 0, { decode: 'gpu', prefill: 'gpu' }, twinSize),
      ],
      candidateClusters: 2,
    }),
  },
  {
    name: 'a kept replica whose prefill pool stops matching is re-placed with both roles on fitting pools',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...split }),
      clusters: [
        inferenceCluster('a', {
          pools: [pool('h200', 'h200-8x', { nodeCount: 2 }), pool('l40', 'l40-4x', { nodeCount: 2 })],
        }),
      ],
      classes,
      replicas: [ourA0],
    },
    want: scheduled({
      placements: [newPlacement('a', 0, { decode: 'h200', prefill: 'l40' }, splitSize)],
      removals: [
        {
          replica: ourA0,
          reason: 'PoolChanged',
          message: `${ourA0.name} on a: prefill pool h200 no longer matches nodeSelector`,
        },
      ],
      candidateClusters: 1,
    }),
  },
];

describe('schedule: prefill/decode', () => {
  it.each(cases)('$name', ({ input, want }) => {
    expect(schedule(input)).toEqual(want);
  });
});
