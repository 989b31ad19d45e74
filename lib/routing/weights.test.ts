import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distributeWeights, MAX_BACKEND_WEIGHT, type WeightedEntry } from './weights.js';

const cases: { name: string; entries: WeightedEntry[]; want: number[][] }[] = [
  {
    name: 'SPEC: 80 over 3 endpoints and 20 over 1 give 27, 27, 26, 20 (the first ones take the remainder)',
    entries: [
      { weight: 80, endpoints: 3 },
      { weight: 20, endpoints: 1 },
    ],
    want: [[27, 27, 26], [20]],
  },
  {
    name: 'SPEC: 1 over 2 endpoints and 3 over 1 give 1, 1, 6 (scaled so nobody gets 0)',
    entries: [
      { weight: 1, endpoints: 2 },
      { weight: 3, endpoints: 1 },
    ],
    want: [[1, 1], [6]],
  },
  {
    name: 'equal weights reduce to 1 each',
    entries: [
      { weight: 2, endpoints: 1 },
      { weight: 2, endpoints: 1 },
    ],
    want: [[1], [1]],
  },
  {
    name: 'a tie inside an entry splits exactly',
    entries: [{ weight: 90, endpoints: 3 }],
    want: [[1, 1, 1]],
  },
  {
    name: 'ties across entries with different endpoint counts keep entry totals equal',
    entries: [
      { weight: 50, endpoints: 2 },
      { weight: 50, endpoints: 1 },
    ],
    want: [[1, 1], [2]],
  },
  {
    name: 'a weight of 1,000,000 next to tiny ones clamps to 1,000,000 without zeroing the tiny ones',
    entries: [
      { weight: 1_000_000, endpoints: 1 },
      { weight: 1, endpoints: 2 },
    ],
    want: [[1_000_000], [1, 1]],
  },
  {
    name: 'overflow rescales by round half up and divides by the gcd again',
    entries: [
      { weight: 1_000_000, endpoints: 1 },
      { weight: 3, endpoints: 4 },
      { weight: 500_000, endpoints: 3 },
    ],
    // s = ceil(4/3) = 2: 2,000,000 | 2,2,1,1 | 333,334 333,333 333,333; gcd 1; largest 2,000,000
    // → ×0.5 rounded half up: 1,000,000 | 1,1,1,1 (0.5 → 1) | 166,667 166,667 166,667.
    want: [[1_000_000], [1, 1, 1, 1], [166_667, 166_667, 166_667]],
  },
  {
    name: 'entries without ready endpoints drop out of the split',
    entries: [
      { weight: 80, endpoints: 0 },
      { weight: 20, endpoints: 2 },
    ],
    want: [[], [1, 1]],
  },
  {
    name: 'an entry of weight 0 keeps its endpoints at weight 0 and does not force a scale',
    entries: [
      { weight: 0, endpoints: 2 },
      { weight: 7, endpoints: 1 },
    ],
    want: [[0, 0], [1]],
  },
  {
    name: 'all weights 0 stay 0',
    entries: [{ weight: 0, endpoints: 3 }],
    want: [[0, 0, 0]],
  },
  { name: 'no entries give no weights', entries: [], want: [] },
];

describe('distributeWeights', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(distributeWeights(c.entries)).toEqual(c.want);
    });
  }

  it('refuses a weight outside 0..1,000,000, which is a bug in the caller', () => {
    expect(() => distributeWeights([{ weight: 1_000_001, endpoints: 1 }])).toThrow(
      'entry weight 1000001 is not an integer from 0 to 1000000',
    );
  });

  const entries = fc.array(
    fc.record({
      weight: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: MAX_BACKEND_WEIGHT })),
      endpoints: fc.integer({ min: 0, max: 16 }),
    }),
    { maxLength: 16 },
  );

  it('every weight is an integer from 0 to 1,000,000 and the non-zero ones have gcd 1', () => {
    fc.assert(
      fc.property(entries, (es) => {
        const flat = distributeWeights(es).flat();
        for (const w of flat) {
          expect(Number.isInteger(w)).toBe(true);
          expect(w).toBeGreaterThanOrEqual(0);
          expect(w).toBeLessThanOrEqual(MAX_BACKEND_WEIGHT);
        }
        const g = flat.reduce((a, b) => gcd(a, b), 0);
        expect(g === 0 || g === 1).toBe(true);
      }),
    );
  });

  it('an endpoint gets 0 exactly when its entry weight is 0, and each entry gets one weight per endpoint', () => {
    fc.assert(
      fc.property(entries, (es) => {
        const out = distributeWeights(es);
        es.forEach((e, i) => {
          expect(out[i]).toHaveLength(e.endpoints);
          for (const w of out[i] ?? []) expect(w === 0).toBe(e.weight === 0);
        });
      }),
    );
  });

  it("an entry's endpoints differ by at most 1, the first ones never smaller", () => {
    fc.assert(
      fc.property(entries, (es) => {
        for (const ws of distributeWeights(es)) {
          for (let j = 1; j < ws.length; j++) {
            expect((ws[j - 1] ?? 0) - (ws[j] ?? 0)).toBeGreaterThanOrEqual(0);
            expect((ws[0] ?? 0) - (ws[j] ?? 0)).toBeLessThanOrEqual(1);
          }
        }
      }),
    );
  });

  // Entries with small weights never reach the 1,000,000 limit (at most 5 × 16 before the gcd).
  const small = fc.array(
    fc.record({ weight: fc.integer({ min: 0, max: 5 }), endpoints: fc.integer({ min: 0, max: 16 }) }),
    { maxLength: 16 },
  );

  it('below the limit, entry totals are exactly proportional to entry weights and each endpoint is within 1 of its share', () => {
    fc.assert(
      fc.property(small, (es) => {
        const out = distributeWeights(es);
        const { total, sum } = totals(es, out);
        if (total === 0) return;
        es.forEach((e, i) => {
          const entrySum = (out[i] ?? []).reduce((a, b) => a + b, 0);
          expect(entrySum * total).toBe(e.endpoints > 0 ? e.weight * sum : 0);
          for (const w of out[i] ?? [])
            expect(Math.abs(w - (e.weight / e.endpoints / total) * sum)).toBeLessThan(1);
        });
      }),
    );
  });

  it('with any weights, each endpoint stays within rounding of its exact share', () => {
    fc.assert(
      fc.property(entries, (es) => {
        const out = distributeWeights(es);
        const { total, sum, endpoints } = totals(es, out);
        if (total === 0) return;
        es.forEach((e, i) => {
          const share = e.weight / e.endpoints / total;
          // The split moves a weight by < 1 and the overflow rescale by < 1 more; the rescaled total
          // moves by < 1 per endpoint, which moves an exact share by < endpoints × share.
          for (const w of out[i] ?? []) expect(Math.abs(w - share * sum)).toBeLessThan(2 + endpoints * share);
        });
      }),
    );
  });
});

/** Sum of the weights of entries with endpoints, sum of all output weights, number of endpoints. */
function totals(
  es: readonly WeightedEntry[],
  out: number[][],
): { total: number; sum: number; endpoints: number } {
  const active = es.filter((e) => e.endpoints > 0);
  return {
    total: active.reduce((n, e) => n + e.weight, 0),
    sum: out.flat().reduce((a, b) => a + b, 0),
    endpoints: active.reduce((n, e) => n + e.endpoints, 0),
  };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
