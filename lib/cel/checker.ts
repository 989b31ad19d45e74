// A CEL type checker for our environment, a port of the parts of cel-go's checker (checker.go) that
// Kubernetes relies on: overload resolution with type parameters, field selection on the device
// object and maps, comprehension scopes, and the Kubernetes base-environment validators
// (homogeneous aggregate literals, regex and duration/timestamp literals). It runs once per
// expression, at compile time, and reports the first problem as "<line>:<column>: <message>".

import { FUNCTIONS, TYPE_IDENTIFIERS, type Overload } from './declarations.js';
import { location, type Call, type Comprehension, type Expr, type Parsed, type Select } from './ast.js';
import {
  BOOL,
  BYTES,
  DOUBLE,
  DYN,
  ERROR,
  INT,
  NULL,
  STRING,
  Substitution,
  UINT,
  formatType,
  isDynOrError,
  list,
  map,
  mostGeneral,
  param,
  sameType,
  tryAssign,
  tryAssignAll,
  type Type,
} from './types.js';

export interface Environment {
  /** Global variables and their types. */
  readonly variables: ReadonlyMap<string, Type>;
  /** Object types by name: their fields and field types. */
  readonly objects: ReadonlyMap<string, ReadonlyMap<string, Type>>;
  /** Compile-time validation of constant arguments (regex, duration, timestamp literals). */
  readonly validLiteral: (fn: string, value: string) => boolean;
}

export type CheckResult = { ok: true; type: Type } | { ok: false; error: string };

class CheckError extends Error {}

/** Type-checks a parsed expression; the result type has unbound parameters replaced by dyn. */
export function check(env: Environment, parsed: Parsed, source: string): CheckResult {
  const checker = new Checker(env, parsed, source);
  try {
    const t = checker.check(parsed.expr);
    checker.validateLiterals();
    return { ok: true, type: checker.subst.apply(t, true) };
  } catch (err) {
    if (err instanceof CheckError) return { ok: false, error: err.message };
    throw err;
  }
}

/** The literal-checking validators Kubernetes adds (cel.ValidateRegexLiterals and friends). */
const LITERAL_MESSAGES: ReadonlyMap<string, string> = new Map([
  ['matches', 'invalid matches argument'],
  ['duration', 'invalid duration argument'],
  ['timestamp', 'invalid timestamp argument'],
]);

class Checker {
  subst = new Substitution();
  private readonly types = new Map<bigint, Type>();
  private readonly scopes: Map<string, Type>[] = [];
  private readonly aggregates: Expr[][] = [];
  private freshCount = 0;

  constructor(
    private readonly env: Environment,
    private readonly parsed: Parsed,
    private readonly source: string,
  ) {}

  private fail(e: Expr, message: string): never {
    const at = location(this.parsed.sourceInfo, e.id, this.source);
    throw new CheckError(at === undefined ? message : `${at}: ${message}`);
  }

  check(e: Expr): Type {
    const t = this.checkKind(e);
    this.types.set(e.id, t);
    return t;
  }

  private checkKind(e: Expr): Type {
    const k = e.exprKind;
    switch (k.case) {
      case 'constExpr':
        return constantType(k.value.constantKind.case);
      case 'identExpr':
        return this.checkIdent(e, k.value.name);
      case 'selectExpr':
        return this.checkSelect(e, k.value);
      case 'callExpr':
        return this.checkCall(e, k.value);
      case 'listExpr': {
        this.aggregates.push(k.value.elements);
        let elem: Type | undefined;
        for (const item of k.value.elements) elem = this.join(item, elem, this.check(item));
        return list(elem ?? this.fresh());
      }
      case 'structExpr': {
        if (k.value.messageName !== '') {
          this.fail(e, `undeclared reference to '${k.value.messageName}' (in container '')`);
        }
        let key: Type | undefined;
        let value: Type | undefined;
        const keys: Expr[] = [];
        const values: Expr[] = [];
        for (const entry of k.value.entries) {
          if (entry.keyKind.case !== 'mapKey' || entry.value === undefined) this.fail(e, 'invalid map entry');
          keys.push(entry.keyKind.value);
          values.push(entry.value);
          key = this.join(entry.keyKind.value, key, this.check(entry.keyKind.value));
          value = this.join(entry.value, value, this.check(entry.value));
        }
        this.aggregates.push(keys, values);
        return map(key ?? this.fresh(), value ?? this.fresh());
      }
      case 'comprehensionExpr':
        return this.checkComprehension(k.value);
      default:
        return this.fail(e, 'unsupported expression');
    }
  }

  private fresh(): Type {
    return param(`_var${this.freshCount++}`);
  }

  private join(e: Expr, previous: Type | undefined, current: Type): Type {
    if (previous === undefined) return current;
    const m = tryAssign(this.subst, previous, current);
    if (m === undefined) this.mismatch(e, previous, current);
    this.subst = m;
    return mostGeneral(previous, current);
  }

  private mismatch(e: Expr, expected: Type, found: Type): never {
    const show = (t: Type): string => formatType(this.subst.apply(t, true));
    return this.fail(e, `expected type '${show(expected)}' but found '${show(found)}'`);
  }

  private checkIdent(e: Expr, name: string): Type {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const t = this.scopes[i]?.get(name);
      if (t !== undefined) return t;
    }
    const t = this.env.variables.get(name) ?? TYPE_IDENTIFIERS.get(name);
    if (t === undefined) this.fail(e, `undeclared reference to '${name}' (in container '')`);
    return t;
  }

  private checkSelect(e: Expr, sel: Select): Type {
    if (sel.operand === undefined) this.fail(e, 'invalid select');
    const operand = this.subst.apply(this.check(sel.operand));
    let result: Type;
    switch (operand.kind) {
      case 'map':
        result = operand.value;
        break;
      case 'object': {
        const field = this.env.objects.get(operand.name)?.get(sel.field);
        if (field === undefined) this.fail(e, `undefined field '${sel.field}'`);
        result = field;
        break;
      }
      case 'param': {
        const m = tryAssign(this.subst, DYN, operand);
        if (m !== undefined) this.subst = m;
        result = DYN;
        break;
      }
      default:
        if (!isDynOrError(operand)) {
          this.fail(e, `type '${formatType(operand)}' does not support field selection`);
        }
        result = DYN;
    }
    return sel.testOnly ? BOOL : this.subst.apply(result);
  }

  private checkCall(e: Expr, call: Call): Type {
    const args = call.args;
    for (const arg of args) this.check(arg);
    const target = call.target;
    if (target === undefined) {
      const overloads = FUNCTIONS.get(call.function);
      if (overloads === undefined) {
        if (call.function === 'has') this.fail(e, 'invalid argument to has() macro');
        this.fail(e, `undeclared reference to '${call.function}' (in container '')`);
      }
      return this.resolve(e, call.function, overloads, undefined, args);
    }
    // A namespaced function (`strings.quote(s)`) rather than a method on a target.
    const qualified = qualifiedName(target);
    const namespaced = qualified === undefined ? undefined : FUNCTIONS.get(`${qualified}.${call.function}`);
    if (namespaced !== undefined)
      return this.resolve(e, `${qualified}.${call.function}`, namespaced, undefined, args);
    this.check(target);
    const overloads = FUNCTIONS.get(call.function);
    if (overloads === undefined) this.fail(e, `undeclared reference to '${call.function}' (in container '')`);
    return this.resolve(e, call.function, overloads, target, args);
  }

  private resolve(
    e: Expr,
    name: string,
    overloads: readonly Overload[],
    target: Expr | undefined,
    args: Expr[],
  ): Type {
    const argTypes = [...(target === undefined ? [] : [target]), ...args].map((a) => this.typeOf(a));
    if (name === '_&&_' || name === '_||_') {
      args.forEach((arg, i) => {
        const t = argTypes[i] ?? ERROR;
        const m = tryAssign(this.subst, t, BOOL);
        if (m === undefined) this.mismatch(arg, BOOL, t);
        this.subst = m;
      });
      return BOOL;
    }
    let result: Type | undefined;
    for (const overload of overloads) {
      if (overload.member !== (target !== undefined)) continue;
      const { params, result: declared } = this.instantiate(overload);
      const m = tryAssignAll(this.subst, params, argTypes);
      if (m === undefined) continue;
      this.subst = m;
      const t = this.subst.apply(declared);
      if (result === undefined) result = t;
      else if (result.kind !== 'dyn' && !sameType(result, t)) result = DYN;
    }
    if (result === undefined) {
      const shown = argTypes.map((t) => formatType(this.subst.apply(t, true)));
      const applied =
        target === undefined ? `(${shown.join(', ')})` : `${shown[0] ?? ''}.(${shown.slice(1).join(', ')})`;
      this.fail(e, `found no matching overload for '${name}' applied to '${applied}'`);
    }
    this.validateConstantArgument(name, target, args);
    return result;
  }

  private validateConstantArgument(name: string, target: Expr | undefined, args: Expr[]): void {
    const message = LITERAL_MESSAGES.get(name);
    if (message === undefined) return;
    // matches(s, re) / s.matches(re): the pattern; duration(s) / timestamp(s): the only argument.
    const literal = name === 'matches' ? args[target === undefined ? 1 : 0] : args[0];
    if (literal?.exprKind.case !== 'constExpr') return;
    const c = literal.exprKind.value.constantKind;
    if (c.case === 'stringValue' && !this.env.validLiteral(name, c.value)) this.fail(literal, message);
  }

  private instantiate(o: Overload): { params: Type[]; result: Type } {
    const fresh = new Map<string, Type>();
    const inst = (t: Type): Type => {
      switch (t.kind) {
        case 'param': {
          let f = fresh.get(t.name);
          if (f === undefined) fresh.set(t.name, (f = this.fresh()));
          return f;
        }
        case 'list':
          return list(inst(t.elem));
        case 'map':
          return map(inst(t.key), inst(t.value));
        case 'type':
          return t.of === undefined ? t : { kind: 'type', of: inst(t.of) };
        default:
          return t;
      }
    };
    return { params: o.params.map(inst), result: inst(o.result) };
  }

  private typeOf(e: Expr): Type {
    return this.types.get(e.id) ?? ERROR;
  }

  private checkComprehension(c: Comprehension): Type {
    const { iterRange, accuInit, loopCondition, loopStep, result } = c;
    if (!iterRange || !accuInit || !loopCondition || !loopStep || !result) {
      throw new CheckError('invalid comprehension');
    }
    const range = this.subst.apply(this.check(iterRange));
    const accu = this.check(accuInit);
    let iter: Type;
    switch (range.kind) {
      case 'list':
        iter = range.elem;
        break;
      case 'map':
        iter = range.key;
        break;
      case 'dyn':
      case 'any':
      case 'error':
      case 'param': {
        const m = tryAssign(this.subst, DYN, range);
        if (m !== undefined) this.subst = m;
        iter = DYN;
        break;
      }
      default:
        this.fail(
          iterRange,
          `expression of type '${formatType(range)}' cannot be range of a comprehension (must be list, map, or dynamic)`,
        );
    }
    this.scopes.push(new Map([[c.accuVar, accu]]));
    this.scopes.push(new Map([[c.iterVar, iter]]));
    this.assert(loopCondition, BOOL, this.check(loopCondition));
    this.assert(loopStep, accu, this.check(loopStep));
    this.scopes.pop();
    const t = this.check(result);
    this.scopes.pop();
    return this.subst.apply(t);
  }

  private assert(e: Expr, expected: Type, found: Type): void {
    const m = tryAssign(this.subst, expected, found);
    if (m === undefined) this.mismatch(e, expected, found);
    this.subst = m;
  }

  /** cel.HomogeneousAggregateLiterals: every element of a literal list/map has exactly the same type. */
  validateLiterals(): void {
    for (const items of this.aggregates) {
      let first: Type | undefined;
      for (const item of items) {
        const t = this.subst.apply(this.typeOf(item), true);
        if (first === undefined) first = t;
        else if (!sameType(first, t)) this.mismatch(item, first, t);
      }
    }
  }
}

function constantType(kind: string | undefined): Type {
  switch (kind) {
    case 'boolValue':
      return BOOL;
    case 'int64Value':
      return INT;
    case 'uint64Value':
      return UINT;
    case 'doubleValue':
      return DOUBLE;
    case 'stringValue':
      return STRING;
    case 'bytesValue':
      return BYTES;
    case 'nullValue':
      return NULL;
    default:
      return ERROR;
  }
}

/** `a.b.c` as a dotted name when the expression is only identifiers and field selections. */
function qualifiedName(e: Expr): string | undefined {
  const k = e.exprKind;
  if (k.case === 'identExpr') return k.value.name;
  if (k.case === 'selectExpr' && !k.value.testOnly && k.value.operand !== undefined) {
    const parent = qualifiedName(k.value.operand);
    return parent === undefined ? undefined : `${parent}.${k.value.field}`;
  }
  return undefined;
}
