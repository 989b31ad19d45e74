// Kubernetes Quantity semantics, case by case. tests/cel-parity.test.ts checks the same functions
// against k8s.io/apimachinery itself over a larger table.

import { describe, expect, it } from 'vitest';
import {
  ERR_FORMAT,
  ERR_NUMERIC,
  ERR_SUFFIX,
  INT64_MAX,
  addQuantities,
  asApproximateFloat,
  compareQuantities,
  formatQuantity,
  parseQuantity,
  quantityAsInt64,
  quantityFromInt64,
  quantitySign,
  subtractQuantities,
  toNanos,
  type ParseResult,
  type Quantity,
} from './quantity.js';

function q(text: string): Quantity {
  const r = parseQuantity(text);
  if (!r.ok) throw new Error(`${text}: ${r.error}`);
  return r.quantity;
}

describe('parseQuantity', () => {
  const cases: [string, string, ParseResult][] = [
    [
      'an integer keeps its text as the canonical form',
      '192',
      { ok: true, quantity: { unscaled: 192n, exp10: 0, small: true, format: 'DecimalSI', text: '192' } },
    ],
    [
      'a decimal fraction is an int64 at a negative scale',
      '1.5',
      { ok: true, quantity: { unscaled: 15n, exp10: -1, small: true, format: 'DecimalSI' } },
    ],
    [
      'a binary suffix multiplies into the int64 (fast path)',
      '8Ki',
      { ok: true, quantity: { unscaled: 8192n, exp10: 0, small: true, format: 'BinarySI' } },
    ],
    [
      'a fraction with a binary suffix takes the slow path at nano scale',
      '1.5Gi',
      { ok: true, quantity: { unscaled: 1610612736000000000n, exp10: -9, small: false, format: 'BinarySI' } },
    ],
    [
      'an exponent keeps the DecimalExponent format',
      '1e3',
      { ok: true, quantity: { unscaled: 1n, exp10: 3, small: true, format: 'DecimalExponent', text: '1e3' } },
    ],
    [
      'a value below one nano rounds up to one nano',
      '0.0000000004',
      { ok: true, quantity: { unscaled: 1n, exp10: -9, small: false, format: 'DecimalSI' } },
    ],
    [
      'a binary value beyond int64 saturates at 2^63-1',
      '100Ei',
      { ok: true, quantity: { unscaled: INT64_MAX, exp10: 0, small: false, format: 'BinarySI' } },
    ],
    [
      'more digits than an int64 holds take the slow path',
      '12345678901234567890',
      {
        ok: true,
        quantity: {
          unscaled: 12345678901234567890n * 10n ** 9n,
          exp10: -9,
          small: false,
          format: 'DecimalSI',
        },
      },
    ],
    [
      'a bare suffix parses as zero, as in Go',
      'Mi',
      { ok: true, quantity: { unscaled: 0n, exp10: 0, small: true, format: 'BinarySI' } },
    ],
    [
      'an exponent wraps at int32 as Go converts it',
      '1e4294967297',
      { ok: true, quantity: { unscaled: 1n, exp10: 1, small: true, format: 'DecimalExponent' } },
    ],
    ['the empty string is malformed', '', { ok: false, error: ERR_FORMAT }],
    ['a capital K is not a suffix', '1K', { ok: false, error: ERR_SUFFIX }],
    ['a byte unit after the suffix is malformed', '1KiB', { ok: false, error: ERR_FORMAT }],
    ['a space is malformed', '1 Gi', { ok: false, error: ERR_FORMAT }],
    ['a numeric part Go cannot read is a numeric error', '1.2.3', { ok: false, error: ERR_FORMAT }],
    ['a denominator that overflows the fast path is still exact', '0.5Ki', { ok: true, quantity: q('512') }],
    [
      'an exponent Go would spend minutes on is refused instead',
      '1e-2147483648',
      { ok: false, error: 'quantity exponent is out of range' },
    ],
  ];
  for (const [name, input, want] of cases) {
    it(name, () => {
      const got = parseQuantity(input);
      // "0.5Ki" is compared by value: it equals 512 in whatever form.
      if (input === '0.5Ki' && got.ok && want.ok)
        expect(compareQuantities(got.quantity, want.quantity)).toBe(0);
      else expect(got).toEqual(want);
    });
  }

  it('reports an unparsable number with the numeric error', () => {
    expect(parseQuantity('.e-10')).toEqual({ ok: false, error: ERR_NUMERIC });
  });
});

describe('formatQuantity', () => {
  const cases: [string, string, string][] = [
    ['keeps an already canonical input as written', '+1k', '+1k'],
    ['moves a fraction to the milli suffix', '1.5', '1500m'],
    ['shows a binary fraction in the largest exact binary suffix', '1.5Gi', '1536Mi'],
    ['shows binary values below 1024 in decimal', '0.5Ki', '512'],
    ['shows a saturated binary value as the int64 maximum', '100Ei', '9223372036854775807'],
    ['shows the rounded-up nano', '0.0000000004', '1n'],
    ['loses the suffix beyond exa, exactly as Kubernetes does', '1000E', '1'],
    ['keeps exponent notation for DecimalExponent', '1.5e3', '1500'],
    ['shows zero as 0', '0.000', '0'],
  ];
  for (const [name, input, want] of cases) {
    it(name, () => {
      expect(formatQuantity(q(input))).toBe(want);
    });
  }
});

describe('compareQuantities', () => {
  const cases: [string, string, string, number][] = [
    ['equal values in different suffixes are equal', '1', '1000m', 0],
    ['a binary gigabyte is more than a decimal one', '1Gi', '1G', 1],
    ['the saturated binary value equals the int64 maximum', '100Ei', '9223372036854775807', 0],
    ['sign decides before magnitude', '-1Ki', '1n', -1],
    ['a huge exponent compares without building the number', '1e2147483647', '1e2147483646', 1],
    ['the slow and fast paths compare exactly', '12345678901234567890', '12345678901234567891', -1],
  ];
  for (const [name, a, b, want] of cases) {
    it(name, () => {
      expect(compareQuantities(q(a), q(b))).toBe(want);
    });
  }
});

describe('arithmetic', () => {
  const cases: [string, Quantity, Quantity][] = [
    [
      'adding int64 forms stays an int64 at the finer scale',
      addQuantities(q('1'), q('1m')),
      { unscaled: 1001n, exp10: -3, small: true, format: 'DecimalSI' },
    ],
    [
      'adding past int64 falls back to exact decimals',
      addQuantities(q('9223372036854775807'), quantityFromInt64(1n, 'DecimalExponent')),
      { unscaled: 9223372036854775808n * 10n ** 9n, exp10: -9, small: false, format: 'DecimalSI' },
    ],
    [
      'adding to zero takes the other format',
      addQuantities(q('0'), q('1Ki')),
      { unscaled: 1024n, exp10: 0, small: true, format: 'BinarySI' },
    ],
    [
      'subtracting from zero takes the other format',
      subtractQuantities(q('0'), q('1Ki')),
      { unscaled: -1024n, exp10: 0, small: true, format: 'BinarySI' },
    ],
    [
      "subtracting the most negative int64 wraps, exactly as Go's int64Amount.Sub does",
      subtractQuantities(q('1'), quantityFromInt64(-(1n << 63n), 'DecimalExponent')),
      { unscaled: -INT64_MAX, exp10: 0, small: true, format: 'DecimalSI' },
    ],
  ];
  for (const [name, got, want] of cases) {
    it(name, () => {
      expect(got).toEqual(want);
    });
  }
});

describe('reading a quantity', () => {
  it('is an int64 only in the fast path at a non-negative scale', () => {
    expect(['1Ki', '1000m', '1Ei', '9E', '10E', '-8Ei'].map((s) => quantityAsInt64(q(s)))).toEqual([
      1024n,
      undefined,
      undefined,
      9_000_000_000_000_000_000n,
      undefined,
      undefined,
    ]);
  });

  it('has Go float64 arithmetic, NaN for 0e400 included', () => {
    expect(['1.5Gi', '0.1', '1e400', '0e400', '3200G'].map((s) => asApproximateFloat(q(s)))).toEqual([
      1610612736,
      0.1,
      Infinity,
      NaN,
      3.2e12,
    ]);
  });

  it('has a sign', () => {
    expect(['-1n', '0', '5Gi'].map((s) => quantitySign(q(s)))).toEqual([-1, 0, 1]);
  });

  it('counts nanos rounding up, for capacity math', () => {
    expect(['1', '1.5Gi', '0.0000000004', '-1m'].map((s) => toNanos(q(s)))).toEqual([
      1_000_000_000n,
      1_610_612_736_000_000_000n,
      1n,
      -1_000_000n,
    ]);
  });
});
