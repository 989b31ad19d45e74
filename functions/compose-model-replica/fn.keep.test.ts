// compose-model-replica when it cannot compose: waiting for the cluster or a class, engine flags
// that contradict the topology, topologies KServe or the pool cannot run, and an invalid XR. In
// every case nothing new is composed and the children already on the cluster are re-emitted
// unchanged, so a serving replica keeps serving; Deployed says why.

import { describe, expect, it } from 'vitest';
import { runFunction } from '../../lib/runtime/handler.js';
import { composeModelReplica } from './fn.js';
import {
  ALL_CLASSES,
  CLASSES,
  condition,
  engine,
  inferenceClass,
  inferenceCluster,
  kept,
  modelReplica,
  NOT_SERVING_YET,
  observe,
  request,
  response,
  workers,
  type ExpectedResult,
  type RequestInput,
} from './test-fixtures.js';

type Obj = Record<string, unknown>;

const R = 'llama-405b-5a562';
const URL = `http://203.0.113.10/ml-team/${R}`;
/** How the fleet reaches the serving replica: its cluster gateway and the header that picks it. */
const ENDPOINT = {
  url: 'http://203.0.113.10',
  headers: [{ name: 'x-modelplane-replica', value: `ml-team/${R}` }],
};

function replica(spec: Obj): Obj {
  return modelReplica({
    name: R,
    deployment: 'llama-405b',
    spec: { model: { uri: 'hf://meta-llama/Llama-3.1-405B-Instruct' }, ...spec },
  });
}

function multiNode(args: string[], topology: Obj = { tensor: 8, pipeline: 2 }): Obj {
  return replica({
    nodePool: 'h200',
    workers: workers({ topology, resources: { cpu: '96', memory: '1Ti' }, containers: [engine(args)] }),
  });
}

const good: RequestInput = {
  xr: multiNode(['--tensor-parallel-size', '8', '--pipeline-parallel-size', '2']),
  cluster: [inferenceCluster()],
  classes: ALL_CLASSES,
};

/** The replica's children as they run on the cluster, serving. */
const serving = observe(runFunction(composeModelReplica, request(good)), R, {
  remoteStatus: {
    url: URL,
    conditions: [
      { type: 'Ready', status: 'True' },
      { type: 'WorkerWorkloadReady', status: 'True' },
    ],
  },
});

const STILL_SERVING = [
  condition('Serving', 'True', 'Serving'),
  condition('WorkerWorkloadReady', 'True', 'WorkerWorkloadReady'),
];

interface KeepCase {
  readonly name: string;
  readonly request: RequestInput;
  readonly reason: string;
  readonly message: string;
  readonly event?: 'Normal' | 'Warning';
  /** status.gpus; default 16 (the replica's topology), null when the topology cannot be computed. */
  readonly gpus?: number | null;
}

function expectKept(c: KeepCase, observed: Record<string, Obj>) {
  const results: ExpectedResult[] =
    c.event === undefined ? [] : [{ severity: c.event, message: c.message, reason: c.reason }];
  const isServing = Object.keys(observed).length > 0;
  return response({
    status: {
      ...(c.gpus === null ? {} : { gpus: c.gpus ?? 16 }),
      ...(isServing ? { url: URL, endpoint: ENDPOINT } : {}),
    },
    ready: isServing,
    resources: kept(observed),
    conditions: [
      condition('Deployed', 'False', c.reason, c.message),
      ...(isServing ? STILL_SERVING : [NOT_SERVING_YET]),
    ],
    results,
    cluster: 'gke-east',
  });
}

const WAITING: readonly KeepCase[] = [
  {
    name: 'the cluster not fetched yet (first call of a reconcile) waits quietly',
    request: { xr: good.xr },
    reason: 'WaitingForCluster',
    message: 'Waiting for InferenceCluster gke-east to be fetched',
  },
  {
    name: 'a cluster that does not exist waits with a Warning',
    request: { ...good, cluster: [] },
    reason: 'WaitingForCluster',
    message: 'InferenceCluster gke-east not found',
    event: 'Warning',
  },
  {
    name: 'a cluster without status.providerConfigRef (still provisioning) waits with a Normal event',
    request: { ...good, cluster: [inferenceCluster({ providerConfig: null })] },
    reason: 'WaitingForCluster',
    message: 'InferenceCluster gke-east has no status.providerConfigRef yet',
    event: 'Normal',
  },
  {
    name: 'a cluster the API would reject waits and names the bad field',
    request: {
      ...good,
      cluster: [{ ...inferenceCluster(), spec: { ...(inferenceCluster().spec as Obj), nodePools: [] } }],
    },
    reason: 'WaitingForCluster',
    message:
      'InferenceCluster gke-east is invalid: spec.nodePools: Too small: expected array to have >=1 items',
    event: 'Warning',
  },
  {
    name: 'a pool the cluster no longer has waits and names the pool and the field',
    request: { ...good, cluster: [inferenceCluster({ pools: { l4: 'l4-1x' } })] },
    reason: 'WaitingForCluster',
    message: 'InferenceCluster gke-east has no node pool h200 (spec.nodePool)',
    event: 'Warning',
  },
  {
    name: 'classes not fetched yet wait quietly',
    request: { ...good, classes: undefined },
    reason: 'WaitingForClass',
    message: 'Waiting for InferenceClass h200-8x-ib (pool h200 of InferenceCluster gke-east) to be fetched',
  },
  {
    name: 'a missing class waits and names the class and its pool',
    request: { ...good, classes: [inferenceClass('l4-1x')] },
    reason: 'WaitingForClass',
    message: 'InferenceClass h200-8x-ib (pool h200 of InferenceCluster gke-east) not found',
    event: 'Warning',
  },
  {
    name: 'an invalid class waits and names the bad field',
    request: {
      ...good,
      classes: [
        inferenceClass('h200-8x-ib', {
          ...CLASSES['h200-8x-ib'],
          resources: { gpu: { count: 0, memory: '141Gi' } },
        }),
      ],
    },
    reason: 'WaitingForClass',
    message:
      'InferenceClass h200-8x-ib (pool h200 of InferenceCluster gke-east) is invalid: spec.resources.gpu.count: Too small: expected number to be >=1',
    event: 'Warning',
  },
];

describe('compose-model-replica waits for its cluster and classes, keeping what runs', () => {
  for (const c of WAITING) {
    it(`${c.name}; the serving children are kept`, () => {
      expect(runFunction(composeModelReplica, request({ ...c.request, observed: serving }))).toEqual(
        expectKept(c, serving),
      );
    });
  }

  it('a new replica whose cluster is still provisioning composes nothing yet', () => {
    const c = WAITING[2] as KeepCase;
    expect(runFunction(composeModelReplica, request(c.request))).toEqual(expectKept(c, {}));
  });
});

const MISMATCHES: readonly KeepCase[] = [
  {
    name: 'a short tensor flag that disagrees',
    request: { ...good, xr: multiNode(['-tp', '4', '-pp', '2']) },
    reason: 'TopologyMismatch',
    message: '-tp is 4 but spec.workers.topology.tensor is 8',
  },
  {
    name: 'a pipeline flag written with = and underscores',
    request: { ...good, xr: multiNode(['--tensor-parallel-size=8', '--pipeline_parallel_size=3']) },
    reason: 'TopologyMismatch',
    message: '--pipeline_parallel_size is 3 but spec.workers.topology.pipeline is 2',
  },
  {
    name: 'data-parallel flags that disagree, each named',
    request: {
      ...good,
      xr: multiNode(['--data-parallel-size', '8', '--data-parallel-size-local', '4'], {
        tensor: 1,
        data: 16,
        dataLocal: 8,
        expert: true,
      }),
    },
    reason: 'TopologyMismatch',
    message:
      '--data-parallel-size is 8 but spec.workers.topology.data is 16; --data-parallel-size-local is 4 but spec.workers.topology.dataLocal is 8',
  },
  {
    name: 'expert parallelism the topology does not declare',
    request: { ...good, xr: multiNode(['--enable-expert-parallel']) },
    reason: 'TopologyMismatch',
    message: '--enable-expert-parallel is set but spec.workers.topology.expert is false',
  },
  {
    name: 'a flag buried in a shell command',
    request: {
      ...good,
      xr: replica({
        nodePool: 'h200',
        workers: workers({
          topology: { tensor: 8, pipeline: 2 },
          resources: { cpu: '96', memory: '1Ti' },
          containers: [
            {
              name: 'engine',
              image: 'vllm/vllm-openai:v0.11.0',
              command: ['sh', '-c', 'exec vllm serve /mnt/models -tp 2'],
            },
          ],
        }),
      }),
    },
    reason: 'TopologyMismatch',
    message: '-tp is 2 but spec.workers.topology.tensor is 8',
  },
  {
    name: 'the prefill role of a disaggregated replica',
    request: {
      ...good,
      xr: replica({
        prefill: {
          nodePool: 'h100',
          workers: workers({ topology: { tensor: 4 }, containers: [engine(['-tp', '8'])] }),
        },
        decode: {
          nodePool: 'h200',
          workers: workers({ topology: { tensor: 8 }, containers: [engine(['-tp', '8'])] }),
        },
      }),
    },
    reason: 'TopologyMismatch',
    message: '-tp is 8 but spec.prefill.workers.topology.tensor is 4',
    gpus: 12,
  },
];

describe('compose-model-replica refuses engine flags that contradict the topology, keeping what runs', () => {
  for (const c of MISMATCHES) {
    it(`${c.name} gives Deployed=False TopologyMismatch naming the flag and both values`, () => {
      const withEvent = { ...c, event: 'Warning' as const };
      expect(runFunction(composeModelReplica, request({ ...c.request, observed: serving }))).toEqual(
        expectKept(withEvent, serving),
      );
    });
  }
});

const UNRUNNABLE: readonly KeepCase[] = [
  {
    name: 'pipeline and data parallelism together, which one LLMInferenceService cannot express',
    request: { ...good, xr: multiNode([], { tensor: 4, pipeline: 2, data: 2, dataLocal: 1 }) },
    reason: 'UnsupportedTopology',
    message:
      'spec.workers.topology: KServe cannot combine pipeline parallelism (2) with data parallelism (data 2, dataLocal 1) in one LLMInferenceService',
  },
  {
    name: 'more GPUs per node than the pool’s nodes have',
    request: {
      ...good,
      xr: replica({ nodePool: 'l4', workers: workers({ topology: { tensor: 2, pipeline: 8 } }) }),
    },
    reason: 'PoolTooSmall',
    message:
      'spec.workers.topology needs 2 GPUs per node (tensor 2 × dataLocal 1) but pool l4 (InferenceClass l4-1x) has 1',
  },
  {
    name: 'more GPUs per node than any node can have',
    request: { ...good, xr: multiNode([], { tensor: 64, data: 2, dataLocal: 2 }) },
    reason: 'InvalidReplica',
    message: 'spec.workers.topology: needs 128 GPUs per node (tensor 64 × dataLocal 2); at most 64',
    gpus: null,
  },
];

const FIGHTING: readonly KeepCase[] = [
  {
    name: 'no spec.model.uri and no model in the engine args',
    request: {
      ...good,
      xr: modelReplica({
        name: R,
        deployment: 'llama-405b',
        spec: {
          nodePool: 'h200',
          workers: workers({ topology: { tensor: 8, pipeline: 2 }, containers: [engine(['-tp', '8'])] }),
        },
      }),
    },
    reason: 'NoModelSource',
    message:
      'spec.workers.template.spec.containers[0].args: names no model and spec.model.uri is not set; set spec.model.uri (e.g. hf://Qwen/Qwen3-8B) or pass --model=<model> to the engine',
  },
  {
    name: 'a served model name and a port of its own, which KServe sets',
    request: { ...good, xr: multiNode(['--served-model-name', 'Llama', '--port=9000']) },
    reason: 'ConflictingEngineArgs',
    message:
      'spec.workers.template.spec.containers[0].args: --served-model-name is set by KServe, which serves the model as "llama-405b" and "publishers/ml-team/models/llama-405b"; remove it, and set spec.model.name on the ModelDeployment to serve another name; spec.workers.template.spec.containers[0].args: --port 9000 differs from the port KServe serves the engine on (8000); remove it',
  },
  {
    name: 'a model in the args next to spec.model.uri',
    request: { ...good, xr: multiNode(['--model=meta-llama/Llama-3.1-405B-Instruct']) },
    reason: 'ConflictingEngineArgs',
    message:
      'spec.workers.template.spec.containers[0].args: names the model "meta-llama/Llama-3.1-405B-Instruct" but spec.model.uri is set, so KServe serves what its storage initializer downloads to /mnt/models; remove the model from the args, or remove spec.model.uri to let the engine download it',
  },
  {
    name: 'an engine that inherits root from the pod under KServe’s runAsNonRoot',
    request: {
      ...good,
      xr: replica({
        nodePool: 'h200',
        workers: workers({
          topology: { tensor: 8, pipeline: 2 },
          resources: { cpu: '96', memory: '1Ti' },
          podSpec: { securityContext: { runAsUser: 0 } },
        }),
      }),
    },
    reason: 'ConflictingEngineArgs',
    message:
      "spec.workers.template.spec.securityContext.runAsUser: 0 (root) cannot start: KServe's preset sets runAsNonRoot: true on the engine; set a non-zero runAsUser (e.g. 1000), or runAsNonRoot: false on the engine",
  },
];

describe('compose-model-replica refuses engines that fight KServe’s presets, keeping what runs', () => {
  for (const c of FIGHTING) {
    it(`${c.name} gives Deployed=False ${c.reason}`, () => {
      const withEvent = { ...c, event: 'Warning' as const };
      expect(runFunction(composeModelReplica, request({ ...c.request, observed: serving }))).toEqual(
        expectKept(withEvent, serving),
      );
    });
  }
});

describe('compose-model-replica refuses topologies that cannot run, keeping what runs', () => {
  for (const c of UNRUNNABLE) {
    it(`${c.name} gives Deployed=False ${c.reason}`, () => {
      const withEvent = { ...c, event: 'Warning' as const };
      expect(runFunction(composeModelReplica, request({ ...c.request, observed: serving }))).toEqual(
        expectKept(withEvent, serving),
      );
    });
  }

  it('an XR the schema rejects reports the fields, asks for nothing and keeps what runs', () => {
    const xr = multiNode(['-tp', '8']);
    (xr.spec as { workers: Obj }).workers.count = 0;
    const message = 'spec.workers.count: Too small: expected number to be >=1';
    expect(runFunction(composeModelReplica, request({ xr, observed: serving }))).toEqual(
      response({
        status: { url: URL, endpoint: ENDPOINT },
        ready: true,
        resources: kept(serving),
        conditions: [condition('Deployed', 'False', 'InvalidReplica', message), ...STILL_SERVING],
        results: [
          { severity: 'Warning', message: `Invalid ModelReplica: ${message}`, reason: 'InvalidReplica' },
        ],
      }),
    );
  });
});
