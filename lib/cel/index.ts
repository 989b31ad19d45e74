// nodeSelector.cel: compile an expression once, then match it against many InferenceClasses through
// their DRA-style `device` view (SPEC 4.1). Compile problems are user errors; evaluation problems
// mean "does not match"; running over the cost limit also carries a warning. Besides the limit of
// one evaluation, a CostBudget bounds all the evaluations of one reconcile: once it is spent, the
// remaining classes are "undecided" (neither matched nor refused) without running anything.
// README.md in this folder describes the environment and how parity with Kubernetes is checked.

import type { InferenceClass } from '../apis/index.js';
import { compile, SELECTOR_COST_LIMIT, type Program } from './compile.js';
import { celDevice } from './device.js';
import { formatType } from './types.js';

export { SELECTOR_COST_LIMIT, SELECTOR_MAX_LENGTH, SELECTOR_MAX_NESTING } from './compile.js';
export { BUILTIN_DOMAIN, deviceView, type AttributeValue, type DeviceView } from './device.js';
export { evaluateExpression, type Evaluation } from './evaluate.js';

export interface SelectorMatch {
  readonly matched: boolean;
  /** Set only when the evaluation ran over SELECTOR_COST_LIMIT or the budget was spent. */
  readonly warning?: string;
  /** True when the budget ran out before this class was decided: not a match, and not a refusal. */
  readonly undecided?: true;
}

/**
 * The CEL cost of every nodeSelector evaluation in one reconcile, over all roles and classes: a
 * selector that runs over its limit on one class usually does on every class, and 200 classes ×
 * SELECTOR_COST_LIMIT is seconds of one thread.
 */
export const RECONCILE_COST_LIMIT = 5 * 1_000_000;

export class CostBudget {
  private spent = 0;

  constructor(readonly limit: number = RECONCILE_COST_LIMIT) {}

  get remaining(): number {
    return Math.max(0, this.limit - this.spent);
  }

  spend(units: number): void {
    this.spent += units;
  }
}

/** Why a class did or did not match, for explanations (`modelplane plan`) and tests. */
export type SelectorOutcome =
  | { readonly result: 'match' }
  | { readonly result: 'no-match' }
  /** An evaluation error (missing key, type mismatch, non-bool result): the class does not match. */
  | { readonly result: 'error'; readonly error: string }
  | { readonly result: 'cost-exceeded'; readonly warning: string }
  /** The reconcile's budget was spent before this class could be decided. */
  | { readonly result: 'budget-exhausted'; readonly warning: string };

export interface CompiledSelector {
  /** Whether `cls` matches; `budget` (default: unbounded but for SELECTOR_COST_LIMIT) is charged. */
  matches(cls: InferenceClass, budget?: CostBudget): SelectorMatch;
  explain(cls: InferenceClass, budget?: CostBudget): SelectorOutcome;
}

export type CompileResult =
  { readonly ok: true; readonly selector: CompiledSelector } | { readonly ok: false; readonly error: string };

/** Compiled expressions by text, most recently used last; compiling costs far more than matching. */
const recent = new Map<string, CompileResult>();
const RECENT_LIMIT = 256;

/** Parse + type-check once; a syntax or type error, or a non-bool result, is `ok: false` with one line. */
export function compileSelector(expression: string): CompileResult {
  let result = recent.get(expression);
  if (result !== undefined) recent.delete(expression);
  else result = compileUncached(expression);
  recent.set(expression, result);
  if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value ?? expression);
  return result;
}

function compileUncached(expression: string): CompileResult {
  const compiled = compile(expression);
  if (!compiled.ok) return compiled;
  const { kind } = compiled.program.type;
  // Like DRA: bool, or an attribute whose type is only known at run time.
  if (kind !== 'bool' && kind !== 'dyn' && kind !== 'any') {
    return { ok: false, error: `expression must evaluate to bool, not ${formatType(compiled.program.type)}` };
  }
  return { ok: true, selector: new Selector(compiled.program) };
}

class Selector implements CompiledSelector {
  /** Per class object: a selector is pure, and the scheduler asks about one class for many pools. */
  private readonly outcomes = new WeakMap<InferenceClass, SelectorOutcome>();

  constructor(private readonly program: Program) {}

  matches(cls: InferenceClass, budget?: CostBudget): SelectorMatch {
    const outcome = this.explain(cls, budget);
    if (outcome.result === 'match') return MATCH;
    if (outcome.result === 'cost-exceeded') return { matched: false, warning: outcome.warning };
    if (outcome.result === 'budget-exhausted')
      return { matched: false, warning: outcome.warning, undecided: true };
    return NO_MATCH;
  }

  explain(cls: InferenceClass, budget?: CostBudget): SelectorOutcome {
    let outcome = this.outcomes.get(cls);
    if (outcome === undefined) {
      outcome = this.evaluate(cls, budget);
      // A class left undecided by one budget may be decided under another (another reconcile).
      if (outcome.result !== 'budget-exhausted') this.outcomes.set(cls, outcome);
    }
    return outcome;
  }

  private evaluate(cls: InferenceClass, budget: CostBudget | undefined): SelectorOutcome {
    const device = celDevice(cls);
    if (!device.ok) return { result: 'error', error: device.error };
    const limit = Math.min(SELECTOR_COST_LIMIT, budget?.remaining ?? SELECTOR_COST_LIMIT);
    const spent: SelectorOutcome = {
      result: 'budget-exhausted',
      warning: `the nodeSelector evaluations of this reconcile spent their budget of ${budget?.limit ?? 0} cost units; InferenceClasses not evaluated yet are undecided: no new replica goes to them and none there is removed`,
    };
    if (limit <= 0) return spent;
    const outcome = this.program.run(device.value, limit);
    budget?.spend(outcome.cost ?? 0);
    switch (outcome.kind) {
      case 'cost-exceeded':
        if (limit < SELECTOR_COST_LIMIT) return spent;
        return {
          result: 'cost-exceeded',
          warning: `evaluation on InferenceClass ${cls.metadata.name} exceeded the cost limit of ${SELECTOR_COST_LIMIT} units; treated as not matching`,
        };
      case 'error':
        return { result: 'error', error: outcome.error };
      case 'value':
        if (typeof outcome.value !== 'boolean') {
          return {
            result: 'error',
            error: `expression evaluated to a non-bool value on InferenceClass ${cls.metadata.name}`,
          };
        }
        return outcome.value ? { result: 'match' } : { result: 'no-match' };
    }
  }
}

const MATCH: SelectorMatch = { matched: true };
const NO_MATCH: SelectorMatch = { matched: false };
