// examples/gitops: every overlay builds with kustomize (kubectl's, as the example's README runs it)
// and plans through standard input exactly as the README's CI step does, to its checked-in output
// and exit status; everything it builds, and the Argo CD objects, pass the real API validation.

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { gitopsDir, GITOPS_OVERLAYS, kustomizeOverlay } from './support/examples.js';
import { expectGolden } from './support/golden.js';
import { repoRoot } from './support/paths.js';
import { schemaProblems } from './support/validate.js';

const gitops = gitopsDir;
const overlays = GITOPS_OVERLAYS;
const kustomize = kustomizeOverlay;

/** `… | modelplane plan - [args]` with the real bundle: stdout, stderr and exit status in one text. */
function planStdin(yaml: string, args: readonly string[] = []): { code: number | null; transcript: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'modelplane.js'), 'plan', '-', ...args], {
    input: yaml,
    encoding: 'utf8',
  });
  return { code: r.status, transcript: `${r.stdout}--- stderr\n${r.stderr}--- exit status ${r.status}\n` };
}

function argocdObjects(): Record<string, unknown>[] {
  return readdirSync(join(gitops, 'argocd'))
    .sort()
    .map((f) => parse(readFileSync(join(gitops, 'argocd', f), 'utf8')) as Record<string, unknown>);
}

describe('the GitOps example', () => {
  it('has a dev and a prod overlay', () => {
    expect(overlays).toEqual(['dev', 'prod']);
  });

  for (const overlay of overlays) {
    describe(`overlays/${overlay}`, () => {
      const built = kustomize(overlay);

      it('plans from standard input with exit status 0, to its checked-in output', () => {
        const r = planStdin(built);
        expect(r.code).toBe(0);
        expectGolden(join(gitops, 'expected', `${overlay}.txt`), r.transcript);
      });

      it('previews with --diff, as the CI step does, with exit status 0', () => {
        const r = planStdin(built, ['--diff']);
        expect(r.code).toBe(0);
        expectGolden(join(gitops, 'expected', `${overlay}-diff.txt`), r.transcript);
      });
    });
  }

  // One validator run for every overlay and the Argo CD objects (each run loads every CRD).
  it('builds only objects that pass the real API validation of their kinds, as do the Argo CD objects', () => {
    const built = overlays.flatMap((o) =>
      parseAllDocuments(kustomize(o)).map((d) => d.toJS() as Record<string, unknown>),
    );
    expect(schemaProblems([...built, ...argocdObjects()])).toEqual([]);
  });

  it('has an AppProject and one Application per overlay; only prod, where KEDA scales, leaves spec.replicas to KEDA', () => {
    const objects = argocdObjects();
    const apps = objects
      .filter((o) => o.kind === 'Application')
      .map((o) => {
        const meta = o.metadata as { name: string };
        const spec = o.spec as {
          project: string;
          source: { path: string };
          ignoreDifferences?: unknown;
          syncPolicy: { syncOptions: string[] };
        };
        return {
          name: meta.name,
          project: spec.project,
          path: spec.source.path,
          ignoreDifferences: spec.ignoreDifferences ?? [],
          syncOptions: spec.syncPolicy.syncOptions,
        };
      });
    expect({ kinds: objects.map((o) => o.kind), apps }).toEqual({
      kinds: ['Application', 'Application', 'AppProject'],
      apps: [
        {
          name: 'fleet-dev',
          project: 'modelplane-fleet',
          path: 'examples/gitops/overlays/dev',
          ignoreDifferences: [],
          syncOptions: ['ServerSideApply=true'],
        },
        {
          name: 'fleet-prod',
          project: 'modelplane-fleet',
          path: 'examples/gitops/overlays/prod',
          ignoreDifferences: [
            { group: 'modelplane.ai', kind: 'ModelDeployment', jsonPointers: ['/spec/replicas'] },
          ],
          syncOptions: ['RespectIgnoreDifferences=true', 'ServerSideApply=true'],
        },
      ],
    });
  });
});
