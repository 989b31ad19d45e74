// ModelDeployment (SPEC 4.3): a model, its topology and where it may run; scaled through /scale.

import { z } from 'zod';
import { labelSelector, objectMeta, observedCondition, toleration } from './common.js';
import { modelSource, nodeSelector, role, workers } from './serving.js';

export const modelDeploymentSpec = z
  .object({
    replicas: z.number().int().min(0).max(1000).default(1),
    clusterSelector: labelSelector.optional(),
    tolerations: z.array(toleration).max(16).optional(),
    model: modelSource.optional(),
    nodeSelector: nodeSelector.optional(),
    workers: workers.optional(),
    prefill: role.optional(),
    decode: role.optional(),
  })
  .superRefine((s, ctx) => {
    const unified = s.workers !== undefined;
    const split = s.prefill !== undefined || s.decode !== undefined;
    if (unified && split) {
      ctx.addIssue({
        code: 'custom',
        path: ['workers'],
        message: 'set either workers or both prefill and decode, not both',
      });
    } else if (!unified && !(s.prefill !== undefined && s.decode !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [s.prefill === undefined ? 'prefill' : 'decode'],
        message: split
          ? 'prefill and decode must both be set'
          : 'set either workers or both prefill and decode',
      });
    }
    if (s.nodeSelector !== undefined && !unified) {
      ctx.addIssue({
        code: 'custom',
        path: ['nodeSelector'],
        message: 'only allowed with workers (unified serving)',
      });
    }
  });
export type ModelDeploymentSpec = z.infer<typeof modelDeploymentSpec>;

export const placementStatus = z.object({
  replica: z.string(),
  cluster: z.string(),
  index: z.number().int(),
  pools: z.record(z.string(), z.string()),
  gpus: z.number().int(),
  nodes: z.number().int(),
  ready: z.boolean(),
});
export type PlacementStatus = z.infer<typeof placementStatus>;

export const modelDeploymentStatus = z.object({
  replicas: z.number().int().optional(),
  readyReplicas: z.number().int().optional(),
  selector: z.string().optional(),
  gpus: z.number().int().optional(),
  placements: z.array(placementStatus).optional(),
  unschedulable: z.object({ replicas: z.number().int(), message: z.string() }).optional(),
  conditions: z.array(observedCondition).optional(),
});

export const modelDeployment = z.object({
  apiVersion: z.literal('modelplane.ai/v1alpha1'),
  kind: z.literal('ModelDeployment'),
  metadata: objectMeta.extend({ namespace: z.string().min(1) }),
  spec: modelDeploymentSpec,
  status: modelDeploymentStatus.optional(),
});
export type ModelDeployment = z.infer<typeof modelDeployment>;
