// Where things are: the repository, the Go-built tools and the shared upstream CRDs.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedCrds = resolve(repoRoot, '..', 'shared', 'crds');

/** A tool from .tools/ (installed by `make tools`); fails with the reason instead of skipping. */
export function tool(
  name: 'crossplane' | 'crossplane-core' | 'xrd-budget' | 'oracle' | 'egctl-v1.7' | 'egctl-v1.9',
): string {
  const path = join(repoRoot, '.tools', name);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run \`make tools\` (scripts/install-tools.sh) to build it with Go`);
  }
  return path;
}

export function requireSharedCrds(): string {
  if (!existsSync(sharedCrds))
    throw new Error(`${sharedCrds} is missing: the upstream CRDs must sit beside the repository`);
  return sharedCrds;
}
