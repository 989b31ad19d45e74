// The `modelplane` command line: argument parsing, input, output and exit status. Everything it
// prints comes from lib/plan; this file only decides where it goes.
//
// Exit status, so that CI can gate on a plan:
//   0  planned, and everything would serve (warnings may be printed);
//   3  planned, but something would not serve: replicas that cannot be scheduled (an invalid or
//      unmatched selector, no capacity), or an object that would not become Ready (a
//      TopologyMismatch, a service with no ready endpoints): an UNSCHEDULABLE or NOT READY section;
//   1  the input is invalid, or the plan could not be completed (a Fatal result, no fixpoint);
//   2  a usage error or a bug (one line, never a stack trace).

import { parseArgs } from 'node:util';
import { formatProblem } from '../lib/plan/input.js';
import { readPaths, type SourceText } from '../lib/plan/load.js';
import { planTexts } from '../lib/plan/plan.js';
import { servesEverything } from '../lib/plan/model.js';
import { OUTPUT_FORMATS, renderDiff, renderPlan, type OutputFormat } from '../lib/plan/render.js';
import { DEFAULT_FLEET, DEFAULT_FLEET_NAME } from '../lib/plan/default-fleet.js';
import { COMPOSITE_KINDS } from './functions.js';
import { HELP, PLAN_HELP } from './help.js';
import { packageVersion } from './version.js';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** All of standard input, for the file argument `-`. */
  readonly stdin: () => string;
}

export const EXIT_OK = 0;
export const EXIT_PLAN_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_WOULD_NOT_SERVE = 3;

/** How messages name standard input. */
export const STDIN_NAME = '<stdin>';

class UsageError extends Error {}

export function run(argv: readonly string[], io: Io): number {
  try {
    return dispatch(argv, io);
  } catch (err) {
    if (err instanceof UsageError || isParseArgsError(err)) {
      // node:util's parse errors go on with advice about '--'; the first sentence is the point.
      const message = firstLine(err).replace(/\. To specify a positional argument.*$/, '');
      io.stderr(`modelplane: ${message}\nRun 'modelplane plan --help' for usage.\n`);
      return EXIT_USAGE;
    }
    io.stderr(`modelplane: internal error: ${firstLine(err)}\n`);
    return EXIT_USAGE;
  }
}

function dispatch(argv: readonly string[], io: Io): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (command === '--version' || command === 'version') {
    io.stdout(`modelplane ${packageVersion()}\n`);
    return EXIT_OK;
  }
  if (command !== 'plan')
    throw new UsageError(`unknown command ${JSON.stringify(command)}: the command is plan`);
  return plan(rest, io);
}

/** `-o=json` as kubectl takes it: node:util reads a short option's inline value after the letter. */
function splitShortEquals(args: readonly string[]): string[] {
  return args.flatMap((a) => (/^-o=/.test(a) ? ['-o', a.slice(3)] : [a]));
}

function plan(args: readonly string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: splitShortEquals(args),
    options: {
      output: { type: 'string', short: 'o', default: 'table' },
      diff: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout(PLAN_HELP);
    return EXIT_OK;
  }
  if (values.version) {
    io.stdout(`modelplane ${packageVersion()}\n`);
    return EXIT_OK;
  }
  const format = values.output as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) {
    throw new UsageError(
      `unknown output format ${JSON.stringify(values.output)}: use ${OUTPUT_FORMATS.join(', ')}`,
    );
  }

  let texts: readonly SourceText[];
  if (positionals.length === 0) {
    io.stderr(
      `Planning the bundled example fleet (${DEFAULT_FLEET_NAME}); pass files or folders to plan your own.\n`,
    );
    texts = DEFAULT_FLEET;
  } else {
    if (positionals.filter((p) => p === '-').length > 1) {
      throw new UsageError('standard input (-) can be read only once');
    }
    const read = readPaths(positionals.filter((p) => p !== '-'));
    if (read.problems.length > 0) {
      io.stderr(read.problems.map((p) => `${formatProblem(p)}\n`).join(''));
      return EXIT_PLAN_FAILED;
    }
    // Order does not matter: the plan is the same for its input in any order, and problems are
    // sorted by file.
    texts = positionals.includes('-') ? [...read.texts, { file: STDIN_NAME, text: io.stdin() }] : read.texts;
  }

  const outcome = planTexts(texts, COMPOSITE_KINDS);
  switch (outcome.kind) {
    case 'invalid':
      io.stderr(outcome.problems.map((p) => `${formatProblem(p)}\n`).join(''));
      return EXIT_PLAN_FAILED;
    case 'diverged':
      io.stderr(`modelplane: cannot plan: ${outcome.message}\n`);
      return EXIT_PLAN_FAILED;
    case 'planned': {
      const { view, changes } = outcome;
      io.stdout(values.diff ? renderDiff(changes, format) : renderPlan(view, format));
      io.stderr(view.warnings.map((w) => `warning: ${w.object}: ${w.message}\n`).join(''));
      io.stderr(view.errors.map((e) => `error: ${e.object}: ${e.message}\n`).join(''));
      if (view.errors.length > 0) return EXIT_PLAN_FAILED;
      return servesEverything(view.json) ? EXIT_OK : EXIT_WOULD_NOT_SERVE;
    }
  }
}

function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}
