// Compiling and running one expression in our environment: parse, expand cel.bind, type-check,
// instrument for cost, plan. Shared by selectors (./index.ts) and value evaluation (./evaluate.ts).

import { isCelError, parse, plan, type CelValue } from '@bufbuild/cel';
import { IdSource, countNodes, nestingDepth, type Parsed } from './ast.js';
import { check, type Environment } from './checker.js';
import { failingConstantConversion } from './fold.js';
import { runtimeEnv, validLiteral } from './functions.js';
import { Meter, withMeter } from './meter.js';
import { expandBinds, instrumentCost } from './rewrite.js';
import { ANY, QUANTITY, STRING, map, type Type } from './types.js';

/**
 * The evaluation budget of one expression on one class, in cost units: one per expression node
 * evaluated (the whole expression once, plus each comprehension's condition and step per iteration)
 * and one per ten characters or elements a string, bytes or list function handles. That is roughly
 * cel-go's unit, and the number is DRA's own limit (resource.k8s.io CELSelectorExpressionMaxCost).
 */
export const SELECTOR_COST_LIMIT = 1_000_000;
/** DRA's CELSelectorExpressionMaxLength. */
export const SELECTOR_MAX_LENGTH = 10 * 1024;
/** cel-go's default parser recursion limit, counted on the syntax tree. */
export const SELECTOR_MAX_NESTING = 250;

const DEVICE_TYPE = 'modelplane.Device';

const checkEnv: Environment = {
  variables: new Map([['device', { kind: 'object', name: DEVICE_TYPE }]]),
  objects: new Map([
    [
      DEVICE_TYPE,
      new Map<string, Type>([
        ['attributes', map(STRING, map(STRING, ANY))],
        ['capacity', map(STRING, map(STRING, QUANTITY))],
      ]),
    ],
  ]),
  validLiteral,
};

type Plan = ReturnType<typeof plan>;

export interface Program {
  /** The checked result type. */
  readonly type: Type;
  /** Runs once with `device` bound (or unbound), metered up to `limit` units (default SELECTOR_COST_LIMIT). */
  run(device: CelValue | undefined, limit?: number): Outcome;
}

/** What a run did, and the cost units it spent (at most its limit, plus the step that crossed it). */
export type Outcome = (
  | { readonly kind: 'value'; readonly value: CelValue }
  | { readonly kind: 'error'; readonly error: string }
  | { readonly kind: 'cost-exceeded' }
) & { readonly cost?: number };

export type Compiled =
  { readonly ok: true; readonly program: Program } | { readonly ok: false; readonly error: string };

export function compile(expression: string): Compiled {
  if (expression.length > SELECTOR_MAX_LENGTH) {
    return { ok: false, error: `expression is longer than ${SELECTOR_MAX_LENGTH} characters` };
  }
  let parsed: Parsed;
  try {
    parsed = parse(expression);
  } catch (err) {
    return { ok: false, error: syntaxError(err) };
  }
  if (nestingDepth(parsed.expr) > SELECTOR_MAX_NESTING) {
    return { ok: false, error: `expression nesting exceeds the limit of ${SELECTOR_MAX_NESTING}` };
  }
  const ids = new IdSource(parsed.expr);
  const bindError = expandBinds(parsed.expr, ids);
  if (bindError !== undefined) return { ok: false, error: bindError };
  const checked = check(checkEnv, parsed, expression);
  if (!checked.ok) return { ok: false, error: checked.error };
  const conversionError = failingConstantConversion(parsed, expression);
  if (conversionError !== undefined) return { ok: false, error: conversionError };
  const staticCost = countNodes(parsed.expr);
  instrumentCost(parsed.expr, ids);
  return { ok: true, program: new MeteredProgram(checked.type, plan(runtimeEnv, parsed.expr), staticCost) };
}

function syntaxError(err: unknown): string {
  // The parser recurses per nesting level; a stack overflow is its way of saying "too deep".
  if (err instanceof RangeError) return `expression nesting exceeds the limit of ${SELECTOR_MAX_NESTING}`;
  const text = err instanceof Error ? err.message : String(err);
  // "<input>:1:5: found ..." → "syntax error at 1:5: found ..."
  const line = text.split('\n')[0] ?? text;
  return line.replace(/^(?:syntax error: )?<input>:(\d+:\d+): /, 'syntax error at $1: ');
}

class MeteredProgram implements Program {
  constructor(
    readonly type: Type,
    private readonly planned: Plan,
    private readonly staticCost: number,
  ) {}

  run(device: CelValue | undefined, limit = SELECTOR_COST_LIMIT): Outcome {
    const meter = new Meter(limit);
    meter.charge(this.staticCost);
    const result = meter.exceeded
      ? undefined
      : withMeter(meter, () => this.planned(device === undefined ? {} : { device }));
    const cost = meter.total;
    if (meter.exceeded || result === undefined) return { kind: 'cost-exceeded', cost };
    if (isCelError(result)) return { kind: 'error', error: result.message, cost };
    return { kind: 'value', value: result, cost };
  }
}
