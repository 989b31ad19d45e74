// SPEC 5 step 2: retain this deployment's replicas where they are, or say why one is re-placed.

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
  inferenceClass('a100-8x', { gpus: 8, product: 'NVIDIA-A100' }),
  inferenceClass('h200-8x', { gpus: 8, product: 'NVIDIA-H200' }),
  inferenceClass('gpu-4x', { gpus: 4 }),
];
const wholeNode = { gpus: 8, nodes: 1 };
const t8 = { topology: { tensor: 8 } };
const onlyH200 = 'device.attributes["modelplane.ai"].class == "h200-8x"';

const ourA0 = observedReplica('qwen', 'a', 0, t8);
const ourA0OnA100 = observedReplica('qwen', 'a', 0, { ...t8, pool: 'a100' });
const ourB0 = observedReplica('qwen', 'b', 0, t8);
const duplicateA0 = observedReplica('qwen', 'a', 0, { ...t8, name: 'qwen-zzzzz' });
const ourOnGone = observedReplica('qwen', 'gone', 0, t8);
const ourDisaggregated = observedReplica('qwen', 'a', 0, {
  decode: { pool: 'gpu', ...t8 },
  prefill: { pool: 'gpu', ...t8 },
});

const cases: { name: string; input: ScheduleInput; want: ScheduleOutcome }[] = [
  {
    name: 'sticky: a kept replica stays on a cluster that is now fuller than another, even overcommitted',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...t8 }),
      clusters: [
        inferenceCluster('a'),
        inferenceCluster('b', { pools: [pool('gpu', 'gpu-8x', { nodeCount: 4 })] }),
      ],
      classes,
      replicas: [ourA0, observedReplica('llama', 'a', 0, { namespace: 'research', ...t8 })],
    },
    want: scheduled({ placements: [keptPlacement(ourA0, wholeNode)], candidateClusters: 2 }),
  },
  {
    name: 'a replica whose cluster left the clusterSelector is removed and re-placed on a matching cluster',
    input: {
      deployment: modelDeployment('qwen', {
        replicas: 1,
        ...t8,
        clusterSelector: { matchLabels: { tier: 'prod' } },
      }),
      clusters: [
        inferenceCluster('a', { labels: { tier: 'dev' } }),
        inferenceCluster('b', { labels: { tier: 'prod' } }),
      ],
      classes,
      replicas: [ourA0],
    },
    want: scheduled({
      placements: [newPlacement('b', 0, { unified: 'gpu' }, wholeNode)],
      removals: [
        {
          replica: ourA0,
          reason: 'ClusterNotSelected',
          message: `${ourA0.name} on a: a no longer matches clusterSelector`,
        },
      ],
      candidateClusters: 1,
    }),
  },
  {
    name: 'a replica whose cluster was deleted is removed and re-placed',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...t8 }),
      clusters: [inferenceCluster('a')],
      classes,
      replicas: [ourOnGone],
    },
    want: scheduled({
      placements: [newPlacement('a', 0, { unified: 'gpu' }, wholeNode)],
      removals: [
        {
          replica: ourOnGone,
          reason: 'ClusterNotSelected',
          message: `${ourOnGone.name} on gone: InferenceCluster gone not found`,
        },
      ],
      candidateClusters: 1,
    }),
  },
  {
    name: 'a replica whose pool stops matching the nodeSelector is re-placed on a matching pool at the same index',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...t8, cel: onlyH200 }),
      clusters: [inferenceCluster('a', { pools: [pool('a100', 'a100-8x'), pool('h200', 'h200-8x')] })],
      classes,
      replicas: [ourA0OnA100],
    },
    want: scheduled({
      placements: [newPlacement('a', 0, { unified: 'h200' }, wholeNode)],
      removals: [
        {
          replica: ourA0OnA100,
          reason: 'PoolChanged',
          message: `${ourA0OnA100.name} on a: pool a100 no longer matches nodeSelector`,
        },
      ],
      candidateClusters: 1,
    }),
  },
  {
    name: 'a replica whose pool was removed from the cluster is re-placed',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...t8 }),
      clusters: [inferenceCluster('a', { pools: [pool('h200', 'h200-8x')] })],
      classes,
      replicas: [ourA0],
    },
    want: scheduled({
      placements: [newPlacement('a', 0, { unified: 'h200' }, wholeNode)],
      removals: [
        { replica: ourA0, reason: 'PoolChanged', message: `${ourA0.name} on a: pool gpu no longer exists` },
      ],
      candidateClusters: 1,
    }),
  },
  {
    name: 'a replica whose pool class has too few GPUs for the new topology is re-placed',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...t8 }),
      clusters: [inferenceCluster('a', { pools: [pool('gpu', 'gpu-4x'), pool('big', 'gpu-8x')] })],
      classes,
      replicas: [ourA0],
    },
    want: scheduled({
      placements: [newPlacement('a', 0, { unified: 'big' }, wholeNode)],
      removals: [
        {
          replica: ourA0,
          reason: 'PoolChanged',
          message: `${ourA0.name} on a: pool gpu has 4 GPUs per node, needs 8`,
        },
      ],
      candidateClusters: 1,
    }),
  },
  {
    name: 'a disaggregated replica is re-placed when the deployment becomes unified',
    input: {
      deployment: modelDeployment('qwen', { replicas: 1, ...t8 }),
      clusters: [inferenceCluster('a', { pools: [pool('gpu', 'gpu-8x', { nodeCount: 3 })] })],
      classes,
      replicas: [ourDisaggregated],
    },
    want: scheduled({
      placements: [newPlacement('a', 0, { unified: 'gpu' }, wholeNode)],
      removals: [
        {
          replica: ourDisaggregated,
          reason: 'PoolChanged',
          message: `${ourDisaggregated.name} on a: was placed for prefill/decode serving; the deployment is now unified`,
        },
      ],
      candidateClusters: 1,
    }),
  },
  {
    name: 'two replicas claiming the same cluster and index: the first by name is kept',
    input: {
      deployment: modelDeployment('qwen', { replicas: 2, ...t8 }),
      clusters: [inferenceCluster('a', { pools: [pool('gpu', 'gpu-8x', { nodeCount: 2 })] })],
      classes,
      replicas: [duplicateA0, ourA0],
    },
    want: scheduled({
      placements: [keptPlacement(ourA0, wholeNode), newPlacement('a', 1, { unified: 'gpu' }, wholeNode)],
      removals: [
        {
          replica: duplicateA0,
          reason: 'Duplicate',
          message: `qwen-zzzzz on a: replica index 0 is already held by ${ourA0.name}`,
        },
      ],
      candidateClusters: 1,
    }),
  },
  {
    name: 'a kept replica on a cluster that is not Ready stays; it only gets no new neighbours',
    input: {
      deployment: modelDeployment('qwen', { replicas: 2, ...t8 }),
      clusters: [
        inferenceCluster('a', { ready: false, pools: [pool('gpu', 'gpu-8x', { nodeCount: 4 })] }),
        inferenceCluster('b'),
      ],
      classes,
      replicas: [ourA0],
    },
    want: scheduled({
      placements: [keptPlacement(ourA0, wholeNode), newPlacement('b', 0, { unified: 'gpu' }, wholeNode)],
      candidateClusters: 2,
    }),
  },
  {
    name: 'removals are sorted by name and the survivors keep their places',
    input: {
      deployment: modelDeployment('qwen', {
        replicas: 1,
        ...t8,
        clusterSelector: { matchLabels: { tier: 'prod' } },
      }),
      clusters: [inferenceCluster('a', { labels: { tier: 'prod' } }), inferenceCluster('b')],
      classes,
      replicas: [ourOnGone, ourB0, ourA0],
    },
    want: scheduled({
      placements: [keptPlacement(ourA0, wholeNode)],
      removals: [
        {
          replica: ourOnGone,
          reason: 'ClusterNotSelected',
          message: 'qwen-628d6 on gone: InferenceCluster gone not found',
        },
        {
          replica: ourB0,
          reason: 'ClusterNotSelected',
          message: 'qwen-bd934 on b: b no longer matches clusterSelector',
        },
      ],
      candidateClusters: 1,
    }),
  },
];

describe('schedule: retain', () => {
  it.each(cases)('$name', ({ input, want }) => {
    expect(schedule(input)).toEqual(want);
  });
});
