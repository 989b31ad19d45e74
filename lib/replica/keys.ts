// Desired-resource keys (read in `crossplane render` output and in the composition-resource-name
// annotation) and the names of the Objects and remote objects of one replica. Names go through
// lib/names.ts childName, which keeps them DNS labels of at most 63 characters.

import { childName } from '../names.js';
import type { RoleName } from '../scheduling/topology.js';

export const KEY_NAMESPACE = 'namespace';
export const KEY_SERVICE = 'llm-inference-service';

export function claimTemplateKey(role: RoleName): string {
  return `claim-template-${role}`;
}

/** The provider-kubernetes Object behind desired-resource `key`, in the replica's namespace. */
export function objectName(replica: string, key: string): string {
  return childName(replica, key);
}

/** The remote ResourceClaimTemplate of a role. */
export function claimTemplateName(replica: string, role: RoleName): string {
  return childName(replica, role, 'gpus');
}
