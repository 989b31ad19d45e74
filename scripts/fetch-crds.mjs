#!/usr/bin/env node
// Fills .crds/ (git-ignored) with the upstream CRDs and Kubernetes OpenAPI documents the tests
// validate composed objects against, the way envtest users get theirs: tools/crds/go.mod pins each
// upstream module by version and go.sum by hash; each is downloaded at exactly that version with
// `go mod download -json module@version` (nothing is built, and no module graph is resolved, so no
// other requirement can raise a version), and the files tools/crds/sources.json lists are copied
// out of the module cache into .crds/<folder>/, named as upstream names them.
//
// A stamp (a hash of go.mod, go.sum, sources.json and this script) makes a warm run a few file
// reads with no Go at all. Go keeps the downloads in its module cache (`go env GOMODCACHE`).
// Usage: node scripts/fetch-crds.mjs [--quiet]

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const moduleDir = join(root, 'tools', 'crds');
const out = join(root, '.crds');
const stampFile = join(out, '.stamp');
const quiet = process.argv.includes('--quiet');
const log = (line) => quiet || process.stdout.write(`fetch-crds: ${line}\n`);
const fail = (line) => {
  process.stderr.write(`fetch-crds: ${line}\n`);
  process.exit(1);
};

const sources = JSON.parse(readFileSync(join(moduleDir, 'sources.json'), 'utf8'));
const wanted = sources.copied.flatMap((s) => s.files.map((f) => join(out, s.folder, f)));
const readOrEmpty = (file) => (existsSync(file) ? readFileSync(file, 'utf8') : '');
const stamp = () =>
  createHash('sha256')
    .update(['go.mod', 'go.sum', 'sources.json'].map((f) => readOrEmpty(join(moduleDir, f))).join('\0'))
    .update(readFileSync(fileURLToPath(import.meta.url), 'utf8'))
    .digest('hex');

if (readOrEmpty(stampFile) === stamp() && wanted.every((f) => existsSync(f))) {
  log('.crds/ is up to date');
  process.exit(0);
}

const started = Date.now();
const go = (args) => spawnSync('go', args, { cwd: moduleDir, encoding: 'utf8', maxBuffer: 64 << 20 });
const edit = go(['mod', 'edit', '-json']);
if (edit.error !== undefined)
  fail('Go is required (https://go.dev/dl): the CRDs come from the Go module proxy');
if (edit.status !== 0) fail(`cannot read tools/crds/go.mod: ${edit.stderr.trim()}`);
const versions = new Map(JSON.parse(edit.stdout).Require.map((r) => [r.Path, r.Version]));

const modules = [...new Set(sources.copied.map((s) => s.module))];
const pinned = modules.map((m) => {
  const version = versions.get(m);
  if (version === undefined)
    fail(`tools/crds/sources.json copies from ${m}, which tools/crds/go.mod does not require`);
  return `${m}@${version}`;
});
log(`downloading ${pinned.length} modules (pinned by tools/crds/go.sum; a first run takes a minute or two)`);
// -mod=readonly: never rewrite go.mod; a module missing from go.sum is checked against the checksum
// database and recorded, as `go get` would.
const download = spawnSync('go', ['mod', 'download', '-json', ...pinned], {
  cwd: moduleDir,
  encoding: 'utf8',
  maxBuffer: 64 << 20,
  env: { ...process.env, GOFLAGS: `${process.env.GOFLAGS ?? ''} -mod=readonly`.trim() },
});
// The output is a stream of JSON objects, one per module, each ending in a line "}".
const results = download.stdout
  .split(/\n}\n?/)
  .filter((chunk) => chunk.trim() !== '')
  .map((chunk) => JSON.parse(`${chunk}\n}`));
const errors = results.filter((r) => r.Error !== undefined).map((r) => `${r.Path}@${r.Version}: ${r.Error}`);
if (download.status !== 0 || errors.length > 0) {
  fail(`go mod download failed:\n${[...errors, download.stderr.trim()].filter((l) => l !== '').join('\n')}`);
}
const dirOf = new Map(results.map((r) => [r.Path, r.Dir]));

const staging = `${out}.tmp`;
rmSync(staging, { recursive: true, force: true });
let copied = 0;
for (const source of sources.copied) {
  const from = join(dirOf.get(source.module), source.dir);
  mkdirSync(join(staging, source.folder), { recursive: true });
  for (const file of source.files) {
    if (!existsSync(join(from, file)))
      fail(`${source.module}@${versions.get(source.module)} has no ${source.dir}/${file}`);
    copyFileSync(join(from, file), join(staging, source.folder, file));
    copied++;
  }
}
writeFileSync(join(staging, '.stamp'), stamp()); // after the download: go.sum may have gained lines
rmSync(out, { recursive: true, force: true });
renameSync(staging, out);
log(
  `copied ${copied} files from ${pinned.length} modules into .crds/ in ${((Date.now() - started) / 1000).toFixed(1)}s`,
);
