// Go's strconv, as cel-go uses it for string conversions: stricter parsing than JavaScript's
// Number() and BigInt() (no surrounding whitespace, no "" as zero, no 0x integers) and %g formatting
// of doubles ("1e+06", "-0").

/** Go's strconv.FormatFloat(f, 'g', -1, 64): shortest digits, exponent form below 1e-4 or from 1e6. */
export function formatDouble(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  const sign = f < 0 || Object.is(f, -0) ? '-' : '';
  const [mantissa = '0', expText = '0'] = Math.abs(f).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${sign}${digits[0] ?? '0'}${frac}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp >= 0) {
    const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    return `${sign}${whole}${frac === '' ? '' : `.${frac}`}`;
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/**
 * strconv.ParseFloat(s, 64): decimal or hex-float syntax, inf/infinity/nan, underscores only between
 * digits (or after a 0x prefix), and no overflow to ±Inf.
 */
export function parseGoFloat(text: string): number {
  // Go's underscoreOK: each underscore sits between two digits, or right after the base prefix.
  if (/(^|[^0-9a-fA-FxX])_|_($|[^0-9a-fA-F])/.test(text)) {
    throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(text)}: invalid syntax`);
  }
  const s = text.replaceAll('_', '');
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special) {
    if (special[2]?.toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  let value: number | undefined;
  if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(s)) value = Number(s);
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?[0-9]+)$/.exec(s);
  if (hex && (hex[2] !== '' || hex[3] !== '')) {
    const [, sign = '', whole = '', frac = '', exp = '0'] = hex;
    const mantissa = Number(BigInt(`0x${whole}${frac}` === '0x' ? '0' : `0x${whole}${frac}`));
    const magnitude = mantissa * 2 ** (Number(exp) - 4 * frac.length);
    value = sign === '-' ? -magnitude : magnitude;
  }
  if (value === undefined)
    throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`);
  if (!Number.isFinite(value))
    throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: value out of range`);
  return value;
}

export function parseGoInteger(s: string, syntax: RegExp, min: bigint, max: bigint): bigint {
  if (!syntax.test(s)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax`);
  const v = BigInt(s);
  if (v < min || v > max)
    throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(s)}: value out of range`);
  return v;
}

/** strconv.ParseBool. */
export function parseGoBool(s: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  throw new Error(`strconv.ParseBool: parsing ${JSON.stringify(s)}: invalid syntax`);
}
