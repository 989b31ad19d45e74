import { describe, expect, it, vi } from 'vitest';
import { GC_AFTER_BYTES, IDLE_MS, IdleCollector } from './idle-gc.js';

describe('IdleCollector', () => {
  it('collects once after IDLE_MS of quiet that followed GC_AFTER_BYTES of requests, and not while busy', () => {
    vi.useFakeTimers();
    try {
      let collections = 0;
      const c = new IdleCollector(() => collections++);
      c.busy(GC_AFTER_BYTES - 1);
      c.idle();
      vi.advanceTimersByTime(IDLE_MS * 2);
      const afterSmallWork = collections;
      c.busy(1);
      c.idle();
      vi.advanceTimersByTime(IDLE_MS / 2);
      c.busy(10);
      vi.advanceTimersByTime(IDLE_MS * 2);
      const interrupted = collections;
      c.idle();
      vi.advanceTimersByTime(IDLE_MS);
      c.idle();
      vi.advanceTimersByTime(IDLE_MS * 2);
      expect({ afterSmallWork, interrupted, collections }).toEqual({
        afterSmallWork: 0,
        interrupted: 0,
        collections: 1,
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('reaches the real collector through --expose-gc (a collection is armed)', () => {
    const real = new IdleCollector();
    vi.useFakeTimers();
    try {
      real.busy(GC_AFTER_BYTES);
      real.idle();
      expect(vi.getTimerCount()).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
