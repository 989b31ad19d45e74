// SPEC 5 step 6: the kube-scheduler style shortfall message, one reason per cluster, counted and
// sorted by reason text. Every reason text the scheduler can produce is pinned here.

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

const classes = [
  inferenceClass('h200-8x', { gpus: 8, cpu: '192', memory: '2Ti' }),
  inferenceClass('l4-4x', { gpus: 4 }),
  inferenceClass('t4-2x', { gpus: 2 }),
  inferenceClass('b200-16x', { gpus: 16 }),
  inferenceClass('lean-8x', { gpus: 8, cpu: '16', memory: '128Gi' }),
];
const t8 = { topology: { tensor: 8 } };
const onClass = (name: string) => `device.attributes["modelplane.ai"].class == "${name}"`;

function none(replicas: number, candidateClusters: number, message: string): ScheduleOutcome {
  return scheduled({ placements: [], unschedulable: { replicas, message }, candidateClusters });
}

const cases: { name: string; input: ScheduleInput; want: ScheduleOutcome }[] = [
  {
    name: 'each cluster gets its first failing reason, counted over every cluster and sorted by text',
    input: {
      deployment: modelDeployment('qwen', {
        replicas: 1,
        topology: { tensor: 8, pipeline: 2 },
        clusterSelector: { matchLabels: { tier: 'prod' } },
      }),
      clusters: [
        inferenceCluster('dev', { labels: { tier: 'dev' } }),
        inferenceCluster('down', { labels: { tier: 'prod' }, ready: false }),
        inferenceCluster('fenced', {
          labels: { tier: 'prod' },
          taints: [{ key: 'maintenance', value: 'true', effect: 'NoExecute' }],
        }),
        ...['east', 'west'].map((n) =>
          inferenceCluster(n, {
            labels: { tier: 'prod' },
            pools: [pool('h200', 'h200-8x', { nodeCount: 2 })],
          }),
        ),
      ],
      classes,
      replicas: ['east', 'west'].map((c) => observedReplica('llama', c, 0, { pool: 'h200', ...t8 })),
    },
    want: none(
      1,
      4,
      "0/5 clusters available: 1 didn't match clusterSelector, 1 had untolerated taint {maintenance: true}, 2 insufficient capacity (pool h200: needs 2 nodes with 8 free GPUs, has 1), 1 not Ready",
    ),
  },
  {
    name: 'no pool matching the nodeSelector is its own reason',
    input: {
      deployment: modelDeployment('qwen', { ...t8, cel: onClass('b200-16x') }),
      clusters: [inferenceCluster('a', { pools: [pool('h200', 'h200-8x')] })],
      classes,
      replicas: [],
    },
    want: none(1, 1, '0/1 clusters available: 1 no pool matches nodeSelector'),
  },
  {
    name: 'too few GPUs per node names the largest among the pools the nodeSelector matched',
    input: {
      deployment: modelDeployment('qwen', {
        ...t8,
        cel: '!(device.attributes["modelplane.ai"].class == "b200-16x")',
      }),
      clusters: [
        inferenceCluster('a', {
          pools: [pool('t4', 't4-2x'), pool('l4', 'l4-4x'), pool('b200', 'b200-16x')],
        }),
      ],
      classes,
      replicas: [],
    },
    want: none(1, 1, '0/1 clusters available: 1 no pool has 8 GPUs per node (largest 4)'),
  },
  {
    name: "worker resources above every class's per-node allocatable are their own reason",
    input: {
      deployment: modelDeployment('qwen', { ...t8, resources: { cpu: '32', memory: '256Gi' } }),
      clusters: [inferenceCluster('a', { pools: [pool('lean', 'lean-8x'), pool('l4', 'l4-4x')] })],
      classes,
      replicas: [],
    },
    want: none(1, 1, '0/1 clusters available: 1 no pool fits worker resources (cpu 32, memory 256Gi)'),
  },
  {
    name: 'a cluster whose pools all name missing classes says which',
    input: {
      deployment: modelDeployment('qwen', t8),
      clusters: [
        inferenceCluster('a', { pools: [pool('x', 'ghost-8x')] }),
        inferenceCluster('b', {
          pools: [pool('x', 'ghost-8x'), pool('y', 'phantom-4x'), pool('z', 'ghost-8x')],
        }),
      ],
      classes,
      replicas: [],
    },
    want: none(
      1,
      2,
      '0/2 clusters available: 1 InferenceClass ghost-8x not found, 1 InferenceClasses ghost-8x, phantom-4x not found',
    ),
  },
  {
    name: 'insufficient capacity lists every pool that fits the role, in nodePools order',
    input: {
      deployment: modelDeployment('qwen', t8),
      clusters: [
        inferenceCluster('a', {
          pools: [pool('h200', 'h200-8x'), pool('l4', 'l4-4x'), pool('b200', 'b200-16x', { nodeCount: 0 })],
        }),
      ],
      classes,
      replicas: [observedReplica('llama', 'a', 0, { pool: 'h200', topology: { tensor: 4 } })],
    },
    want: none(
      1,
      1,
      '0/1 clusters available: 1 insufficient capacity (pool h200: needs 1 node with 8 free GPUs, has 0; pool b200: needs 1 node with 8 free GPUs, has 0)',
    ),
  },
  {
    name: 'with several workers "has" counts the node slices a pool can offer them',
    input: {
      deployment: modelDeployment('qwen', { count: 4, topology: { tensor: 2 } }),
      clusters: [inferenceCluster('a', { pools: [pool('h200', 'h200-8x')] })],
      classes,
      replicas: [observedReplica('llama', 'a', 0, { pool: 'h200', topology: { tensor: 2 } })],
    },
    want: none(
      1,
      1,
      '0/1 clusters available: 1 insufficient capacity (pool h200: needs 4 nodes with 2 free GPUs, has 3)',
    ),
  },
  {
    name: 'a pool with the room that cannot take the replica at its place in name order is marked fragmented',
    input: {
      // Charged in (namespace, name) order: ml-team/qwen-… first, then research/alpha-…, research/beta-….
      // qwen takes one GPU of node 1, alpha the other, and beta's two-node worker finds one node.
      deployment: modelDeployment('qwen', { topology: { tensor: 1 } }),
      clusters: [inferenceCluster('a', { pools: [pool('gpu', 't4-2x', { nodeCount: 2 })] })],
      classes,
      replicas: [
        observedReplica('alpha', 'a', 0, { namespace: 'research', pool: 'gpu', topology: { tensor: 1 } }),
        observedReplica('beta', 'a', 0, {
          namespace: 'research',
          pool: 'gpu',
          topology: { tensor: 1, pipeline: 2 },
        }),
      ],
    },
    want: none(
      1,
      1,
      '0/1 clusters available: 1 insufficient capacity (pool gpu: needs 1 node with 1 free GPU, has 1 (fragmented))',
    ),
  },
  {
    name: 'a partial placement explains only why the rest did not fit',
    input: {
      deployment: modelDeployment('qwen', { replicas: 3, ...t8 }),
      clusters: [inferenceCluster('a', { pools: [pool('h200', 'h200-8x', { nodeCount: 2 })] })],
      classes,
      replicas: [],
    },
    want: scheduled({
      placements: [0, 1].map((i) => newPlacement('a', i, { unified: 'h200' }, { gpus: 8, nodes: 1 })),
      unschedulable: {
        replicas: 1,
        message:
          '0/1 clusters available: 1 insufficient capacity (pool h200: needs 1 node with 8 free GPUs, has 0)',
      },
      candidateClusters: 1,
    }),
  },
  {
    name: 'no InferenceCluster at all is said plainly',
    input: { deployment: modelDeployment('qwen', t8), clusters: [], classes, replicas: [] },
    want: none(1, 0, '0/0 clusters available: no InferenceClusters exist'),
  },
  {
    name: 'prefill/decode reasons name the role that cannot be placed, decode first',
    input: {
      deployment: modelDeployment('qwen', {
        decode: { topology: { tensor: 8 } },
        prefill: { topology: { tensor: 2 }, resources: { cpu: '64' } },
      }),
      clusters: [
        inferenceCluster('a', { pools: [pool('l4', 'l4-4x')] }),
        inferenceCluster('b', { pools: [pool('lean', 'lean-8x')] }),
        inferenceCluster('c', {
          pools: [pool('l4', 'l4-4x', { nodeCount: 2 }), pool('h200', 'h200-8x', { nodeCount: 2 })],
        }),
      ],
      classes,
      replicas: [
        // Six of eight GPUs taken on each node: GPU-granular, but no whole node left.
        observedReplica('llama', 'c', 0, { pool: 'h200', topology: { tensor: 6 } }),
        observedReplica('llama', 'c', 1, { pool: 'h200', topology: { tensor: 6 } }),
      ],
    },
    want: none(
      1,
      3,
      '0/3 clusters available: 1 insufficient capacity (decode pool h200: needs 1 node with 8 free GPUs, has 0), 1 no pool fits prefill worker resources (cpu 64), 1 no pool has 8 GPUs per node for decode (largest 4)',
    ),
  },
];

describe('schedule: shortfall explanation', () => {
  it.each(cases)('$name', ({ input, want }) => {
    expect(schedule(input)).toEqual(want);
  });
});
