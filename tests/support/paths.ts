// Where things are: the repository, the Go-built tools and the upstream CRDs.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The upstream CRDs, copied out of the Go module cache by scripts/fetch-crds.mjs (tools/crds/). */
export const upstreamCrds = join(repoRoot, '.crds');

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

/** .crds/, or why it is missing (`npm test` and `make test` fill it first). */
export function requireUpstreamCrds(): string {
  if (!existsSync(join(upstreamCrds, '.stamp')))
    throw new Error(
      `${upstreamCrds} is missing: run \`make crds\` (node scripts/fetch-crds.mjs) to fetch the upstream CRDs with Go`,
    );
  return upstreamCrds;
}
