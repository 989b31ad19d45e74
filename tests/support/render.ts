// Runs the real `crossplane composition render` (Crossplane core via --crossplane-binary, functions
// on the Development runtime) over a fixture folder in examples/render/<kind>/<case>/.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot, tool } from './paths.js';

export interface RenderCase {
  readonly kind: string;
  readonly name: string;
  readonly dir: string;
  readonly composition: string;
  readonly functions: string;
}

/** Fixture folders: examples/render/<kind>/<case>/xr.yaml, with the kind's composition and functions file. */
export function renderCases(): RenderCase[] {
  const base = join(repoRoot, 'examples', 'render');
  const cases: RenderCase[] = [];
  for (const kind of readdirSync(base).sort()) {
    const kindDir = join(base, kind);
    const functions = join(kindDir, 'functions.yaml');
    if (!existsSync(functions)) continue;
    for (const name of readdirSync(kindDir).sort()) {
      const dir = join(kindDir, name);
      if (!existsSync(join(dir, 'xr.yaml'))) continue;
      cases.push({
        kind,
        name,
        dir,
        composition: join(repoRoot, 'apis', kind, 'composition.yaml'),
        functions,
      });
    }
  }
  return cases;
}

/** The render command line for a case, pointing every function at `target`. */
export function renderArgs(c: RenderCase, target: string): string[] {
  const args = ['composition', 'render', join(c.dir, 'xr.yaml'), c.composition, c.functions];
  args.push('--crossplane-binary', tool('crossplane-core'));
  args.push('-a', `render.crossplane.io/runtime-development-target=${target}`);
  args.push('--include-function-results', '--include-full-xr');
  if (existsSync(join(c.dir, 'observed.yaml')))
    args.push('--observed-resources', join(c.dir, 'observed.yaml'));
  // Required resources: those every case of the kind shares, then the case's own.
  for (const dir of [dirname(c.dir), c.dir]) {
    if (existsSync(join(dir, 'required.yaml'))) args.push('--required-resources', join(dir, 'required.yaml'));
  }
  args.push('--xrd', join(repoRoot, 'apis', c.kind, 'definition.yaml'));
  return args;
}

export interface RenderOutput {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function render(c: RenderCase, target: string): RenderOutput {
  const r = spawnSync(tool('crossplane'), renderArgs(c, target), { encoding: 'utf8', cwd: repoRoot });
  return { code: r.status, stdout: sortNotReadyResults(r.stdout), stderr: r.stderr };
}

/**
 * Crossplane render reports each composed resource that is not ready yet as a Result, in Go map
 * order (random from run to run). Those documents are sorted so golden files are stable; every
 * other document keeps its place.
 */
export function sortNotReadyResults(stdout: string): string {
  const docs = stdout.split(/^(?=---\n)/m);
  const notReady = (d: string) => /^reason: ComposeResources$/m.test(d) && /is not yet ready$/m.test(d);
  const sorted = docs.filter(notReady).sort();
  return docs.map((d) => (notReady(d) ? (sorted.shift() ?? d) : d)).join('');
}

/** The YAML documents of render output, without the render-only Result objects. */
export function renderedObjects(stdout: string): Record<string, unknown>[] {
  return parseAllDocuments(stdout)
    .map((d) => d.toJS() as Record<string, unknown> | null)
    .filter(
      (o): o is Record<string, unknown> => o !== null && o.apiVersion !== 'render.crossplane.io/v1beta1',
    );
}
