// SPEC 5 steps 4–5: the ledger and the fill (spread before pack, first-fit pool, lowest free index).

import { describe, expect, it } from 'vitest';
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

const classes = [
  inferenceClass('gpu-8x', { gpus: 8 }),
  inferenceClass('gpu-4x', { gpus: 4 }),
  inferenceClass('small-cpu', { gpus: 8, cpu: '16', memory: '64Gi' }),
];
const wholeNode = { gpus: 8, nodes: 1 };
const t8 = { topology: { tensor: 8 } };
const nodes = (n: number) => [pool('gpu', 'gpu-8x', { nodeCount: n })];

const ourA0 = observedReplica('qwen', 'a', 0, t8);
const ourA2 = observedReplica('qwen', 'a', 2, t8);

const cases: { name: string; input: ScheduleInput; want: ScheduleOutcome }[] = [
  {
    name: 'spread first: three replicas over three empty clusters land one per cluster',
    input: {
      deployment: modelDeployment('qwen', { replicas: 3, ...t8 }),
      clusters: ['c', 'a', 'b'].map((n) => inferenceCluster(n, { pools: nodes(2) })),
      classes,
      replicas: [],
    },
    want: scheduled({
      placements: [
        newPlacement('a', 0, { unified: 'gpu' }, wholeNode),
        newPlacement('b', 0, { unified: 'gpu' }, wholeNode),
        newPlacement('c', 0, { unified: 'gpu' }, wholeNode),
      ],
      candidateClusters: 3,
    }),
  },
  {
    name: 'then pack: the third replica on two clusters goes back to the first by name',
    input: {
      deployment: modelDeployment('qwen', { replicas: 3, ...t8 }),
      clusters: ['b', 'a'].map((n) => inferenceCluster(n, { pools: nodes(4) })),
      classes,
      replicas: [],
    },
    want: scheduled({
      placements: [
        newPlacement('a', 0, { unified: 'gpu' }, wholeNode),
        newPlacement('a', 1, { unified: 'gpu' }, wholeNode),
        newPlacement('b', 0, { unified: 'gpu' }, wholeNode),
      ],
      candidateClusters: 2,
    }),
  },
  {
    name: 'one cluster packs every replica when it is the only option',
    input: {
      deployment: modelDeployment('qwen', { replicas: 3, ...t8 }),
      clusters: [inferenceCluster('a', { pools: nodes(3) })],
      classes,
      replicas: [],
    },
    want: scheduled({
      placements: [0, 1, 2].map((i) => newPlacement('a', i, { unified: 'gpu' }, wholeNode)),
      candidateClusters: 1,
    }),
  },
  {
    name: 'a cluster that is full is skipped and the others take the rest',
    input: {
      deployment: modelDeployment('qwen', { replicas: 3, ...t8 }),
      clusters: [inferenceCluster('a', { pools: nodes(4) }), inferenceCluster('b', { pools: nodes(1) })],
      classes,
      replicas: [],
    },
    want: scheduled({
      placements: [
        newPlacement('a', 0, { unified: 'gpu' }, wholeNode),
        newPlacement('a', 1, { unified: 'gpu' }, wholeNode),
        newPlacement('b', 0, { unified: 'gpu' }, wholeNode),
      ],
      candidateClusters: 2,
    }),
  },
  {
    name: 'a kept replica counts toward its cluster, so the next one spreads to the other cluster',
    input: {
      deployment: modelDeployment('qwen', { replicas: 2, ...t8 }),
      clusters: ['a', 'b'].map((n) => inferenceCluster(n, { pools: nodes(2) })),
      classes,
      replicas: [ourA0],
    },
    want: scheduled({
      placements: [keptPlacement(ourA0, wholeNode), newPlacement('b', 0, { unified: 'gpu' }, wholeNode)],
      candidateClusters: 2,
    }),
  },
  {
    name: 'a new replica takes the lowest free index on its cluster',
    input: {
      deployment: modelDeployment('qwen', { replicas: 3, ...t8 }),
      clusters: [inferenceCluster('a', { pools: nodes(3) })],
      classes,
      replicas: [ourA2, ourA0],
    },
    want: scheduled({
      placements: [
        keptPlacement(ourA0, wholeNode),
        newPlacement('a', 1, { unified: 'gpu' }, wholeNode),
        keptPlacement(ourA2, wholeNode),
      ],
      candidateClusters: 1,
    }),
  },
  {
    name: 'unified serving takes the first pool in nodePools order that fits and has room',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...t8 }),
      clusters: [
        inferenceCluster('a', {
          pools: [
            pool('l4', 'gpu-4x', { nodeCount: 4 }),
            pool('busy', 'gpu-8x'),
            pool('idle', 'gpu-8x'),
            pool('spare', 'gpu-8x'),
          ],
        }),
      ],
      classes,
      replicas: [observedReplica('llama', 'a', 0, { pool: 'busy', ...t8 })],
    },
    want: scheduled({
      placements: [newPlacement('a', 0, { unified: 'idle' }, wholeNode)],
      candidateClusters: 1,
    }),
  },
  {
    name: 'four tensor=2 workers of another deployment share one node, leaving two whole nodes for a tensor=8 pipeline=2 worker',
    input: {
      deployment: modelDeployment('qwen', { topology: { tensor: 8, pipeline: 2 } }),
      clusters: [inferenceCluster('a', { pools: nodes(3) })],
      classes,
      replicas: [observedReplica('llama', 'a', 0, { count: 4, topology: { tensor: 2 } })],
    },
    want: scheduled({
      placements: [newPlacement('a', 0, { unified: 'gpu' }, { gpus: 16, nodes: 2 })],
      candidateClusters: 1,
    }),
  },
  {
    name: 'data=16 dataLocal=8 needs two nodes per worker, so a one-node cluster cannot hold it',
    input: {
      deployment: modelDeployment('qwen', { topology: { data: 16, dataLocal: 8 } }),
      clusters: [inferenceCluster('a', { pools: nodes(1) }), inferenceCluster('b', { pools: nodes(2) })],
      classes,
      replicas: [],
    },
    want: scheduled({
      placements: [newPlacement('b', 0, { unified: 'gpu' }, { gpus: 16, nodes: 2 })],
      candidateClusters: 2,
    }),
  },
  {
    name: "other deployments' replicas in any namespace consume capacity",
    input: {
      deployment: modelDeployment('qwen', { replicas: 2, ...t8 }),
      clusters: [inferenceCluster('a', { pools: nodes(2) }), inferenceCluster('b', { pools: nodes(2) })],
      classes,
      replicas: [
        observedReplica('llama', 'a', 0, { namespace: 'research', ...t8 }),
        observedReplica('mistral', 'a', 0, { namespace: 'ml-team', ...t8 }),
      ],
    },
    want: scheduled({
      placements: [
        newPlacement('b', 0, { unified: 'gpu' }, wholeNode),
        newPlacement('b', 1, { unified: 'gpu' }, wholeNode),
      ],
      candidateClusters: 2,
    }),
  },
  {
    name: 'a same-named deployment in another namespace is not ours: it is neither kept nor removed, and it holds its capacity',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...t8 }),
      clusters: [inferenceCluster('a', { pools: nodes(1) }), inferenceCluster('b', { pools: nodes(1) })],
      classes,
      replicas: [observedReplica('qwen', 'a', 0, { namespace: 'research', ...t8 })],
    },
    want: scheduled({
      placements: [newPlacement('b', 0, { unified: 'gpu' }, wholeNode)],
      candidateClusters: 2,
    }),
  },
  {
    name: 'a replica stamped on a pool that no longer exists charges nothing',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...t8 }),
      clusters: [inferenceCluster('a', { pools: nodes(1) })],
      classes,
      replicas: [observedReplica('llama', 'a', 0, { pool: 'retired', ...t8 })],
    },
    want: scheduled({
      placements: [newPlacement('a', 0, { unified: 'gpu' }, wholeNode)],
      candidateClusters: 1,
    }),
  },
  {
    name: 'an autoscaled pool offers maxNodeCount nodes',
    input: {
      deployment: modelDeployment('qwen', { replicas: 3, ...t8 }),
      clusters: [
        inferenceCluster('a', {
          pools: [pool('gpu', 'gpu-8x', { nodeCount: 0, minNodeCount: 0, maxNodeCount: 3 })],
        }),
      ],
      classes,
      replicas: [],
    },
    want: scheduled({
      placements: [0, 1, 2].map((i) => newPlacement('a', i, { unified: 'gpu' }, wholeNode)),
      candidateClusters: 1,
    }),
  },
  {
    name: "worker resources must fit the class's per-node cpu and memory when it declares them",
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...t8, resources: { cpu: '32', memory: '64Gi' } }),
      clusters: [
        inferenceCluster('a', {
          pools: [pool('small', 'small-cpu', { nodeCount: 4 }), pool('gpu', 'gpu-8x')],
        }),
      ],
      classes,
      replicas: [],
    },
    want: scheduled({
      placements: [newPlacement('a', 0, { unified: 'gpu' }, wholeNode)],
      candidateClusters: 1,
    }),
  },
];

describe('schedule: ledger and fill', () => {
  it.each(cases)('$name', ({ input, want }) => {
    expect(schedule(input)).toEqual(want);
  });
});
