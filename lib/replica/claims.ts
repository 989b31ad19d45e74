// The DRA ResourceClaimTemplate of one role (SPEC 4.4 item 3). Every pod of the role (the leader and
// each worker node) gets its own claim from it, so the count is the GPUs one node contributes:
// tensor × dataLocal (lib/scheduling/topology.ts), never the whole worker's GPUs.

import type { InferenceClassSpec } from '../apis/inference-class.js';
import { deviceSelectors } from './selectors.js';

/** The request name inside the claim; pods reference the claim, containers reference the request. */
export const GPU_REQUEST = 'gpu';

export interface ClaimTemplateInput {
  readonly name: string;
  readonly namespace: string;
  readonly cls: InferenceClassSpec;
  readonly gpusPerNode: number;
}

export function resourceClaimTemplate(input: ClaimTemplateInput): Record<string, unknown> {
  const selectors = deviceSelectors(input.cls).map((expression) => ({ cel: { expression } }));
  return {
    apiVersion: 'resource.k8s.io/v1',
    kind: 'ResourceClaimTemplate',
    metadata: { name: input.name, namespace: input.namespace },
    spec: {
      spec: {
        devices: {
          requests: [
            {
              name: GPU_REQUEST,
              exactly: {
                deviceClassName: input.cls.resources.gpu.deviceClassName,
                count: input.gpusPerNode,
                ...(selectors.length > 0 ? { selectors } : {}),
              },
            },
          ],
        },
      },
    },
  };
}
