// ModelEndpoint (SPEC 4.5, as issue 14 reshapes it): one reachable base URL, from a ready replica
// or an external provider, with the request headers and the credentials the gateway adds for it.

import { z } from 'zod';
import { objectMeta, observedCondition } from './common.js';

/** Gateway API's HTTPHeaderName: an RFC 7230 token. */
export const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
export const MAX_HEADERS = 16;
export const DEFAULT_CREDENTIALS_HEADER = 'Authorization';

const headerName = z
  .string()
  .min(1)
  .max(256)
  .regex(HEADER_NAME, 'must be an HTTP header name (an RFC 7230 token)');

export const endpointHeader = z.object({ name: headerName, value: z.string().min(1).max(4096) });
export type EndpointHeader = z.infer<typeof endpointHeader>;

export const endpointCredentials = z.object({
  secretRef: z.object({ name: z.string().min(1).max(253) }),
  header: headerName.default(DEFAULT_CREDENTIALS_HEADER),
});
export type EndpointCredentials = z.infer<typeof endpointCredentials>;

export const modelEndpointSpec = z
  .object({
    url: z.string().min(1).max(2048),
    protocol: z.enum(['OpenAI', 'Anthropic']).default('OpenAI'),
    rewritePath: z.string().max(1024).optional(),
    headers: z.array(endpointHeader).max(MAX_HEADERS).optional(),
    credentials: endpointCredentials.optional(),
  })
  .superRefine((s, ctx) => {
    // Mirrors the XRD's rules on spec.headers and spec (apis/schema/kinds.ts).
    const seen = new Set<string>();
    (s.headers ?? []).forEach((h, i) => {
      const name = h.name.toLowerCase();
      if (name === 'host') {
        ctx.addIssue({ code: 'custom', path: ['headers', i, 'name'], message: HOST_HEADER_MESSAGE });
      }
      if (seen.has(name)) {
        ctx.addIssue({ code: 'custom', path: ['headers', i, 'name'], message: DUPLICATE_HEADER_MESSAGE });
      }
      seen.add(name);
      if (s.credentials !== undefined && name === s.credentials.header.toLowerCase()) {
        ctx.addIssue({ code: 'custom', path: ['headers', i, 'name'], message: CREDENTIALS_HEADER_MESSAGE });
      }
    });
  });
export type ModelEndpointSpec = z.infer<typeof modelEndpointSpec>;

export const HOST_HEADER_MESSAGE = 'the Host header comes from spec.url, it cannot be set here';
export const DUPLICATE_HEADER_MESSAGE = 'header names must be unique (case-insensitive)';
export const CREDENTIALS_HEADER_MESSAGE = 'spec.credentials already sets this header';

export const modelEndpointStatus = z.object({
  routing: z
    .object({ backendName: z.string(), port: z.number().int(), pathPrefix: z.string().optional() })
    .optional(),
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
