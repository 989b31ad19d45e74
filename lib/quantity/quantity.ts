// Kubernetes resource.Quantity, ported from k8s.io/apimachinery/pkg/api/resource (quantity.go,
// suffix.go, amount.go) so that parsing, comparison and arithmetic give the answers the API server
// and the Kubernetes CEL library give. The representation mirrors Go's on purpose: a small
// (int64 value, decimal scale) pair from the fast path, or an arbitrary-precision decimal from the
// slow path, because asApproximateFloat depends on which one a value holds.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** An exact decimal: unscaled × 10^exp10. `small` is Go's int64Amount (fast path); else inf.Dec. */
export interface Quantity {
  readonly unscaled: bigint;
  readonly exp10: number;
  readonly small: boolean;
  readonly format: QuantityFormat;
}

export type ParseResult = { ok: true; quantity: Quantity } | { ok: false; error: string };

export const INT64_MAX = (1n << 63n) - 1n;
export const INT64_MIN = -(1n << 63n);
const NANO = -9;
/** Go's maxInt64Factors: the decimal digits an int64 always holds. */
const MAX_INT64_FACTORS = 18;

const ERR_FORMAT =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const ERR_NUMERIC = "unable to parse quantity's numeric value";
const ERR_SUFFIX = "unable to parse quantity's suffix";

interface Suffix {
  readonly base: 10 | 2;
  readonly exponent: number;
  readonly format: QuantityFormat;
}

const DECIMAL_SUFFIXES: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

function interpretSuffix(s: string): Suffix | undefined {
  const dec = DECIMAL_SUFFIXES[s];
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIXES[s];
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E')) {
    const parsed = parseGoInt64(s.slice(1));
    if (parsed === undefined) return undefined;
    // Go converts with int32(parsed): keep the same wrap-around.
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return undefined;
}

/** strconv.ParseInt(s, 10, 64): optional sign, decimal digits, in range. */
function parseGoInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  return v > INT64_MAX || v < INT64_MIN ? undefined : v;
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
  if (str === '0')
    return { ok: true, quantity: { unscaled: 0n, exp10: 0, small: true, format: 'DecimalSI' } };
  const pieces = splitQuantity(str);
  if (pieces === undefined) return { ok: false, error: ERR_FORMAT };
  const { positive, value, num, denom } = pieces;
  const suffix = interpretSuffix(pieces.suffix);
  if (suffix === undefined) return { ok: false, error: ERR_SUFFIX };
  let { format } = suffix;
  const { base, exponent } = suffix;

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
    scale -= denom.length;
    if (scale >= NANO) {
      const shifted = parseGoInt64(num + denom);
      if (shifted === undefined) return { ok: false, error: ERR_NUMERIC };
      const product = shifted * mantissa;
      if (product <= INT64_MAX && product >= INT64_MIN) {
        return {
          ok: true,
          quantity: { unscaled: positive ? product : -product, exp10: scale, small: true, format },
        };
      }
    }
  }

  // Slow path: arbitrary precision, rounded up to nano, binary values capped at int64.
  const dec = parseInfDec(value);
  if (dec === undefined) return { ok: false, error: ERR_NUMERIC };
  let { unscaled } = dec;
  let infScale = dec.scale;
  if (base === 10) {
    infScale -= exponent;
  } else {
    unscaled *= 1n << BigInt(exponent);
  }
  const negative = unscaled < 0n;
  if (negative) unscaled = -unscaled;
  if (unscaled !== 0n) ({ unscaled, scale: infScale } = roundUp(unscaled, infScale, -NANO));
  if (format === 'BinarySI' && compareDec(unscaled, infScale, INT64_MAX, 0) > 0) {
    unscaled = INT64_MAX;
    infScale = 0;
  }
  if (format === 'BinarySI' && compareDec(unscaled, infScale, 1n, 0) < 0 && unscaled > 0n)
    format = 'DecimalSI';
  if (negative) unscaled = -unscaled;
  return { ok: true, quantity: { unscaled, exp10: -infScale, small: false, format } };
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

/** inf.Dec.Round(x, target, RoundUp) for a non-negative x: away from zero, result at exactly `target` scale. */
function roundUp(unscaled: bigint, scale: number, target: number): { unscaled: bigint; scale: number } {
  if (scale <= target) return { unscaled: unscaled * 10n ** BigInt(target - scale), scale: target };
  const div = 10n ** BigInt(scale - target);
  const q = unscaled / div;
  return { unscaled: unscaled % div === 0n ? q : q + 1n, scale: target };
}

/** Compares a×10^-sa with b×10^-sb. */
function compareDec(a: bigint, sa: number, b: bigint, sb: number): number {
  const s = Math.max(sa, sb);
  const x = a * 10n ** BigInt(s - sa);
  const y = b * 10n ** BigInt(s - sb);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b` (Quantity.Cmp). */
export function compareQuantities(a: Quantity, b: Quantity): number {
  return compareDec(a.unscaled, -a.exp10, b.unscaled, -b.exp10);
}

/** The exact value as a rational string-free pair scaled to nano units, rounding up (for capacity math). */
export function toNanos(q: Quantity): bigint {
  return scaleTo(q, NANO, true);
}

/** The value in `10^exp10` units, rounding up when `ceil`, else truncating toward zero. */
function scaleTo(q: Quantity, exp10: number, ceil: boolean): bigint {
  if (q.exp10 >= exp10) return q.unscaled * 10n ** BigInt(q.exp10 - exp10);
  const div = 10n ** BigInt(exp10 - q.exp10);
  const t = q.unscaled / div;
  return ceil && q.unscaled % div !== 0n && q.unscaled > 0n ? t + 1n : t;
}

/** The quantity as a JS number, exactly as Go's AsApproximateFloat64. */
export function asApproximateFloat(q: Quantity): number {
  const base = Number(q.unscaled);
  if (q.exp10 === 0) return base;
  return base * pow10(q.exp10);
}

/** math.Pow10: exact powers of ten as float64, 0 or Inf outside the range. */
function pow10(n: number): number {
  if (n < -323) return 0;
  if (n > 308) return Infinity;
  return Number(`1e${n}`);
}
