// The runtime side of the environment: the Kubernetes quantity and semver libraries, cel-go's
// equality and `in` semantics (which differ from @bufbuild/cel's around custom types and errors),
// Go's conversions (./strconv.ts), and the cost meter every function call reports to.
// ./declarations.ts is the static side.

import {
  CelScalar,
  celEnv,
  celUint,
  parse,
  plan,
  type CelError,
  celFunc,
  celMethod,
  isCelError,
  isCelList,
  isCelMap,
  listType,
  mapType,
  type CelEnv,
  type CelFunc,
  type CelList,
  type CelMap,
  type CelValue,
} from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import {
  addQuantities,
  asApproximateFloat,
  compareQuantities,
  parseQuantity,
  quantityAsInt64,
  quantityFromInt64,
  quantitySign,
  subtractQuantities,
} from '../quantity/quantity.js';
import { compareSemver, formatSemver, parseSemverWith } from '../semver/semver.js';
import { realMap } from './device.js';
import { formatDouble, parseGoBool, parseGoFloat, parseGoInteger } from './strconv.js';
import { meter } from './meter.js';
import {
  QUANTITY_TYPE,
  SEMVER_TYPE,
  isDerivedQuantity,
  isQuantityValue,
  isSemverValue,
  quantityOf,
  quantityValue,
  registry,
  semverOf,
  semverValue,
} from './values.js';

const { BOOL, DOUBLE, DYN, INT, STRING, UINT } = CelScalar;
const LIST = listType(DYN);
const MAP = mapType(DYN, DYN);
const Q = QUANTITY_TYPE;
const S = SEMVER_TYPE;

/** The name of the function our cost instrumentation calls in every comprehension's loop condition. */
export const CHARGE_FUNCTION = '@mp_charge';

const toInt64 = (n: bigint): bigint => BigInt.asIntN(64, n);

const kubernetesLibraries: CelFunc[] = [
  celFunc('quantity', [STRING], Q, (s) => {
    const r = parseQuantity(s);
    if (!r.ok) throw new Error(r.error);
    return quantityValue(r.quantity);
  }),
  celFunc('isQuantity', [STRING], BOOL, (s) => parseQuantity(s).ok),
  celFunc('sign', [Q], INT, (q) => BigInt(quantitySign(quantityOf(q)))),
  celMethod('isGreaterThan', Q, [Q], BOOL, function (o) {
    return compareQuantities(quantityOf(this), quantityOf(o)) === 1;
  }),
  celMethod('isLessThan', Q, [Q], BOOL, function (o) {
    return compareQuantities(quantityOf(this), quantityOf(o)) === -1;
  }),
  celMethod('compareTo', Q, [Q], INT, function (o) {
    return BigInt(compareQuantities(quantityOf(this), quantityOf(o)));
  }),
  celMethod('asApproximateFloat', Q, [], DOUBLE, function () {
    return asApproximateFloat(quantityOf(this));
  }),
  celMethod('isInteger', Q, [], BOOL, function () {
    return quantityAsInt64(quantityOf(this)) !== undefined;
  }),
  celMethod('asInteger', Q, [], INT, function () {
    const v = quantityAsInt64(quantityOf(this));
    if (v === undefined) throw new Error('cannot convert value to integer');
    return v;
  }),
  celMethod('add', Q, [Q], Q, function (o) {
    return quantityValue(addQuantities(quantityOf(this), quantityOf(o)), true);
  }),
  celMethod('add', Q, [INT], Q, function (n) {
    return quantityValue(addQuantities(quantityOf(this), quantityFromInt64(n, 'DecimalExponent')), true);
  }),
  celMethod('sub', Q, [Q], Q, function (o) {
    return quantityValue(subtractQuantities(quantityOf(this), quantityOf(o)), true);
  }),
  celMethod('sub', Q, [INT], Q, function (n) {
    return quantityValue(subtractQuantities(quantityOf(this), quantityFromInt64(n, 'DecimalExponent')), true);
  }),

  celFunc('semver', [STRING], S, (s) => parseSemverValue(s, false)),
  celFunc('semver', [STRING, BOOL], S, parseSemverValue),
  celFunc('isSemver', [STRING], BOOL, (s) => parseSemverWith(s, false).ok),
  celFunc('isSemver', [STRING, BOOL], BOOL, (s, normalize) => parseSemverWith(s, normalize).ok),
  celMethod('isGreaterThan', S, [S], BOOL, function (o) {
    return compareSemver(semverOf(this), semverOf(o)) === 1;
  }),
  celMethod('isLessThan', S, [S], BOOL, function (o) {
    return compareSemver(semverOf(this), semverOf(o)) === -1;
  }),
  celMethod('compareTo', S, [S], INT, function (o) {
    return BigInt(compareSemver(semverOf(this), semverOf(o)));
  }),
  // Kubernetes returns types.Int(v.Major): a uint64 above 2^63-1 wraps to a negative int.
  celMethod('major', S, [], INT, function () {
    return toInt64(semverOf(this).major);
  }),
  celMethod('minor', S, [], INT, function () {
    return toInt64(semverOf(this).minor);
  }),
  celMethod('patch', S, [], INT, function () {
    return toInt64(semverOf(this).patch);
  }),
  // cel-go converts with Go's strconv, stricter than JavaScript's Number() and BigInt() (no
  // whitespace, no "" as zero, no 0x integers), and formats doubles as Go's %g ("1e+06", "-0").
  celFunc('string', [DOUBLE], STRING, formatDouble),
  celFunc('double', [STRING], DOUBLE, parseGoFloat),
  celFunc('int', [STRING], INT, (s) => parseGoInteger(s, /^[+-]?[0-9]+$/, -(1n << 63n), (1n << 63n) - 1n)),
  celFunc('uint', [STRING], UINT, (s) => celUint(parseGoInteger(s, /^[0-9]+$/, 0n, (1n << 64n) - 1n))),
  celFunc('bool', [STRING], BOOL, parseGoBool),
  // cel-go has the global form of matches; @bufbuild/cel only the method.
  celFunc('matches', [STRING, STRING], BOOL, matches),
  celMethod('matches', STRING, [STRING], BOOL, function (re) {
    return matches(this, re);
  }),
];

/**
 * RE2 `matches`, remembering recent answers: bufbuild compiles the pattern on every call, which
 * dominated selectors that use a regex. Keys are bounded in size and number.
 */
const recentMatches = new Map<string, boolean>();
function matches(text: string, pattern: string): boolean {
  if (text.length + pattern.length > 1024) return callStd('matches', text, [pattern]) === true;
  const key = `${pattern}\u0000${text}`;
  let answer = recentMatches.get(key);
  if (answer === undefined) {
    answer = callStd('matches', text, [pattern]) === true;
    if (recentMatches.size >= 4096) recentMatches.clear();
    recentMatches.set(key, answer);
  }
  return answer;
}

function parseSemverValue(s: string, normalize: boolean) {
  const r = parseSemverWith(s, normalize);
  if (!r.ok) throw new Error(r.error);
  return semverValue(r.version, formatSemver(r.version));
}

/** cel-go's equality: `true`, `false`, or `undefined` where cel-go yields an error value. */
export function celEquals(l: CelValue, r: CelValue): boolean | undefined {
  if (l === null || r === null) return l === r;
  if (isQuantityValue(l)) {
    if (!isQuantityValue(r) || isDerivedQuantity(r)) return undefined;
    return compareQuantities(quantityOf(l), quantityOf(r)) === 0;
  }
  if (isSemverValue(l)) {
    if (!isSemverValue(r)) return undefined;
    return compareSemver(semverOf(l), semverOf(r)) === 0;
  }
  if (isCelList(l)) return isCelList(r) && listsEqual(l, r);
  if (isCelMap(l)) return isCelMap(r) && mapsEqual(l, r);
  if (isQuantityValue(r) || isSemverValue(r)) return false;
  return stdEquals(l, r);
}

/** cel-go's baseList.Equal: an element comparison that errors does not make the lists unequal. */
function listsEqual(l: CelList, r: CelList): boolean {
  if (l.size !== r.size) return false;
  for (let i = 0; i < l.size; i++) {
    const a = l.get(i);
    const b = r.get(i);
    if (a === undefined || b === undefined || celEquals(a, b) === false) return false;
  }
  return true;
}

function mapsEqual(l: CelMap, r: CelMap): boolean {
  const lm = realMap(l);
  const rm = realMap(r);
  if (lm.size !== rm.size) return false;
  for (const [k, v] of lm) {
    const other = rm.get(k);
    if (other === undefined || celEquals(v, other) === false) return false;
  }
  return true;
}

const stdEnv = celEnv();

/** Calls the @bufbuild/cel standard function `name`; throws its error. */
function callStd(name: string, target: CelValue | undefined, args: CelValue[]): CelValue {
  const r = stdEnv.funcs.find(name)?.call(0, target, args);
  if (r === undefined) throw new Error(`found no matching overload for '${name}'`);
  if (isCelError(r)) throw r;
  return r;
}

function stdEquals(l: CelValue, r: CelValue): boolean {
  return callStd('_==_', undefined, [l, r]) === true;
}

/** cel-go's list Contains (`elem.Equal(item) == true`) and map Contains (a real key, never a default). */
const equalityAndMembership: CelFunc[] = [
  celFunc('_==_', [DYN, DYN], BOOL, (l, r) => {
    const eq = celEquals(l, r);
    if (eq === undefined) throw new Error('no such overload');
    return eq;
  }),
  celFunc('_!=_', [DYN, DYN], BOOL, (l, r) => celEquals(l, r) !== true),
  celFunc('@in', [DYN, LIST], BOOL, (x, items) => {
    for (const item of items) if (celEquals(x, item) === true) return true;
    return false;
  }),
  ...[STRING, DOUBLE, INT, BOOL, UINT].map((key) =>
    celFunc('@in', [key, MAP], BOOL, (k: Parameters<CelMap['has']>[0], m: CelMap) => realMap(m).has(k)),
  ),
];

/** Standard functions whose results can outgrow their arguments: their size is charged up front. */
function resultSizeBound(name: string, target: CelValue | undefined, args: CelValue[]): number {
  switch (name) {
    case '_+_':
      return args.reduce<number>((n, a) => n + sizeOf(a), 0);
    case 'replace': {
      const [from, to] = args;
      const len = sizeOf(target);
      if (typeof from !== 'string' || typeof to !== 'string') return len;
      const times = from.length === 0 ? len + 1 : Math.floor(len / from.length);
      return len + times * to.length;
    }
    case 'join': {
      const sep = typeof args[0] === 'string' ? args[0].length : 0;
      let n = 0;
      if (isCelList(target)) for (const item of target) n += sizeOf(item) + sep;
      return n;
    }
    case 'strings.quote':
      return 2 + 2 * sizeOf(args[0]);
    default:
      return 0;
  }
}

function sizeOf(v: CelValue | undefined): number {
  if (typeof v === 'string') return v.length;
  if (v instanceof Uint8Array) return v.length;
  if (isCelList(v) || isCelMap(v)) return v.size;
  return 0;
}

/**
 * Wraps a function so each call is charged to the meter: one unit per ten elements of its
 * string/bytes/list/map arguments and of the result it may build, as cel-go charges size-dependent
 * calls. Once the budget is spent, calls fail without running.
 */
function metered(f: CelFunc): CelFunc {
  const impl = function (this: CelValue | undefined, ...args: CelValue[]): CelValue {
    const m = meter();
    if (m !== undefined) {
      let size = sizeOf(this) + resultSizeBound(f.name, this, args);
      for (const a of args) size += sizeOf(a);
      if (!m.charge(Math.ceil(size / 10))) throw new Error('cost limit exceeded');
    }
    const r = f.call(0, this, args);
    if (r === undefined) throw new Error(`found no matching overload for '${f.name}'`);
    if (isCelError(r)) throw r;
    return r;
  };
  return f.target === undefined
    ? celFunc(f.name, f.arguments, f.result, impl)
    : celMethod(f.name, f.target, f.arguments, f.result, impl);
}

const chargeLoop = celFunc(CHARGE_FUNCTION, [INT], BOOL, (units) => meter()?.charge(Number(units)) ?? true);

/** Kept out of the environment: Kubernetes' `format` checks its verbs at compile time, bufbuild does not. */
const UNSUPPORTED = new Set(['format']);

function environmentFunctions(): CelFunc[] {
  const overrides = [...equalityAndMembership, ...kubernetesLibraries];
  const overridden = new Set(overrides.map((f) => f.id));
  const std = [...stdEnv.funcs].filter((f) => !overridden.has(f.id));
  const ext = strings.filter((f) => !UNSUPPORTED.has(f.name));
  return [...std, ...ext, ...overrides].map(metered).concat(chargeLoop);
}

/** The evaluation environment: one variable, `device`, and every function in ./declarations.ts. */
export const runtimeEnv: CelEnv = celEnv({ registry, funcs: environmentFunctions() });

const probes = new Map<string, ReturnType<typeof plan>>();

/** Runs `expression` (over the variable `x`) in the runtime environment, outside any selector evaluation. */
function probe(expression: string, x: CelValue): CelValue | CelError {
  let p = probes.get(expression);
  if (p === undefined) probes.set(expression, (p = plan(runtimeEnv, parse(expression))));
  return p({ x });
}

/** Whether a constant argument is valid where Kubernetes validates literals at compile time. */
export function validLiteral(fn: string, value: string): boolean {
  return !isCelError(probe(fn === 'matches' ? `''.matches(x)` : `${fn}(x)`, value));
}

/** The type conversions cel-go evaluates while planning when their argument is a constant. */
export const CONVERSIONS: ReadonlySet<string> = new Set([
  'bool',
  'bytes',
  'double',
  'duration',
  'dyn',
  'int',
  'string',
  'timestamp',
  'type',
  'uint',
]);

/** A conversion of a constant, as cel-go's planner precomputes it: the value or its error. */
export function convertConstant(fn: string, value: CelValue): CelValue | CelError {
  return probe(`${fn}(x)`, value);
}
