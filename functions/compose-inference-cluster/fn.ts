// compose-inference-cluster (SPEC 4.2): parse the InferenceCluster, read its classes and the
// replicas pinned to it, and let lib/cluster decide the cloud cluster, node pools, provider config,
// gateway observer, status and conditions. See lib/cluster/conditions.ts for the condition types.

import { inferenceCluster } from '../../lib/apis/index.js';
import { composeCluster, invalidClusterOutput, isChildReady } from '../../lib/cluster/index.js';
import {
  observedComposed,
  parseComposite,
  reemitObserved,
  type CompositionFunction,
  type FunctionOutput,
} from '../../lib/runtime/index.js';
import { clusterRequirements, readInputs } from './inputs.js';

export const composeInferenceCluster: CompositionFunction = {
  name: 'compose-inference-cluster',
  compose(req): FunctionOutput {
    const parsed = parseComposite(req, inferenceCluster);
    if (!parsed.ok) return invalidClusterOutput(parsed.issues, observedComposed(req));
    const requirements = clusterRequirements(parsed.value);
    const input = readInputs(req, parsed.value);
    // First call of a reconcile: ask for the classes and replicas, change nothing yet.
    if (input === undefined) return { requirements, resources: reemitObserved(req, isChildReady) };
    return { requirements, ...composeCluster(input) };
  },
};
