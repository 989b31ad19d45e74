// compose-inference-class: validates an InferenceClass and reports whether ML teams can use it.
// It composes nothing; the class is read by the InferenceCluster and ModelDeployment functions.
//
// Crossplane owns the XR's Ready condition (it drops Ready/Synced from function conditions), so the
// function sets the XR's readiness and carries the reason on its own condition type, Valid:
// Ready=True (Available) with Valid=True reason Available, or Ready=False with Valid=False reason
// InvalidClass "<field path>: <problem>" and a Warning event.

import { inferenceClass } from '../../lib/apis/index.js';
import {
  conditionFalse,
  conditionTrue,
  parseComposite,
  warning,
  type CompositionFunction,
  type FunctionOutput,
} from '../../lib/runtime/index.js';

export const CONDITION_VALID = 'Valid';
export const REASON_AVAILABLE = 'Available';
export const REASON_INVALID = 'InvalidClass';

export const composeInferenceClass: CompositionFunction = {
  name: 'compose-inference-class',
  compose(req): FunctionOutput {
    const parsed = parseComposite(req, inferenceClass);
    if (!parsed.ok) {
      const message = parsed.issues.join('; ');
      return {
        ready: false,
        conditions: [conditionFalse(CONDITION_VALID, REASON_INVALID, message)],
        results: [warning(`Invalid InferenceClass: ${message}`, REASON_INVALID)],
      };
    }
    const gpu = parsed.value.spec.resources.gpu;
    return {
      ready: true,
      conditions: [
        conditionTrue(CONDITION_VALID, REASON_AVAILABLE, `${gpu.count} GPUs per node, ${gpu.memory} each`),
      ],
    };
  },
};
