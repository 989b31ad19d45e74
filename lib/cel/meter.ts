// The evaluation cost meter. @bufbuild/cel tracks no cost, so we measure it ourselves: the static
// size of the expression once, the size of every comprehension's condition and step on each
// iteration (instrumented into the AST by ./cost.ts), and size-dependent function calls (wrapped in
// ./functions.ts). Evaluation is synchronous, so the meter of the running evaluation is module state.

export class Meter {
  private used = 0;
  private over = false;

  constructor(readonly limit: number) {}

  /** Adds `units`; false once the total is beyond the limit (and from then on). */
  charge(units: number): boolean {
    this.used += units;
    if (this.used > this.limit) this.over = true;
    return !this.over;
  }

  get exceeded(): boolean {
    return this.over;
  }

  get total(): number {
    return this.used;
  }
}

let current: Meter | undefined;

/** The meter of the evaluation in progress, if any (none while compiling). */
export function meter(): Meter | undefined {
  return current;
}

export function withMeter<T>(m: Meter, run: () => T): T {
  const previous = current;
  current = m;
  try {
    return run();
  } finally {
    current = previous;
  }
}
