// The one module that makes names. Desired-resource keys (function-local handles that Crossplane
// stores in the crossplane.io/composition-resource-name annotation) are deliberately different from
// metadata.name: keys read well in `crossplane render` output, names must be unique and DNS-safe.

import { createHash } from 'node:crypto';

/** The first `n` hex digits of sha256(text). */
export function shortHash(text: string, n = 5): string {
  return createHash('sha256').update(text).digest('hex').slice(0, n);
}

/** Keeps at most `max` characters and removes trailing '-' so the result still ends alphanumeric. */
export function truncateName(name: string, max: number): string {
  return name.slice(0, max).replace(/-+$/, '');
}

/**
 * The metadata.name of a ModelReplica (and of its ModelEndpoint): the deployment name truncated to
 * 57 characters, then five hex digits of sha256("<namespace>/<deployment>/<cluster>/<index>"). The
 * namespace is hashed in, so same-named deployments in two namespaces never share a name. `shape`
 * (scheduling/resize.ts shapeKey: the nodes per worker KServe cannot change in place, "" when every
 * role is on one node) is hashed in too when set, so a replica of a new size gets a new name and
 * can start next to the one it replaces.
 */
export function replicaName(
  namespace: string,
  deployment: string,
  cluster: string,
  index: number,
  shape = '',
): string {
  const identity = `${namespace}/${deployment}/${cluster}/${index}${shape === '' ? '' : `/${shape}`}`;
  return `${truncateName(deployment, 57)}-${shortHash(identity)}`;
}

/** Desired-resource key of the ModelReplica at (cluster, index). */
export function replicaKey(cluster: string, index: number): string {
  return `replica-${cluster}-${index}`;
}

/** Desired-resource key of the ModelEndpoint at (cluster, index). */
export function endpointKey(cluster: string, index: number): string {
  return `endpoint-${cluster}-${index}`;
}

/** A DNS-1123 label (≤63) made of `parts`; over-long names keep a hash of the whole for uniqueness. */
export function childName(...parts: string[]): string {
  const whole = parts.join('-');
  if (whole.length <= 63) return whole;
  return `${truncateName(whole, 57)}-${shortHash(whole)}`;
}
