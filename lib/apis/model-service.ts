// ModelService (SPEC 4.6): a weighted, namespace-local route over ModelEndpoints.

import { z } from 'zod';
import { labelSelector, objectMeta, observedCondition } from './common.js';

export const MAX_WEIGHT = 1_000_000;

export const endpointSelector = z.object({
  selector: labelSelector,
  weight: z.number().int().min(0).max(MAX_WEIGHT).default(1),
});
export type EndpointSelector = z.infer<typeof endpointSelector>;

/** Gateway API's Duration: 1 to 4 <number><unit> groups, e.g. "10m", "1h30m", "0s". */
export const DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;
const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;

/** Milliseconds of a Gateway API Duration (already matched against DURATION). */
export function durationMs(d: string): number {
  let total = 0;
  for (const [, n, unit] of d.matchAll(/([0-9]+)(ms|h|m|s)/g))
    total += Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS];
  return total;
}

const duration = z.string().regex(DURATION, 'must be a Gateway API duration such as 30s, 10m or 1h30m');

export const BACKEND_TIMEOUT_MESSAGE = 'backendRequest timeout cannot be longer than request timeout';

/** Gateway API's HTTPRouteTimeouts, with its rule; unset means no timeout ("0s"). */
export const serviceTimeouts = z
  .object({ request: duration.optional(), backendRequest: duration.optional() })
  .superRefine((t, ctx) => {
    if (t.request === undefined || t.backendRequest === undefined) return;
    const request = durationMs(t.request);
    if (request !== 0 && durationMs(t.backendRequest) > request) {
      ctx.addIssue({ code: 'custom', message: BACKEND_TIMEOUT_MESSAGE });
    }
  });
export type ServiceTimeouts = z.infer<typeof serviceTimeouts>;

export const modelServiceSpec = z.object({
  endpoints: z.array(endpointSelector).min(1).max(16),
  timeouts: serviceTimeouts.optional(),
  gatewayRef: z
    .object({
      name: z.string().min(1).default('modelplane'),
      namespace: z.string().min(1).default('modelplane-system'),
    })
    .default({ name: 'modelplane', namespace: 'modelplane-system' }),
});
export type ModelServiceSpec = z.infer<typeof modelServiceSpec>;

export const modelServiceStatus = z.object({
  address: z.string().optional(),
  endpoints: z.object({ matched: z.number().int(), ready: z.number().int() }).optional(),
  conditions: z.array(observedCondition).optional(),
});

export const modelService = z.object({
  apiVersion: z.literal('modelplane.ai/v1alpha1'),
  kind: z.literal('ModelService'),
  metadata: objectMeta.extend({ namespace: z.string().min(1) }),
  spec: modelServiceSpec,
  status: modelServiceStatus.optional(),
});
export type ModelService = z.infer<typeof modelService>;
