import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHeap } from './heap.js';

describe('MinHeap', () => {
  it('pops every pushed item in ascending order, however pushes and pops interleave', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: -50, max: 50 }), { nil: undefined })), (ops) => {
        const heap = new MinHeap<number>((a, b) => a < b);
        const model: number[] = [];
        const popped: (number | undefined)[] = [];
        const expected: (number | undefined)[] = [];
        for (const op of ops) {
          if (op === undefined) {
            popped.push(heap.pop());
            model.sort((a, b) => a - b);
            expected.push(model.shift());
          } else {
            heap.push(op);
            model.push(op);
          }
        }
        expect({ popped, size: heap.size }).toEqual({ popped: expected, size: model.length });
      }),
    );
  });
});
