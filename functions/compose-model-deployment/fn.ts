// compose-model-deployment: not implemented yet (its own issue); answers with a Normal result and changes nothing.

import {
  isConditionTrue,
  normal,
  reemitObserved,
  type CompositionFunction,
  type FunctionOutput,
} from '../../lib/runtime/index.js';

export const composeModelDeployment: CompositionFunction = {
  name: 'compose-model-deployment',
  compose(req): FunctionOutput {
    // Re-emit what exists so that nothing is deleted while the function is a placeholder.
    const resources = reemitObserved(req, (o) => isConditionTrue(o));
    return {
      resources,
      results: [
        normal('compose-model-deployment is not implemented yet; nothing was changed', 'NotImplemented'),
      ],
    };
  },
};
