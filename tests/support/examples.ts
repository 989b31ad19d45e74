// The example fleets the tests plan, in one place: every folder of examples/ as `modelplane plan
// examples/<name>` reads it, and every overlay of examples/gitops as `kubectl kustomize` builds it
// (that example is a kustomize tree, not one fleet). render/ holds `crossplane render` fixtures.

import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readPaths, type SourceText } from '../../lib/plan/load.js';
import { repoRoot } from './paths.js';

export const examplesDir = join(repoRoot, 'examples');
export const gitopsDir = join(examplesDir, 'gitops');

/** The examples that are one fleet each, sorted by name. */
export const FLEET_EXAMPLES: readonly string[] = readdirSync(examplesDir)
  .filter((d) => d !== 'render' && d !== 'gitops' && statSync(join(examplesDir, d)).isDirectory())
  .sort();

export const GITOPS_OVERLAYS: readonly string[] = readdirSync(join(gitopsDir, 'overlays')).sort();

/** `kubectl kustomize <overlay>`; kubectl is a prerequisite (README), so its absence fails. */
export function kustomizeOverlay(overlay: string): string {
  const r = spawnSync('kubectl', ['kustomize', join(gitopsDir, 'overlays', overlay)], { encoding: 'utf8' });
  if (r.error !== undefined) throw new Error(`kubectl is required to build the overlays: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`kubectl kustomize overlays/${overlay} failed: ${r.stderr}`);
  return r.stdout;
}

export interface ExampleFleet {
  /** `quickstart`, or `gitops/overlays/prod`. */
  readonly name: string;
  readonly texts: readonly SourceText[];
}

/** Every fleet the examples describe: the one-fleet folders, then the GitOps overlays. */
export function exampleFleets(): ExampleFleet[] {
  return [
    ...FLEET_EXAMPLES.map((name) => ({ name, texts: readPaths([join(examplesDir, name)]).texts })),
    ...GITOPS_OVERLAYS.map((overlay) => {
      const name = `gitops/overlays/${overlay}`;
      return { name, texts: [{ file: `examples/${name}`, text: kustomizeOverlay(overlay) }] };
    }),
  ];
}
