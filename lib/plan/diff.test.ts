// `--diff`: which replicas a plan adds, moves and removes, compared with the ones that run.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../runtime/request.js';
import { replicaChanges } from './diff.js';

function replica(name: string, deployment: string, cluster: string, index: number, pool = 'l4'): KubeObject {
  return {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'ModelReplica',
    metadata: {
      name,
      namespace: 'ml',
      labels: {
        'modelplane.ai/deployment': deployment,
        'modelplane.ai/cluster': cluster,
        'modelplane.ai/replica-index': `${index}`,
      },
    },
    spec: {
      deploymentRef: { name: deployment },
      inferenceClusterRef: { name: cluster },
      nodePool: pool,
      workers: { resources: {}, template: { spec: { containers: [{ name: 'engine', image: 'i' }] } } },
    },
  };
}

describe('replicaChanges', () => {
  it('finds nothing when every replica stays', () => {
    const same = [replica('a-1', 'a', 'east', 0)];
    expect(replicaChanges(same, same)).toEqual([]);
  });

  it('pairs a replica that disappears with one that appears in the same deployment as a move', () => {
    expect(replicaChanges([replica('a-1', 'a', 'east', 0)], [replica('a-2', 'a', 'west', 0)])).toEqual([
      {
        change: 'moved',
        namespace: 'ml',
        deployment: 'a',
        from: { replica: 'a-1', cluster: 'east', pools: { unified: 'l4' } },
        to: { replica: 'a-2', cluster: 'west', pools: { unified: 'l4' } },
      },
    ]);
  });

  it('calls a replica that keeps its name but changes pool a move', () => {
    expect(
      replicaChanges([replica('a-1', 'a', 'east', 0, 'l4')], [replica('a-1', 'a', 'east', 0, 'h100')]),
    ).toEqual([
      {
        change: 'moved',
        namespace: 'ml',
        deployment: 'a',
        from: { replica: 'a-1', cluster: 'east', pools: { unified: 'l4' } },
        to: { replica: 'a-1', cluster: 'east', pools: { unified: 'h100' } },
      },
    ]);
  });

  it('reports what is left after pairing as removals and additions, per deployment', () => {
    const before = [
      replica('a-1', 'a', 'east', 0),
      replica('a-2', 'a', 'west', 0),
      replica('b-1', 'b', 'east', 0),
    ];
    const after = [
      replica('a-1', 'a', 'east', 0),
      replica('b-1', 'b', 'east', 0),
      replica('b-2', 'b', 'west', 0),
    ];
    expect(replicaChanges(before, after)).toEqual([
      {
        change: 'removed',
        namespace: 'ml',
        deployment: 'a',
        from: { replica: 'a-2', cluster: 'west', pools: { unified: 'l4' } },
        to: null,
      },
      {
        change: 'added',
        namespace: 'ml',
        deployment: 'b',
        from: null,
        to: { replica: 'b-2', cluster: 'west', pools: { unified: 'l4' } },
      },
    ]);
  });
});
