// ModelEndpoint (SPEC 4.5): one reachable URL, from a ready replica or an external provider.

import { z } from 'zod';
import { objectMeta, observedCondition } from './common.js';

export const modelEndpointSpec = z.object({
  url: z.string().min(1).max(2048),
  protocol: z.enum(['OpenAI', 'Anthropic']).default('OpenAI'),
  rewritePath: z.string().max(1024).optional(),
});
export type ModelEndpointSpec = z.infer<typeof modelEndpointSpec>;

export const modelEndpointStatus = z.object({
  routing: z.object({ backendName: z.string(), port: z.number().int() }).optional(),
  conditions: z.array(observedCondition).optional(),
});

export const modelEndpoint = z.object({
  apiVersion: z.literal('modelplane.ai/v1alpha1'),
  kind: z.literal('ModelEndpoint'),
  metadata: objectMeta.extend({ namespace: z.string().min(1) }),
  spec: modelEndpointSpec,
  status: modelEndpointStatus.optional(),
});
export type ModelEndpoint = z.infer<typeof modelEndpoint>;
