// A binary min-heap: the fill step picks the least-loaded fitting cluster once per placed replica,
// so a heap keeps that O(log clusters) instead of a scan. Hand-written (30 lines) rather than a
// dependency: the bundles ship to every function and nothing else needs one.

export class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const up = items[parent] as T;
      if (!this.less(item, up)) break;
      items[i] = up;
      i = parent;
    }
    items[i] = item;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    // Sift `last` down from the root, moving smaller children up (no swaps, no allocation).
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = l;
      if (l >= items.length) break;
      if (r < items.length && this.less(items[r] as T, items[l] as T)) min = r;
      const child = items[min] as T;
      if (!this.less(child, last)) break;
      items[i] = child;
      i = min;
    }
    items[i] = last;
    return top;
  }
}
