// Packaging that CI can check without Docker: the Configuration package (crossplane.yaml + the
// XRDs and Compositions) and every Function package's metadata build with the real
// `crossplane xpkg build`, and each function has its self-contained bundle.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot, tool } from './support/paths.js';

const FUNCTIONS = readdirSync(join(repoRoot, 'functions')).sort();

function xpkgBuild(packageRoot: string): { code: number | null; output: string } {
  const out = join(mkdtempSync(join(tmpdir(), 'modelplane-xpkg-')), 'package.xpkg');
  const r = spawnSync(tool('crossplane'), ['xpkg', 'build', `--package-root=${packageRoot}`, '-o', out], {
    encoding: 'utf8',
  });
  return {
    code: r.status,
    output:
      `${r.stdout}${r.stderr}`.trim() +
      (existsSync(out) && statSync(out).size > 0 ? '' : ' (no package written)'),
  };
}

describe('packaging', () => {
  it('has the six functions', () => {
    expect(FUNCTIONS).toEqual([
      'compose-inference-class',
      'compose-inference-cluster',
      'compose-model-deployment',
      'compose-model-endpoint',
      'compose-model-replica',
      'compose-model-service',
    ]);
  });

  it('builds the Configuration package from crossplane.yaml and apis/', () => {
    const stage = mkdtempSync(join(tmpdir(), 'modelplane-config-'));
    cpSync(join(repoRoot, 'crossplane.yaml'), join(stage, 'crossplane.yaml'));
    for (const kind of readdirSync(join(repoRoot, 'apis'))) {
      if (!existsSync(join(repoRoot, 'apis', kind, 'definition.yaml'))) continue;
      mkdirSync(join(stage, 'apis', kind), { recursive: true });
      for (const f of ['definition.yaml', 'composition.yaml'])
        cpSync(join(repoRoot, 'apis', kind, f), join(stage, 'apis', kind, f));
    }
    expect(xpkgBuild(stage)).toEqual({ code: 0, output: '' });
  });

  it('depends on the six function packages, named so that the Compositions find them', () => {
    const config = parse(readFileSync(join(repoRoot, 'crossplane.yaml'), 'utf8')) as {
      spec: { crossplane: { version: string }; dependsOn: { kind: string; package: string }[] };
    };
    const functionRefs = readdirSync(join(repoRoot, 'apis'))
      .filter((k) => existsSync(join(repoRoot, 'apis', k, 'composition.yaml')))
      .map((k) => {
        const comp = parse(readFileSync(join(repoRoot, 'apis', k, 'composition.yaml'), 'utf8')) as {
          spec: { pipeline: { step: string; functionRef: { name: string } }[] };
        };
        return comp.spec.pipeline.map((p) => `${p.step} -> ${p.functionRef.name}`);
      })
      .flat()
      .sort();
    // Crossplane names a dependency after its repository path: xpkg.crossplane.io/modelplane/x -> modelplane-x.
    const dependencyNames = config.spec.dependsOn
      .filter((d) => d.kind === 'Function')
      .map((d) => `${d.package.split('/').at(-1) ?? ''} -> ${d.package.split('/').slice(1).join('-')}`)
      .sort();
    expect({ version: config.spec.crossplane.version, functionRefs }).toEqual({
      version: '>=v2.3.0',
      functionRefs: dependencyNames,
    });
  });

  for (const fn of FUNCTIONS) {
    it(`${fn} has package metadata that builds and a self-contained bundle`, () => {
      expect(xpkgBuild(join(repoRoot, 'functions', fn, 'package'))).toEqual({ code: 0, output: '' });
      const bundle = readFileSync(join(repoRoot, 'dist', `${fn}.js`), 'utf8');
      // One file: no import of anything but Node built-ins.
      const imports = [...bundle.matchAll(/^import .* from ["']([^"']+)["'];?$/gm)].map((m) => m[1]);
      expect(imports.filter((m) => !(m ?? '').startsWith('node:'))).toEqual([]);
    });
  }
});
