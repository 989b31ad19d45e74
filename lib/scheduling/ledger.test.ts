import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inferenceClass, inferenceCluster, observedReplica, pool } from '../../tests/builders/fleet.js';
import {
  chargeRole,
  emptyPool,
  PoolLedger,
  freeGpus,
  freeGpusPerNode,
  gpuPoolCapacity,
  placeRole,
  roomFor,
  type PoolNodes,
} from './ledger.js';
import { roleShape, type RoleShape, type TopologyInput } from './topology.js';

function shape(count: number, topology: TopologyInput): RoleShape {
  const s = roleShape({ count, topology }, 'spec.workers');
  if (!s.ok) throw new Error(s.error.message);
  return s.value;
}

/** A pool from its nodes' free GPUs, e.g. poolOf(8, [8, 8, 3]). */
function poolOf(size: number, free: number[]): PoolNodes {
  const p = emptyPool(0, size);
  for (const f of free) p.byFree[f] = (p.byFree[f] ?? 0) + 1;
  return p;
}

describe('placeRole', () => {
  const cases: { name: string; pool: PoolNodes; role: RoleShape; want: number[] | undefined }[] = [
    {
      name: 'four tensor=2 workers share one 8-GPU node instead of stranding four',
      pool: emptyPool(3, 8),
      role: shape(4, { tensor: 2 }),
      want: [0, 8, 8],
    },
    {
      name: 'a tensor=8 pipeline=2 worker needs two whole nodes',
      pool: emptyPool(3, 8),
      role: shape(1, { tensor: 8, pipeline: 2 }),
      want: [0, 0, 8],
    },
    {
      name: 'data=16 dataLocal=8 needs two nodes per worker',
      pool: emptyPool(2, 8),
      role: shape(1, { data: 16, dataLocal: 8 }),
      want: [0, 0],
    },
    {
      name: 'best-fit takes the node with the fewest free GPUs that is big enough',
      pool: poolOf(8, [8, 2, 5, 4]),
      role: shape(1, { tensor: 4 }),
      want: [0, 2, 5, 8],
    },
    {
      name: 'a worker never takes the same node twice',
      pool: poolOf(8, [8, 0]),
      role: shape(1, { tensor: 4, pipeline: 2 }),
      want: undefined,
    },
    {
      name: 'a role does not fit when fewer nodes have enough free GPUs than it needs',
      pool: poolOf(8, [8, 7]),
      role: shape(1, { tensor: 8, pipeline: 2 }),
      want: undefined,
    },
    {
      name: 'GPUs per node above the node size never fit',
      pool: emptyPool(4, 4),
      role: shape(1, { tensor: 8 }),
      want: undefined,
    },
    {
      name: 'multi-node workers avoid a best-fit choice that would strand the next worker',
      // Best-fit would give worker 1 the two 8-GPU nodes and leave worker 2 only one node.
      pool: poolOf(16, [16, 8, 8]),
      role: shape(2, { tensor: 8, pipeline: 2 }),
      want: [0, 0, 0],
    },
  ];
  it.each(cases)('$name', ({ pool, role, want }) => {
    const before = freeGpusPerNode(pool);
    const after = placeRole(pool, role);
    expect({ after: after && freeGpusPerNode(after), input: freeGpusPerNode(pool) }).toEqual({
      after: want,
      input: before,
    });
  });

  it('fits exactly when a placement exists (checked by exhaustive search on small pools)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.nat(8), { maxLength: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        (size, rawFree, workers, tensor, pipeline) => {
          const free = rawFree.map((f) => Math.min(f, size));
          const role = shape(workers, { tensor, pipeline });
          expect(placeRole(poolOf(size, free), role) !== undefined).toBe(exhaustiveFits(free, role));
        },
      ),
    );
  });
});

/** Tries every way to give each worker `nodesPerWorker` distinct nodes. */
function exhaustiveFits(free: number[], role: RoleShape, worker = 0): boolean {
  if (worker === role.workers) return true;
  const choose = (from: number, left: number, state: number[]): boolean => {
    if (left === 0) return exhaustiveFits(state, role, worker + 1);
    for (let i = from; i < state.length; i++) {
      if ((state[i] ?? 0) < role.gpusPerNode) continue;
      const next = state.slice();
      next[i] = (next[i] ?? 0) - role.gpusPerNode;
      if (choose(i + 1, left - 1, next)) return true;
    }
    return false;
  };
  return choose(0, role.nodesPerWorker, free);
}

describe('roomFor', () => {
  it('counts nodes with enough free GPUs for one worker, and node slices for several', () => {
    const p = poolOf(8, [8, 6, 2, 1]);
    expect([roomFor(p, 2, 1), roomFor(p, 2, 4), roomFor(p, 8, 2), roomFor(p, 16, 1)]).toEqual([3, 8, 1, 0]);
  });
});

describe('chargeRole', () => {
  const cases: {
    name: string;
    pool: PoolNodes;
    role: RoleShape;
    want: { free: number[]; missing: number };
  }[] = [
    {
      name: 'charges like a placement when the role fits',
      pool: emptyPool(2, 8),
      role: shape(3, { tensor: 2 }),
      want: { free: [2, 8], missing: 0 },
    },
    {
      name: 'an existing replica that no longer fits takes what is left and never goes negative',
      pool: poolOf(8, [8, 3]),
      role: shape(1, { tensor: 8, pipeline: 3 }),
      want: { free: [0, 0], missing: 13 },
    },
    {
      name: 'a stamped topology wider than the nodes empties the nodes it lands on',
      pool: emptyPool(2, 4),
      role: shape(1, { tensor: 8 }),
      want: { free: [0, 4], missing: 4 },
    },
  ];
  it.each(cases)('$name', ({ pool, role, want }) => {
    const missing = chargeRole(pool, role);
    expect({ free: freeGpusPerNode(pool), missing }).toEqual(want);
  });

  it('never leaves a node with negative or more than its size free GPUs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 0, max: 6 }),
        fc.array(
          fc.record({
            count: fc.integer({ min: 1, max: 4 }),
            tensor: fc.integer({ min: 1, max: 16 }),
            pipeline: fc.integer({ min: 1, max: 4 }),
          }),
          { maxLength: 12 },
        ),
        (size, nodes, roles) => {
          const p = emptyPool(nodes, size);
          for (const r of roles) chargeRole(p, shape(r.count, { tensor: r.tensor, pipeline: r.pipeline }));
          const free = freeGpusPerNode(p);
          expect(free.length).toBe(nodes);
          expect(free.every((f) => f >= 0 && f <= size)).toBe(true);
          expect(freeGpus(p)).toBe(free.reduce((a, b) => a + b, 0));
        },
      ),
    );
  });
});

describe('gpuPoolCapacity', () => {
  it('reports each resolved pool with what the replicas pinned to this cluster hold, in nodePools order', () => {
    const cluster = inferenceCluster('gke-east', {
      pools: [
        pool('h200', 'h200-8x', { nodeCount: 1, maxNodeCount: 3 }),
        pool('missing', 'no-such-class'),
        pool('l4', 'l4-4x', { nodeCount: 2 }),
      ],
    });
    const classes = [
      inferenceClass('h200-8x', { gpus: 8, gpuMemory: '141Gi' }),
      inferenceClass('l4-4x', { gpus: 4, gpuMemory: '24Gi' }),
    ];
    const replicas = [
      observedReplica('qwen', 'gke-east', 0, { pool: 'h200', count: 4, topology: { tensor: 2 } }),
      observedReplica('llama', 'gke-east', 0, {
        namespace: 'other-team',
        pool: 'h200',
        topology: { tensor: 8 },
      }),
      observedReplica('mistral', 'gke-east', 0, {
        pool: 'l4',
        count: 2,
        topology: { tensor: 4, pipeline: 2 },
      }),
      observedReplica('qwen', 'gke-west', 0, { pool: 'h200', topology: { tensor: 8 } }),
      observedReplica('gone', 'gke-east', 0, { pool: 'retired', topology: { tensor: 8 } }),
    ];
    expect(gpuPoolCapacity(cluster, classes, replicas)).toEqual([
      {
        name: 'h200',
        class: 'h200-8x',
        gpusPerNode: 8,
        gpuMemory: '141Gi',
        nodes: 3,
        gpus: 24,
        allocatedGpus: 16,
        freeGpus: 8,
      },
      // mistral's 2 workers × 2 nodes × 4 GPUs need 16 GPUs on 2 nodes of 4: it is charged what is there.
      {
        name: 'l4',
        class: 'l4-4x',
        gpusPerNode: 4,
        gpuMemory: '24Gi',
        nodes: 2,
        gpus: 8,
        allocatedGpus: 8,
        freeGpus: 0,
      },
    ]);
  });
});

describe('PoolLedger', () => {
  const t2 = shape(1, { tensor: 2 });
  const t4 = shape(1, { tensor: 4 });
  const t6 = shape(1, { tensor: 6 });
  const of = (name: string, roleShape: RoleShape, namespace = 'ml-team') => ({
    namespace,
    name,
    shape: roleShape,
  });

  it('charges in (namespace, name) order whatever order the charges come in', () => {
    const charges = [of('c', t4), of('z', t2, 'a-team'), of('a', t6)];
    const forward = PoolLedger.of(2, 8, charges);
    const backward = PoolLedger.of(2, 8, [...charges].reverse());
    // a-team/z (2) → [6, 8]; ml-team/a (6) best-fit → [0, 8]; ml-team/c (4) → [0, 4].
    expect([freeGpusPerNode(forward.nodes), freeGpusPerNode(backward.nodes)]).toEqual([
      [0, 4],
      [0, 4],
    ]);
  });

  it('places a new charge at its place in the order, not at the end', () => {
    const ledger = PoolLedger.of(2, 8, [of('a', t6), of('c', t2)]);
    // In order: a (6) → [2, 8]; b (4) → [2, 4]; c (2) → [0, 4]. Appended it would have been [0, 4] too,
    // but by a different path: a → [2, 8], c → [0, 8], b → [0, 4].
    const next = ledger.withCharge(of('b', t4));
    expect(next && freeGpusPerNode(next.nodes)).toEqual([0, 4]);
  });

  it('refuses a new charge that would leave a replica later in the order short of GPUs', () => {
    // Two 2-GPU nodes. a (1 GPU) → [1, 2]; c (1 GPU on each of 2 nodes) → [0, 1]: one GPU is free.
    // d after c takes it. b between a and c: a → [1, 2], b best-fit → [0, 2], and c finds one node.
    const t1 = shape(1, { tensor: 1 });
    const ledger = PoolLedger.of(2, 2, [of('a', t1), of('c', shape(1, { pipeline: 2 }))]);
    const after = ledger.withCharge(of('d', t1));
    expect({
      free: freeGpusPerNode(ledger.nodes),
      after: after && freeGpusPerNode(after.nodes),
      between: ledger.withCharge(of('b', t1)),
    }).toEqual({ free: [0, 1], after: [0, 0], between: undefined });
  });

  it('accepts a new charge next to a pre-existing overcommit as long as it takes nothing from it', () => {
    // a was stamped tensor=8 on a pool of 4-GPU nodes: it empties one node and is 4 GPUs short.
    const ledger = PoolLedger.of(2, 4, [of('a', shape(1, { tensor: 8 }))]);
    const late = ledger.withCharge(of('b', t2));
    const early = ledger.withCharge(of('x', t2, 'a-team'));
    expect({
      free: freeGpusPerNode(ledger.nodes),
      late: late && freeGpusPerNode(late.nodes),
      early: early && freeGpusPerNode(early.nodes),
      tooBig: ledger.withCharge(of('b', shape(1, { tensor: 4, pipeline: 2 }))),
    }).toEqual({ free: [0, 4], late: [0, 2], early: [0, 2], tooBig: undefined });
  });
});
