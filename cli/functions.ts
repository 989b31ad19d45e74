// The six real composition functions, one per composite kind, in the order a plan visits them:
// the platform (classes, clusters) before the models that land on it, and each model's children
// after it. The same objects their gRPC servers serve (functions/<name>/main.ts).

import { composeInferenceClass } from '../functions/compose-inference-class/fn.js';
import { composeInferenceCluster } from '../functions/compose-inference-cluster/fn.js';
import { composeModelDeployment } from '../functions/compose-model-deployment/fn.js';
import { composeModelEndpoint } from '../functions/compose-model-endpoint/fn.js';
import { composeModelReplica } from '../functions/compose-model-replica/fn.js';
import { composeModelService } from '../functions/compose-model-service/fn.js';
import type { CompositeKind } from '../lib/plan/crossplane.js';
import { storedAs } from '../lib/plan/plan.js';
import type { CompositionFunction } from '../lib/runtime/handler.js';

const API = 'modelplane.ai/v1alpha1';

function composite(kind: string, fn: CompositionFunction): CompositeKind {
  const defaults = storedAs(API, kind);
  return defaults === undefined ? { apiVersion: API, kind, fn } : { apiVersion: API, kind, fn, defaults };
}

export const COMPOSITE_KINDS: readonly CompositeKind[] = [
  composite('InferenceClass', composeInferenceClass),
  composite('InferenceCluster', composeInferenceCluster),
  composite('ModelDeployment', composeModelDeployment),
  composite('ModelReplica', composeModelReplica),
  composite('ModelEndpoint', composeModelEndpoint),
  composite('ModelService', composeModelService),
];
