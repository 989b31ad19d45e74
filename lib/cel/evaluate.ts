// Evaluating an expression to a value (not only a bool), in the same environment selectors use.
// The parity tests compare these values with the Kubernetes libraries'; `modelplane plan` can use it
// to show what an expression sees.

import type { CelValue } from '@bufbuild/cel';
import type { InferenceClass } from '../apis/index.js';
import { compile } from './compile.js';
import { celDevice } from './device.js';

export type Evaluation =
  | { readonly kind: 'value'; readonly value: CelValue }
  | { readonly kind: 'compile-error' | 'eval-error'; readonly error: string }
  | { readonly kind: 'cost-exceeded' };

/** Compiles and runs `expression`, with `device` bound to the class's view when a class is given. */
export function evaluateExpression(expression: string, cls?: InferenceClass): Evaluation {
  const compiled = compile(expression);
  if (!compiled.ok) return { kind: 'compile-error', error: compiled.error };
  let device: CelValue | undefined;
  if (cls !== undefined) {
    const d = celDevice(cls);
    if (!d.ok) return { kind: 'eval-error', error: d.error };
    device = d.value;
  }
  const outcome = compiled.program.run(device);
  switch (outcome.kind) {
    case 'value':
      return { kind: 'value', value: outcome.value };
    case 'error':
      return { kind: 'eval-error', error: outcome.error };
    case 'cost-exceeded':
      return { kind: 'cost-exceeded' };
  }
}
