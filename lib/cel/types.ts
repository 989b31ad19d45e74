// The static types of our CEL environment and cel-go's rules for them (checker/types.go): type
// parameters bound by unification, `dyn` assignable both ways, `null` assignable to objects. The
// checker needs these because @bufbuild/cel has no type checker (its `check` handles constants and
// identifiers only), and Kubernetes rejects ill-typed selectors when they are written.

export type Type =
  | { readonly kind: 'int' | 'uint' | 'double' | 'bool' | 'string' | 'bytes' | 'null_type' }
  | { readonly kind: 'dyn' }
  /** google.protobuf.Any: what DRA declares attribute values as; it behaves as `dyn`. */
  | { readonly kind: 'any' }
  | { readonly kind: 'error' }
  | { readonly kind: 'list'; readonly elem: Type }
  | { readonly kind: 'map'; readonly key: Type; readonly value: Type }
  /** An object: kubernetes.Quantity, kubernetes.Semver, the device, timestamps and durations. */
  | { readonly kind: 'object'; readonly name: string }
  /** The type of a type value (`type(x)`, `int`); `of` is the type it denotes when known. */
  | { readonly kind: 'type'; readonly of?: Type }
  | { readonly kind: 'param'; readonly name: string };

export const INT: Type = { kind: 'int' };
export const UINT: Type = { kind: 'uint' };
export const DOUBLE: Type = { kind: 'double' };
export const BOOL: Type = { kind: 'bool' };
export const STRING: Type = { kind: 'string' };
export const BYTES: Type = { kind: 'bytes' };
export const NULL: Type = { kind: 'null_type' };
export const DYN: Type = { kind: 'dyn' };
export const ANY: Type = { kind: 'any' };
export const ERROR: Type = { kind: 'error' };
export const TYPE: Type = { kind: 'type' };
export const QUANTITY: Type = { kind: 'object', name: 'kubernetes.Quantity' };
export const SEMVER: Type = { kind: 'object', name: 'kubernetes.Semver' };
export const TIMESTAMP: Type = { kind: 'object', name: 'google.protobuf.Timestamp' };
export const DURATION: Type = { kind: 'object', name: 'google.protobuf.Duration' };

export const list = (elem: Type): Type => ({ kind: 'list', elem });
export const map = (key: Type, value: Type): Type => ({ kind: 'map', key, value });
export const param = (name: string): Type => ({ kind: 'param', name });
export const typeOf = (of: Type): Type => ({ kind: 'type', of });

/** The checker's notation, as cel-go prints it: "list(int)", "map(string, dyn)", "kubernetes.Quantity". */
export function formatType(t: Type): string {
  switch (t.kind) {
    case 'list':
      return `list(${formatType(t.elem)})`;
    case 'map':
      return `map(${formatType(t.key)}, ${formatType(t.value)})`;
    case 'object':
      return t.name;
    case 'type':
      return t.of === undefined ? 'type' : `type(${formatType(t.of)})`;
    case 'param':
      return t.name;
    default:
      return t.kind;
  }
}

export function sameType(a: Type, b: Type): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'list':
      return b.kind === 'list' && sameType(a.elem, b.elem);
    case 'map':
      return b.kind === 'map' && sameType(a.key, b.key) && sameType(a.value, b.value);
    case 'object':
      return b.kind === 'object' && a.name === b.name;
    case 'param':
      return b.kind === 'param' && a.name === b.name;
    case 'type':
      return (
        b.kind === 'type' &&
        (a.of === undefined) === (b.of === undefined) &&
        (a.of === undefined || b.of === undefined || sameType(a.of, b.of))
      );
    default:
      return true;
  }
}

const isDyn = (t: Type): boolean => t.kind === 'dyn' || t.kind === 'any';
export const isDynOrError = (t: Type): boolean => isDyn(t) || t.kind === 'error';

/** Type-parameter bindings; copied before each attempt so a failed match leaves no trace (cel-go's mapping). */
export class Substitution {
  private readonly bindings: Map<string, Type>;

  constructor(bindings?: Map<string, Type>) {
    this.bindings = new Map(bindings);
  }

  copy(): Substitution {
    return new Substitution(this.bindings);
  }

  find(t: Type): Type | undefined {
    return t.kind === 'param' ? this.bindings.get(t.name) : undefined;
  }

  add(p: Type, t: Type): void {
    if (p.kind === 'param') this.bindings.set(p.name, t);
  }

  /** The type with every bound parameter replaced; unbound ones become dyn when `paramsToDyn`. */
  apply(t: Type, paramsToDyn = false): Type {
    const bound = this.find(t);
    if (bound !== undefined) return this.apply(bound, paramsToDyn);
    switch (t.kind) {
      case 'param':
        return paramsToDyn ? DYN : t;
      case 'list':
        return list(this.apply(t.elem, paramsToDyn));
      case 'map':
        return map(this.apply(t.key, paramsToDyn), this.apply(t.value, paramsToDyn));
      case 'type':
        return t.of === undefined ? t : typeOf(this.apply(t.of, paramsToDyn));
      default:
        return t;
    }
  }
}

/** Whether a value of type `t2` may flow where `t1` is expected, binding parameters in `m` (mutated). */
function assignable(m: Substitution, t1: Type, t2: Type): boolean {
  if (t2.kind === 'param') {
    const { valid, hasSub } = validSubstitution(m, t1, t2);
    if (valid) return true;
    if (hasSub) return false;
  }
  if (t1.kind === 'param') return validSubstitution(m, t2, t1).valid;
  if (isDynOrError(t1) || isDynOrError(t2)) return true;
  if (t1.kind === 'null_type') return nullable(t2);
  if (t2.kind === 'null_type') return nullable(t1);
  switch (t1.kind) {
    case 'list':
      return t2.kind === 'list' && assignable(m, t1.elem, t2.elem);
    case 'map':
      return t2.kind === 'map' && assignable(m, t1.key, t2.key) && assignable(m, t1.value, t2.value);
    case 'type':
      return t2.kind === 'type';
    default:
      return sameType(t1, t2);
  }
}

function nullable(t: Type): boolean {
  return t.kind === 'null_type' || t.kind === 'object';
}

function validSubstitution(m: Substitution, t1: Type, t2: Type): { valid: boolean; hasSub: boolean } {
  if (sameType(t1, t2)) return { valid: true, hasSub: true };
  const sub = m.find(t2);
  if (sub !== undefined) {
    if (sameType(t1, sub)) return { valid: true, hasSub: true };
    if (assignable(m, t1, sub)) {
      const general = mostGeneral(t1, sub);
      if (notReferencedIn(m, t2, general)) m.add(t2, general);
      return { valid: true, hasSub: true };
    }
    return { valid: false, hasSub: true };
  }
  if (notReferencedIn(m, t2, t1)) {
    m.add(t2, t1);
    return { valid: true, hasSub: false };
  }
  return { valid: false, hasSub: false };
}

function notReferencedIn(m: Substitution, t: Type, within: Type): boolean {
  if (sameType(t, within)) return false;
  switch (within.kind) {
    case 'param': {
      const sub = m.find(within);
      return sub === undefined || notReferencedIn(m, t, sub);
    }
    case 'list':
      return notReferencedIn(m, t, within.elem);
    case 'map':
      return notReferencedIn(m, t, within.key) && notReferencedIn(m, t, within.value);
    case 'type':
      return within.of === undefined || notReferencedIn(m, t, within.of);
    default:
      return true;
  }
}

function lessSpecificOrEqual(t1: Type, t2: Type): boolean {
  if (isDyn(t1) || t1.kind === 'param') return true;
  if (isDyn(t2) || t2.kind === 'param') return false;
  if (t1.kind !== t2.kind) return false;
  if (t1.kind === 'list' && t2.kind === 'list') return lessSpecificOrEqual(t1.elem, t2.elem);
  if (t1.kind === 'map' && t2.kind === 'map') {
    return lessSpecificOrEqual(t1.key, t2.key) && lessSpecificOrEqual(t1.value, t2.value);
  }
  if (t1.kind === 'type') return true;
  return sameType(t1, t2);
}

export function mostGeneral(t1: Type, t2: Type): Type {
  return lessSpecificOrEqual(t1, t2) ? t1 : t2;
}

/** A copy of `m` with `t2` assigned to `t1`, or undefined when it is not assignable. */
export function tryAssign(m: Substitution, t1: Type, t2: Type): Substitution | undefined {
  const copy = m.copy();
  return assignable(copy, t1, t2) ? copy : undefined;
}

/** As tryAssign, pairwise over argument lists of equal length. */
export function tryAssignAll(
  m: Substitution,
  expected: readonly Type[],
  actual: readonly Type[],
): Substitution | undefined {
  if (expected.length !== actual.length) return undefined;
  const copy = m.copy();
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i];
    if (e === undefined || a === undefined || !assignable(copy, a, e)) return undefined;
  }
  return copy;
}
