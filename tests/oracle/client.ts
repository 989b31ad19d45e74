// The Go oracle (tests/oracle/main.go) from the tests' side: build it into .tools/oracle when it is
// missing or older than its sources, then ask it a batch of questions over its JSON-lines protocol.
// A failed build fails the caller with the reason; nothing is skipped.

import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/paths.js';

const sourceDir = join(repoRoot, 'tests', 'oracle');
const binary = join(repoRoot, '.tools', 'oracle');
const stampFile = join(repoRoot, '.tools', '.oracle.stamp');

/** The stamp scripts/install-tools.sh writes: a hash of go.mod, go.sum and the Go files, in path order. */
function sourceStamp(): string {
  const hash = createHash('sha256');
  const files = readdirSync(sourceDir)
    .filter((f) => f === 'go.mod' || f === 'go.sum' || f.endsWith('.go'))
    .sort();
  for (const file of files) hash.update(readFileSync(join(sourceDir, file)));
  return hash.digest('hex').slice(0, 16);
}

/** The path of an up-to-date oracle binary, building it with Go when needed. */
export function oracleBinary(): string {
  const stamp = sourceStamp();
  if (existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === stamp)
    return binary;
  try {
    execFileSync('go', ['build', '-trimpath', '-o', `${binary}.tmp`, '.'], {
      cwd: sourceDir,
      env: { ...process.env, GOFLAGS: '-mod=mod' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 600_000,
    });
  } catch (err) {
    const e = err as { message: string; stderr?: Buffer };
    throw new Error(
      `cannot build the Kubernetes oracle (tests/oracle) with Go: ${e.stderr?.toString().trim() || e.message}`,
      { cause: err },
    );
  }
  renameSync(`${binary}.tmp`, binary);
  writeFileSync(stampFile, `${stamp}\n`);
  return binary;
}

/** Sends every request, one per line, and returns the answers in order. */
export function askOracle(requests: readonly object[]): Record<string, unknown>[] {
  const run = spawnSync(oracleBinary(), {
    input: requests.map((r) => JSON.stringify(r)).join('\n') + '\n',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });
  if (run.error !== undefined || run.status !== 0) {
    throw new Error(`the oracle failed: ${run.error?.message ?? run.stderr.toString()}`);
  }
  const lines = run.stdout.toString().trimEnd().split('\n');
  if (lines.length !== requests.length) {
    throw new Error(`the oracle answered ${lines.length} of ${requests.length} requests`);
  }
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}
