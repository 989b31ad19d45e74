// compose-inference-cluster: not implemented yet (its own issue); answers with a Normal result and changes nothing.

import {
  isConditionTrue,
  normal,
  reemitObserved,
  type CompositionFunction,
  type FunctionOutput,
} from '../../lib/runtime/index.js';

export const composeInferenceCluster: CompositionFunction = {
  name: 'compose-inference-cluster',
  compose(req): FunctionOutput {
    // Re-emit what exists so that nothing is deleted while the function is a placeholder.
    const resources = reemitObserved(req, (o) => isConditionTrue(o));
    return {
      resources,
      results: [
        normal('compose-inference-cluster is not implemented yet; nothing was changed', 'NotImplemented'),
      ],
    };
  },
};
