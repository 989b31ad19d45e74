// Whole-response tables for compose-model-deployment: RunFunctionRequest in, RunFunctionResponse out.

import { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ModelDeployment } from '../../lib/apis/index.js';
import { API_VERSION } from '../../lib/labels.js';
import { replicaName } from '../../lib/names.js';
import { runFunction } from '../../lib/runtime/handler.js';
import {
  inferenceClass,
  inferenceCluster,
  modelDeployment,
  modelReplica,
  pool,
  type DeploymentOverrides,
  type ReplicaOverrides,
} from '../../tests/builders/fleet.js';
import {
  expectedResponse,
  type ExpectedResponse,
  type ExpectedResult,
} from '../../tests/support/response.js';
import { composeModelDeployment } from './fn.js';

const NS = 'ml-team';
type Obj = Record<string, unknown>;

const gpu8 = inferenceClass('gpu-8x', { gpus: 8 });
const clusterA = inferenceCluster('a', { labels: { region: 'east' } });
const clusterB = inferenceCluster('b', { labels: { region: 'west' } });

interface World {
  readonly md: ModelDeployment | Obj;
  readonly clusters?: readonly Obj[];
  readonly classes?: readonly Obj[];
  readonly replicas?: readonly Obj[];
  /** Observed composed resources by key. */
  readonly observed?: Readonly<Record<string, Obj>>;
  /** Leave the requirements unanswered (the first call of a reconcile). */
  readonly unresolved?: boolean;
}

function request(w: World): RunFunctionRequest {
  const items = (objs: readonly Obj[]) => ({
    items: objs.map((resource) => ({ resource, connectionDetails: {} })),
  });
  return RunFunctionRequest.fromPartial({
    meta: { tag: 'tag' },
    observed: {
      composite: { resource: w.md },
      resources: Object.fromEntries(
        Object.entries(w.observed ?? {}).map(([k, resource]) => [k, { resource }]),
      ),
    },
    requiredResources: w.unresolved
      ? {}
      : {
          clusters: items(w.clusters ?? [clusterA, clusterB]),
          classes: items(w.classes ?? [gpu8]),
          replicas: items(w.replicas ?? []),
        },
  });
}

function md(o: DeploymentOverrides = {}): ModelDeployment {
  return modelDeployment('qwen', { topology: { tensor: 8 }, replicas: 2, ...o });
}

/** The ModelReplica the function writes for `deployment` at (cluster, index) on `pool`. */
function replicaChild(
  deployment: ModelDeployment,
  cluster: string,
  index: number,
  nodePool = 'gpu',
  name?: string,
): Obj {
  return {
    apiVersion: API_VERSION,
    kind: 'ModelReplica',
    metadata: {
      name: name ?? replicaName(NS, deployment.metadata.name, cluster, index),
      namespace: NS,
      labels: {
        'modelplane.ai/deployment': deployment.metadata.name,
        'modelplane.ai/cluster': cluster,
        'modelplane.ai/replica-index': String(index),
      },
    },
    spec: {
      deploymentRef: { name: deployment.metadata.name },
      inferenceClusterRef: { name: cluster },
      nodePool,
      workers: deployment.spec.workers,
    },
  };
}

/** An observed child: what Crossplane sends back, with a Ready condition and maybe a URL. */
/** How a serving replica says the fleet reaches it (lib/replica/router.ts): gateway origin and header. */
function replicaEndpoint(child: Obj, url: string): Obj {
  const replica = (child.metadata as { name: string }).name;
  return { url: new URL(url).origin, headers: [{ name: 'x-modelplane-replica', value: `${NS}/${replica}` }] };
}

function observedChild(child: Obj, o: { ready?: boolean; url?: string; noEndpoint?: boolean } = {}): Obj {
  return {
    ...child,
    metadata: { ...(child.metadata as Obj), uid: 'uid', resourceVersion: '7' },
    status: {
      ...(o.url === undefined ? {} : { url: o.url }),
      ...(o.url === undefined || o.noEndpoint === true ? {} : { endpoint: replicaEndpoint(child, o.url) }),
      conditions: [
        { type: 'Ready', status: o.ready ? 'True' : 'False', reason: o.ready ? 'Available' : 'Creating' },
      ],
    },
  };
}

function existing(cluster: string, index: number, o: ReplicaOverrides = {}): Obj {
  return modelReplica('qwen', cluster, index, { topology: { tensor: 8 }, ...o });
}

const name = (cluster: string, index: number, deployment = 'qwen') =>
  replicaName(NS, deployment, cluster, index);
const placement = (
  cluster: string,
  index: number,
  o: { ready?: boolean; gpus?: number; nodes?: number; pools?: Obj } = {},
) => ({
  replica: name(cluster, index),
  cluster,
  index,
  pools: o.pools ?? { unified: 'gpu' },
  gpus: o.gpus ?? 8,
  nodes: o.nodes ?? 1,
  ready: o.ready ?? false,
});
const scheduledEvent = (cluster: string, index: number, poolName = 'gpu'): ExpectedResult => ({
  severity: 'Normal',
  message: `Scheduled replica ${name(cluster, index)} on ${cluster} (pool ${poolName})`,
  reason: 'ReplicaScheduled',
});

/** Every ModelDeployment asks for all clusters, classes and replicas (empty labels select all). */
const REQUIREMENTS = {
  classes: { apiVersion: API_VERSION, kind: 'InferenceClass', matchLabels: { labels: {} } },
  clusters: { apiVersion: API_VERSION, kind: 'InferenceCluster', matchLabels: { labels: {} } },
  replicas: { apiVersion: API_VERSION, kind: 'ModelReplica', matchLabels: { labels: {} } },
};

interface DeploymentResponse extends Omit<ExpectedResponse, 'composite' | 'requirements'> {
  readonly status: Obj;
  readonly ready: boolean;
}

function response({ status, ready, ...e }: DeploymentResponse): ReturnType<typeof expectedResponse> {
  return expectedResponse({
    composite: { apiVersion: API_VERSION, kind: 'ModelDeployment', status, ready },
    requirements: REQUIREMENTS,
    ...e,
  });
}

const selector = 'modelplane.ai/deployment=qwen';
const noShortfall = { replicas: 0, message: '' };

describe('compose-model-deployment', () => {
  it('places a first deployment across two clusters, one replica each, and announces each placement', () => {
    const d = md();
    expect(runFunction(composeModelDeployment, request({ md: d }))).toEqual(
      response({
        status: {
          replicas: 2,
          readyReplicas: 0,
          selector,
          gpus: 16,
          placements: [placement('a', 0), placement('b', 0)],
          unschedulable: noShortfall,
        },
        ready: false,
        resources: {
          'replica-a-0': { resource: replicaChild(d, 'a', 0), ready: false },
          'replica-b-0': { resource: replicaChild(d, 'b', 0), ready: false },
        },
        conditions: [
          {
            type: 'Scheduled',
            status: 'True',
            reason: 'AllReplicasScheduled',
            message: 'Scheduled 2 of 2 replicas on 2 clusters',
          },
          { type: 'ReplicasReady', status: 'False', reason: 'ReplicasStarting', message: '0 of 2 ready' },
        ],
        results: [scheduledEvent('a', 0), scheduledEvent('b', 0)],
      }),
    );
  });

  it('gives a Ready replica with an endpoint its ModelEndpoint, and a replica still starting none', () => {
    const d = md();
    const url = `http://203.0.113.10/${NS}/${name('a', 0)}`;
    const rsp = runFunction(
      composeModelDeployment,
      request({
        md: d,
        replicas: [existing('a', 0, { ready: true }), existing('b', 0)],
        observed: {
          'replica-a-0': observedChild(replicaChild(d, 'a', 0), { ready: true, url }),
          'replica-b-0': observedChild(replicaChild(d, 'b', 0)),
        },
      }),
    );
    expect(rsp).toEqual(
      response({
        status: {
          replicas: 2,
          readyReplicas: 1,
          selector,
          gpus: 16,
          placements: [placement('a', 0, { ready: true }), placement('b', 0)],
          unschedulable: noShortfall,
        },
        ready: false,
        resources: {
          'replica-a-0': { resource: replicaChild(d, 'a', 0), ready: true },
          'endpoint-a-0': {
            resource: {
              apiVersion: API_VERSION,
              kind: 'ModelEndpoint',
              metadata: (replicaChild(d, 'a', 0) as { metadata: Obj }).metadata,
              spec: {
                url: 'http://203.0.113.10',
                headers: [{ name: 'x-modelplane-replica', value: `${NS}/${name('a', 0)}` }],
              },
            },
            ready: false,
          },
          'replica-b-0': { resource: replicaChild(d, 'b', 0), ready: false },
        },
        conditions: [
          {
            type: 'Scheduled',
            status: 'True',
            reason: 'AllReplicasScheduled',
            message: 'Scheduled 2 of 2 replicas on 2 clusters',
          },
          { type: 'ReplicasReady', status: 'False', reason: 'ReplicasStarting', message: '1 of 2 ready' },
        ],
      }),
    );
  });

  it('is Ready when every desired replica is scheduled and Ready', () => {
    const d = md({ replicas: 1 });
    const url = 'http://203.0.113.10/ml-team/x/';
    const rsp = runFunction(
      composeModelDeployment,
      request({
        md: d,
        replicas: [existing('a', 0, { ready: true })],
        observed: {
          'replica-a-0': observedChild(replicaChild(d, 'a', 0), { ready: true, url }),
          'endpoint-a-0': observedChild(
            {
              apiVersion: API_VERSION,
              kind: 'ModelEndpoint',
              metadata: { name: name('a', 0), namespace: NS },
            },
            { ready: true },
          ),
        },
      }),
    );
    expect({
      ready: rsp.desired?.composite?.ready,
      conditions: rsp.conditions.map((c) => [c.type, c.reason, c.message]),
    }).toEqual({
      ready: 1,
      conditions: [
        ['Scheduled', 'AllReplicasScheduled', 'Scheduled 1 of 1 replicas on 1 cluster'],
        ['ReplicasReady', 'AllReplicasReady', '1 of 1 ready'],
      ],
    });
  });

  it('re-places a replica whose cluster was deleted, and announces both the removal and the new placement', () => {
    const d = md({ replicas: 1 });
    const gone = existing('c', 0, { ready: true });
    const rsp = runFunction(
      composeModelDeployment,
      request({
        md: d,
        replicas: [gone],
        observed: {
          'replica-c-0': observedChild(replicaChild(d, 'c', 0), { ready: true, url: 'http://x/y/' }),
        },
      }),
    );
    expect(rsp).toEqual(
      response({
        status: {
          replicas: 1,
          readyReplicas: 0,
          selector,
          gpus: 8,
          placements: [placement('a', 0)],
          unschedulable: noShortfall,
        },
        ready: false,
        resources: { 'replica-a-0': { resource: replicaChild(d, 'a', 0), ready: false } },
        conditions: [
          {
            type: 'Scheduled',
            status: 'True',
            reason: 'AllReplicasScheduled',
            message: 'Scheduled 1 of 1 replicas on 1 cluster',
          },
          { type: 'ReplicasReady', status: 'False', reason: 'ReplicasStarting', message: '0 of 1 ready' },
        ],
        results: [
          scheduledEvent('a', 0),
          {
            severity: 'Normal',
            message: `Removed replica ${name('c', 0)} on c: InferenceCluster c not found`,
            reason: 'ClusterNotSelected',
          },
        ],
      }),
    );
  });

  it('re-places a replica when a changed nodeSelector matches another class: an explicit decision', () => {
    const d = md({ replicas: 1, cel: 'device.attributes["modelplane.ai"].gpuProduct == "H100"' });
    const h100 = inferenceClass('h100-8x', { gpus: 8, product: 'H100' });
    const b = inferenceCluster('b', { labels: { region: 'west' }, pools: [pool('h100', 'h100-8x')] });
    const rsp = runFunction(
      composeModelDeployment,
      request({
        md: d,
        clusters: [clusterA, b],
        classes: [gpu8, h100],
        replicas: [existing('a', 0, { ready: true })],
        observed: { 'replica-a-0': observedChild(replicaChild(d, 'a', 0), { ready: true }) },
      }),
    );
    expect(rsp).toEqual(
      response({
        status: {
          replicas: 1,
          readyReplicas: 0,
          selector,
          gpus: 8,
          placements: [placement('b', 0, { pools: { unified: 'h100' } })],
          unschedulable: noShortfall,
        },
        ready: false,
        resources: { 'replica-b-0': { resource: replicaChild(d, 'b', 0, 'h100'), ready: false } },
        conditions: [
          {
            type: 'Scheduled',
            status: 'True',
            reason: 'AllReplicasScheduled',
            message: 'Scheduled 1 of 1 replicas on 1 cluster',
          },
          { type: 'ReplicasReady', status: 'False', reason: 'ReplicasStarting', message: '0 of 1 ready' },
        ],
        results: [
          scheduledEvent('b', 0, 'h100'),
          {
            severity: 'Normal',
            message: `Removed replica ${name('a', 0)} on a: pool gpu no longer matches nodeSelector`,
            reason: 'PoolChanged',
          },
        ],
      }),
    );
  });

  it('replaces a replica whose nodes per worker changed: the old one serves, unchanged, until a new one under a new name does', () => {
    const before = md({ replicas: 1 });
    const after = md({ replicas: 1, topology: { tensor: 8, pipeline: 2 } });
    const clusters = [inferenceCluster('a', { pools: [pool('gpu', 'gpu-8x', { nodeCount: 3 })] })];
    const url = `http://203.0.113.10/${NS}/${name('a', 0)}/v1`;
    const oldChild = observedChild(replicaChild(before, 'a', 0), { ready: true, url });
    const oldEndpoint = observedChild(
      { apiVersion: API_VERSION, kind: 'ModelEndpoint', metadata: { name: name('a', 0), namespace: NS } },
      { ready: true },
    );
    const newName = replicaName(NS, 'qwen', 'a', 1, 'unified:2');
    const rsp = runFunction(
      composeModelDeployment,
      request({
        md: after,
        clusters,
        replicas: [existing('a', 0, { ready: true })],
        observed: { 'replica-a-0': oldChild, 'endpoint-a-0': oldEndpoint },
      }),
    );
    const kept = (o: Obj) => {
      const meta = o.metadata as Obj;
      const rest = Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'status' && k !== 'metadata'));
      return { ...rest, metadata: { name: meta.name, namespace: meta.namespace, labels: meta.labels } };
    };
    expect(rsp).toEqual(
      response({
        status: {
          replicas: 1,
          readyReplicas: 0,
          selector,
          gpus: 16,
          placements: [{ ...placement('a', 1, { gpus: 16, nodes: 2 }), replica: newName }],
          unschedulable: noShortfall,
        },
        ready: false,
        resources: {
          'replica-a-0': { resource: kept(oldChild), ready: true },
          'endpoint-a-0': { resource: kept(oldEndpoint), ready: true },
          'replica-a-1': { resource: replicaChild(after, 'a', 1, 'gpu', newName), ready: false },
        },
        conditions: [
          {
            type: 'Scheduled',
            status: 'True',
            reason: 'AllReplicasScheduled',
            message: 'Scheduled 1 of 1 replicas on 1 cluster',
          },
          { type: 'ReplicasReady', status: 'False', reason: 'ReplicasStarting', message: '0 of 1 ready' },
        ],
        results: [
          {
            severity: 'Normal',
            message: `Scheduled replica ${newName} on a (pool gpu)`,
            reason: 'ReplicaScheduled',
          },
        ],
      }),
    );
  });

  it('scales 3 to 1 by the scheduler order: most-loaded cluster first, then later name, then higher index', () => {
    const d = md({ replicas: 1 });
    const replicas = [existing('a', 0), existing('a', 1), existing('b', 0)];
    const observed = Object.fromEntries(
      [
        ['a', 0],
        ['a', 1],
        ['b', 0],
      ].map(([c, i]) => [
        `replica-${String(c)}-${String(i)}`,
        observedChild(replicaChild(d, String(c), Number(i))),
      ]),
    );
    expect(runFunction(composeModelDeployment, request({ md: d, replicas, observed }))).toEqual(
      response({
        status: {
          replicas: 1,
          readyReplicas: 0,
          selector,
          gpus: 8,
          placements: [placement('a', 0)],
          unschedulable: noShortfall,
        },
        ready: false,
        resources: { 'replica-a-0': { resource: replicaChild(d, 'a', 0), ready: false } },
        conditions: [
          {
            type: 'Scheduled',
            status: 'True',
            reason: 'AllReplicasScheduled',
            message: 'Scheduled 1 of 1 replicas on 1 cluster',
          },
          { type: 'ReplicasReady', status: 'False', reason: 'ReplicasStarting', message: '0 of 1 ready' },
        ],
        results: [
          {
            severity: 'Normal',
            message: `Removed replica ${name('a', 1)} on a: scaled down to 1 replica`,
            reason: 'ScaledDown',
          },
          {
            severity: 'Normal',
            message: `Removed replica ${name('b', 0)} on b: scaled down to 1 replica`,
            reason: 'ScaledDown',
          },
        ],
      }),
    );
  });

  it('reports a partial shortfall with the scheduler explanation', () => {
    const d = md({ replicas: 3 });
    expect(runFunction(composeModelDeployment, request({ md: d }))).toEqual(
      response({
        status: {
          replicas: 2,
          readyReplicas: 0,
          selector,
          gpus: 16,
          placements: [placement('a', 0), placement('b', 0)],
          unschedulable: { replicas: 1, message: SHORTFALL },
        },
        ready: false,
        resources: {
          'replica-a-0': { resource: replicaChild(d, 'a', 0), ready: false },
          'replica-b-0': { resource: replicaChild(d, 'b', 0), ready: false },
        },
        conditions: [
          {
            type: 'Scheduled',
            status: 'False',
            reason: 'PartiallyScheduled',
            message: `Scheduled 2 of 3 replicas; ${SHORTFALL}`,
          },
          { type: 'ReplicasReady', status: 'False', reason: 'ReplicasStarting', message: '0 of 2 ready' },
        ],
        results: [
          scheduledEvent('a', 0),
          scheduledEvent('b', 0),
          {
            severity: 'Warning',
            message: `1 of 3 replicas cannot be scheduled: ${SHORTFALL}`,
            reason: 'Unschedulable',
          },
        ],
      }),
    );
  });

  it('scales to zero: composes nothing, ScaledToZero on both conditions, and is Ready', () => {
    const d = md({ replicas: 0 });
    const rsp = runFunction(
      composeModelDeployment,
      request({
        md: d,
        replicas: [existing('a', 0)],
        observed: { 'replica-a-0': observedChild(replicaChild(d, 'a', 0)) },
      }),
    );
    expect(rsp).toEqual(
      response({
        status: {
          replicas: 0,
          readyReplicas: 0,
          selector,
          gpus: 0,
          placements: [],
          unschedulable: noShortfall,
        },
        ready: true,
        resources: {},
        conditions: [
          {
            type: 'Scheduled',
            status: 'True',
            reason: 'ScaledToZero',
            message: 'Scaled to zero: no replicas, no GPUs',
          },
          { type: 'ReplicasReady', status: 'True', reason: 'ScaledToZero', message: 'Scaled to zero' },
        ],
        results: [
          {
            severity: 'Normal',
            message: `Removed replica ${name('a', 0)} on a: scaled down to 0 replicas`,
            reason: 'ScaledDown',
          },
        ],
      }),
    );
  });

  it('composes per-role pools for a disaggregated deployment', () => {
    const cluster = inferenceCluster('a', {
      pools: [pool('decode-pool', 'gpu-8x'), pool('prefill-pool', 'gpu-8x', { nodeCount: 2 })],
    });
    const d = modelDeployment('qwen', {
      replicas: 1,
      decode: { topology: { tensor: 8 } },
      prefill: { topology: { tensor: 4 }, count: 2 },
    });
    const rsp = runFunction(composeModelDeployment, request({ md: d, clusters: [cluster] }));
    const id = replicaChild(d, 'a', 0);
    expect(rsp.desired?.resources).toEqual({
      'replica-a-0': {
        resource: {
          ...id,
          spec: {
            deploymentRef: { name: 'qwen' },
            inferenceClusterRef: { name: 'a' },
            decode: { nodePool: 'decode-pool', workers: d.spec.decode?.workers },
            prefill: { nodePool: 'prefill-pool', workers: d.spec.prefill?.workers },
          },
        },
        connectionDetails: {},
        ready: 2,
      },
    });
  });
});

const SHORTFALL =
  '0/2 clusters available: 2 insufficient capacity (pool gpu: needs 1 node with 8 free GPUs, has 0)';

describe('never tearing down on error', () => {
  const d = md({ replicas: 2 });
  const observed = {
    'replica-a-0': observedChild(replicaChild(d, 'a', 0), {
      ready: true,
      url: 'http://203.0.113.10/ml-team/q/',
    }),
    'endpoint-a-0': observedChild(
      {
        apiVersion: API_VERSION,
        kind: 'ModelEndpoint',
        metadata: { name: name('a', 0), namespace: NS },
        spec: { url: 'http://203.0.113.10/ml-team/q/' },
      },
      { ready: true },
    ),
  };
  const kept = {
    'replica-a-0': { resource: replicaChild(d, 'a', 0), ready: true },
    'endpoint-a-0': {
      resource: {
        apiVersion: API_VERSION,
        kind: 'ModelEndpoint',
        metadata: { name: name('a', 0), namespace: NS },
        spec: { url: 'http://203.0.113.10/ml-team/q/' },
      },
      ready: true,
    },
  };
  const heldStatus = {
    replicas: 1,
    readyReplicas: 1,
    selector,
    gpus: 8,
    placements: [placement('a', 0, { ready: true })],
    unschedulable: noShortfall,
  };
  const held = (reason: string, message: string, results: ExpectedResult[]) =>
    response({
      status: heldStatus,
      ready: false,
      resources: kept,
      conditions: [
        { type: 'Scheduled', status: 'False', reason, message },
        { type: 'ReplicasReady', status: 'True', reason: 'AllReplicasReady', message: '1 of 1 ready' },
      ],
      results,
    });

  const cases: { name: string; world: World; want: ReturnType<typeof expectedResponse> }[] = [
    {
      name: 'requirements not fetched yet: WaitingForInputs, children kept',
      world: { md: d, observed, unresolved: true },
      want: held(
        'WaitingForInputs',
        'Waiting for the InferenceClusters, InferenceClasses and ModelReplicas to be fetched',
        [],
      ),
    },
    {
      name: 'a nodeSelector that does not compile: InvalidNodeSelector with the field path, Warning, children kept',
      world: {
        md: md({ replicas: 2, cel: 'device.attributes[' }),
        replicas: [existing('a', 0, { ready: true })],
        observed,
      },
      want: held('InvalidNodeSelector', CEL_ERROR, [
        { severity: 'Warning', message: `Invalid nodeSelector: ${CEL_ERROR}`, reason: 'InvalidNodeSelector' },
      ]),
    },
    {
      name: 'a selector matching no cluster: NoClusters, Warning, children kept',
      world: {
        md: md({ replicas: 2, clusterSelector: { matchLabels: { region: 'mars' } } }),
        replicas: [existing('a', 0, { ready: true })],
        observed,
      },
      want: held('NoClusters', 'No InferenceCluster matches the clusterSelector', [
        {
          severity: 'Warning',
          message: 'No InferenceCluster matches the clusterSelector; existing replicas are kept',
          reason: 'NoClusters',
        },
      ]),
    },
    {
      name: 'the class under a running replica is missing: ClassNotFound, Warning, children kept',
      world: { md: d, classes: [], replicas: [existing('a', 0, { ready: true })], observed },
      want: held('ClassNotFound', 'InferenceClass gpu-8x not found (cluster a, pool gpu)', [
        {
          severity: 'Warning',
          message: 'Holding replica placement: InferenceClass gpu-8x not found (cluster a, pool gpu)',
          reason: 'ClassNotFound',
        },
      ]),
    },
    {
      name: 'an invalid InferenceCluster under a running replica: InvalidInput, Warnings, children kept',
      world: {
        md: d,
        clusters: [{ ...clusterA, status: { conditions: 'Ready' } }, clusterB],
        replicas: [existing('a', 0, { ready: true })],
        observed,
      },
      want: held('InvalidInput', `InferenceCluster a is invalid: ${CLUSTER_ISSUE}`, [
        {
          severity: 'Warning',
          message: `Ignoring invalid InferenceCluster a: ${CLUSTER_ISSUE}`,
          reason: 'InvalidInput',
        },
        {
          severity: 'Warning',
          message: `Holding replica placement: InferenceCluster a is invalid: ${CLUSTER_ISSUE}`,
          reason: 'InvalidInput',
        },
      ]),
    },
    {
      name: 'an invalid InferenceClass under a running replica: InvalidInput, Warnings, children kept',
      world: {
        md: d,
        classes: [
          { ...gpu8, spec: { ...gpu8.spec, resources: { gpu: { count: 'eight', memory: '80Gi' } } } },
        ],
        replicas: [existing('a', 0, { ready: true })],
        observed,
      },
      want: held('InvalidInput', `InferenceClass gpu-8x is invalid (cluster a, pool gpu): ${CLASS_ISSUE}`, [
        {
          severity: 'Warning',
          message: `Ignoring invalid InferenceClass gpu-8x: ${CLASS_ISSUE}`,
          reason: 'InvalidInput',
        },
        {
          severity: 'Warning',
          message: `Holding replica placement: InferenceClass gpu-8x is invalid (cluster a, pool gpu): ${CLASS_ISSUE}`,
          reason: 'InvalidInput',
        },
      ]),
    },
    {
      name: 'a nodeSelector that fails at run time on every class (a misspelt key): NoMatchingClass, children kept',
      world: {
        md: md({ replicas: 2, cel: 'device.attributes["gpu.nvidia.com"].archtecture == "Hopper"' }),
        replicas: [existing('a', 0, { ready: true })],
        observed,
      },
      want: held(
        'NoMatchingClass',
        `spec.nodeSelector.cel ${ONE_CLASS}: 1 failed at run time (InferenceClass gpu-8x: field not found: archtecture)`,
        [
          {
            severity: 'Warning',
            message: `spec.nodeSelector.cel ${ONE_CLASS}: 1 failed at run time (InferenceClass gpu-8x: field not found: archtecture); existing replicas are kept`,
            reason: 'NoMatchingClass',
          },
        ],
      ),
    },
    {
      name: 'a nodeSelector over its cost limit on every class: NoMatchingClass, children kept',
      world: {
        md: md({ replicas: 2, cel: EXPENSIVE }),
        replicas: [existing('a', 0, { ready: true })],
        observed,
      },
      want: held(
        'NoMatchingClass',
        `spec.nodeSelector.cel ${ONE_CLASS}: 1 ran over the cost limit of 1000000 units`,
        [
          {
            severity: 'Warning',
            message: `spec.nodeSelector.cel ${ONE_CLASS}: 1 ran over the cost limit of 1000000 units; existing replicas are kept`,
            reason: 'NoMatchingClass',
          },
        ],
      ),
    },
    {
      name: 'a nodeSelector false on every class: NoMatchingClass, children kept',
      world: {
        md: md({ replicas: 2, cel: 'device.attributes["modelplane.ai"].gpuProduct == "B200"' }),
        classes: [inferenceClass('gpu-8x', { gpus: 8, product: 'H100' })],
        replicas: [existing('a', 0, { ready: true })],
        observed,
      },
      want: held('NoMatchingClass', `spec.nodeSelector.cel ${ONE_CLASS}: 1 evaluated to false`, [
        {
          severity: 'Warning',
          message: `spec.nodeSelector.cel ${ONE_CLASS}: 1 evaluated to false; existing replicas are kept`,
          reason: 'NoMatchingClass',
        },
      ]),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const rsp = runFunction(composeModelDeployment, request(c.world));
      // The held status's conditions read "1 of 1 ready" from the observed child; the CEL case's
      // XR differs only in spec, which the response does not echo.
      expect(rsp).toEqual(c.want);
    });
  }

  it('an invalid topology keeps children: InvalidTopology with the field path', () => {
    const bad = {
      ...(d as Obj),
      spec: {
        ...(d.spec as Obj),
        workers: { ...(d.spec.workers as Obj), topology: { tensor: 8, data: 3, dataLocal: 2 } },
      },
    };
    expect(
      runFunction(
        composeModelDeployment,
        request({ md: bad, replicas: [existing('a', 0, { ready: true })], observed }),
      ),
    ).toEqual(
      held('InvalidTopology', TOPOLOGY_ERROR, [
        {
          severity: 'Warning',
          message: `Invalid ModelDeployment: ${TOPOLOGY_ERROR}`,
          reason: 'InvalidTopology',
        },
      ]),
    );
  });

  it('a model name KServe cannot serve keeps children: InvalidSpec with the field path', () => {
    const bad = { ...(d as Obj), spec: { ...(d.spec as Obj), model: { name: 'Qwen/Qwen3 8B' } } };
    expect(
      runFunction(
        composeModelDeployment,
        request({ md: bad, replicas: [existing('a', 0, { ready: true })], observed }),
      ),
    ).toEqual(
      held('InvalidSpec', MODEL_NAME_ERROR, [
        {
          severity: 'Warning',
          message: `Invalid ModelDeployment: ${MODEL_NAME_ERROR}`,
          reason: 'InvalidSpec',
        },
      ]),
    );
  });
});

const MODEL_NAME_ERROR =
  'spec.model.name: must be a model name: "/"-separated parts of letters, digits and _ . - : @ +, each starting with a letter, digit or _ (e.g. Qwen/Qwen3-8B)';
const CEL_ERROR = 'spec.nodeSelector.cel: syntax error at 1:18: found [ but expecting end of input';
const CLUSTER_ISSUE = 'status.conditions: Invalid input: expected array, received string';
const CLASS_ISSUE = 'spec.resources.gpu.count: Invalid input: expected number, received string';
const ONE_CLASS = "matches none of the 1 InferenceClass the candidate clusters' node pools use";
const HUNDRED = `[${Array.from({ length: 100 }, (_, i) => i).join(',')}]`;
/** A million and more comprehension steps: over the CEL cost limit on every class. */
const EXPENSIVE = `${HUNDRED}.all(a, ${HUNDRED}.all(b, ${HUNDRED}.all(c, a + b + c >= 0)))`;
const TOPOLOGY_ERROR = 'spec.workers.topology.data: must be a multiple of dataLocal (3 % 2 != 0)';

describe('ownership and determinism', () => {
  it("never adopts a same-named deployment's replicas from another namespace", () => {
    const d = md({ replicas: 1 });
    const theirs = modelReplica('qwen', 'a', 0, { namespace: 'other-team', topology: { tensor: 8 } });
    const rsp = runFunction(composeModelDeployment, request({ md: d, replicas: [theirs] }));
    // Theirs holds cluster a's only node, so ours goes to b with a name of our own namespace.
    expect(rsp.desired?.resources).toEqual({
      'replica-b-0': { resource: replicaChild(d, 'b', 0), connectionDetails: {}, ready: 2 },
    });
  });

  it('answers byte-identically whatever order the required resources arrive in', () => {
    const d = md({ replicas: 3 });
    const clusters = [
      clusterA,
      clusterB,
      inferenceCluster('c', { pools: [pool('gpu', 'gpu-8x', { nodeCount: 2 })] }),
    ];
    const replicas = [
      existing('a', 0, { ready: true }),
      modelReplica('other', 'c', 0, { topology: { tensor: 4 } }),
      modelReplica('qwen', 'b', 0, { namespace: 'x' }),
    ];
    const base = JSON.stringify(runFunction(composeModelDeployment, request({ md: d, clusters, replicas })));
    fc.assert(
      fc.property(
        fc.shuffledSubarray(clusters, { minLength: 3, maxLength: 3 }),
        fc.shuffledSubarray(replicas, { minLength: 3, maxLength: 3 }),
        (cs, rs) => {
          expect(
            JSON.stringify(
              runFunction(composeModelDeployment, request({ md: d, clusters: cs, replicas: rs })),
            ),
          ).toBe(base);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('spec.model.name', () => {
  const plain = modelDeployment('qwen', { topology: { tensor: 8 }, replicas: 2 });
  const withModel = (model: Obj) => ({ ...plain, spec: { ...plain.spec, model } });
  const desired = (d: Obj) => runFunction(composeModelDeployment, request({ md: d })).desired?.resources;
  const child = (cluster: string, model?: Obj) => {
    const c = replicaChild(plain, cluster, 0);
    const resource = model === undefined ? c : { ...c, spec: { ...(c.spec as Obj), model } };
    return { resource, connectionDetails: {}, ready: 2 };
  };

  it('is carried to every ModelReplica, alone or next to the model URI', () => {
    expect(desired(withModel({ name: 'Qwen/Qwen3-8B' }))).toEqual({
      'replica-a-0': child('a', { name: 'Qwen/Qwen3-8B' }),
      'replica-b-0': child('b', { name: 'Qwen/Qwen3-8B' }),
    });
    const both = { uri: 'hf://Qwen/Qwen3-8B', name: 'Qwen/Qwen3-8B' };
    expect(desired(withModel(both))).toEqual({
      'replica-a-0': child('a', both),
      'replica-b-0': child('b', both),
    });
  });

  it('by default is not written: each replica serves under the deployment’s name', () => {
    expect(desired(plain)).toEqual({ 'replica-a-0': child('a'), 'replica-b-0': child('b') });
  });
});
