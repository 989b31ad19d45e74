// An InferenceCluster whose spec does not parse (admission normally rejects it first): nothing new
// is decided, every observed child stays as it is, and the XR says which fields are wrong.

import { conditionFalse, conditionUnknown, warning } from '../runtime/conditions.js';
import type { KubeObject } from '../runtime/request.js';
import type { FunctionOutput } from '../runtime/response.js';
import { keepObserved, withReadiness } from './children.js';
import {
  CONDITION_CLASSES_RESOLVED,
  CONDITION_CLUSTER_READY,
  CONDITION_NODE_POOLS_VALID,
  REASON_INVALID_SPEC,
} from './conditions.js';

export function invalidClusterOutput(
  issues: readonly string[],
  observed: Readonly<Record<string, KubeObject>>,
): FunctionOutput {
  const message = issues.join('; ');
  return {
    resources: withReadiness(keepObserved(observed), observed),
    conditions: [
      conditionUnknown(CONDITION_CLASSES_RESOLVED, REASON_INVALID_SPEC),
      conditionUnknown(CONDITION_NODE_POOLS_VALID, REASON_INVALID_SPEC),
      conditionFalse(CONDITION_CLUSTER_READY, REASON_INVALID_SPEC, message),
    ],
    results: [warning(`Invalid InferenceCluster: ${message}`, REASON_INVALID_SPEC)],
    ready: false,
  };
}
