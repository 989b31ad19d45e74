// The DRA ResourceClaimTemplate of one role (SPEC 4.4 item 3). Every pod of the role (the leader and
// each worker node) gets its own claim from it, so the count is the GPUs one node contributes:
// tensor × dataLocal (lib/scheduling/topology.ts), never the whole worker's GPUs.
//
// The API server refuses any change to a ResourceClaimTemplate's spec, so the template is named
// after a hash of its spec (keys.ts): an InferenceClass edit or a new tensor size gives a new
// template, which the pods then reference, instead of an update that stays Synced=False.

import type { InferenceClassSpec } from '../apis/inference-class.js';
import { shortHash } from '../names.js';
import { canonical } from '../runtime/json.js';
import { deviceSelectors } from './selectors.js';

/** The request name inside the claim; pods reference the claim, containers reference the request. */
export const GPU_REQUEST = 'gpu';

export interface ClaimInput {
  readonly cls: InferenceClassSpec;
  readonly gpusPerNode: number;
}

/** The template's spec: one request for the node's GPUs of the class's device class and facts. */
export function claimTemplateSpec(input: ClaimInput): Record<string, unknown> {
  const selectors = deviceSelectors(input.cls).map((expression) => ({ cel: { expression } }));
  return {
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
  };
}

/** Five hex digits of sha256 over the spec's canonical JSON: equal specs, equal hashes. */
export function claimSpecHash(spec: Record<string, unknown>): string {
  return shortHash(JSON.stringify(canonical(spec)));
}

export function resourceClaimTemplate(
  name: string,
  namespace: string,
  spec: Record<string, unknown>,
): Record<string, unknown> {
  return {
    apiVersion: 'resource.k8s.io/v1',
    kind: 'ResourceClaimTemplate',
    metadata: { name, namespace },
    spec: structuredClone(spec),
  };
}
