import { describe, expect, it } from 'vitest';
import {
  nodesOnPool,
  replicaNodesOn,
  replicaShape,
  roleShape,
  type ReplicaShape,
  type RoleShape,
  type ShapeResult,
  type WorkersInput,
} from './topology.js';

describe('roleShape', () => {
  const cases: { name: string; workers: WorkersInput; want: ShapeResult<RoleShape> }[] = [
    {
      name: 'defaults are one worker on one node with one GPU',
      workers: {},
      want: {
        ok: true,
        value: { workers: 1, nodesPerWorker: 1, gpusPerNode: 1, gpusPerWorker: 1, nodes: 1, gpus: 1 },
      },
    },
    {
      name: 'tensor parallelism stays on one node',
      workers: { topology: { tensor: 8 } },
      want: {
        ok: true,
        value: { workers: 1, nodesPerWorker: 1, gpusPerNode: 8, gpusPerWorker: 8, nodes: 1, gpus: 8 },
      },
    },
    {
      name: 'pipeline parallelism multiplies nodes per worker',
      workers: { topology: { tensor: 8, pipeline: 2 } },
      want: {
        ok: true,
        value: { workers: 1, nodesPerWorker: 2, gpusPerNode: 8, gpusPerWorker: 16, nodes: 2, gpus: 16 },
      },
    },
    {
      name: 'data=16 dataLocal=8 puts 8 ranks on each of 2 nodes',
      workers: { topology: { tensor: 1, data: 16, dataLocal: 8 } },
      want: {
        ok: true,
        value: { workers: 1, nodesPerWorker: 2, gpusPerNode: 8, gpusPerWorker: 16, nodes: 2, gpus: 16 },
      },
    },
    {
      name: 'every factor combines: nodes = p × d/l, GPUs per node = t × l, GPUs per worker = t × p × d',
      workers: { count: 3, topology: { tensor: 2, pipeline: 3, data: 4, dataLocal: 2 } },
      want: {
        ok: true,
        value: { workers: 3, nodesPerWorker: 6, gpusPerNode: 4, gpusPerWorker: 24, nodes: 18, gpus: 72 },
      },
    },
    {
      name: 'a non-integer value is an error at its field path',
      workers: { topology: { tensor: 1.5 } },
      want: {
        ok: false,
        error: { path: 'spec.workers.topology.tensor', message: 'must be an integer, got 1.5' },
      },
    },
    {
      name: 'a value below one is an error at its field path',
      workers: { count: 0 },
      want: { ok: false, error: { path: 'spec.workers.count', message: 'must be at least 1, got 0' } },
    },
    {
      name: 'data not divisible by dataLocal is an error on data',
      workers: { topology: { data: 6, dataLocal: 4 } },
      want: {
        ok: false,
        error: {
          path: 'spec.workers.topology.data',
          message: 'must be a multiple of dataLocal (6 % 4 != 0)',
        },
      },
    },
    {
      name: 'more than 64 GPUs per node is an error on the topology',
      workers: { topology: { tensor: 16, data: 8, dataLocal: 8 } },
      want: {
        ok: false,
        error: {
          path: 'spec.workers.topology',
          message: 'needs 128 GPUs per node (tensor 16 × dataLocal 8); at most 64',
        },
      },
    },
    {
      name: 'exactly 64 GPUs per node is accepted',
      workers: { topology: { tensor: 8, data: 8, dataLocal: 8 } },
      want: {
        ok: true,
        value: { workers: 1, nodesPerWorker: 1, gpusPerNode: 64, gpusPerWorker: 64, nodes: 1, gpus: 64 },
      },
    },
  ];
  it.each(cases)('$name', ({ workers, want }) => {
    expect(roleShape(workers, 'spec.workers')).toEqual(want);
  });
});

describe('replicaShape', () => {
  const cases: {
    name: string;
    serving: Parameters<typeof replicaShape>[0];
    want: ShapeResult<ReplicaShape>;
  }[] = [
    {
      name: 'a unified replica is its one role',
      serving: { workers: { count: 4, topology: { tensor: 2 } } },
      want: {
        ok: true,
        value: {
          roles: {
            unified: { workers: 4, nodesPerWorker: 1, gpusPerNode: 2, gpusPerWorker: 2, nodes: 4, gpus: 8 },
          },
          nodes: 4,
          gpus: 8,
        },
      },
    },
    {
      name: 'a disaggregated replica sums its decode and prefill roles',
      serving: {
        decode: { workers: { topology: { tensor: 8, pipeline: 2 } } },
        prefill: { workers: { count: 2, topology: { tensor: 4 } } },
      },
      want: {
        ok: true,
        value: {
          roles: {
            decode: { workers: 1, nodesPerWorker: 2, gpusPerNode: 8, gpusPerWorker: 16, nodes: 2, gpus: 16 },
            prefill: { workers: 2, nodesPerWorker: 1, gpusPerNode: 4, gpusPerWorker: 4, nodes: 2, gpus: 8 },
          },
          nodes: 4,
          gpus: 24,
        },
      },
    },
    {
      name: 'a role error carries the role path',
      serving: {
        decode: { workers: {} },
        prefill: { workers: { topology: { pipeline: -1 } } },
      },
      want: {
        ok: false,
        error: { path: 'spec.prefill.workers.topology.pipeline', message: 'must be at least 1, got -1' },
      },
    },
    {
      name: 'a disaggregated replica without prefill is an error on prefill',
      serving: { decode: { workers: {} } },
      want: { ok: false, error: { path: 'spec.prefill.workers', message: 'Required value' } },
    },
  ];
  it.each(cases)('$name', ({ serving, want }) => {
    expect(replicaShape(serving)).toEqual(want);
  });
});

describe('nodesOnPool and replicaNodesOn', () => {
  const role = (workers: WorkersInput): RoleShape => {
    const r = roleShape(workers, 'spec.workers');
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const cases: { name: string; workers: WorkersInput; nodeSize: number; want: number }[] = [
    {
      name: 'two 4-GPU workers share one 8-GPU node',
      workers: { count: 2, topology: { tensor: 4 } },
      nodeSize: 8,
      want: 1,
    },
    {
      name: 'three 4-GPU workers take two 8-GPU nodes',
      workers: { count: 3, topology: { tensor: 4 } },
      nodeSize: 8,
      want: 2,
    },
    {
      name: 'two 4-GPU workers take two 4-GPU nodes',
      workers: { count: 2, topology: { tensor: 4 } },
      nodeSize: 4,
      want: 2,
    },
    {
      name: 'one worker never takes fewer nodes than it spans',
      workers: { topology: { tensor: 4, pipeline: 2 } },
      nodeSize: 8,
      want: 2,
    },
    {
      name: 'two pipeline-2 workers of 4 GPUs per node pair up on two 8-GPU nodes',
      workers: { count: 2, topology: { tensor: 4, pipeline: 2 } },
      nodeSize: 8,
      want: 2,
    },
    {
      name: 'a pool too small for one slice keeps the role count',
      workers: { count: 2, topology: { tensor: 8 } },
      nodeSize: 4,
      want: 2,
    },
  ];
  it.each(cases)('$name', ({ workers, nodeSize, want }) => {
    expect(nodesOnPool(role(workers), nodeSize)).toBe(want);
  });

  it('a 2P1D replica whose prefill workers share a node takes 2 nodes, not 3; an unknown pool counts its role in full', () => {
    const shape = replicaShape({
      decode: { workers: { topology: { tensor: 8 } } },
      prefill: { workers: { count: 2, topology: { tensor: 4 } } },
    });
    if (!shape.ok) throw new Error(shape.error.message);
    expect([
      replicaNodesOn(shape.value, () => 8),
      replicaNodesOn(shape.value, (r) => (r === 'decode' ? 8 : undefined)),
    ]).toEqual([2, 3]);
  });
});
