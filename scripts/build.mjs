// Bundles each function into one self-contained ESM file, dist/<function-name>.js, and the CLI into
// dist/modelplane.js. Nothing else is needed at run time: no node_modules in the image.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const entries = readdirSync(join(root, 'functions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'functions', d.name, 'main.ts')))
  .map((d) => ({ name: d.name, entry: join(root, 'functions', d.name, 'main.ts') }));
if (existsSync(join(root, 'cli', 'main.ts')))
  entries.push({ name: 'modelplane', entry: join(root, 'cli', 'main.ts') });

await Promise.all(
  entries.map(({ name, entry }) =>
    build({
      entryPoints: [entry],
      outfile: join(root, 'dist', `${name}.js`),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: false,
      legalComments: 'none',
      logLevel: 'warning',
      // Some dependencies are CommonJS and call require(); give the ESM bundle one.
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
    }),
  ),
);
console.log(`built ${entries.map((e) => `dist/${e.name}.js`).join(', ')}`);
