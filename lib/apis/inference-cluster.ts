// InferenceCluster (SPEC 4.2): a workload cluster with GPU node pools, provisioned or brought.

import { z } from 'zod';
import { dnsLabel, objectMeta, observedCondition, taint } from './common.js';

/** How an Upbound `.m.` managed resource finds its cloud credentials. */
export const providerConfigRef = z.object({
  kind: z.enum(['ProviderConfig', 'ClusterProviderConfig']).default('ClusterProviderConfig'),
  name: z.string().min(1).default('default'),
});

const defaultProviderConfigRef = { kind: 'ClusterProviderConfig' as const, name: 'default' };

export const gkeCluster = z.object({
  project: z.string().min(1),
  location: z.string().min(1),
  kubernetesVersion: z.string().optional(),
  releaseChannel: z.enum(['RAPID', 'REGULAR', 'STABLE', 'UNSPECIFIED']).default('REGULAR'),
  providerConfigRef: providerConfigRef.default(defaultProviderConfigRef),
  /** A Google service-account key for provider-kubernetes; omitted = its own (injected) identity. */
  identitySecretRef: z
    .object({
      name: z.string().min(1),
      namespace: z.string().min(1),
      key: z.string().min(1).default('credentials.json'),
    })
    .optional(),
});

export const eksCluster = z.object({
  region: z.string().min(1),
  kubernetesVersion: z.string().optional(),
  roleArn: z.string().min(1),
  nodeRoleArn: z.string().min(1),
  subnetIds: z.array(z.string().min(1)).min(1).max(16),
  providerConfigRef: providerConfigRef.default(defaultProviderConfigRef),
});

export const aksCluster = z.object({
  location: z.string().min(1),
  resourceGroupName: z.string().min(1),
  kubernetesVersion: z.string().optional(),
  providerConfigRef: providerConfigRef.default(defaultProviderConfigRef),
});

export const existingCluster = z.object({
  kubeconfigSecretRef: z.object({
    name: z.string().min(1),
    namespace: z.string().min(1),
    key: z.string().min(1).default('kubeconfig'),
  }),
});

export const nodePool = z
  .object({
    name: dnsLabel(40),
    class: z.string().min(1).max(253),
    nodeCount: z.number().int().min(0).max(1000).default(1),
    minNodeCount: z.number().int().min(0).max(1000).optional(),
    maxNodeCount: z.number().int().min(1).max(1000).optional(),
    zones: z.array(z.string().min(1)).max(8).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.minNodeCount !== undefined && p.maxNodeCount !== undefined && p.maxNodeCount < p.minNodeCount) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxNodeCount'],
        message: 'must be greater than or equal to minNodeCount',
      });
    }
  });
export type NodePool = z.infer<typeof nodePool>;

export const SOURCES = ['GKE', 'EKS', 'AKS', 'Existing'] as const;
export type Source = (typeof SOURCES)[number];

export const inferenceClusterSpec = z
  .object({
    source: z.enum(SOURCES),
    gke: gkeCluster.optional(),
    eks: eksCluster.optional(),
    aks: aksCluster.optional(),
    existing: existingCluster.optional(),
    nodePools: z.array(nodePool).min(1).max(16),
    scheduler: z
      .object({
        type: z.enum(['None', 'Kueue', 'KAI']).default('None'),
        queueName: dnsLabel(63).default('modelplane'),
      })
      .default({ type: 'None', queueName: 'modelplane' }),
    gateway: z.object({ address: z.string().min(1).max(253).optional() }).optional(),
    taints: z.array(taint).max(16).optional(),
  })
  .superRefine((s, ctx) => {
    for (const block of ['gke', 'eks', 'aks', 'existing'] as const) {
      const wanted = block === s.source.toLowerCase();
      if (wanted && s[block] === undefined) {
        ctx.addIssue({ code: 'custom', path: [block], message: `required when source is ${s.source}` });
      }
      if (!wanted && s[block] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [block], message: `forbidden when source is ${s.source}` });
      }
    }
    const seen = new Set<string>();
    s.nodePools.forEach((p, i) => {
      if (s.source === 'EKS' && p.zones !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['nodePools', i, 'zones'],
          message: 'not supported on EKS: node groups use the subnets in spec.eks.subnetIds',
        });
      }
      if (seen.has(p.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['nodePools', i, 'name'],
          message: `duplicate pool name ${p.name}`,
        });
      }
      seen.add(p.name);
    });
  });
export type InferenceClusterSpec = z.infer<typeof inferenceClusterSpec>;

/** One GPU pool as published in status.capacity.gpuPools. */
export const gpuPoolStatus = z.object({
  name: z.string(),
  class: z.string(),
  gpusPerNode: z.number().int(),
  gpuMemory: z.string(),
  nodes: z.number().int(),
  gpus: z.number().int(),
  allocatedGpus: z.number().int(),
  freeGpus: z.number().int(),
});
export type GpuPoolStatus = z.infer<typeof gpuPoolStatus>;

export const inferenceClusterStatus = z.object({
  providerConfigRef: z.object({ kind: z.string(), name: z.string() }).optional(),
  gateway: z.object({ address: z.string().optional() }).optional(),
  capacity: z
    .object({
      gpuPools: z.array(gpuPoolStatus).optional(),
      totalGpus: z.number().int().optional(),
      allocatedGpus: z.number().int().optional(),
      freeGpus: z.number().int().optional(),
    })
    .optional(),
  conditions: z.array(observedCondition).optional(),
});
export type InferenceClusterStatus = z.infer<typeof inferenceClusterStatus>;

export const inferenceCluster = z.object({
  apiVersion: z.literal('modelplane.ai/v1alpha1'),
  kind: z.literal('InferenceCluster'),
  metadata: objectMeta,
  spec: inferenceClusterSpec,
  status: inferenceClusterStatus.optional(),
});
export type InferenceCluster = z.infer<typeof inferenceCluster>;
