// User errors stop every new decision (SPEC 5: "Invalid topology or CEL → no new decisions"), and
// CEL cost overruns are warnings, not errors. The CEL budget of one call: a class it leaves
// undecided neither receives a new replica nor loses one.

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
import { CostBudget } from '../cel/index.js';
import { schedule } from './schedule.js';
import type { ModelDeployment, Topology } from '../apis/index.js';
import type { ScheduleInput, ScheduleOutcome } from './types.js';

const classes = [inferenceClass('h200-8x', { gpus: 8 }), inferenceClass('l4-4x', { gpus: 4 })];
const clusters = [inferenceCluster('a', { pools: [pool('l4', 'l4-4x'), pool('h200', 'h200-8x')] })];
const replicas = [observedReplica('qwen', 'a', 0, { pool: 'h200', topology: { tensor: 8 } })];
const hundred = `[${Array.from({ length: 100 }, (_, i) => i).join(',')}]`;
/** A million and more comprehension steps: over the CEL cost limit on every class. */
const expensive = `${hundred}.all(a, ${hundred}.all(b, ${hundred}.all(c, a + b + c >= 0)))`;

/**
 * The deployment with a topology its schema would refuse: the scheduler checks again because its
 * callers (`modelplane plan` among them) may hand it objects that skipped the schema.
 */
function unchecked(deployment: ModelDeployment, topology: Topology): ModelDeployment {
  const workers = deployment.spec.workers;
  if (workers === undefined) throw new Error('unified deployments only');
  return { ...deployment, spec: { ...deployment.spec, workers: { ...workers, topology } } };
}
const skewed: Topology = { tensor: 1, pipeline: 1, data: 6, dataLocal: 4, expert: false };

const cases: { name: string; input: ScheduleInput; want: ScheduleOutcome }[] = [
  {
    name: 'a nodeSelector that does not compile is InvalidNodeSelector at its path, with no decisions',
    input: {
      deployment: modelDeployment('qwen', {
        topology: { tensor: 8 },
        cel: 'device.attributes["modelplane.ai"].gpuCount >= ',
      }),
      clusters,
      classes,
      replicas,
    },
    want: {
      ok: false,
      error: {
        reason: 'InvalidNodeSelector',
        path: 'spec.nodeSelector.cel',
        message: 'syntax error at 1:45: found > but expecting end of input',
      },
    },
  },
  {
    name: "a role's nodeSelector error names the role's path",
    input: {
      deployment: modelDeployment('qwen', {
        decode: { topology: { tensor: 8 } },
        prefill: { topology: { tensor: 8 }, cel: 'device.attributes["modelplane.ai"].gpuCount + 1' },
      }),
      clusters,
      classes,
      replicas,
    },
    want: {
      ok: false,
      error: {
        reason: 'InvalidNodeSelector',
        path: 'spec.prefill.nodeSelector.cel',
        message: 'expression must evaluate to bool, not int',
      },
    },
  },
  {
    name: 'a topology the math refuses is InvalidTopology at its field path',
    input: {
      deployment: unchecked(modelDeployment('qwen'), skewed),
      clusters,
      classes,
      replicas,
    },
    want: {
      ok: false,
      error: {
        reason: 'InvalidTopology',
        path: 'spec.workers.topology.data',
        message: 'must be a multiple of dataLocal (6 % 4 != 0)',
      },
    },
  },
  {
    name: 'too many GPUs per node in a role is InvalidTopology on that role',
    input: {
      deployment: modelDeployment('qwen', {
        decode: { topology: { tensor: 16, data: 8, dataLocal: 8 } },
        prefill: { topology: { tensor: 1 } },
      }),
      clusters,
      classes,
      replicas,
    },
    want: {
      ok: false,
      error: {
        reason: 'InvalidTopology',
        path: 'spec.decode.workers.topology',
        message: 'needs 128 GPUs per node (tensor 16 × dataLocal 8); at most 64',
      },
    },
  },
  {
    name: 'the topology is checked before the nodeSelector',
    input: {
      deployment: unchecked(modelDeployment('qwen', { cel: '(' }), skewed),
      clusters,
      classes,
      replicas,
    },
    want: {
      ok: false,
      error: {
        reason: 'InvalidTopology',
        path: 'spec.workers.topology.data',
        message: 'must be a multiple of dataLocal (6 % 4 != 0)',
      },
    },
  },
  {
    name: 'a nodeSelector over its cost limit matches nothing and warns once per class',
    input: {
      deployment: modelDeployment('qwen', { topology: { tensor: 4 }, cel: expensive }),
      clusters,
      classes,
      replicas: [],
    },
    want: scheduled({
      placements: [],
      unschedulable: { replicas: 1, message: '0/1 clusters available: 1 no pool matches nodeSelector' },
      candidateClusters: 1,
      warnings: [
        'spec.nodeSelector.cel: evaluation on InferenceClass h200-8x exceeded the cost limit of 1000000 units; treated as not matching',
        'spec.nodeSelector.cel: evaluation on InferenceClass l4-4x exceeded the cost limit of 1000000 units; treated as not matching',
      ],
    }),
  },
  {
    name: 'a nodeSelector that fails at run time on one class does not match it, without a warning',
    input: {
      deployment: modelDeployment('qwen', {
        topology: { tensor: 4 },
        cel: 'device.attributes["gpu.nvidia.com"].architecture == "Hopper"',
      }),
      clusters: [inferenceCluster('a', { pools: [pool('l4', 'l4-4x'), pool('h200', 'hopper-8x')] })],
      classes: [
        ...classes,
        inferenceClass('hopper-8x', { attributes: { 'gpu.nvidia.com/architecture': { string: 'Hopper' } } }),
      ],
      replicas: [],
    },
    want: scheduled({
      placements: [newPlacement('a', 0, { unified: 'h200' }, { gpus: 4, nodes: 1 })],
      candidateClusters: 1,
    }),
  },
];

const BUDGET_SPENT = (limit: number) =>
  `spec.nodeSelector.cel: the nodeSelector evaluations of this reconcile spent their budget of ${limit} cost units; InferenceClasses not evaluated yet are undecided: no new replica goes to them and none there is removed`;

describe('schedule: the CEL budget of one call', () => {
  const kept = observedReplica('qwen', 'a', 0, { pool: 'h200', topology: { tensor: 8 } });
  const cases: { name: string; input: ScheduleInput; want: ScheduleOutcome }[] = [
    {
      name: 'a spent budget keeps the replica there and places no new one, with one warning',
      input: {
        deployment: modelDeployment('qwen', {
          replicas: 2,
          topology: { tensor: 8 },
          cel: 'device.attributes["modelplane.ai"].gpuCount >= 8',
        }),
        clusters,
        classes,
        replicas: [kept],
        celBudget: new CostBudget(0),
      },
      want: scheduled({
        placements: [keptPlacement(kept, { gpus: 8, nodes: 1 })],
        unschedulable: { replicas: 1, message: '0/1 clusters available: 1 no pool matches nodeSelector' },
        candidateClusters: 1,
        warnings: [BUDGET_SPENT(0)],
      }),
    },
    {
      name: 'a budget spent by an expensive selector on the first class leaves the others undecided',
      input: {
        deployment: modelDeployment('qwen', { topology: { tensor: 4 }, cel: expensive }),
        clusters,
        classes,
        replicas: [],
        celBudget: new CostBudget(1_500_000),
      },
      want: scheduled({
        placements: [],
        unschedulable: { replicas: 1, message: '0/1 clusters available: 1 no pool matches nodeSelector' },
        candidateClusters: 1,
        warnings: [
          'spec.nodeSelector.cel: evaluation on InferenceClass l4-4x exceeded the cost limit of 1000000 units; treated as not matching',
          BUDGET_SPENT(1_500_000),
        ],
      }),
    },
  ];
  it.each(cases)('$name', ({ input, want }) => {
    expect(schedule(input)).toEqual(want);
  });
});

describe('schedule: user errors and warnings', () => {
  it.each(cases)('$name', ({ input, want }) => {
    expect(schedule(input)).toEqual(want);
  });
});
