// Small wording helpers shared by the removal messages and the shortfall explanation, so the same
// thing is always said the same way.

import type { RoleName } from './topology.js';
import type { ResourceRequest } from './roles.js';

/** "1 node", "2 nodes". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "pool h200" for unified serving, "decode pool h200" for a role. */
export function poolLabel(role: RoleName, pool: string): string {
  return role === 'unified' ? `pool ${pool}` : `${role} pool ${pool}`;
}

/** "" for unified serving, " decode" for a role: inserted where the role must be named. */
export function roleSuffix(role: RoleName): string {
  return role === 'unified' ? '' : ` ${role}`;
}

/** "worker resources (cpu 32, memory 256Gi)", "decode worker resources (cpu 32)". */
export function workerResources(role: RoleName, requests: readonly ResourceRequest[]): string {
  const list = requests.map((r) => `${r.name} ${r.text}`).join(', ');
  return `${role === 'unified' ? '' : `${role} `}worker resources (${list})`;
}

/** "needs 2 nodes with 8 free GPUs, has 1". */
export function needsNodes(needed: number, gpusPerNode: number, has: number): string {
  return `needs ${count(needed, 'node')} with ${count(gpusPerNode, 'free GPU')}, has ${has}`;
}
