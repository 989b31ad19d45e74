// blang/semver strict parsing and ordering, and the Kubernetes `semver(s, true)` normalization.
// tests/cel-parity.test.ts checks the same functions against the real libraries.

import { describe, expect, it } from 'vitest';
import { compareSemver, formatSemver, parseSemver, parseSemverWith, type Semver } from './semver.js';

const v = (
  major: bigint,
  minor: bigint,
  patch: bigint,
  pre: Semver['pre'] = [],
  build: string[] = [],
): Semver => ({
  major,
  minor,
  patch,
  pre,
  build,
});
const num = (n: bigint) => ({ numeric: true, num: n, str: n.toString() });
const word = (s: string) => ({ numeric: false, num: 0n, str: s });

describe('parseSemver (strict, as blang/semver Parse)', () => {
  const cases: [string, string, ReturnType<typeof parseSemver>][] = [
    ['a plain version', '1.2.3', { ok: true, version: v(1n, 2n, 3n) }],
    [
      'prerelease identifiers, numeric and alphanumeric',
      '1.2.3-rc.1',
      { ok: true, version: v(1n, 2n, 3n, [word('rc'), num(1n)]) },
    ],
    [
      'build metadata after the prerelease',
      '1.0.0-beta+exp.sha.5114f85',
      { ok: true, version: v(1n, 0n, 0n, [word('beta')], ['exp', 'sha', '5114f85']) },
    ],
    [
      'a hyphen inside build metadata',
      '1.2.3+build-1',
      { ok: true, version: v(1n, 2n, 3n, [], ['build-1']) },
    ],
    [
      'the largest uint64 major',
      '18446744073709551615.0.0',
      { ok: true, version: v(18446744073709551615n, 0n, 0n) },
    ],
    ['no leading "v"', 'v1.2.3', { ok: false, error: 'Invalid character(s) found in major number "v1"' }],
    ['no short versions', '1.2', { ok: false, error: 'No Major.Minor.Patch elements found' }],
    ['no leading zeros', '1.02.3', { ok: false, error: 'Minor number must not contain leading zeroes "02"' }],
    [
      'no leading zeros in a numeric prerelease',
      '1.2.3-rc.01',
      { ok: false, error: 'Numeric PreRelease version must not contain leading zeroes "01"' },
    ],
    ['no empty prerelease identifier', '1.2.3-a..b', { ok: false, error: 'Prerelease is empty' }],
    ['no empty build identifier', '1.2.3+', { ok: false, error: 'Build meta data is empty' }],
    [
      'no uint64 overflow',
      '18446744073709551616.0.0',
      { ok: false, error: 'Major number "18446744073709551616" is out of range' },
    ],
  ];
  for (const [name, input, want] of cases) {
    it(`parses ${name}`, () => {
      expect(parseSemver(input)).toEqual(want);
    });
  }
});

describe('parseSemverWith(s, true) (the Kubernetes normalize overload)', () => {
  const cases: [string, string, string | undefined][] = [
    ['drops one leading "v" and pads the missing parts', 'v1', '1.0.0'],
    ['strips leading zeros of every part', 'v01.02.03', '1.2.3'],
    ['keeps a single zero', '00.00.00', '0.0.0'],
    ['strips zeros before a prerelease of the patch', '1.02.003-rc.4', '1.2.3-rc.4'],
    ['leaves a leading zero in a numeric prerelease, which then fails', '1.2.3-04', undefined],
    ['puts a zero back before a bare prerelease', '1.0.00-rc', '1.0.0-rc'],
    ['refuses a prerelease on a short version', '1.2-rc1', undefined],
    ['refuses two "v"s', 'vv1.0.0', undefined],
    ['refuses an upper-case "V"', 'V1.2.3', undefined],
    ['does not trim whitespace', 'v 1.2.3', undefined],
  ];
  for (const [name, input, want] of cases) {
    it(name, () => {
      const r = parseSemverWith(input, true);
      expect(r.ok ? formatSemver(r.version) : undefined).toEqual(want);
    });
  }
});

describe('compareSemver', () => {
  it('orders prereleases as the SemVer spec does: numeric before alphanumeric, longer after its prefix', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.9.0',
      '1.10.0',
      '2.0.0',
    ];
    const parsed = [...ordered].reverse().map((s) => {
      const r = parseSemver(s);
      if (!r.ok) throw new Error(r.error);
      return r.version;
    });
    expect(parsed.sort(compareSemver).map(formatSemver)).toEqual(ordered);
  });

  it('ignores build metadata', () => {
    const a = parseSemver('1.0.0+a');
    const b = parseSemver('1.0.0+b');
    if (!a.ok || !b.ok) throw new Error('unparsable');
    expect(compareSemver(a.version, b.version)).toBe(0);
  });
});
