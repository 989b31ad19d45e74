// The catch-all around a function: any exception in parsing, computing or emitting becomes a Fatal
// result "cannot compose <Kind> <name>: <cause>" instead of a crash or a gRPC error. Expected
// failures (bad user input) never get here: functions report those as conditions.

import type { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { isObject } from './json.js';
import { namespacedName } from './request.js';
import { emit, fatalResponse, type FunctionOutput } from './response.js';

export interface CompositionFunction {
  /** The function's name: its package, its step and its bundle are all called this. */
  readonly name: string;
  /** The pure part: request in, decisions out. May throw only on bugs. */
  readonly compose: (req: RunFunctionRequest) => FunctionOutput;
}

/** Runs `fn` on `req` and always returns a response. */
export function runFunction(fn: CompositionFunction, req: RunFunctionRequest): RunFunctionResponse {
  try {
    return emit(req, fn.compose(req));
  } catch (err) {
    return fatalResponse(req, `cannot compose ${describeComposite(req)}: ${causeOf(err)}`);
  }
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
