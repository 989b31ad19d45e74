import { execFileSync } from 'node:child_process';
import { repoRoot } from './paths.js';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
}
