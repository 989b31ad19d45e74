import { describe, expect, it } from 'vitest';
import type { NodePool } from '../apis/inference-cluster.js';
import { poolSize, type PoolSize } from './descriptor.js';

describe('poolSize', () => {
  const cases: { name: string; pool: NodePool; want: PoolSize }[] = [
    {
      name: 'without maxNodeCount a pool is fixed at nodeCount',
      pool: { name: 'a', class: 'c', nodeCount: 3 },
      want: { kind: 'fixed', nodes: 3 },
    },
    {
      name: 'minNodeCount alone does not make a pool autoscaled',
      pool: { name: 'a', class: 'c', nodeCount: 2, minNodeCount: 1 },
      want: { kind: 'fixed', nodes: 2 },
    },
    {
      name: 'maxNodeCount makes a pool autoscaled from 0 unless minNodeCount says otherwise',
      pool: { name: 'a', class: 'c', nodeCount: 1, maxNodeCount: 4 },
      want: { kind: 'autoscaled', min: 0, max: 4, initial: 1 },
    },
    {
      name: 'the initial size is nodeCount kept within the bounds',
      pool: { name: 'a', class: 'c', nodeCount: 1, minNodeCount: 2, maxNodeCount: 4 },
      want: { kind: 'autoscaled', min: 2, max: 4, initial: 2 },
    },
    {
      name: 'a nodeCount above the ceiling starts at the ceiling',
      pool: { name: 'a', class: 'c', nodeCount: 9, minNodeCount: 0, maxNodeCount: 4 },
      want: { kind: 'autoscaled', min: 0, max: 4, initial: 4 },
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      expect(poolSize(tc.pool)).toEqual(tc.want);
    });
  }
});
