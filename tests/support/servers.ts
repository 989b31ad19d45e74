// Starts the bundled functions (dist/<name>.js) as real processes on free loopback ports.

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from './paths.js';

export interface FunctionProcess {
  readonly name: string;
  readonly port: number;
  readonly target: string;
  readonly child: ChildProcess;
  /** Every stderr line so far (JSON log lines), in order. */
  readonly logs: readonly string[];
  /** Resolves with the log lines once `count` lines satisfy `match` (rejects after 10 s). */
  readonly waitForLogs: (match: (line: string) => boolean, count: number) => Promise<string[]>;
  readonly stop: () => Promise<void>;
}

/**
 * Starts `dist/<name>.js` with `args` (default --insecure) on 127.0.0.1 and an OS-chosen port;
 * `dist` picks another build (a benchmark comparing commits).
 */
export async function startFunction(
  name: string,
  args: readonly string[] = ['--insecure'],
  dist: string = join(repoRoot, 'dist'),
): Promise<FunctionProcess> {
  const child = spawn(process.execPath, [join(dist, `${name}.js`), '--address', '127.0.0.1:0', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines = createInterface({ input: child.stderr });
  const seen: string[] = [];
  const waiters = new Set<() => void>();
  lines.on('line', (line) => {
    seen.push(line);
    for (const w of waiters) w();
  });
  const waitForLogs = (match: (line: string) => boolean, count: number): Promise<string[]> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = seen.filter(match);
        if (found.length < count) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`${name}: ${count} matching log lines not seen in 10 s; logs:\n${seen.join('\n')}`));
      }, 10_000);
      waiters.add(check);
      check();
    });
  const port = await new Promise<number>((resolve, reject) => {
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { msg?: string; port?: number };
        if (msg.msg === 'listening' && typeof msg.port === 'number') resolve(msg.port);
      } catch {
        // Not a log line; keep it for the error message.
      }
    });
    child.once('exit', (code) => {
      reject(new Error(`${name} exited with ${code}: ${seen.join('\n')}`));
    });
  });
  return {
    name,
    port,
    target: `127.0.0.1:${port}`,
    child,
    logs: seen,
    waitForLogs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Runs `node dist/<name>.js args…` to completion and returns its exit code and output. */
export function runFunctionProcess(
  name: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'dist', `${name}.js`), ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}
