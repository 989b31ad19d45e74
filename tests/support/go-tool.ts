// A small Go program of the tests (tests/<name>/, its own go.mod) as a binary in .tools/<name>:
// built when missing or older than its sources, with the stamp scripts/install-tools.sh writes (a
// hash of go.mod, go.sum and the Go files, in name order). A failed build fails the caller with
// Go's message; nothing is skipped.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

function sourceStamp(dir: string): string {
  const hash = createHash('sha256');
  const files = readdirSync(dir)
    .filter((f) => f === 'go.mod' || f === 'go.sum' || f.endsWith('.go'))
    .sort();
  for (const file of files) hash.update(readFileSync(join(dir, file)));
  return hash.digest('hex').slice(0, 16);
}

/** The path of an up-to-date .tools/<name> built from tests/<name>. */
export function goTool(name: string): string {
  const dir = join(repoRoot, 'tests', name);
  const binary = join(repoRoot, '.tools', name);
  const stampFile = join(repoRoot, '.tools', `.${name}.stamp`);
  const stamp = sourceStamp(dir);
  if (existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === stamp)
    return binary;
  try {
    execFileSync('go', ['build', '-trimpath', '-o', `${binary}.tmp`, '.'], {
      cwd: dir,
      env: { ...process.env, GOFLAGS: '-mod=mod' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 600_000,
    });
  } catch (err) {
    const e = err as { message: string; stderr?: Buffer };
    throw new Error(`cannot build tests/${name} with Go: ${e.stderr?.toString().trim() || e.message}`, {
      cause: err,
    });
  }
  renameSync(`${binary}.tmp`, binary);
  writeFileSync(stampFile, `${stamp}\n`);
  return binary;
}
