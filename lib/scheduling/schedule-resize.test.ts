// A change of nodes per worker, which KServe refuses in place (resize.ts): the replica is replaced
// by one of the new size under a new name, held while the new one starts where capacity allows.

import { describe, expect, it } from 'vitest';
import { replicaName } from '../names.js';
import {
  inferenceClass,
  inferenceCluster,
  keptPlacement,
  modelDeployment,
  newPlacement,
  observedReplica,
  pool,
  scheduled,
} from '../../tests/builders/fleet.js';
import { schedule } from './schedule.js';
import type { ScheduleInput, ScheduleOutcome } from './types.js';

const classes = [inferenceClass('gpu-8x', { gpus: 8 })];
const nodes = (n: number) => [pool('gpu', 'gpu-8x', { nodeCount: n })];
const oneNode = { topology: { tensor: 8 } };
const twoNodes = { topology: { tensor: 8, pipeline: 2 } };
const twoNodeSize = { gpus: 16, nodes: 2 };

/** A one-node replica of qwen at a/index, serving or not. */
const old = (index: number, ready: boolean) => observedReplica('qwen', 'a', index, { ...oneNode, ready });
/** A two-node replica of qwen at a/index, named as the scheduler names new two-node replicas. */
const resized = (index: number, ready: boolean) =>
  observedReplica('qwen', 'a', index, {
    ...twoNodes,
    ready,
    name: replicaName('ml-team', 'qwen', 'a', index, 'unified:2'),
  });

const why = (r: { name: string }) =>
  `${r.name} on a: unified 1 → 2 nodes per worker, which KServe cannot change in place; replaced by a replica of the new shape`;

const cases: { name: string; input: ScheduleInput; want: ScheduleOutcome }[] = [
  {
    name: 'a serving replica of the old size is held while its replacement starts beside it',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...twoNodes }),
      clusters: [inferenceCluster('a', { pools: nodes(3) })],
      classes,
      replicas: [old(0, true)],
    },
    want: scheduled({
      placements: [newPlacement('a', 1, { unified: 'gpu' }, twoNodeSize)],
      outgoing: [old(0, true)],
      candidateClusters: 1,
    }),
  },
  {
    name: 'once the replacement serves, the old replica goes',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...twoNodes }),
      clusters: [inferenceCluster('a', { pools: nodes(3) })],
      classes,
      replicas: [old(0, true), resized(1, true)],
    },
    want: scheduled({
      placements: [keptPlacement(resized(1, true), twoNodeSize)],
      removals: [{ replica: old(0, true), reason: 'Resized', message: why(old(0, true)) }],
      candidateClusters: 1,
    }),
  },
  {
    name: 'an old replica that does not serve goes at once; its index is not reused in the same pass',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...twoNodes }),
      clusters: [inferenceCluster('a', { pools: nodes(3) })],
      classes,
      replicas: [old(0, false)],
    },
    want: scheduled({
      placements: [newPlacement('a', 1, { unified: 'gpu' }, twoNodeSize)],
      removals: [{ replica: old(0, false), reason: 'Resized', message: why(old(0, false)) }],
      candidateClusters: 1,
    }),
  },
  {
    name: 'where the pool cannot hold both, the old replica goes first (break before make)',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...twoNodes }),
      clusters: [inferenceCluster('a', { pools: nodes(2) })],
      classes,
      replicas: [old(0, true)],
    },
    want: scheduled({
      placements: [newPlacement('a', 1, { unified: 'gpu' }, twoNodeSize)],
      removals: [{ replica: old(0, true), reason: 'Resized', message: why(old(0, true)) }],
      candidateClusters: 1,
    }),
  },
  {
    name: 'a rolling replacement: old replicas keep serving while any replacement fits beside them',
    input: {
      deployment: modelDeployment('qwen', { replicas: 2, ...twoNodes }),
      clusters: [inferenceCluster('a', { pools: nodes(4) })],
      classes,
      replicas: [old(0, true), old(1, true)],
    },
    want: scheduled({
      placements: [newPlacement('a', 2, { unified: 'gpu' }, twoNodeSize)],
      outgoing: [old(0, true), old(1, true)],
      unschedulable: {
        replicas: 1,
        message:
          '0/1 clusters available: 1 insufficient capacity (pool gpu: needs 2 nodes with 8 free GPUs, has 0)',
      },
      candidateClusters: 1,
    }),
  },
  {
    name: 'the rolling replacement goes on as replacements serve: one old replica is let go for the next',
    input: {
      deployment: modelDeployment('qwen', { replicas: 2, ...twoNodes }),
      clusters: [inferenceCluster('a', { pools: nodes(4) })],
      classes,
      replicas: [old(0, true), old(1, true), resized(2, true)],
    },
    want: scheduled({
      placements: [
        keptPlacement(resized(2, true), twoNodeSize),
        newPlacement('a', 3, { unified: 'gpu' }, twoNodeSize),
      ],
      removals: [
        { replica: old(0, true), reason: 'Resized', message: why(old(0, true)) },
        { replica: old(1, true), reason: 'Resized', message: why(old(1, true)) },
      ],
      candidateClusters: 1,
    }),
  },
  {
    name: 'a tensor change on the same nodes is made in place: same name, no replacement',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, topology: { tensor: 4 } }),
      clusters: [inferenceCluster('a', { pools: nodes(3) })],
      classes,
      replicas: [old(0, true)],
    },
    want: scheduled({
      placements: [keptPlacement(old(0, true), { gpus: 4, nodes: 1 })],
      candidateClusters: 1,
    }),
  },
];

describe('schedule: nodes per worker changed', () => {
  it.each(cases)('$name', ({ input, want }) => {
    expect(schedule(input)).toEqual(want);
  });

  it('names replicas of a multi-node size apart from those of one node; one-node names are unchanged', () => {
    expect([
      replicaName('ml-team', 'qwen', 'a', 0),
      replicaName('ml-team', 'qwen', 'a', 0, ''),
      replicaName('ml-team', 'qwen', 'a', 0, 'unified:2'),
      replicaName('ml-team', 'qwen', 'a', 0, 'decode:2'),
    ]).toEqual([
      'qwen-0ec15',
      'qwen-0ec15',
      expect.stringMatching(/^qwen-[0-9a-f]{5}$/),
      expect.stringMatching(/^qwen-[0-9a-f]{5}$/),
    ]);
    expect(
      new Set(
        [0, 'unified:2', 'decode:2'].map((k) =>
          replicaName('ml-team', 'qwen', 'a', 0, k === 0 ? '' : String(k)),
        ),
      ).size,
    ).toBe(3);
  });
});
