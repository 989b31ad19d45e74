// Desired-resource keys (read in `crossplane render` output and in the composition-resource-name
// annotation) and the names of the Objects and remote objects of one replica. Names go through
// lib/names.ts childName, which keeps them DNS labels of at most 63 characters.

import { childName } from '../names.js';
import type { RoleName } from '../scheduling/topology.js';

export const KEY_NAMESPACE = 'namespace';
export const KEY_SERVICE = 'llm-inference-service';

/** Keys of the claim templates start with this; the role and the spec's hash follow. */
export const CLAIM_TEMPLATE_KEY_PREFIX = 'claim-template-';

/**
 * The key of a role's claim template. It carries the hash of the template's spec: a
 * ResourceClaimTemplate's spec is immutable, so a changed spec is a new template (a new Object),
 * and the old one goes once nothing references it (desired.ts).
 */
export function claimTemplateKey(role: RoleName, specHash: string): string {
  return `${CLAIM_TEMPLATE_KEY_PREFIX}${role}-${specHash}`;
}

/** The provider-kubernetes Object behind desired-resource `key`, in the replica's namespace. */
export function objectName(replica: string, key: string): string {
  return childName(replica, key);
}

/** The remote ResourceClaimTemplate of a role, named after its spec's hash like its key. */
export function claimTemplateName(replica: string, role: RoleName, specHash: string): string {
  return childName(replica, role, specHash);
}
