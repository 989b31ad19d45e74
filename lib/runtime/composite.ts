// Reading the observed XR through its zod schema.

import type { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import type { z } from 'zod';
import { parseWith, type Parsed } from '../apis/issues.js';
import { observedComposite } from './request.js';

/** Parses the observed XR; throws (→ Fatal) only when the request carries no XR at all. */
export function parseComposite<S extends z.ZodType>(req: RunFunctionRequest, schema: S): Parsed<z.output<S>> {
  const xr = observedComposite(req);
  if (xr === undefined) throw new Error('the request has no observed composite resource');
  return parseWith(schema, xr);
}
