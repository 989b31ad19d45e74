// SPEC 5 steps 1 and 5: which clusters are candidates (clusterSelector) and which of them may
// receive new replicas (Ready, no untolerated NoSchedule/NoExecute taint).

import { describe, expect, it } from 'vitest';
import type { LabelSelector, Taint, Toleration } from '../apis/index.js';
import {
  inferenceClass,
  inferenceCluster,
  keptPlacement,
  modelDeployment,
  newPlacement,
  observedReplica,
  scheduled,
} from '../../tests/builders/fleet.js';
import { schedule } from './schedule.js';
import type { ScheduleInput, ScheduleOutcome } from './types.js';

const classes = [inferenceClass('gpu-8x', { gpus: 8 })];
const wholeNode = { gpus: 8, nodes: 1 };
const t8 = { topology: { tensor: 8 } };
const gpu = { unified: 'gpu' };

const fleet = [
  inferenceCluster('east', { labels: { region: 'us-east1', tier: 'prod', gpu: 'h200' } }),
  inferenceCluster('central', { labels: { region: 'us-central1', tier: 'prod' } }),
  inferenceCluster('west', { labels: { region: 'us-west1', tier: 'dev' } }),
];

describe('schedule: clusterSelector', () => {
  const cases: { name: string; selector: LabelSelector | undefined; want: ScheduleOutcome }[] = [
    {
      name: 'no selector makes every cluster a candidate',
      selector: undefined,
      want: scheduled({
        placements: ['central', 'east', 'west'].map((c) => newPlacement(c, 0, gpu, wholeNode)),
        candidateClusters: 3,
      }),
    },
    {
      name: 'matchLabels selects clusters with every listed label',
      selector: { matchLabels: { tier: 'prod' } },
      want: scheduled({
        placements: ['central', 'east'].map((c) => newPlacement(c, 0, gpu, wholeNode)),
        unschedulable: {
          replicas: 1,
          message:
            "0/3 clusters available: 1 didn't match clusterSelector, 2 insufficient capacity (pool gpu: needs 1 node with 8 free GPUs, has 0)",
        },
        candidateClusters: 2,
      }),
    },
    {
      name: 'matchExpressions In selects clusters whose label is in the list',
      selector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['us-east1', 'us-west1'] }] },
      want: scheduled({
        placements: ['east', 'west'].map((c) => newPlacement(c, 0, gpu, wholeNode)),
        unschedulable: {
          replicas: 1,
          message:
            "0/3 clusters available: 1 didn't match clusterSelector, 2 insufficient capacity (pool gpu: needs 1 node with 8 free GPUs, has 0)",
        },
        candidateClusters: 2,
      }),
    },
    {
      name: 'matchExpressions NotIn also selects clusters without the label',
      selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['prod'] }] },
      want: scheduled({
        placements: [newPlacement('west', 0, gpu, wholeNode)],
        unschedulable: {
          replicas: 2,
          message:
            "0/3 clusters available: 2 didn't match clusterSelector, 1 insufficient capacity (pool gpu: needs 1 node with 8 free GPUs, has 0)",
        },
        candidateClusters: 1,
      }),
    },
    {
      name: 'matchExpressions Exists and DoesNotExist test only the key',
      selector: {
        matchExpressions: [
          { key: 'tier', operator: 'Exists' },
          { key: 'gpu', operator: 'DoesNotExist' },
        ],
      },
      want: scheduled({
        placements: ['central', 'west'].map((c) => newPlacement(c, 0, gpu, wholeNode)),
        unschedulable: {
          replicas: 1,
          message:
            "0/3 clusters available: 1 didn't match clusterSelector, 2 insufficient capacity (pool gpu: needs 1 node with 8 free GPUs, has 0)",
        },
        candidateClusters: 2,
      }),
    },
    {
      name: 'matchLabels and matchExpressions are ANDed',
      selector: {
        matchLabels: { tier: 'prod' },
        matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['us-east1'] }],
      },
      want: scheduled({
        placements: [newPlacement('central', 0, gpu, wholeNode)],
        unschedulable: {
          replicas: 2,
          message:
            "0/3 clusters available: 2 didn't match clusterSelector, 1 insufficient capacity (pool gpu: needs 1 node with 8 free GPUs, has 0)",
        },
        candidateClusters: 1,
      }),
    },
    {
      name: 'a selector nothing matches leaves no candidates',
      selector: { matchLabels: { tier: 'staging' } },
      want: scheduled({
        placements: [],
        unschedulable: { replicas: 3, message: "0/3 clusters available: 3 didn't match clusterSelector" },
        candidateClusters: 0,
      }),
    },
  ];
  it.each(cases)('$name', ({ selector, want }) => {
    const deployment = modelDeployment('qwen', {
      replicas: 3,
      ...t8,
      ...(selector ? { clusterSelector: selector } : {}),
    });
    expect(schedule({ deployment, clusters: fleet, classes, replicas: [] })).toEqual(want);
  });
});

describe('schedule: readiness and taints', () => {
  const maintenance: Taint = { key: 'maintenance', value: 'true', effect: 'NoExecute' };
  const dedicated: Taint = { key: 'dedicated', value: 'batch', effect: 'NoSchedule' };
  const spot: Taint = { key: 'spot', effect: 'PreferNoSchedule' };
  const ourA0 = observedReplica('qwen', 'a', 0, t8);

  function input(cluster: Parameters<typeof inferenceCluster>[1], tolerations?: Toleration[]): ScheduleInput {
    return {
      deployment: modelDeployment('qwen', { replicas: 2, ...t8, ...(tolerations ? { tolerations } : {}) }),
      clusters: [inferenceCluster('a', cluster), inferenceCluster('b')],
      classes,
      replicas: [ourA0],
    };
  }

  const cases: { name: string; input: ScheduleInput; want: ScheduleOutcome }[] = [
    {
      name: 'a cluster that is not Ready keeps its replica but gets no new one',
      input: input({ ready: false, pools: [{ name: 'gpu', class: 'gpu-8x', nodeCount: 4 }] }),
      want: scheduled({
        placements: [keptPlacement(ourA0, wholeNode), newPlacement('b', 0, gpu, wholeNode)],
        candidateClusters: 2,
      }),
    },
    {
      name: 'a cluster without a Ready condition counts as not Ready',
      input: {
        deployment: modelDeployment('qwen', { replicas: 1, ...t8 }),
        clusters: [inferenceCluster('a', { ready: undefined })],
        classes,
        replicas: [],
      },
      want: scheduled({
        placements: [],
        unschedulable: { replicas: 1, message: '0/1 clusters available: 1 not Ready' },
        candidateClusters: 1,
      }),
    },
    {
      name: 'NoSchedule keeps new replicas off but leaves the existing one',
      input: input({ taints: [dedicated], pools: [{ name: 'gpu', class: 'gpu-8x', nodeCount: 4 }] }),
      want: scheduled({
        placements: [keptPlacement(ourA0, wholeNode), newPlacement('b', 0, gpu, wholeNode)],
        candidateClusters: 2,
      }),
    },
    {
      name: 'NoExecute drains the existing replica too, and it is re-placed elsewhere',
      input: input({ taints: [maintenance], pools: [{ name: 'gpu', class: 'gpu-8x', nodeCount: 4 }] }),
      want: scheduled({
        placements: [newPlacement('b', 0, gpu, wholeNode)],
        removals: [
          {
            replica: ourA0,
            reason: 'Drained',
            message: `${ourA0.name} on a: untolerated NoExecute taint {maintenance: true}`,
          },
        ],
        unschedulable: {
          replicas: 1,
          message:
            '0/2 clusters available: 1 had untolerated taint {maintenance: true}, 1 insufficient capacity (pool gpu: needs 1 node with 8 free GPUs, has 0)',
        },
        candidateClusters: 2,
      }),
    },
    {
      name: 'a matching toleration lets replicas stay on and land on a NoExecute cluster',
      input: input({ taints: [maintenance], pools: [{ name: 'gpu', class: 'gpu-8x', nodeCount: 4 }] }, [
        { key: 'maintenance', operator: 'Exists' },
      ]),
      want: scheduled({
        placements: [keptPlacement(ourA0, wholeNode), newPlacement('b', 0, gpu, wholeNode)],
        candidateClusters: 2,
      }),
    },
    {
      name: 'a NoSchedule-only toleration keeps new replicas off a NoExecute cluster and still drains it',
      input: input({ taints: [maintenance], pools: [{ name: 'gpu', class: 'gpu-8x', nodeCount: 4 }] }, [
        { key: 'maintenance', operator: 'Exists', effect: 'NoSchedule' },
      ]),
      want: scheduled({
        placements: [newPlacement('b', 0, gpu, wholeNode)],
        removals: [
          {
            replica: ourA0,
            reason: 'Drained',
            message: `${ourA0.name} on a: untolerated NoExecute taint {maintenance: true}`,
          },
        ],
        unschedulable: {
          replicas: 1,
          message:
            '0/2 clusters available: 1 had untolerated taint {maintenance: true}, 1 insufficient capacity (pool gpu: needs 1 node with 8 free GPUs, has 0)',
        },
        candidateClusters: 2,
      }),
    },
    {
      name: 'PreferNoSchedule never repels',
      input: input({ taints: [spot], pools: [{ name: 'gpu', class: 'gpu-8x', nodeCount: 4 }] }),
      want: scheduled({
        placements: [keptPlacement(ourA0, wholeNode), newPlacement('b', 0, gpu, wholeNode)],
        candidateClusters: 2,
      }),
    },
  ];
  it.each(cases)('$name', ({ input, want }) => {
    expect(schedule(input)).toEqual(want);
  });
});
