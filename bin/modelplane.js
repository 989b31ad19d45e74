#!/usr/bin/env node
// The `modelplane` command (package.json "bin"): runs the bundled CLI, dist/modelplane.js, which
// `npm run build` produces in a clone and `npm pack` (the prepack script) puts in the package.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/modelplane.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('modelplane: dist/modelplane.js is missing: run `npm run build` first\n');
  process.exit(2);
}
await import(bundle.href);
