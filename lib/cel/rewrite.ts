// AST rewrites between parsing and planning. `cel.bind` is a cel-go macro that @bufbuild/cel's parser
// leaves as a call, so it becomes the comprehension cel-go expands it to. Cost instrumentation makes
// every comprehension charge the meter before each iteration (see ./meter.ts).

import {
  type IdSource,
  callNode,
  comprehensionNode,
  constNode,
  countNodes,
  forEachNode,
  identNode,
  listNode,
  type Expr,
} from './ast.js';
import { CHARGE_FUNCTION } from './functions.js';

/** The iteration variable cel-go gives the never-iterated comprehension of a `cel.bind`. */
const BIND_ITER_VAR = '#unused';

/** Expands `cel.bind(name, init, body)` in place; returns an error message for a malformed bind. */
export function expandBinds(root: Expr, ids: IdSource): string | undefined {
  const binds: Expr[] = [];
  forEachNode(root, (e) => {
    const k = e.exprKind;
    if (k.case !== 'callExpr' || k.value.function !== 'bind' || k.value.args.length !== 3) return;
    const target = k.value.target?.exprKind;
    if (target?.case === 'identExpr' && target.value.name === 'cel') binds.push(e);
  });
  for (const e of binds) {
    if (e.exprKind.case !== 'callExpr') continue;
    const [variable, init, body] = e.exprKind.value.args;
    if (variable?.exprKind.case !== 'identExpr' || init === undefined || body === undefined) {
      return 'cel.bind() variable names must be simple identifiers';
    }
    const name = variable.exprKind.value.name;
    e.exprKind = comprehensionNode(e.id, {
      iterVar: BIND_ITER_VAR,
      iterVar2: '',
      iterRange: listNode(ids.take(), []),
      accuVar: name,
      accuInit: init,
      loopCondition: constNode(ids.take(), false),
      loopStep: identNode(ids.take(), name),
      result: body,
    }).exprKind;
  }
  return undefined;
}

/**
 * Prefixes each comprehension's loop condition with a charge of its per-iteration size (condition
 * plus step, nested comprehensions included), so the loop stops as soon as the budget is spent.
 */
export function instrumentCost(root: Expr, ids: IdSource): void {
  const loops: Expr[] = [];
  forEachNode(root, (e) => {
    if (e.exprKind.case === 'comprehensionExpr' && e.exprKind.value.iterVar !== BIND_ITER_VAR) loops.push(e);
  });
  for (const e of loops) {
    if (e.exprKind.case !== 'comprehensionExpr') continue;
    const c = e.exprKind.value;
    if (c.loopCondition === undefined) continue;
    const units = BigInt(countNodes(c.loopCondition) + countNodes(c.loopStep) + 1);
    const charge = callNode(ids.take(), CHARGE_FUNCTION, [constNode(ids.take(), units)]);
    c.loopCondition = callNode(ids.take(), '_&&_', [charge, c.loopCondition]);
  }
}
