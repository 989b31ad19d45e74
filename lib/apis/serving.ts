// The serving profile shared by ModelDeployment and ModelReplica: workers with a parallelism
// topology, resources and a pod template subset, plus the optional CEL nodeSelector.

import { z } from 'zod';
import { KSERVE_OWNED_LABELS, RESERVED_LABEL_PREFIX } from '../labels.js';
import { objectMeta, quantity } from './common.js';

export const MAX_CEL_LENGTH = 10240;

export const nodeSelector = z.object({ cel: z.string().min(1).max(MAX_CEL_LENGTH) });
export type NodeSelector = z.infer<typeof nodeSelector>;

export const topology = z
  .object({
    tensor: z.number().int().min(1).max(64).default(1),
    pipeline: z.number().int().min(1).max(64).default(1),
    data: z.number().int().min(1).max(1024).default(1),
    dataLocal: z.number().int().min(1).max(64).default(1),
    expert: z.boolean().default(false),
  })
  .superRefine((t, ctx) => {
    if (t.data % t.dataLocal !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['data'],
        message: `must be a multiple of dataLocal (${t.data} % ${t.dataLocal} != 0)`,
      });
    }
  });
export type Topology = z.infer<typeof topology>;

const envVar = z.object({
  name: z.string().min(1),
  value: z.string().optional(),
  valueFrom: z.record(z.string(), z.unknown()).optional(),
});

const container = z.looseObject({
  name: z.string().min(1).max(63),
  image: z.string().min(1),
  command: z.array(z.string()).max(64).optional(),
  args: z.array(z.string()).max(256).optional(),
  env: z.array(envVar).max(128).optional(),
});
export type Container = z.infer<typeof container>;

export const ENGINE_CONTAINER = 'engine';

/** runAsUser 0 without runAsNonRoot: false, which the kubelet refuses under KServe's preset. */
function runsAsRoot(securityContext: unknown): boolean {
  if (typeof securityContext !== 'object' || securityContext === null) return false;
  const sc = securityContext as { runAsUser?: unknown; runAsNonRoot?: unknown };
  return sc.runAsUser === 0 && sc.runAsNonRoot !== false;
}

export const podTemplate = z.object({
  metadata: z
    .object({
      labels: z
        .record(z.string(), z.string())
        .superRefine((labels, ctx) => {
          for (const key of Object.keys(labels)) {
            if (key.startsWith(RESERVED_LABEL_PREFIX)) {
              ctx.addIssue({
                code: 'custom',
                path: [key],
                message: `label keys under ${RESERVED_LABEL_PREFIX} are reserved for modelplane`,
              });
            }
            if (KSERVE_OWNED_LABELS.includes(key)) {
              ctx.addIssue({
                code: 'custom',
                path: [key],
                message: 'is set by KServe, which selects its workloads by it',
              });
            }
          }
        })
        .optional(),
      annotations: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  spec: z.looseObject({
    containers: z
      .array(container)
      .min(1)
      .max(8)
      .superRefine((cs, ctx) => {
        const engines = cs.filter((c) => c.name === ENGINE_CONTAINER).length;
        if (engines !== 1) {
          ctx.addIssue({
            code: 'custom',
            message: `must contain exactly one container named "${ENGINE_CONTAINER}" (found ${engines})`,
          });
        }
        cs.forEach((c, i) => {
          if (c.name === ENGINE_CONTAINER && runsAsRoot(c.securityContext)) {
            ctx.addIssue({
              code: 'custom',
              path: [i, 'securityContext', 'runAsUser'],
              message:
                'the engine cannot run as root under KServe’s preset, which sets runAsNonRoot: true; set a non-zero runAsUser, or runAsNonRoot: false',
            });
          }
        });
      }),
    imagePullSecrets: z
      .array(z.object({ name: z.string().min(1) }))
      .max(16)
      .optional(),
    shmSize: quantity.optional(),
  }),
});
export type PodTemplate = z.infer<typeof podTemplate>;

export const workers = z.object({
  count: z.number().int().min(1).max(64).default(1),
  topology: topology.default({ tensor: 1, pipeline: 1, data: 1, dataLocal: 1, expert: false }),
  resources: z.object({ cpu: quantity.optional(), memory: quantity.optional() }),
  template: podTemplate,
});
export type Workers = z.infer<typeof workers>;

/** One role of a disaggregated deployment: self-contained selector and workers. */
export const role = z.object({ nodeSelector: nodeSelector.optional(), workers });
export type Role = z.infer<typeof role>;

/**
 * The name clients send in the OpenAI `model` field, which KServe v0.20 writes into its presets'
 * engine command unquoted inside `eval "…"` (config/llmisvcconfig/config-llm-*.yaml), into the
 * served name "publishers/<namespace>/models/<name>" and into its route paths (Gateway API forbids
 * "//", "/./", "/../" and most punctuation there). So: "/"-separated parts of letters, digits and
 * `_ . - : @ +`, each starting with a letter, digit or `_` (no flag-like "-x", no "." or ".."
 * parts). The XRD has the same rule (apis/schema/fragments.ts, modelSource).
 */
export const MODEL_NAME = /^[A-Za-z0-9_][-A-Za-z0-9_.:@+]*(\/[A-Za-z0-9_][-A-Za-z0-9_.:@+]*)*$/;
export const MODEL_NAME_MAX = 256;
export const MODEL_NAME_MESSAGE =
  'must be a model name: "/"-separated parts of letters, digits and _ . - : @ +, each starting with a letter, digit or _ (e.g. Qwen/Qwen3-8B)';

export const modelSource = z.object({
  uri: z.string().min(1).max(2048).optional(),
  name: z.string().max(MODEL_NAME_MAX).regex(MODEL_NAME, MODEL_NAME_MESSAGE).optional(),
});
export type ModelSpec = z.infer<typeof modelSource>;

/** The model name a deployment's replicas serve: spec.model.name, else the deployment's name. */
export function servedModelName(model: ModelSpec | undefined, deployment: string): string {
  return model?.name ?? deployment;
}

export { objectMeta };
