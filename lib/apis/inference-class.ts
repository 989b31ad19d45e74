// InferenceClass (SPEC 4.1): a hardware recipe for one GPU node-pool shape.

import { z } from 'zod';
import { dnsSubdomain, objectMeta, observedCondition, quantity, semver } from './common.js';

export const MODELPLANE_DOMAIN = 'modelplane.ai';

/** "<domain>/<name>": a DNS subdomain and a C identifier of at most 32 characters, as DRA attributes. */
export const qualifiedName = z.string().superRefine((key, ctx) => {
  const slash = key.indexOf('/');
  const domain = key.slice(0, slash);
  const name = key.slice(slash + 1);
  if (slash <= 0 || !dnsSubdomain.safeParse(domain).success || domain.length > 63) {
    ctx.addIssue({
      code: 'custom',
      message: `key ${JSON.stringify(key)} must be "<domain>/<name>" with a DNS domain`,
    });
  } else if (!/^[A-Za-z_][A-Za-z0-9_]{0,31}$/.test(name)) {
    ctx.addIssue({
      code: 'custom',
      message: `key ${JSON.stringify(key)}: name must be a C identifier of at most 32 characters`,
    });
  }
});

/** Exactly one typed value, as a DRA DeviceAttribute. */
export const attributeValue = z
  .object({
    string: z.string().max(253).optional(),
    version: semver.optional(),
    bool: z.boolean().optional(),
    int: z.number().int().optional(),
  })
  .superRefine((v, ctx) => {
    const set = Object.values(v).filter((x) => x !== undefined).length;
    if (set !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `must set exactly one of string, version, bool, int (found ${set})`,
      });
    }
  });
export type AttributeValue = z.infer<typeof attributeValue>;

function boundedRecord<V extends z.ZodType>(value: V, max: number) {
  return z.record(z.string(), value).superRefine((rec, ctx) => {
    for (const key of Object.keys(rec)) {
      const r = qualifiedName.safeParse(key);
      if (!r.success)
        for (const i of r.error.issues) ctx.addIssue({ code: 'custom', path: [key], message: i.message });
    }
    if (Object.keys(rec).length > max) {
      ctx.addIssue({ code: 'custom', message: `must have at most ${max} entries` });
    }
  });
}

export const gkeProvisioning = z.object({
  machineType: z.string().min(1),
  accelerator: z.object({ type: z.string().min(1), count: z.number().int().min(1).max(64) }),
  diskSizeGb: z.number().int().min(10).max(65536).optional(),
  spot: z.boolean().optional(),
});

export const eksProvisioning = z.object({
  instanceType: z.string().min(1),
  capacityType: z.enum(['ON_DEMAND', 'SPOT']).default('ON_DEMAND'),
  diskSizeGb: z.number().int().min(1).max(65536).optional(),
  amiType: z.string().optional(),
});

export const aksProvisioning = z.object({
  vmSize: z.string().min(1),
  priority: z.enum(['Regular', 'Spot']).default('Regular'),
  osDiskSizeGb: z.number().int().min(1).max(65536).optional(),
});

export const provisioning = z
  .object({
    provider: z.enum(['GKE', 'EKS', 'AKS']),
    gke: gkeProvisioning.optional(),
    eks: eksProvisioning.optional(),
    aks: aksProvisioning.optional(),
  })
  .superRefine((p, ctx) => {
    for (const block of ['gke', 'eks', 'aks'] as const) {
      const wanted = block === p.provider.toLowerCase();
      if (wanted && p[block] === undefined) {
        ctx.addIssue({ code: 'custom', path: [block], message: `required when provider is ${p.provider}` });
      }
      if (!wanted && p[block] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [block], message: `forbidden when provider is ${p.provider}` });
      }
    }
  });
export type Provisioning = z.infer<typeof provisioning>;

export const inferenceClassSpec = z.object({
  description: z.string().max(1024).optional(),
  resources: z.object({
    gpu: z.object({
      count: z.number().int().min(1).max(64),
      memory: quantity,
      product: z.string().max(253).optional(),
      deviceClassName: dnsSubdomain.default('gpu.nvidia.com'),
    }),
    cpu: quantity.optional(),
    memory: quantity.optional(),
  }),
  attributes: boundedRecord(attributeValue, 32).default({}),
  capacity: boundedRecord(z.object({ value: quantity }), 32).default({}),
  provisioning: provisioning.optional(),
});
export type InferenceClassSpec = z.infer<typeof inferenceClassSpec>;

export const inferenceClass = z.object({
  apiVersion: z.literal('modelplane.ai/v1alpha1'),
  kind: z.literal('InferenceClass'),
  metadata: objectMeta,
  spec: inferenceClassSpec,
  status: z.object({ conditions: z.array(observedCondition).optional() }).optional(),
});
export type InferenceClass = z.infer<typeof inferenceClass>;
