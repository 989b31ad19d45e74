// compose-model-replica end to end through the real handler: whole RunFunctionResponses for every
// serving shape (single node, multi-node, data-parallel with experts, disaggregated 2P1D, Kueue,
// KAI), the remote status lifted back, and the composed manifests validated against the real
// provider-kubernetes, KServe and Kubernetes schemas.

import { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { runFunction } from '../../lib/runtime/handler.js';
import { schemaProblems } from '../../tests/support/validate.js';
import { composeModelReplica } from './fn.js';
import {
  ALL_CLASSES,
  CLAIM_HASH,
  claimKey,
  claimObject,
  condition,
  CLASSES,
  engine,
  inferenceClass,
  inferenceCluster,
  kept,
  modelReplica,
  namespaceObject,
  NOT_SERVING_YET,
  observe,
  pod,
  request,
  RESOLVE_LEADER,
  response,
  routerFor,
  serviceObject,
  TLS_FLAGS,
  VLLM,
  workers,
  type ExpectedResponse,
  type RequestInput,
} from './test-fixtures.js';

const HOPPER = 'device.attributes["gpu.nvidia.com"].architecture == "Hopper"';
const CUDA_9 = 'device.attributes["gpu.nvidia.com"].cudaComputeCapability.compareTo(semver("9.0.0")) == 0';
const H200_MEMORY = 'device.capacity["gpu.nvidia.com"].memory.compareTo(quantity("141Gi")) >= 0';
const H100_MEMORY = 'device.capacity["gpu.nvidia.com"].memory.compareTo(quantity("80Gi")) >= 0';
const H200_SELECTORS = [HOPPER, CUDA_9, H200_MEMORY];
const H100_SELECTORS = [HOPPER, H100_MEMORY];

const HF_TOKEN = { name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf-token', key: 'token' } } };

const deploying = (keys: string, where: string) =>
  condition(
    'Deployed',
    'False',
    'Deploying',
    `Waiting for ${keys} to be created on InferenceCluster ${where}`,
  );

// ---------------------------------------------------------------------------------------------
// The serving shapes, each as a request and the whole response it must produce.

interface Case {
  readonly name: string;
  readonly request: RequestInput;
  readonly expected: ExpectedResponse;
}

const SINGLE = 'qwen3-8b-7b88a';
const singleNodeRequest: RequestInput = {
  xr: modelReplica({
    spec: {
      model: { uri: 'hf://Qwen/Qwen3-8B' },
      nodePool: 'l4',
      workers: workers({
        topology: { tensor: 1 },
        metadata: { labels: { team: 'nlp' } },
        containers: [engine(['--max-model-len=32768'], { env: [HF_TOKEN] })],
        podSpec: { imagePullSecrets: [{ name: 'nvcr-creds' }] },
      }),
    },
  }),
  cluster: [inferenceCluster()],
  classes: ALL_CLASSES,
};
const SINGLE_CLAIM = claimKey('unified', CLAIM_HASH.l4x1);
const singleClaimObject = claimObject(SINGLE, 'unified', 'gke-east', CLAIM_HASH.l4x1, 1, [
  'device.attributes["gpu.nvidia.com"].architecture == "Ada Lovelace"',
]);
const singleNodeObjects = {
  namespace: namespaceObject(SINGLE, 'gke-east'),
  [SINGLE_CLAIM]: singleClaimObject,
  'llm-inference-service': serviceObject(
    SINGLE,
    'gke-east',
    { 'modelplane.ai/deployment': 'qwen3-8b' },
    {
      model: { name: 'qwen3-8b', uri: 'hf://Qwen/Qwen3-8B' },
      storageInitializer: { enabled: true },
      replicas: 1,
      parallelism: { tensor: 1 },
      labels: { team: 'nlp' },
      template: pod({
        pool: 'l4',
        claimTemplate: `${SINGLE}-unified-${CLAIM_HASH.l4x1}`,
        requests: { cpu: '8', memory: '32Gi' },
        engine: { image: VLLM, args: ['--max-model-len=32768'], env: [HF_TOKEN] },
        initContainers: [{ name: 'storage-initializer', env: [HF_TOKEN] }],
        extra: { imagePullSecrets: [{ name: 'nvcr-creds' }] },
      }),
      router: routerFor(SINGLE),
    },
  ),
};

// spec.model.name: the name clients send, with a slash; the engine fetches the model itself, so
// the command modelplane composes serves it under both names KServe routes on.
const namedServe =
  'exec vllm serve Qwen/Qwen3-8B --served-model-name Qwen/Qwen3-8B publishers/ml-team/models/Qwen/Qwen3-8B ' +
  '--port 8000 --tensor-parallel-size 1';
const namedRequest: RequestInput = {
  xr: modelReplica({
    spec: {
      model: { name: 'Qwen/Qwen3-8B' },
      nodePool: 'l4',
      workers: workers({ containers: [engine(['--model=Qwen/Qwen3-8B', '--max-model-len=32768'])] }),
    },
  }),
  cluster: [inferenceCluster()],
  classes: ALL_CLASSES,
};
const namedObjects = {
  namespace: namespaceObject(SINGLE, 'gke-east'),
  [SINGLE_CLAIM]: singleClaimObject,
  'llm-inference-service': serviceObject(
    SINGLE,
    'gke-east',
    { 'modelplane.ai/deployment': 'qwen3-8b' },
    {
      model: { name: 'Qwen/Qwen3-8B', uri: 'engine://qwen3-8b' },
      storageInitializer: { enabled: false },
      replicas: 1,
      parallelism: { tensor: 1 },
      template: pod({
        pool: 'l4',
        claimTemplate: `${SINGLE}-unified-${CLAIM_HASH.l4x1}`,
        requests: { cpu: '8', memory: '32Gi' },
        engine: {
          image: VLLM,
          command: ['/bin/bash', '-c', `${namedServe} ${TLS_FLAGS} "$@"`, '--'],
          args: ['--max-model-len=32768'],
        },
      }),
      router: routerFor(SINGLE),
    },
  ),
};

function notReady(objects: Record<string, Record<string, unknown>>) {
  return Object.fromEntries(Object.entries(objects).map(([k, resource]) => [k, { resource, ready: false }]));
}

const MULTI = 'llama-405b-5a562';
const multiNodeArgs = ['--model=meta-llama/Llama-3.1-405B-Instruct', '--tensor-parallel-size=8', '-pp', '2'];
const multiNodeRequest: RequestInput = {
  xr: modelReplica({
    name: MULTI,
    deployment: 'llama-405b',
    spec: {
      nodePool: 'h200',
      workers: workers({
        topology: { tensor: 8, pipeline: 2 },
        resources: { cpu: '96', memory: '1Ti' },
        containers: [engine(multiNodeArgs, { env: [HF_TOKEN] })],
        podSpec: { shmSize: '64Gi' },
      }),
    },
  }),
  cluster: [inferenceCluster()],
  classes: ALL_CLASSES,
};
const multiNodeServe =
  'exec vllm serve meta-llama/Llama-3.1-405B-Instruct --served-model-name llama-405b publishers/ml-team/models/llama-405b ' +
  '--port 8000 --tensor-parallel-size 8 --pipeline-parallel-size 2 --nnodes 2 --node-rank "${LWS_WORKER_INDEX:-0}" ' +
  '--master-addr "$ADDR"';
const multiNodePod = (worker: boolean) =>
  pod({
    pool: 'h200',
    claimTemplate: `${MULTI}-unified-${CLAIM_HASH.h200x8}`,
    requests: { cpu: '96', memory: '1Ti' },
    shmSize: '64Gi',
    engine: {
      image: VLLM,
      command: [
        '/bin/bash',
        '-c',
        `${RESOLVE_LEADER}${multiNodeServe}${worker ? ' --headless' : ''} ${TLS_FLAGS} "$@"`,
        '--',
      ],
      args: ['--tensor-parallel-size=8', '-pp', '2'],
      env: [HF_TOKEN],
    },
  });
const multiNodeObjects = {
  namespace: namespaceObject(MULTI, 'gke-east'),
  [claimKey('unified', CLAIM_HASH.h200x8)]: claimObject(
    MULTI,
    'unified',
    'gke-east',
    CLAIM_HASH.h200x8,
    8,
    H200_SELECTORS,
  ),
  'llm-inference-service': serviceObject(
    MULTI,
    'gke-east',
    { 'modelplane.ai/deployment': 'llama-405b' },
    {
      model: { name: 'llama-405b', uri: 'engine://llama-405b' },
      storageInitializer: { enabled: false },
      replicas: 1,
      parallelism: { tensor: 8, pipeline: 2 },
      template: multiNodePod(false),
      worker: multiNodePod(true),
      router: routerFor(MULTI),
    },
  ),
};

const DEEPSEEK = 'deepseek-r1-03a3d';
const deepseekArgs = [
  '--enable-expert-parallel',
  '--data-parallel-size',
  '16',
  '--data-parallel-size-local',
  '8',
];
const deepseekPod = pod({
  pool: 'h200',
  claimTemplate: `${DEEPSEEK}-unified-${CLAIM_HASH.h200x8}`,
  requests: { cpu: '160', memory: '1800Gi' },
  engine: { image: VLLM, args: deepseekArgs },
});

const KIMI = 'kimi-k2-d5883';
const kimiRole = (count: number, tensor: number, memory: string) =>
  workers({
    count,
    topology: { tensor },
    resources: { cpu: '48', memory },
    containers: [engine(['-tp', String(tensor)])],
  });

const QWEN32 = 'qwen3-32b-66431';
const GPT = 'gpt-oss-120b-e56b8';
const gptArgs = ['--tensor-parallel-size=8', '-pp', '2'];
const LOG_SHIPPER = { name: 'log-shipper', image: 'fluent/fluent-bit:3.2' };
const gptPod = pod({
  pool: 'h100',
  claimTemplate: `${GPT}-unified-${CLAIM_HASH.h100x8}`,
  requests: { cpu: '16', memory: '128Gi' },
  engine: { image: VLLM, args: gptArgs },
  sidecars: [LOG_SHIPPER],
  extra: { schedulerName: 'kai-scheduler' },
});

const COMPOSE_CASES: readonly Case[] = [
  {
    name: 'a single-node replica (tensor 1) gets a namespace, one claim for 1 GPU and a service with the storage initializer on',
    request: singleNodeRequest,
    expected: {
      status: { gpus: 1 },
      ready: false,
      resources: notReady(singleNodeObjects),
      conditions: [
        deploying(
          `namespace, ${claimKey('unified', CLAIM_HASH.l4x1)}, llm-inference-service`,
          'gke-east (pool l4, 1 GPU)',
        ),
        NOT_SERVING_YET,
      ],
      cluster: 'gke-east',
    },
  },
  {
    name: 'spec.model.name (with a slash) is the service’s model.name and the names the engine serves; the deployment’s name is only the placeholder URI',
    request: namedRequest,
    expected: {
      status: { gpus: 1 },
      ready: false,
      resources: notReady(namedObjects),
      conditions: [
        deploying(
          `namespace, ${claimKey('unified', CLAIM_HASH.l4x1)}, llm-inference-service`,
          'gke-east (pool l4, 1 GPU)',
        ),
        NOT_SERVING_YET,
      ],
      cluster: 'gke-east',
    },
  },
  {
    name: 'a multi-node replica (tensor 8 × pipeline 2) claims 8 GPUs per node and gives KServe a worker; without a model URI the engine fetches weights',
    request: multiNodeRequest,
    expected: {
      status: { gpus: 16 },
      ready: false,
      resources: notReady(multiNodeObjects),
      conditions: [
        deploying(
          `namespace, ${claimKey('unified', CLAIM_HASH.h200x8)}, llm-inference-service`,
          'gke-east (pool h200, 16 GPUs)',
        ),
        NOT_SERVING_YET,
      ],
      cluster: 'gke-east',
    },
  },
  {
    name: 'a data-parallel replica with experts (tensor 1, data 16, dataLocal 8) spans two nodes of 8 GPUs',
    request: {
      xr: modelReplica({
        name: DEEPSEEK,
        deployment: 'deepseek-r1',
        spec: {
          model: { uri: 'hf://deepseek-ai/DeepSeek-R1-0528' },
          nodePool: 'h200',
          workers: workers({
            topology: { tensor: 1, data: 16, dataLocal: 8, expert: true },
            resources: { cpu: '160', memory: '1800Gi' },
            containers: [engine(deepseekArgs)],
          }),
        },
      }),
      cluster: [inferenceCluster()],
      classes: ALL_CLASSES,
    },
    expected: {
      status: { gpus: 16 },
      ready: false,
      resources: notReady({
        namespace: namespaceObject(DEEPSEEK, 'gke-east'),
        [claimKey('unified', CLAIM_HASH.h200x8)]: claimObject(
          DEEPSEEK,
          'unified',
          'gke-east',
          CLAIM_HASH.h200x8,
          8,
          H200_SELECTORS,
        ),
        'llm-inference-service': serviceObject(
          DEEPSEEK,
          'gke-east',
          { 'modelplane.ai/deployment': 'deepseek-r1' },
          {
            model: { name: 'deepseek-r1', uri: 'hf://deepseek-ai/DeepSeek-R1-0528' },
            storageInitializer: { enabled: true },
            replicas: 1,
            parallelism: { tensor: 1, data: 16, dataLocal: 8, expert: true },
            template: deepseekPod,
            worker: deepseekPod,
            router: routerFor(DEEPSEEK),
          },
        ),
      }),
      conditions: [
        deploying(
          `namespace, ${claimKey('unified', CLAIM_HASH.h200x8)}, llm-inference-service`,
          'gke-east (pool h200, 16 GPUs)',
        ),
        NOT_SERVING_YET,
      ],
      cluster: 'gke-east',
    },
  },
  {
    name: 'a disaggregated 2P1D replica on two pools gets a claim template per role and a prefill block',
    request: {
      xr: modelReplica({
        name: KIMI,
        deployment: 'kimi-k2',
        spec: {
          model: { uri: 'hf://moonshotai/Kimi-K2-Instruct' },
          prefill: { nodePool: 'h100', workers: kimiRole(2, 4, '512Gi') },
          decode: { nodePool: 'h200', workers: kimiRole(1, 8, '1Ti') },
        },
      }),
      cluster: [inferenceCluster()],
      classes: ALL_CLASSES,
    },
    expected: {
      status: { gpus: 16 },
      ready: false,
      resources: notReady({
        namespace: namespaceObject(KIMI, 'gke-east'),
        [claimKey('decode', CLAIM_HASH.h200x8)]: claimObject(
          KIMI,
          'decode',
          'gke-east',
          CLAIM_HASH.h200x8,
          8,
          H200_SELECTORS,
        ),
        [claimKey('prefill', CLAIM_HASH.h100x4)]: claimObject(
          KIMI,
          'prefill',
          'gke-east',
          CLAIM_HASH.h100x4,
          4,
          H100_SELECTORS,
        ),
        'llm-inference-service': serviceObject(
          KIMI,
          'gke-east',
          { 'modelplane.ai/deployment': 'kimi-k2' },
          {
            model: { name: 'kimi-k2', uri: 'hf://moonshotai/Kimi-K2-Instruct' },
            storageInitializer: { enabled: true },
            replicas: 1,
            parallelism: { tensor: 8 },
            template: pod({
              pool: 'h200',
              claimTemplate: `${KIMI}-decode-${CLAIM_HASH.h200x8}`,
              requests: { cpu: '48', memory: '1Ti' },
              engine: { image: VLLM, args: ['-tp', '8'] },
            }),
            prefill: {
              replicas: 2,
              parallelism: { tensor: 4 },
              template: pod({
                pool: 'h100',
                claimTemplate: `${KIMI}-prefill-${CLAIM_HASH.h100x4}`,
                requests: { cpu: '48', memory: '512Gi' },
                engine: { image: VLLM, args: ['-tp', '4'] },
              }),
            },
            router: routerFor(KIMI),
          },
        ),
      }),
      conditions: [
        deploying(
          `namespace, ${claimKey('decode', CLAIM_HASH.h200x8)}, ${claimKey('prefill', CLAIM_HASH.h100x4)}, llm-inference-service`,
          'gke-east (decode pool h200, prefill pool h100, 16 GPUs)',
        ),
        NOT_SERVING_YET,
      ],
      cluster: 'gke-east',
    },
  },
  {
    name: 'on a Kueue cluster the service carries the queue label, and the B200 claim pins typed attributes',
    request: {
      xr: modelReplica({
        name: QWEN32,
        deployment: 'qwen3-32b',
        cluster: 'eks-west',
        spec: {
          model: { uri: 's3://ml-models/qwen3-32b' },
          nodePool: 'b200',
          workers: workers({
            count: 2,
            topology: { tensor: 4 },
            containers: [engine(['--tensor-parallel-size', '4'])],
            podSpec: { serviceAccountName: 'model-reader' },
          }),
        },
      }),
      cluster: [
        inferenceCluster({
          name: 'eks-west',
          pools: { b200: 'b200-8x' },
          scheduler: { type: 'Kueue', queueName: 'inference' },
        }),
      ],
      classes: ALL_CLASSES,
    },
    expected: {
      status: { gpus: 8 },
      ready: false,
      resources: notReady({
        namespace: namespaceObject(QWEN32, 'eks-west'),
        [claimKey('unified', CLAIM_HASH.b200x4)]: claimObject(
          QWEN32,
          'unified',
          'eks-west',
          CLAIM_HASH.b200x4,
          4,
          [
            'device.attributes["gpu.nvidia.com"].architecture == "Blackwell"',
            'device.attributes["gpu.nvidia.com"].cudaComputeCapability.compareTo(semver("10.0.0")) == 0',
            'device.attributes["gpu.nvidia.com"].migCapable == true',
            'device.attributes["gpu.nvidia.com"].pcieGeneration == 6',
          ],
        ),
        'llm-inference-service': serviceObject(
          QWEN32,
          'eks-west',
          { 'modelplane.ai/deployment': 'qwen3-32b', 'kueue.x-k8s.io/queue-name': 'inference' },
          {
            model: { name: 'qwen3-32b', uri: 's3://ml-models/qwen3-32b' },
            storageInitializer: { enabled: true },
            replicas: 2,
            parallelism: { tensor: 4 },
            template: pod({
              pool: 'b200',
              claimTemplate: `${QWEN32}-unified-${CLAIM_HASH.b200x4}`,
              requests: { cpu: '8', memory: '32Gi' },
              engine: { image: VLLM, args: ['--tensor-parallel-size', '4'] },
              extra: { serviceAccountName: 'model-reader' },
            }),
            router: routerFor(QWEN32),
          },
        ),
      }),
      conditions: [
        deploying(
          `namespace, ${claimKey('unified', CLAIM_HASH.b200x4)}, llm-inference-service`,
          'eks-west (pool b200, 8 GPUs)',
        ),
        NOT_SERVING_YET,
      ],
      cluster: 'eks-west',
    },
  },
  {
    name: 'on a KAI cluster every pod (leader and worker) runs under kai-scheduler with the queue label, sidecars after the engine',
    request: {
      xr: modelReplica({
        name: GPT,
        deployment: 'gpt-oss-120b',
        cluster: 'aks-central',
        spec: {
          model: { uri: 'hf://openai/gpt-oss-120b' },
          nodePool: 'h100',
          workers: workers({
            topology: { tensor: 8, pipeline: 2 },
            resources: { cpu: '16', memory: '128Gi' },
            metadata: {
              labels: { team: 'assistant' },
              annotations: { 'prometheus.io/scrape': 'true' },
            },
            containers: [engine(gptArgs), LOG_SHIPPER],
          }),
        },
      }),
      cluster: [
        inferenceCluster({
          name: 'aks-central',
          pools: { h100: 'h100-8x' },
          scheduler: { type: 'KAI', queueName: 'team-a' },
        }),
      ],
      classes: ALL_CLASSES,
    },
    expected: {
      status: { gpus: 16 },
      ready: false,
      resources: notReady({
        namespace: namespaceObject(GPT, 'aks-central'),
        [claimKey('unified', CLAIM_HASH.h100x8)]: claimObject(
          GPT,
          'unified',
          'aks-central',
          CLAIM_HASH.h100x8,
          8,
          H100_SELECTORS,
        ),
        'llm-inference-service': serviceObject(
          GPT,
          'aks-central',
          { 'modelplane.ai/deployment': 'gpt-oss-120b', 'kai.scheduler/queue': 'team-a' },
          {
            model: { name: 'gpt-oss-120b', uri: 'hf://openai/gpt-oss-120b' },
            storageInitializer: { enabled: true },
            replicas: 1,
            parallelism: { tensor: 8, pipeline: 2 },
            labels: { team: 'assistant', 'kai.scheduler/queue': 'team-a' },
            annotations: { 'prometheus.io/scrape': 'true' },
            template: gptPod,
            worker: gptPod,
            router: routerFor(GPT),
          },
        ),
      }),
      conditions: [
        deploying(
          `namespace, ${claimKey('unified', CLAIM_HASH.h100x8)}, llm-inference-service`,
          'aks-central (pool h100, 16 GPUs)',
        ),
        NOT_SERVING_YET,
      ],
      cluster: 'aks-central',
    },
  },
];

const run = (input: RequestInput) => runFunction(composeModelReplica, request(input));

describe('compose-model-replica composes every serving shape', () => {
  for (const c of COMPOSE_CASES) {
    it(c.name, () => {
      expect(run(c.request)).toEqual(response(c.expected));
    });
  }

  it('every composed Object and the manifest it wraps validate against the real CRDs and Kubernetes schemas', () => {
    const objects = COMPOSE_CASES.flatMap((c) =>
      Object.values(run(c.request).desired?.resources ?? {}).map(
        (r) => r.resource as Record<string, unknown>,
      ),
    );
    expect(objects.length).toBe(22);
    expect(schemaProblems(objects)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The way back: what the workload cluster reports.

const SERVING_STATUS = {
  url: 'http://203.0.113.10/ml-team/qwen3-8b-7b88a',
  conditions: [
    { type: 'Ready', status: 'True', lastTransitionTime: '2026-08-01T12:09:00Z' },
    { type: 'RouterReady', status: 'True', lastTransitionTime: '2026-08-01T12:04:00Z' },
    { type: 'MainWorkloadReady', status: 'True', lastTransitionTime: '2026-08-01T12:09:00Z' },
    { type: 'PresetsCombined', status: 'True', lastTransitionTime: '2026-08-01T12:00:00Z' },
  ],
};

const firstResponse = run(singleNodeRequest);
/** The replica's status while its remote service serves: its URL and how the fleet reaches it. */
const SERVING_REPLICA_STATUS = {
  gpus: 1,
  url: 'http://203.0.113.10/ml-team/qwen3-8b-7b88a',
  endpoint: {
    url: 'http://203.0.113.10',
    headers: [{ name: 'x-modelplane-replica', value: 'ml-team/qwen3-8b-7b88a' }],
  },
};
const placed = 'gke-east (pool l4, 1 GPU)';

describe('compose-model-replica reports what the workload cluster says', () => {
  it('a serving remote service makes the replica Deployed, Serving and Ready, with its URL and KServe conditions lifted', () => {
    const observed = observe(firstResponse, SINGLE, { remoteStatus: SERVING_STATUS });
    expect(run({ ...singleNodeRequest, observed })).toEqual(
      response({
        status: {
          gpus: 1,
          url: 'http://203.0.113.10/ml-team/qwen3-8b-7b88a',
          endpoint: {
            url: 'http://203.0.113.10',
            headers: [{ name: 'x-modelplane-replica', value: 'ml-team/qwen3-8b-7b88a' }],
          },
        },
        ready: true,
        resources: Object.fromEntries(
          Object.entries(singleNodeObjects).map(([k, resource]) => [k, { resource, ready: true }]),
        ),
        conditions: [
          condition(
            'Deployed',
            'True',
            'Deployed',
            `LLMInferenceService ml-team/${SINGLE} on InferenceCluster ${placed}`,
          ),
          condition('Serving', 'True', 'Serving'),
          condition('MainWorkloadReady', 'True', 'MainWorkloadReady'),
          condition('PresetsCombined', 'True', 'PresetsCombined'),
          condition('RouterReady', 'True', 'RouterReady'),
        ],
        cluster: 'gke-east',
      }),
    );
  });

  it('a remote service that is not Ready keeps the replica not Ready and says why in KServe’s words', () => {
    const why = 'Deployment does not have minimum availability.';
    const observed = observe(firstResponse, SINGLE, {
      remoteStatus: {
        conditions: [
          { type: 'Ready', status: 'False', reason: 'MinimumReplicasUnavailable', message: why },
          { type: 'MainWorkloadReady', status: 'False', reason: 'MinimumReplicasUnavailable', message: why },
          { type: 'PresetsCombined', status: 'True' },
          { type: 'Synced', status: 'False', reason: 'Spoofed' },
          { type: 'Deployed', status: 'True', reason: 'Spoofed' },
          { status: 'True', reason: 'NoType' },
          { type: 'Odd', status: 'Maybe' },
        ],
      },
    });
    expect(run({ ...singleNodeRequest, observed })).toEqual(
      response({
        status: { gpus: 1 },
        ready: false,
        resources: {
          namespace: { resource: singleNodeObjects.namespace, ready: true },
          [SINGLE_CLAIM]: { resource: singleClaimObject, ready: true },
          'llm-inference-service': { resource: singleNodeObjects['llm-inference-service'], ready: false },
        },
        conditions: [
          condition(
            'Deployed',
            'True',
            'Deployed',
            `LLMInferenceService ml-team/${SINGLE} on InferenceCluster ${placed}`,
          ),
          condition('Serving', 'False', 'MinimumReplicasUnavailable', why),
          condition('MainWorkloadReady', 'False', 'MinimumReplicasUnavailable', why),
          condition('PresetsCombined', 'True', 'PresetsCombined'),
        ],
        cluster: 'gke-east',
      }),
    );
  });

  it('an Object the provider cannot apply makes Deployed False with the provider’s message', () => {
    const failure =
      'cannot create object: no matches for kind "LLMInferenceService" in version "serving.kserve.io/v1alpha2"';
    const observed = observe(firstResponse, SINGLE, { failing: { 'llm-inference-service': failure } });
    expect(run({ ...singleNodeRequest, observed })).toEqual(
      response({
        status: { gpus: 1 },
        ready: false,
        resources: {
          namespace: { resource: singleNodeObjects.namespace, ready: true },
          [SINGLE_CLAIM]: { resource: singleClaimObject, ready: true },
          'llm-inference-service': { resource: singleNodeObjects['llm-inference-service'], ready: false },
        },
        conditions: [
          condition('Deployed', 'False', 'ApplyFailed', `llm-inference-service: ${failure}`),
          NOT_SERVING_YET,
        ],
        cluster: 'gke-east',
      }),
    );
  });

  it('children observed only in part leave Deployed waiting for the rest', () => {
    const { namespace } = observe(firstResponse, SINGLE);
    expect(
      run({ ...singleNodeRequest, observed: { namespace: namespace as Record<string, unknown> } }),
    ).toEqual(
      response({
        status: { gpus: 1 },
        ready: false,
        resources: {
          namespace: { resource: singleNodeObjects.namespace, ready: true },
          [SINGLE_CLAIM]: { resource: singleClaimObject, ready: false },
          'llm-inference-service': { resource: singleNodeObjects['llm-inference-service'], ready: false },
        },
        conditions: [deploying(`${SINGLE_CLAIM}, llm-inference-service`, placed), NOT_SERVING_YET],
        cluster: 'gke-east',
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Claim templates are immutable: an edit makes a new one, and the old one goes when unused.

describe('compose-model-replica keeps claim templates valid across edits', () => {
  const ADA = 'device.attributes["gpu.nvidia.com"].architecture == "Ada Lovelace"';
  const MEMORY = 'device.capacity["gpu.nvidia.com"].memory.compareTo(quantity("24Gi")) >= 0';
  const EDITED_HASH = 'fbec7';
  const editedClasses = ALL_CLASSES.map((c) =>
    (c.metadata as { name: string }).name === 'l4-1x'
      ? inferenceClass('l4-1x', {
          ...CLASSES['l4-1x'],
          capacity: { 'gpu.nvidia.com/memory': { value: '24Gi' } },
        })
      : c,
  );
  const newKey = claimKey('unified', EDITED_HASH);
  const newClaim = claimObject(SINGLE, 'unified', 'gke-east', EDITED_HASH, 1, [ADA, MEMORY]);
  const newService = serviceObject(
    SINGLE,
    'gke-east',
    { 'modelplane.ai/deployment': 'qwen3-8b' },
    {
      model: { name: 'qwen3-8b', uri: 'hf://Qwen/Qwen3-8B' },
      storageInitializer: { enabled: true },
      replicas: 1,
      parallelism: { tensor: 1 },
      labels: { team: 'nlp' },
      template: pod({
        pool: 'l4',
        claimTemplate: `${SINGLE}-unified-${EDITED_HASH}`,
        requests: { cpu: '8', memory: '32Gi' },
        engine: { image: VLLM, args: ['--max-model-len=32768'], env: [HF_TOKEN] },
        initContainers: [{ name: 'storage-initializer', env: [HF_TOKEN] }],
        extra: { imagePullSecrets: [{ name: 'nvcr-creds' }] },
      }),
      router: routerFor(SINGLE),
    },
  );
  const serving = observe(firstResponse, SINGLE, { remoteStatus: SERVING_STATUS });
  const servingConditions = [
    condition('Serving', 'True', 'Serving'),
    condition('MainWorkloadReady', 'True', 'MainWorkloadReady'),
    condition('PresetsCombined', 'True', 'PresetsCombined'),
    condition('RouterReady', 'True', 'RouterReady'),
  ];

  it('an InferenceClass edit adds a template under a new name; the old one stays while the service uses it', () => {
    const old = kept({ [SINGLE_CLAIM]: serving[SINGLE_CLAIM] as Record<string, unknown> });
    expect(run({ ...singleNodeRequest, classes: editedClasses, observed: serving })).toEqual(
      response({
        status: SERVING_REPLICA_STATUS,
        ready: true,
        resources: {
          namespace: { resource: singleNodeObjects.namespace, ready: true },
          [newKey]: { resource: newClaim, ready: false },
          ...old,
          'llm-inference-service': { resource: newService, ready: true },
        },
        conditions: [deploying(newKey, placed), ...servingConditions],
        cluster: 'gke-east',
      }),
    );
  });

  it('once the service on the cluster uses the new template, the old one goes', () => {
    const edited = run({ ...singleNodeRequest, classes: editedClasses, observed: serving });
    const observed = { ...serving, ...observe(edited, SINGLE, { remoteStatus: SERVING_STATUS }) };
    expect(Object.keys(observed).sort()).toEqual(
      ['llm-inference-service', 'namespace', SINGLE_CLAIM, newKey].sort(),
    );
    expect(run({ ...singleNodeRequest, classes: editedClasses, observed })).toEqual(
      response({
        status: SERVING_REPLICA_STATUS,
        ready: true,
        resources: {
          namespace: { resource: singleNodeObjects.namespace, ready: true },
          [newKey]: { resource: newClaim, ready: true },
          'llm-inference-service': { resource: newService, ready: true },
        },
        conditions: [
          condition(
            'Deployed',
            'True',
            'Deployed',
            `LLMInferenceService ml-team/${SINGLE} on InferenceCluster ${placed}`,
          ),
          ...servingConditions,
        ],
        cluster: 'gke-east',
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Protocol rules: determinism, stable requirements, secrets by reference.

describe('compose-model-replica follows the runtime rules', () => {
  it('answers the same request with byte-identical responses', () => {
    const req = request(multiNodeRequest);
    const a = RunFunctionResponse.encode(runFunction(composeModelReplica, req)).finish();
    const b = RunFunctionResponse.encode(runFunction(composeModelReplica, req)).finish();
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('asks for the same requirements before and after they are fetched', () => {
    const first = run({ xr: multiNodeRequest.xr });
    const second = run(multiNodeRequest);
    expect(first.requirements).toEqual(second.requirements);
    expect(second.requirements?.resources).toEqual({
      cluster: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceCluster', matchName: 'gke-east' },
      classes: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'InferenceClass', matchLabels: { labels: {} } },
    });
  });

  it('passes secrets only as references: env and envFrom stay references and no secret value is ever read', () => {
    const secretValue = 'hf_sEcReT-t0k3n';
    const envFrom = [{ secretRef: { name: 'engine-secrets' } }];
    const rsp = run({
      ...singleNodeRequest,
      xr: modelReplica({
        spec: {
          model: { uri: 'hf://Qwen/Qwen3-8B' },
          nodePool: 'l4',
          workers: workers({ containers: [engine([], { env: [HF_TOKEN], envFrom })] }),
        },
      }),
      // Even a Secret handed to the function (Crossplane never would: nothing asks for one) is not read.
      extra: {
        leaked: [
          {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name: 'hf-token', namespace: 'ml-team' },
            data: { token: Buffer.from(secretValue).toString('base64') },
          },
        ],
      },
    });
    const manifests = Object.values(rsp.desired?.resources ?? {}).map(
      (r) =>
        (r.resource as { spec: { forProvider: { manifest: Record<string, unknown> } } }).spec.forProvider
          .manifest,
    );
    expect(manifests.map((m) => m.kind)).toEqual([
      'ResourceClaimTemplate',
      'LLMInferenceService',
      'Namespace',
    ]);
    const main = (
      manifests[1] as { spec: { template: { containers: { env: unknown; envFrom: unknown }[] } } }
    ).spec.template.containers[0];
    expect(main?.env).toEqual([HF_TOKEN]);
    expect(main?.envFrom).toEqual(envFrom);
    const init = (manifests[1] as { spec: { template: { initContainers: unknown } } }).spec.template
      .initContainers;
    expect(init).toEqual([{ name: 'storage-initializer', env: [HF_TOKEN] }]);
    expect(Object.values(rsp.requirements?.resources ?? {}).map((r) => r.kind)).not.toContain('Secret');
    const wire = JSON.stringify(rsp);
    expect(wire).not.toContain(secretValue);
    expect(wire).not.toContain(Buffer.from(secretValue).toString('base64'));
  });
});
