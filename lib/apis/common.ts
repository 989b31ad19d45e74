// Building blocks shared by the six kinds: metadata, Quantities, label selectors, taints and
// tolerations, observed conditions. Each mirrors its Kubernetes counterpart.

import { z } from 'zod';
import { parseQuantity } from '../quantity/quantity.js';
import { parseSemver } from '../semver/semver.js';

/** metadata as it arrives on an XR; name is always present on a stored object. */
export const objectMeta = z.object({
  name: z.string().min(1),
  namespace: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  uid: z.string().optional(),
  generation: z.number().optional(),
});
export type ObjectMeta = z.infer<typeof objectMeta>;

/** A Kubernetes Quantity in its string form ("141Gi", "32", "500m"). Numbers are accepted as YAML gives them. */
export const quantity = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v))
  .superRefine((v, ctx) => {
    const r = parseQuantity(v);
    if (!r.ok) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid Quantity ${JSON.stringify(v)}: want a number with an optional suffix (Ki Mi Gi Ti Pi Ei, n u m k M G T P E, or e<exponent>), like 141Gi or 3200G`,
      });
    }
  });

/** A strict semantic version ("9.0.0"). */
export const semver = z.string().superRefine((v, ctx) => {
  const r = parseSemver(v);
  if (!r.ok)
    ctx.addIssue({ code: 'custom', message: `invalid semantic version ${JSON.stringify(v)}: ${r.error}` });
});

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A DNS-1123 label of at most `max` characters. */
export function dnsLabel(max = 63): z.ZodString {
  return z
    .string()
    .max(max)
    .regex(DNS_LABEL, `must be a DNS label (lower-case letters, digits and '-', at most ${max} characters)`);
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const dnsSubdomain = z.string().max(253).regex(DNS_SUBDOMAIN, 'must be a DNS subdomain');

export const labelSelectorRequirement = z
  .object({
    key: z.string().min(1).max(317),
    operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
    values: z.array(z.string().max(63)).max(64).optional(),
  })
  .superRefine((r, ctx) => {
    const n = r.values?.length ?? 0;
    if ((r.operator === 'In' || r.operator === 'NotIn') && n === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['values'],
        message: `must be non-empty when operator is ${r.operator}`,
      });
    }
    if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && n > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['values'],
        message: `must be empty when operator is ${r.operator}`,
      });
    }
  });
export type LabelSelectorRequirement = z.infer<typeof labelSelectorRequirement>;

/** metav1.LabelSelector: matchLabels AND matchExpressions; empty selects everything. */
export const labelSelector = z.object({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z.array(labelSelectorRequirement).max(32).optional(),
});
export type LabelSelector = z.infer<typeof labelSelector>;

export const taintEffect = z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
export type TaintEffect = z.infer<typeof taintEffect>;

export const taint = z.object({
  key: z.string().min(1).max(317),
  value: z.string().max(63).optional(),
  effect: taintEffect,
});
export type Taint = z.infer<typeof taint>;

export const toleration = z
  .object({
    key: z.string().max(317).optional(),
    operator: z.enum(['Exists', 'Equal']).optional(),
    value: z.string().max(63).optional(),
    effect: taintEffect.optional(),
    tolerationSeconds: z.number().int().optional(),
  })
  .superRefine((t, ctx) => {
    if (t.operator === 'Exists' && t.value !== undefined && t.value !== '') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'must be empty when operator is Exists' });
    }
    if ((t.key === undefined || t.key === '') && t.operator !== 'Exists') {
      ctx.addIssue({ code: 'custom', path: ['operator'], message: 'must be Exists when key is empty' });
    }
  });
export type Toleration = z.infer<typeof toleration>;

/** A condition as stored in status.conditions. */
export const observedCondition = z.object({
  type: z.string(),
  status: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
  lastTransitionTime: z.string().optional(),
});

export const localObjectRef = z.object({ name: z.string().min(1) });
