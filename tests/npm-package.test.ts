// The npm package a user installs: `npm pack` holds what `npx modelplane` needs (package.json
// "files": the bin shim and the self-contained CLI bundle) and nothing else, and once the tarball
// is installed into a fresh project, `npx modelplane plan` plans there. The package has no
// dependencies (the bundle carries them), so the install needs no registry: --prefer-offline.

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/paths.js';

const PACKAGE = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
// npm run from `npm test` inherits npm_config_* settings meant for this repository; a user's
// project has none of them.
const env: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')),
);
const QUIET = {
  ...env,
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
};

function npm(args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync('npm', args, { cwd, encoding: 'utf8', env: QUIET });
}

let packDir = '';
let project = '';
let packed: { files: { path: string }[]; filename: string }[] = [];

beforeAll(() => {
  packDir = mkdtempSync(join(tmpdir(), 'modelplane-pack-'));
  // The global setup has built dist/; --ignore-scripts keeps `prepack` from rebuilding it while
  // other test files run it.
  const pack = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], repoRoot);
  if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  packed = JSON.parse(pack.stdout) as typeof packed;
  project = mkdtempSync(join(tmpdir(), 'modelplane-consumer-'));
  writeFileSync(
    join(project, 'package.json'),
    '{ "name": "consumer", "version": "1.0.0", "private": true }\n',
  );
  const tarball = join(packDir, packed[0]?.filename ?? '');
  const install = npm(['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], project);
  if (install.status !== 0) throw new Error(`npm install failed: ${install.stderr}`);
}, 120_000);

describe('the npm package', () => {
  it('packs the bin shim and the CLI bundle, with the README, LICENSE and package.json', () => {
    expect(packed.map((p) => ({ filename: p.filename, files: p.files.map((f) => f.path).sort() }))).toEqual([
      {
        filename: `${PACKAGE.name}-${PACKAGE.version}.tgz`,
        files: ['LICENSE', 'README.md', 'bin/modelplane.js', 'dist/modelplane.js', 'package.json'],
      },
    ]);
  });

  it('runs `npx modelplane plan` in a project that installed the tarball', () => {
    const r = spawnSync('npx', ['--no-install', 'modelplane', 'plan'], {
      cwd: project,
      encoding: 'utf8',
      env: QUIET,
    });
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 0,
      stdout: readFileSync(join(repoRoot, 'examples', 'quickstart', 'expected', 'plan.txt'), 'utf8'),
      stderr:
        'Planning the bundled example fleet (examples/quickstart); pass files or folders to plan your own.\n',
    });
  });

  it('answers `npx modelplane --version` with the package version', () => {
    const r = spawnSync('npx', ['--no-install', 'modelplane', '--version'], {
      cwd: project,
      encoding: 'utf8',
      env: QUIET,
    });
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 0,
      stdout: `modelplane ${PACKAGE.version}\n`,
      stderr: '',
    });
  });
});
