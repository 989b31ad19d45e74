// compose-model-replica: puts one ModelReplica on its workload cluster (SPEC 4.4) as a KServe
// LLMInferenceService with DRA claims, each wrapped in a provider-kubernetes Object.
//
// Crossplane owns the XR's Ready condition (it drops Ready/Synced from function conditions), so the
// function sets the XR's readiness (Ready exactly when the remote service serves) and carries its
// reasons on its own condition types: Deployed (WaitingForCluster, WaitingForClass,
// TopologyMismatch, UnsupportedTopology, PoolTooSmall, InvalidReplica, Deploying, ApplyFailed,
// Deployed) and Serving (the remote Ready condition), plus the remote KServe conditions lifted.

import { modelReplica } from '../../lib/apis/index.js';
import { composeReplica, invalidReplica } from '../../lib/replica/compose.js';
import { REQUIREMENT_CLASSES, REQUIREMENT_CLUSTER } from '../../lib/replica/target.js';
import {
  observedComposed,
  parseComposite,
  requiredResources,
  type CompositionFunction,
  type FunctionOutput,
} from '../../lib/runtime/index.js';

export const composeModelReplica: CompositionFunction = {
  name: 'compose-model-replica',
  compose(req): FunctionOutput {
    const observed = observedComposed(req);
    const parsed = parseComposite(req, modelReplica);
    if (!parsed.ok) return invalidReplica(parsed.issues, observed);
    return composeReplica({
      replica: parsed.value,
      cluster: requiredResources(req, REQUIREMENT_CLUSTER),
      classes: requiredResources(req, REQUIREMENT_CLASSES),
      observed,
    });
  },
};
