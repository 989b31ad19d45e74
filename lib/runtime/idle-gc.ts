// Giving memory back after a burst. V8 collects garbage when it allocates, so a function that
// handled a burst of fleet-scale requests and then went quiet keeps the garbage of that burst
// (request buffers, decoded objects) for as long as it stays quiet: a minute after 500 calls it
// still held several hundred MiB. Once the function has been idle for IDLE_MS after handling at
// least GC_AFTER_BYTES of requests, one full collection returns that memory. The collector is
// reached through V8's --expose-gc flag, set at run time (Node documents v8.setFlagsFromString
// for exactly this); where that is not possible, nothing happens.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const IDLE_MS = 1_000;
export const GC_AFTER_BYTES = 16 * 1024 * 1024;

function exposeGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/** Counts handled request bytes; `idle()` after the last call arms a collection IDLE_MS later. */
export class IdleCollector {
  private handled = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly gc: (() => void) | undefined = exposeGc()) {}

  /** A request of `bytes` was handled (or is about to be): the function is busy. */
  busy(bytes: number): void {
    this.handled += bytes;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Nothing is in progress any more. */
  idle(): void {
    if (this.gc === undefined || this.handled < GC_AFTER_BYTES || this.timer !== undefined) return;
    const gc = this.gc;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.handled = 0;
      gc();
    }, IDLE_MS);
    this.timer.unref();
  }
}
