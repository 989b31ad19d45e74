// The catch-all around a function: any exception in parsing, computing or emitting becomes a Fatal
// result "cannot compose <Kind> <name>: <cause>" instead of a crash or a gRPC error. Expected
// failures (bad user input) never get here: functions report those as conditions.

import {
  Severity,
  Target,
  type RunFunctionRequest,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import { isObject } from './json.js';
import { namespacedName } from './request.js';
import { emit, fatalResponse, type FunctionOutput } from './response.js';

export interface CompositionFunction {
  /** The function's name: its package, its step and its bundle are all called this. */
  readonly name: string;
  /** The pure part: request in, decisions out. May throw only on bugs. */
  readonly compose: (req: RunFunctionRequest) => FunctionOutput;
}

/** Runs `fn` on `req` and always returns a response, never throws. */
export function runFunction(fn: CompositionFunction, req: RunFunctionRequest): RunFunctionResponse {
  try {
    return emit(req, fn.compose(req));
  } catch (err) {
    try {
      return fatalResponse(req, `cannot compose ${describeComposite(req)}: ${causeOf(err)}`);
    } catch (again) {
      return bareFatal(`cannot compose composite resource: ${causeOf(err)} (then: ${causeOf(again)})`);
    }
  }
}

/** The last answer when even the request cannot be echoed: one Fatal result and nothing else. */
function bareFatal(message: string): RunFunctionResponse {
  return {
    meta: { tag: '', ttl: { seconds: 60, nanos: 0 } },
    desired: { composite: undefined, resources: {} },
    results: [{ severity: Severity.SEVERITY_FATAL, message, target: Target.TARGET_COMPOSITE }],
    context: undefined,
    requirements: { extraResources: {}, resources: {}, schemas: {} },
    conditions: [],
  };
}

/** "ModelDeployment ml-team/qwen", or "composite resource" when the request has no usable XR. */
export function describeComposite(req: RunFunctionRequest): string {
  const xr = req.observed?.composite?.resource;
  if (!isObject(xr)) return 'composite resource';
  const kind = typeof xr.kind === 'string' && xr.kind !== '' ? xr.kind : 'composite resource';
  const { namespace, name } = namespacedName(xr);
  if (name === '') return kind;
  return namespace === '' ? `${kind} ${name}` : `${kind} ${namespace}/${name}`;
}

/** A one-line cause from anything thrown. */
export function causeOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}
