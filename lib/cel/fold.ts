// cel-go's planner evaluates a type conversion of a constant (`int('x')`, `uint(-1)`) while building
// the program, and Kubernetes reports a failure there as a compile error. This pass does the same.

import { isCelError, type CelValue } from '@bufbuild/cel';
import { children, location, type Expr, type Parsed } from './ast.js';
import { CONVERSIONS, convertConstant } from './functions.js';

/** The first constant conversion that fails, as "<line>:<column>: <error>", or undefined. */
export function failingConstantConversion(parsed: Parsed, source: string): string | undefined {
  let failure: string | undefined;
  // Post-order, so the innermost failure is the one reported, as in cel-go.
  const fold = (e: Expr): CelValue | undefined => {
    const args = children(e).map(fold);
    if (failure !== undefined) return undefined;
    const k = e.exprKind;
    if (k.case === 'constExpr') return literal(k.value.constantKind);
    if (k.case !== 'callExpr' || k.value.target !== undefined || !CONVERSIONS.has(k.value.function))
      return undefined;
    const [arg] = args;
    if (args.length !== 1 || arg === undefined) return undefined;
    const value = convertConstant(k.value.function, arg);
    if (!isCelError(value)) return value;
    const at = location(parsed.sourceInfo, e.id, source);
    failure = at === undefined ? value.message : `${at}: ${value.message}`;
    return undefined;
  };
  fold(parsed.expr);
  return failure;
}

type ConstantKind = Extract<Expr['exprKind'], { case: 'constExpr' }>['value']['constantKind'];

function literal(c: ConstantKind): CelValue | undefined {
  switch (c.case) {
    case 'stringValue':
    case 'boolValue':
    case 'int64Value':
    case 'doubleValue':
    case 'bytesValue':
      return c.value;
    default:
      return undefined;
  }
}
