// The version `modelplane --version` prints: the package's own, read from its package.json, which
// sits one folder up from both cli/ (a clone) and dist/ (the bundle, in a clone or an installed
// package), so the number is never copied by hand.

import { readFileSync } from 'node:fs';

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}
