import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { Admission, DEFAULT_LIMITS, type AdmissionLimits } from './admission.js';
import { IdleCollector } from './idle-gc.js';

/** An Admission on a clock the test moves, with no collector. */
function admission(limits: Partial<AdmissionLimits> = {}) {
  let now = 0;
  const a = new Admission({ ...DEFAULT_LIMITS, ...limits }, () => now, new IdleCollector(undefined));
  return {
    a,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** Opens a call and asks to read; records when its read starts. */
function call(a: Admission, name: string, started: string[], deadline = Infinity) {
  const refused: string[] = [];
  const { ticket, id } = a.open(deadline, () => {
    refused.push(name);
    a.close(id);
  });
  a.requestRead(ticket, () => started.push(name));
  return { id, refused };
}

describe('Admission', () => {
  it('reads at most maxReading messages at once, in arrival order, and refuses beyond maxParked', () => {
    const { a } = admission({ maxReading: 2, maxParked: 2 });
    const started: string[] = [];
    const calls = ['a', 'b', 'c', 'd'].map((n) => call(a, n, started));
    expect({ started: [...started], stats: a.stats, room: a.hasRoom() }).toEqual({
      started: ['a', 'b'],
      stats: { parked: 2, reading: 2, heldBytes: 0, waiting: 0 },
      room: false,
    });
    a.received(calls[0]?.id, 10);
    a.close(calls[1]?.id ?? '');
    expect(started).toEqual(['a', 'b', 'c', 'd']);
  });

  it('starts the newest parked call first once the oldest has waited longer than congestedMs', () => {
    const { a, advance } = admission({ maxReading: 1, congestedMs: 500 });
    const started: string[] = [];
    const first = call(a, 'first', started);
    call(a, 'old', started);
    advance(600);
    call(a, 'new', started);
    a.received(first.id, 10);
    expect(started).toEqual(['first', 'new']);
  });

  it('refuses a large request when the waiting ones hold maxHeldBytes, never a small one', () => {
    const { a } = admission({ maxHeldBytes: 100, smallBytes: 10 });
    a.enqueue(undefined, 95, () => undefined);
    expect([a.received(undefined, 6), a.received(undefined, 10), a.received(undefined, 11)]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('handles the smallest waiting request first, and one waiting over agingMs before any', async () => {
    const { a, advance } = admission({ agingMs: 2_000 });
    const order: string[] = [];
    a.enqueue(undefined, 300, () => order.push('large'));
    a.enqueue(undefined, 5, () => order.push('small'));
    a.enqueue(undefined, 50, () => order.push('medium'));
    await tick();
    await tick();
    await tick();
    expect(order).toEqual(['small', 'medium', 'large']);

    order.length = 0;
    a.enqueue(undefined, 300, () => order.push('old large'));
    advance(2_500);
    a.enqueue(undefined, 5, () => order.push('small'));
    await tick();
    await tick();
    expect(order).toEqual(['old large', 'small']);
  });

  it('skips the handling of a call that ended while it waited', async () => {
    const { a } = admission();
    const started: string[] = [];
    const gone = call(a, 'gone', started);
    a.received(gone.id, 10);
    const ran: string[] = [];
    a.enqueue(gone.id, 10, () => ran.push('gone'));
    a.close(gone.id);
    await tick();
    expect({ ran, stats: a.stats }).toEqual({
      ran: [],
      stats: { parked: 0, reading: 0, heldBytes: 0, waiting: 0 },
    });
  });

  it('refuses a call before its deadline when it could not be answered in time, never one without', () => {
    vi.useFakeTimers();
    try {
      const { a } = admission({ maxReading: 1 });
      const started: string[] = [];
      const reading = call(a, 'reading', started, Date.now() + 10_000);
      const soon = call(a, 'parked, due soon', started, Date.now() + 400);
      const later = call(a, 'parked, due later', started, Date.now() + 60_000);
      const never = call(a, 'parked, no deadline', started);
      vi.advanceTimersByTime(250);
      expect([reading, soon, later, never].map((c) => c.refused)).toEqual([[], ['parked, due soon'], [], []]);
      vi.advanceTimersByTime(9_750);
      expect([reading, soon, later, never].map((c) => c.refused)).toEqual([
        ['reading'],
        ['parked, due soon'],
        [],
        [],
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a received call while its handling and a sweep still fit before its deadline, not in its last sweep', () => {
    vi.useFakeTimers();
    try {
      const { a, advance } = admission();
      // One handling of 400 ms: the recent handling time is now 80 ms, so a received call needs
      // 250 + 80 + 2 × 80 = 490 ms before its deadline.
      a.enqueue(undefined, 10, () => {
        advance(400);
      });
      vi.advanceTimersByTime(1);
      const started: string[] = [];
      const c = call(a, 'received', started, Date.now() + 1_000);
      a.received(c.id, 10);
      vi.advanceTimersByTime(500);
      const at500 = [...c.refused];
      vi.advanceTimersByTime(250);
      expect({ started, at500, at750: c.refused, stats: a.stats }).toEqual({
        started: ['received'],
        at500: [],
        at750: ['received'],
        stats: { parked: 0, reading: 0, heldBytes: 0, waiting: 0 },
      });
    } finally {
      vi.useRealTimers();
    }
  });
});
