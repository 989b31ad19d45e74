// ModelService (SPEC 4.6): a weighted, namespace-local route over ModelEndpoints.

import { z } from 'zod';
import { labelSelector, objectMeta, observedCondition } from './common.js';

export const MAX_WEIGHT = 1_000_000;

export const endpointSelector = z.object({
  selector: labelSelector,
  weight: z.number().int().min(0).max(MAX_WEIGHT).default(1),
});
export type EndpointSelector = z.infer<typeof endpointSelector>;

export const modelServiceSpec = z.object({
  endpoints: z.array(endpointSelector).min(1).max(16),
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
