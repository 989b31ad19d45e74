import { describe, expect, it } from 'vitest';
import { canonical, sortedStruct } from './json.js';

describe('canonical', () => {
  const cases: { name: string; input: unknown; want: unknown }[] = [
    {
      name: 'sorts object keys at every depth',
      input: { b: 1, a: { d: 2, c: [{ z: 1, y: 2 }] } },
      want: { a: { c: [{ y: 2, z: 1 }], d: 2 }, b: 1 },
    },
    { name: 'drops undefined members but keeps null', input: { a: undefined, b: null }, want: { b: null } },
    { name: 'turns undefined array items into null, like JSON', input: [1, undefined], want: [1, null] },
    { name: 'turns a safe bigint into a number', input: { n: 42n }, want: { n: 42 } },
    {
      name: 'keeps a bigint beyond 2^53 exact as text',
      input: { n: 9223372036854775807n },
      want: { n: '9223372036854775807' },
    },
    {
      name: 'turns a Date into its ISO text',
      input: { t: new Date(Date.UTC(2026, 0, 2)) },
      want: { t: '2026-01-02T00:00:00.000Z' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(canonical(c.input)).toEqual(c.want);
    });
  }

  it('gives the same key order whatever order the object was built in', () => {
    expect(JSON.stringify(canonical({ x: 1, a: 2 }))).toBe(JSON.stringify(canonical({ a: 2, x: 1 })));
  });

  it('rejects values JSON cannot carry, naming where they are', () => {
    expect(() => canonical({ a: [1, Number.NaN] })).toThrow('$.a[1]: NaN is not a finite number');
    expect(() => canonical({ f: () => 1 })).toThrow('$.f: cannot encode a function');
  });
});

describe('sortedStruct', () => {
  it('sorts keys at every depth and keeps every number a protobuf double can carry', () => {
    const out = sortedStruct({ z: [Number.NaN, { y: Number.NEGATIVE_INFINITY, b: null }], a: Infinity });
    expect(out).toEqual({ a: Infinity, z: [Number.NaN, { b: null, y: Number.NEGATIVE_INFINITY }] });
    expect(JSON.stringify(Object.keys(out as object))).toBe('["a","z"]');
  });
});
