// Bundles each function into one self-contained ESM file, dist/<function-name>.js, and the CLI into
// dist/modelplane.js. Nothing else is needed at run time: no node_modules in the image.
// Usage: node scripts/build.mjs [NAME...]  (no NAME: every bundle; NAME: modelplane or a function)
// Next to each bundle, dist/<name>.d lists the files esbuild read for it, as a make rule, so the
// Makefile rebuilds a bundle only when one of them changed.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const all = readdirSync(join(root, 'functions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'functions', d.name, 'main.ts')))
  .map((d) => ({ name: d.name, entry: join(root, 'functions', d.name, 'main.ts') }));
if (existsSync(join(root, 'cli', 'main.ts')))
  all.push({ name: 'modelplane', entry: join(root, 'cli', 'main.ts') });

const names = process.argv.slice(2);
const unknown = names.filter((n) => !all.some((e) => e.name === n));
if (unknown.length > 0) {
  console.error(
    `build: unknown bundle ${unknown.join(', ')}: choose from ${all.map((e) => e.name).join(', ')}`,
  );
  process.exit(2);
}
const entries = names.length === 0 ? all : all.filter((e) => names.includes(e.name));

await Promise.all(
  entries.map(async ({ name, entry }) => {
    const outfile = join(root, 'dist', `${name}.js`);
    const result = await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: false,
      legalComments: 'none',
      logLevel: 'warning',
      metafile: true,
      // Some dependencies are CommonJS and call require(); give the ESM bundle one.
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
    });
    const inputs = Object.keys(result.metafile.inputs)
      .map((input) => relative(root, join(root, input)))
      .sort();
    writeFileSync(join(root, 'dist', `${name}.d`), `dist/${name}.js: ${inputs.join(' ')}\n`);
  }),
);
console.log(`built ${entries.map((e) => `dist/${e.name}.js`).join(', ')}`);
