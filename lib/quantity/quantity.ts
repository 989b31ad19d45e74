// Kubernetes resource.Quantity, ported from k8s.io/apimachinery/pkg/api/resource (quantity.go,
// amount.go, math.go, suffix.go) so that parsing, the canonical string, comparison and arithmetic give
// the answers the API server and the Kubernetes CEL library give (checked against the real library by
// tests/cel-parity.test.ts). The representation mirrors Go's on purpose: a small (int64 value,
// decimal scale) pair from the fast path (`small`), or an arbitrary-precision decimal (Go's inf.Dec),
// because isInteger/asInteger/asApproximateFloat and the canonical text depend on which one a value
// holds. Go's int32 scale arithmetic wraps; `i32` keeps the same wrap-around where Go would.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** An exact decimal: unscaled × 10^exp10. `small` is Go's int64Amount (fast path); else inf.Dec. */
export interface Quantity {
  readonly unscaled: bigint;
  readonly exp10: number;
  readonly small: boolean;
  readonly format: QuantityFormat;
  /** The input text when Go keeps it as the canonical form (Quantity.s); String() returns it as is. */
  readonly text?: string;
}

export type ParseResult = { ok: true; quantity: Quantity } | { ok: false; error: string };

export const INT64_MAX = (1n << 63n) - 1n;
export const INT64_MIN = -(1n << 63n);
const NANO = -9;
/** Go's maxInt64Factors: the decimal digits an int64 always holds. */
const MAX_INT64_FACTORS = 18;
/**
 * Exact decimal work that would need a power of ten beyond this is refused: Go would build a number
 * with that many digits (a `1e-999999999`-style input takes it minutes and gigabytes), and no real
 * quantity comes near. Parsing answers an error and arithmetic throws a RangeError instead of hanging;
 * this is the only deliberate divergence from Go here.
 */
const MAX_EXPONENT_GAP = 10_000;

export const ERR_FORMAT =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";
const ERR_RANGE = 'quantity exponent is out of range';

const i32 = (n: number): number => n | 0;
const i64 = (n: bigint): bigint => BigInt.asIntN(64, n);
const inInt64 = (n: bigint): boolean => n >= INT64_MIN && n <= INT64_MAX;

interface Suffix {
  readonly base: 10 | 2;
  readonly exponent: number;
  readonly format: QuantityFormat;
}

const DECIMAL_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['n', -9],
  ['u', -6],
  ['m', -3],
  ['', 0],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
  ['P', 15],
  ['E', 18],
]);
const BINARY_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['Ki', 10],
  ['Mi', 20],
  ['Gi', 30],
  ['Ti', 40],
  ['Pi', 50],
  ['Ei', 60],
]);

function interpretSuffix(s: string): Suffix | undefined {
  const dec = DECIMAL_SUFFIXES.get(s);
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIXES.get(s);
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E')) {
    const parsed = parseGoInt64(s.slice(1));
    if (parsed === undefined) return undefined;
    // Go converts with int32(parsed): keep the same wrap-around.
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return undefined;
}

/** suffixer.constructBytes: the suffix for (base, exponent), or '' where Go finds none. */
function constructSuffix(base: 10 | 2, exponent: number, format: QuantityFormat): string {
  if (format === 'DecimalExponent') return exponent === 0 ? '' : `e${exponent}`;
  const table = format === 'DecimalSI' ? DECIMAL_SUFFIXES : BINARY_SUFFIXES;
  if (format === 'DecimalSI' && base !== 10) return '';
  for (const [suffix, exp] of table) if (exp === exponent) return suffix;
  return '';
}

/** strconv.ParseInt(s, 10, 64): optional sign, decimal digits, in range. */
function parseGoInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  return inInt64(v) ? v : undefined;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

interface Pieces {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** A line-by-line port of parseQuantityString. */
function splitQuantity(str: string): Pieces | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  // Leading zeros.
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  if (i >= end) return { positive, value: str, num, denom: '', suffix: '' };
  pos = i;
  if (num === '') num = '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = i;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  i = pos;
  while (i < end && 'eEinumkKMGTP'.includes(str[i] ?? '')) i++;
  if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  pos = i;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  i = pos;
  while (i < end && isDigit(str[i])) i++;
  if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  return undefined;
}

/** resource.ParseQuantity. */
export function parseQuantity(str: string): ParseResult {
  if (str.length === 0) return { ok: false, error: ERR_FORMAT };
  if (str === '0') return ok(small(0n, 0, 'DecimalSI', str));
  const pieces = splitQuantity(str);
  if (pieces === undefined) return { ok: false, error: ERR_FORMAT };
  const { positive, value, num, denom } = pieces;
  const suffix = interpretSuffix(pieces.suffix);
  if (suffix === undefined) return { ok: false, error: ERR_SUFFIX };
  const { base, exponent, format } = suffix;

  // Fast path: the value fits an int64 at a scale no finer than nano.
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (base === 10) {
    scale = exponent;
    precision = MAX_INT64_FACTORS - (num.length + denom.length);
  } else if (exponent >= 0 && denom.length === 0) {
    mantissa = 1n << BigInt(exponent);
    precision = 15 - num.length - Math.trunc(Math.fround(Math.fround(exponent) * 3) / 10) - 1;
  } else {
    precision = -1;
  }
  if (precision >= 0) {
    scale = i32(scale - denom.length);
    if (scale >= NANO) {
      const shifted = num + denom;
      const parsed = parseGoInt64(shifted);
      if (parsed === undefined) return { ok: false, error: ERR_NUMERIC };
      const product = parsed * mantissa;
      if (inInt64(product)) {
        const result = positive ? product : -product;
        // Go keeps the input as the canonical text when it already is canonical.
        const canonical =
          format === 'BinarySI'
            ? exponent % 10 === 0 && (parsed & 7n) !== 0n
            : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return ok(small(result, scale, format, canonical ? str : undefined));
      }
    }
  }

  // Slow path: arbitrary precision, rounded up to nano, binary values capped at int64.
  const dec = parseInfDec(value);
  if (dec === undefined) return { ok: false, error: ERR_NUMERIC };
  let { unscaled } = dec;
  let infScale = dec.scale;
  if (base === 10) {
    infScale = i32(infScale - exponent);
  } else {
    unscaled *= 1n << BigInt(exponent);
  }
  if (unscaled !== 0n && -NANO - infScale > MAX_EXPONENT_GAP) return { ok: false, error: ERR_RANGE };
  const negative = unscaled < 0n;
  if (negative) unscaled = -unscaled;
  if (unscaled !== 0n) ({ unscaled, scale: infScale } = roundAwayFromZero(unscaled, infScale, -NANO));
  let resultFormat = format;
  if (format === 'BinarySI' && compareDec(unscaled, -infScale, INT64_MAX, 0) > 0) {
    unscaled = INT64_MAX;
    infScale = 0;
  }
  if (format === 'BinarySI' && unscaled > 0n && compareDec(unscaled, -infScale, 1n, 0) < 0) {
    resultFormat = 'DecimalSI';
  }
  if (negative) unscaled = -unscaled;
  return ok(big(unscaled, -infScale, resultFormat));
}

function ok(quantity: Quantity): ParseResult {
  return { ok: true, quantity };
}

function small(value: bigint, scale: number, format: QuantityFormat, text?: string): Quantity {
  return text === undefined
    ? { unscaled: value, exp10: scale, small: true, format }
    : { unscaled: value, exp10: scale, small: true, format, text };
}

function big(unscaled: bigint, exp10: number, format: QuantityFormat): Quantity {
  // `+ 0` turns a -0 exponent (from negating scale 0) into 0, so equal values compare equal.
  return { unscaled, exp10: exp10 + 0, small: false, format };
}

/** inf.Dec.SetString: [sign]digits[.digits]. */
function parseInfDec(s: string): { unscaled: bigint; scale: number } | undefined {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(s);
  if (!m) return undefined;
  const digits = (m[2] ?? '') + (m[3] ?? '');
  if (digits === '') return undefined;
  const unscaled = BigInt(digits);
  return { unscaled: m[1] === '-' ? -unscaled : unscaled, scale: (m[3] ?? '').length };
}

/** inf.Dec.Round(x, target, RoundUp): away from zero, the result at exactly the `target` scale. */
function roundAwayFromZero(
  unscaled: bigint,
  scale: number,
  target: number,
): { unscaled: bigint; scale: number } {
  if (scale <= target) return { unscaled: unscaled * pow10(target - scale), scale: target };
  const drop = scale - target;
  if (unscaled === 0n) return { unscaled: 0n, scale: target };
  // More dropped digits than the number has: the magnitude is below one unit, so it becomes ±1.
  if (drop > digitCount(unscaled)) return { unscaled: unscaled < 0n ? -1n : 1n, scale: target };
  const div = pow10(drop);
  const q = unscaled / div;
  if (unscaled % div === 0n) return { unscaled: q, scale: target };
  return { unscaled: unscaled < 0n ? q - 1n : q + 1n, scale: target };
}

/** 10^n as a bigint, refusing the absurd sizes MAX_EXPONENT_GAP describes. */
function pow10(n: number): bigint {
  if (n > MAX_EXPONENT_GAP) throw new RangeError(ERR_RANGE);
  return 10n ** BigInt(n);
}

function digitCount(n: bigint): number {
  return (n < 0n ? -n : n).toString().length;
}

/**
 * Compares a×10^ea with b×10^eb exactly. Magnitudes are compared first so that a huge exponent
 * never turns into a huge power of ten.
 */
function compareDec(a: bigint, ea: number, b: bigint, eb: number): number {
  const sa = a === 0n ? 0 : a < 0n ? -1 : 1;
  const sb = b === 0n ? 0 : b < 0n ? -1 : 1;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const ma = digitCount(a) + ea;
  const mb = digitCount(b) + eb;
  if (ma !== mb) return (ma < mb ? -1 : 1) * sa;
  const e = Math.min(ea, eb);
  const x = a * pow10(ea - e);
  const y = b * pow10(eb - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b` (Quantity.Cmp, exact). */
export function compareQuantities(a: Quantity, b: Quantity): number {
  return compareDec(a.unscaled, a.exp10, b.unscaled, b.exp10);
}

/** -1, 0 or 1 (Quantity.Sign). */
export function quantitySign(q: Quantity): number {
  return q.unscaled === 0n ? 0 : q.unscaled < 0n ? -1 : 1;
}

/**
 * Quantity.AsInt64: the value when a fast conversion exists, else undefined. Only fast-path values
 * at a non-negative scale qualify, so "1000m" and "1Ei" (a slow-path value) are not integers here.
 */
export function quantityAsInt64(q: Quantity): bigint | undefined {
  if (!q.small || q.exp10 < 0) return undefined;
  return positiveScaleInt64(q.unscaled, q.exp10);
}

/** positiveScaleInt64: base × 10^scale when it fits an int64. */
function positiveScaleInt64(base: bigint, scale: number): bigint | undefined {
  if (base === 0n) return 0n;
  if (scale > 19) return undefined;
  const v = base * pow10(scale);
  return inInt64(v) ? v : undefined;
}

/** resource.NewQuantity(value, format): an int64 at scale 0. */
export function quantityFromInt64(value: bigint, format: QuantityFormat): Quantity {
  return small(i64(value), 0, format);
}

/** Quantity.Add (on a copy): int64 arithmetic while it is exact, else exact decimal arithmetic. */
export function addQuantities(q: Quantity, y: Quantity): Quantity {
  let format = q.format;
  if (q.small && y.small) {
    if (q.unscaled === 0n) format = y.format;
    const sum = addInt64Amounts(q.unscaled, q.exp10, y.unscaled, y.exp10);
    if (sum !== undefined) return small(sum.value, sum.scale, format);
  } else if (q.unscaled === 0n) {
    format = y.format;
  }
  return addDecimals(q, y.unscaled, y.exp10, format);
}

/** Quantity.Sub (on a copy). */
export function subtractQuantities(q: Quantity, y: Quantity): Quantity {
  const format = q.unscaled === 0n ? y.format : q.format;
  if (q.small && y.small) {
    // int64Amount.Sub negates with Go's wrap-around (the most negative int64 stays itself).
    const diff = addInt64Amounts(q.unscaled, q.exp10, i64(-y.unscaled), y.exp10);
    if (diff !== undefined) return small(diff.value, diff.scale, format);
  }
  return addDecimals(q, -y.unscaled, y.exp10, format);
}

/** inf.Dec addition: exact, at the finer of the two scales. */
function addDecimals(q: Quantity, yUnscaled: bigint, yExp10: number, format: QuantityFormat): Quantity {
  const e = Math.min(q.exp10, yExp10);
  const sum = q.unscaled * pow10(q.exp10 - e) + yUnscaled * pow10(yExp10 - e);
  return big(sum, e, format);
}

/** int64Amount.Add: undefined where Go reports that the int64 form cannot hold the result. */
function addInt64Amounts(
  a: bigint,
  aScale: number,
  b: bigint,
  bScale: number,
): { value: bigint; scale: number } | undefined {
  if (b === 0n) return { value: a, scale: aScale };
  if (a === 0n) return { value: b, scale: bScale };
  if (aScale === bScale) {
    const c = int64Add(a, b);
    return c === undefined ? undefined : { value: c, scale: aScale };
  }
  if (aScale > bScale) {
    const scaled = positiveScaleInt64(a, i32(aScale - bScale));
    if (scaled === undefined) return undefined;
    const c = int64Add(scaled, b);
    return c === undefined ? undefined : { value: c, scale: bScale };
  }
  const scaled = positiveScaleInt64(b, i32(bScale - aScale));
  if (scaled === undefined) return undefined;
  const c = int64Add(a, scaled);
  return c === undefined ? undefined : { value: c, scale: aScale };
}

/** int64Add: the sum, or undefined on overflow (Go also refuses MinInt64 + MinInt64). */
function int64Add(a: bigint, b: bigint): bigint | undefined {
  const c = a + b;
  return inInt64(c) ? c : undefined;
}

/** The exact value in nano units, rounding up (for capacity math). */
export function toNanos(q: Quantity): bigint {
  return scaleTo(q, NANO, true);
}

/** The value in `10^exp10` units, rounding up when `ceil`, else truncating toward zero. */
function scaleTo(q: Quantity, exp10: number, ceil: boolean): bigint {
  if (q.exp10 >= exp10) return q.unscaled * pow10(q.exp10 - exp10);
  const div = pow10(exp10 - q.exp10);
  const t = q.unscaled / div;
  return ceil && q.unscaled % div !== 0n && q.unscaled > 0n ? t + 1n : t;
}

/** The quantity as a JS number, exactly as Go's AsApproximateFloat64 (which can be NaN for 0e400). */
export function asApproximateFloat(q: Quantity): number {
  const base = Number(q.unscaled);
  if (q.exp10 === 0) return base;
  return base * goPow10(q.exp10);
}

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31,
];
const POW10_POS32 = [1, 1e32, 1e64, 1e96, 1e128, 1e160, 1e192, 1e224, 1e256, 1e288];
const POW10_NEG32 = [1, 1e-32, 1e-64, 1e-96, 1e-128, 1e-160, 1e-192, 1e-224, 1e-256, 1e-288, 1e-320];

/** Go's math.Pow10, table for table: its product of two table entries is not always the nearest double. */
function goPow10(n: number): number {
  if (n >= 0 && n <= 308) return (POW10_POS32[n >> 5] ?? 0) * (POW10[n & 31] ?? 0);
  if (n < 0 && n >= -323) return (POW10_NEG32[-n >> 5] ?? 0) / (POW10[-n & 31] ?? 1);
  return n > 0 ? Infinity : 0;
}

/** The canonical text (Quantity.String / CanonicalizeBytes), e.g. "1536Mi", "1500m", "1e3". */
export function formatQuantity(q: Quantity): string {
  if (q.text !== undefined) return q.text;
  if (q.unscaled === 0n) return '0';
  let format = q.format;
  let rounded: Quantity | undefined;
  if (format === 'BinarySI') {
    if (compareDec(q.unscaled, q.exp10, -1024n, 0) > 0 && compareDec(q.unscaled, q.exp10, 1024n, 0) < 0) {
      format = 'DecimalSI';
    } else {
      const r = asScale0(q);
      if (r.exact) rounded = r.value;
      else format = 'DecimalSI';
    }
  }
  if (format === 'BinarySI' && rounded !== undefined) {
    const { number, exponent } = canonicalBase1024(rounded);
    return number + constructSuffix(2, exponent * 10, 'BinarySI');
  }
  const { number, exponent } = q.small
    ? canonicalSmall(q.unscaled, q.exp10)
    : canonicalBig(q.unscaled, q.exp10);
  return number + constructSuffix(10, exponent, format);
}

/** Quantity.AsScale(0): the value rounded up (away from zero) to an integer, and whether that was exact. */
function asScale0(q: Quantity): { value: Quantity; exact: boolean } {
  if (q.small) {
    if (q.exp10 >= 0) return { value: q, exact: true };
    const { value, exact } = negativeScaleInt64(q.unscaled, -q.exp10);
    return { value: small(value, 0, q.format), exact };
  }
  const r = roundAwayFromZero(q.unscaled, -q.exp10, 0);
  const value = big(r.unscaled, -r.scale, q.format);
  return { value, exact: compareQuantities(value, q) === 0 };
}

/** negativeScaleInt64: base / 10^scale rounded away from zero, and whether that was exact. */
function negativeScaleInt64(base: bigint, scale: number): { value: bigint; exact: boolean } {
  if (scale === 0) return { value: base, exact: true };
  if (scale > 19)
    return base === 0n ? { value: 0n, exact: true } : { value: base > 0n ? 1n : -1n, exact: false };
  const div = pow10(scale);
  const q = base / div;
  const fraction = base % div !== 0n;
  if (!fraction) return { value: q, exact: true };
  return { value: base > 0n ? q + 1n : q - 1n, exact: false };
}

/** int64Amount.AsCanonicalBytes: the mantissa without trailing zeros, exponent a multiple of three. */
function canonicalSmall(value: bigint, scale: number): { number: string; exponent: number } {
  const removed = removeFactors(value, 10n);
  let amount = removed.result;
  let exponent = i32(scale + removed.times);
  const rem = exponent % 3;
  if (rem === 1 || rem === -2) {
    amount *= 10n;
    if (!inInt64(amount)) return canonicalBig(value, scale);
    exponent = i32(exponent - 1);
  } else if (rem === 2 || rem === -1) {
    amount *= 100n;
    if (!inInt64(amount)) return canonicalBig(value, scale);
    exponent = i32(exponent - 2);
  }
  return { number: amount.toString(), exponent };
}

/** infDecAmount.AsCanonicalBytes. */
function canonicalBig(unscaled: bigint, exp10: number): { number: string; exponent: number } {
  const removed = removeFactors(unscaled, 10n);
  let amount = removed.result;
  let exponent = i32(exp10 + removed.times);
  while (exponent % 3 !== 0) {
    amount *= 10n;
    exponent = i32(exponent - 1);
  }
  return { number: amount.toString(), exponent };
}

/** AsCanonicalBase1024Bytes of an integral value: the mantissa without factors of 1024. */
function canonicalBase1024(q: Quantity): { number: string; exponent: number } {
  const integral = q.exp10 >= 0 ? q.unscaled * pow10(q.exp10) : q.unscaled;
  const { result, times } = removeFactors(integral, 1024n);
  return { number: result.toString(), exponent: times };
}

/** removeInt64Factors / removeBigIntFactors: divide out `base` while it divides evenly. */
function removeFactors(value: bigint, base: bigint): { result: bigint; times: number } {
  let result = value;
  let times = 0;
  while (result !== 0n && result % base === 0n) {
    result /= base;
    times++;
  }
  return { result, times };
}
