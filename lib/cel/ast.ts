// The parsed-expression shapes we walk and build, taken from @bufbuild/cel's own `parse` signature so
// that no transitive package is imported. Builders make the few nodes our rewrites add.

import { parse } from '@bufbuild/cel';

export type Parsed = ReturnType<typeof parse>;
export type Expr = Parsed['expr'];
export type SourceInfo = NonNullable<Parsed['sourceInfo']>;
type Kind = Expr['exprKind'];
type KindValue<C extends Kind['case']> = Extract<Kind, { case: C }>['value'];
export type Call = KindValue<'callExpr'>;
export type Select = KindValue<'selectExpr'>;
export type Comprehension = KindValue<'comprehensionExpr'>;
export type CreateList = KindValue<'listExpr'>;
export type CreateStruct = KindValue<'structExpr'>;

/** Allocates ids above every id the parser used, so rewritten nodes never collide. */
export class IdSource {
  private next: bigint;

  constructor(root: Expr) {
    let max = 0n;
    forEachNode(root, (e) => {
      if (e.id > max) max = e.id;
    });
    this.next = max + 1n;
  }

  take(): bigint {
    return this.next++;
  }
}

export function callNode(id: bigint, fn: string, args: Expr[], target?: Expr): Expr {
  const value: Call =
    target === undefined
      ? { $typeName: 'cel.expr.Expr.Call', function: fn, args }
      : { $typeName: 'cel.expr.Expr.Call', function: fn, args, target };
  return { $typeName: 'cel.expr.Expr', id, exprKind: { case: 'callExpr', value } };
}

export function identNode(id: bigint, name: string): Expr {
  return {
    $typeName: 'cel.expr.Expr',
    id,
    exprKind: { case: 'identExpr', value: { $typeName: 'cel.expr.Expr.Ident', name } },
  };
}

/** A constant node, made by the parser itself (its Constant type has deprecated cases), renumbered. */
export function constNode(id: bigint, value: boolean | bigint): Expr {
  const node = parse(String(value)).expr;
  node.id = id;
  return node;
}

export function listNode(id: bigint, elements: Expr[]): Expr {
  return {
    $typeName: 'cel.expr.Expr',
    id,
    exprKind: {
      case: 'listExpr',
      value: { $typeName: 'cel.expr.Expr.CreateList', elements, optionalIndices: [] },
    },
  };
}

export function comprehensionNode(id: bigint, value: Omit<Comprehension, '$typeName'>): Expr {
  return {
    $typeName: 'cel.expr.Expr',
    id,
    exprKind: { case: 'comprehensionExpr', value: { $typeName: 'cel.expr.Expr.Comprehension', ...value } },
  };
}

/** The direct children of a node, in evaluation order. */
export function children(e: Expr): Expr[] {
  const k = e.exprKind;
  switch (k.case) {
    case 'selectExpr':
      return k.value.operand === undefined ? [] : [k.value.operand];
    case 'callExpr':
      return k.value.target === undefined ? [...k.value.args] : [k.value.target, ...k.value.args];
    case 'listExpr':
      return [...k.value.elements];
    case 'structExpr':
      return k.value.entries.flatMap((entry) => {
        const key = entry.keyKind.case === 'mapKey' ? [entry.keyKind.value] : [];
        return entry.value === undefined ? key : [...key, entry.value];
      });
    case 'comprehensionExpr': {
      const c = k.value;
      return [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result].filter(
        (x): x is Expr => x !== undefined,
      );
    }
    default:
      return [];
  }
}

/** Visits every node (iteratively: deep expressions must not overflow the stack here). */
export function forEachNode(root: Expr, visit: (e: Expr) => void): void {
  const stack = [root];
  for (let e = stack.pop(); e !== undefined; e = stack.pop()) {
    visit(e);
    stack.push(...children(e));
  }
}

export function countNodes(root: Expr | undefined): number {
  if (root === undefined) return 0;
  let n = 0;
  forEachNode(root, () => n++);
  return n;
}

/**
 * The nesting depth, counting a chain of the same logical operator (`a || b || c`) as one level:
 * cel-go balances such chains, so its recursion limit does not see their length.
 */
export function nestingDepth(root: Expr): number {
  let max = 0;
  const stack: [Expr, number, string | undefined][] = [[root, 1, undefined]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [e, depth, parentOp] = item;
    const op = e.exprKind.case === 'callExpr' ? e.exprKind.value.function : undefined;
    const chained = (op === '_&&_' || op === '_||_') && op === parentOp;
    const d = chained ? depth - 1 : depth;
    if (d > max) max = d;
    for (const child of children(e)) stack.push([child, d + 1, op]);
  }
  return max;
}

/**
 * "line:column" (1-based) of a node, from the parser's source positions. The parser records an
 * operator at the blank before it; skipping blanks points at the operator, as cel-go does.
 */
export function location(info: SourceInfo | undefined, id: bigint, source = ''): string | undefined {
  let offset = info?.positions[id.toString()];
  if (offset === undefined) return undefined;
  while (offset < source.length && /\s/.test(source[offset] ?? '')) offset++;
  let line = 1;
  let start = 0;
  for (const lineOffset of info?.lineOffsets ?? []) {
    if (lineOffset > offset) break;
    line++;
    start = lineOffset;
  }
  return `${line}:${offset - start + 1}`;
}
