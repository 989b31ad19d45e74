import { describe, expect, it } from 'vitest';
import { modelReplica } from '../../tests/builders/fleet.js';
import type { KubeObject } from '../runtime/request.js';
import { observedReplicaFrom } from './observed.js';
import type { ObservedReplica } from './types.js';

const t8 = { workers: 1, nodesPerWorker: 1, gpusPerNode: 8, gpusPerWorker: 8, nodes: 1, gpus: 8 };
const t2x4 = { workers: 4, nodesPerWorker: 1, gpusPerNode: 2, gpusPerWorker: 2, nodes: 4, gpus: 8 };

/** The parts of a ModelReplica manifest the cases below edit by hand. */
interface Manifest {
  metadata: { labels: Record<string, string> };
  spec: {
    inferenceClusterRef?: unknown;
    workers: { topology: { tensor: number }; template: unknown };
    decode?: unknown;
  };
  status?: unknown;
}

function edited(obj: KubeObject, edit: (o: Manifest) => void): KubeObject {
  const copy = structuredClone(obj);
  edit(copy as unknown as Manifest);
  return copy;
}

const unified = modelReplica('qwen', 'gke-east', 2, { pool: 'h200', topology: { tensor: 8 }, ready: true });

describe('observedReplicaFrom', () => {
  const cases: { name: string; obj: KubeObject; want: ObservedReplica }[] = [
    {
      name: 'a unified replica gives its identity, pool, stamped shape and readiness',
      obj: unified,
      want: {
        namespace: 'ml-team',
        name: 'qwen-bf5ce',
        deployment: 'qwen',
        cluster: 'gke-east',
        index: 2,
        pools: { unified: 'h200' },
        shape: { roles: { unified: t8 }, nodes: 1, gpus: 8 },
        ready: true,
      },
    },
    {
      name: 'a prefill/decode replica gives both pools and both roles',
      obj: modelReplica('qwen', 'gke-east', 0, {
        decode: { pool: 'h200', topology: { tensor: 8 } },
        prefill: { pool: 'l4', count: 4, topology: { tensor: 2 } },
      }),
      want: {
        namespace: 'ml-team',
        name: 'qwen-126b3',
        deployment: 'qwen',
        cluster: 'gke-east',
        index: 0,
        pools: { decode: 'h200', prefill: 'l4' },
        shape: { roles: { decode: t8, prefill: t2x4 }, nodes: 5, gpus: 16 },
        ready: false,
      },
    },
    {
      name: 'a broken pod template still charges its stamped topology',
      obj: edited(unified, (o) => {
        o.spec.workers.template = { spec: { containers: [] } };
        delete o.status;
      }),
      want: {
        namespace: 'ml-team',
        name: 'qwen-bf5ce',
        deployment: 'qwen',
        cluster: 'gke-east',
        index: 2,
        pools: { unified: 'h200' },
        shape: { roles: { unified: t8 }, nodes: 1, gpus: 8 },
        ready: false,
      },
    },
    {
      name: 'an unreadable topology keeps the pool but charges nothing',
      obj: edited(unified, (o) => {
        o.spec.workers.topology.tensor = 0;
      }),
      want: {
        namespace: 'ml-team',
        name: 'qwen-bf5ce',
        deployment: 'qwen',
        cluster: 'gke-east',
        index: 2,
        pools: { unified: 'h200' },
        shape: undefined,
        ready: true,
      },
    },
    {
      name: 'missing spec cluster and labels fall back to the cluster label and index 0',
      obj: edited(unified, (o) => {
        delete o.spec.inferenceClusterRef;
        o.metadata.labels['modelplane.ai/replica-index'] = '01';
        delete o.metadata.labels['modelplane.ai/deployment'];
      }),
      want: {
        namespace: 'ml-team',
        name: 'qwen-bf5ce',
        deployment: undefined,
        cluster: 'gke-east',
        index: 0,
        pools: { unified: 'h200' },
        shape: { roles: { unified: t8 }, nodes: 1, gpus: 8 },
        ready: true,
      },
    },
    {
      name: 'a spec that is both unified and split is unreadable and holds nothing',
      obj: edited(unified, (o) => {
        o.spec.decode = { nodePool: 'h200', workers: o.spec.workers };
      }),
      want: {
        namespace: 'ml-team',
        name: 'qwen-bf5ce',
        deployment: 'qwen',
        cluster: 'gke-east',
        index: 2,
        pools: {},
        shape: undefined,
        ready: true,
      },
    },
    {
      name: 'garbage in, an empty replica out, never an exception',
      obj: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelReplica', metadata: 'nope', spec: 42 },
      want: {
        namespace: '',
        name: '',
        deployment: undefined,
        cluster: '',
        index: 0,
        pools: {},
        shape: undefined,
        ready: false,
      },
    },
  ];
  it.each(cases)('$name', ({ obj, want }) => {
    expect(observedReplicaFrom(obj)).toEqual(want);
  });
});
