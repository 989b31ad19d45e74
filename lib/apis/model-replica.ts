// ModelReplica (SPEC 4.4): one complete serving instance on one cluster, written by ModelDeployment.

import { z } from 'zod';
import { dnsLabel, localObjectRef, objectMeta, observedCondition } from './common.js';
import { modelSource, workers } from './serving.js';

export const replicaRole = z.object({ nodePool: dnsLabel(40), workers });
export type ReplicaRole = z.infer<typeof replicaRole>;

export const modelReplicaSpec = z
  .object({
    deploymentRef: localObjectRef,
    inferenceClusterRef: localObjectRef,
    model: modelSource.optional(),
    nodePool: dnsLabel(40).optional(),
    workers: workers.optional(),
    prefill: replicaRole.optional(),
    decode: replicaRole.optional(),
  })
  .superRefine((s, ctx) => {
    const unified = s.workers !== undefined || s.nodePool !== undefined;
    const split = s.prefill !== undefined || s.decode !== undefined;
    if (unified && split) {
      ctx.addIssue({
        code: 'custom',
        path: ['workers'],
        message: 'set either nodePool and workers, or prefill and decode',
      });
    } else if (unified) {
      if (s.workers === undefined)
        ctx.addIssue({ code: 'custom', path: ['workers'], message: 'Required value' });
      if (s.nodePool === undefined)
        ctx.addIssue({ code: 'custom', path: ['nodePool'], message: 'Required value' });
    } else if (s.prefill === undefined || s.decode === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [s.prefill === undefined ? 'prefill' : 'decode'],
        message: 'set either nodePool and workers, or both prefill and decode',
      });
    }
  });
export type ModelReplicaSpec = z.infer<typeof modelReplicaSpec>;

export const modelReplicaStatus = z.object({
  url: z.string().optional(),
  endpoint: z
    .object({ url: z.string(), headers: z.array(z.object({ name: z.string(), value: z.string() })) })
    .optional(),
  gpus: z.number().int().optional(),
  conditions: z.array(observedCondition).optional(),
});

export const modelReplica = z.object({
  apiVersion: z.literal('modelplane.ai/v1alpha1'),
  kind: z.literal('ModelReplica'),
  metadata: objectMeta.extend({ namespace: z.string().min(1) }),
  spec: modelReplicaSpec,
  status: modelReplicaStatus.optional(),
});
export type ModelReplica = z.infer<typeof modelReplica>;
