// Entry point of the modelplane CLI (bundled into dist/modelplane.js; bin/modelplane.js runs it).

import { readFileSync } from 'node:fs';
import { run } from './run.js';

// A reader that goes away (`modelplane plan | head`) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
process.on('uncaughtException', (err) => {
  process.stderr.write(`modelplane: internal error: ${err.message.split('\n')[0] ?? ''}\n`);
  process.exit(2);
});

process.exitCode = run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: () => readFileSync(0, 'utf8'),
});
