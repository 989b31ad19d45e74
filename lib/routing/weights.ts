// Traffic weights for a ModelService's backendRefs (SPEC 4.6).
//
// Input: the service's entries in order, each with its weight w (0..1,000,000) and the number n of
// ready endpoints that will carry it. Output: one integer weight per endpoint, in the same order.
//
// 1. Entries without ready endpoints drop out.
// 2. Scale every weight by s = max over entries with w > 0 of ceil(n / w) (at least 1): the smallest
//    factor that gives each endpoint of a non-zero entry at least 1 after the split. Without it,
//    1 over 2 endpoints would split into 1 and 0.
// 3. Split each entry's w·s evenly across its endpoints: floor(w·s / n) each, and the first
//    (w·s mod n) endpoints one more. An entry's endpoints therefore differ by at most 1, and the
//    entry totals stay exactly proportional to the entry weights.
// 4. Divide every weight by the gcd of all of them.
// 5. If the largest exceeds 1,000,000 (Gateway API's maximum backendRef weight), map every non-zero
//    weight v to max(1, round-half-up(v × 1,000,000 / largest)), then divide by the gcd again. The
//    largest becomes exactly 1,000,000, nothing non-zero becomes 0, and every weight moves by less
//    than 1 in the new unit.
//
// SPEC's examples: 80 over 3 + 20 over 1 → 27, 27, 26, 20 (s = 1); 1 over 2 + 3 over 1 → 1, 1, 6
// (s = 2). An entry of weight 0 keeps its endpoints in the route at weight 0 (drained).

export const MAX_BACKEND_WEIGHT = 1_000_000;

export interface WeightedEntry {
  /** The entry's weight, an integer from 0 to 1,000,000. */
  readonly weight: number;
  /** How many ready endpoints share it. */
  readonly endpoints: number;
}

/** Per entry, the weights of its endpoints in order (empty for an entry without endpoints). */
export function distributeWeights(entries: readonly WeightedEntry[]): number[][] {
  for (const e of entries) {
    if (!Number.isSafeInteger(e.weight) || e.weight < 0 || e.weight > MAX_BACKEND_WEIGHT) {
      throw new Error(`entry weight ${e.weight} is not an integer from 0 to ${MAX_BACKEND_WEIGHT}`);
    }
    if (!Number.isSafeInteger(e.endpoints) || e.endpoints < 0) {
      throw new Error(`endpoint count ${e.endpoints} is not a non-negative integer`);
    }
  }
  let scale = 1n;
  for (const e of entries) {
    if (e.endpoints > 0 && e.weight > 0) scale = max(scale, ceilDiv(BigInt(e.endpoints), BigInt(e.weight)));
  }
  const split = entries.map((e) => splitEvenly(BigInt(e.weight) * scale, e.endpoints));
  let weights = reduceByGcd(split);
  const largest = weights.flat().reduce(max, 0n);
  if (largest > BigInt(MAX_BACKEND_WEIGHT)) {
    weights = reduceByGcd(weights.map((ws) => ws.map((w) => rescale(w, largest))));
  }
  return weights.map((ws) => ws.map(Number));
}

function splitEvenly(total: bigint, n: number): bigint[] {
  if (n === 0) return [];
  const count = BigInt(n);
  const base = total / count;
  const remainder = total % count;
  return Array.from({ length: n }, (_, i) => (BigInt(i) < remainder ? base + 1n : base));
}

function rescale(w: bigint, largest: bigint): bigint {
  if (w === 0n) return 0n;
  const limit = BigInt(MAX_BACKEND_WEIGHT);
  // round half up of w × limit / largest, in integers: floor((2·w·limit + largest) / (2·largest)).
  const rounded = (2n * w * limit + largest) / (2n * largest);
  return rounded < 1n ? 1n : rounded;
}

function reduceByGcd(weights: bigint[][]): bigint[][] {
  const divisor = weights.flat().reduce(gcd, 0n);
  if (divisor <= 1n) return weights;
  return weights.map((ws) => ws.map((w) => w / divisor));
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
