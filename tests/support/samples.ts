// One small, valid XR per kind for each of the six functions: enough for every function to do real
// work. The protocol, reliability and lifecycle tests send these over gRPC.

import { composeInferenceClass } from '../../functions/compose-inference-class/fn.js';
import { composeInferenceCluster } from '../../functions/compose-inference-cluster/fn.js';
import { composeModelDeployment } from '../../functions/compose-model-deployment/fn.js';
import { composeModelEndpoint } from '../../functions/compose-model-endpoint/fn.js';
import { composeModelReplica } from '../../functions/compose-model-replica/fn.js';
import { composeModelService } from '../../functions/compose-model-service/fn.js';
import type { CompositionFunction } from '../../lib/runtime/handler.js';

const API = 'modelplane.ai/v1alpha1';

export const SAMPLES: readonly [CompositionFunction, Record<string, unknown>][] = [
  [
    composeInferenceClass,
    {
      apiVersion: API,
      kind: 'InferenceClass',
      metadata: { name: 'l4' },
      spec: { resources: { gpu: { count: 1, memory: '24Gi' } } },
    },
  ],
  [
    composeInferenceCluster,
    {
      apiVersion: API,
      kind: 'InferenceCluster',
      metadata: { name: 'edge' },
      spec: {
        source: 'Existing',
        existing: { kubeconfigSecretRef: { name: 'edge', namespace: 'crossplane-system' } },
        nodePools: [{ name: 'l4', class: 'l4' }],
      },
    },
  ],
  [
    composeModelDeployment,
    {
      apiVersion: API,
      kind: 'ModelDeployment',
      metadata: { name: 'qwen', namespace: 'ml' },
      spec: {
        replicas: 1,
        workers: {
          resources: { cpu: '4' },
          template: { spec: { containers: [{ name: 'engine', image: 'vllm/vllm-openai:v0.11.0' }] } },
        },
      },
    },
  ],
  [
    composeModelReplica,
    {
      apiVersion: API,
      kind: 'ModelReplica',
      metadata: { name: 'qwen-5ab63', namespace: 'ml' },
      spec: {
        deploymentRef: { name: 'qwen' },
        inferenceClusterRef: { name: 'edge' },
        nodePool: 'l4',
        workers: {
          resources: { cpu: '4' },
          template: { spec: { containers: [{ name: 'engine', image: 'vllm/vllm-openai:v0.11.0' }] } },
        },
      },
    },
  ],
  [
    composeModelEndpoint,
    {
      apiVersion: API,
      kind: 'ModelEndpoint',
      metadata: { name: 'hosted', namespace: 'ml' },
      spec: { url: 'https://api.example.com/v1' },
    },
  ],
  [
    composeModelService,
    {
      apiVersion: API,
      kind: 'ModelService',
      metadata: { name: 'qwen', namespace: 'ml' },
      spec: { endpoints: [{ selector: { matchLabels: { 'modelplane.ai/deployment': 'qwen' } } }] },
    },
  ],
];
