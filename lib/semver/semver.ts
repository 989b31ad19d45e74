// Semantic versions with the semantics of github.com/blang/semver/v4, which the Kubernetes CEL
// semver library (and DRA `version` attributes) use: strict MAJOR.MINOR.PATCH[-pre][+build], no
// leading zeros, build metadata ignored in comparisons. `parseSemverWith(s, true)` is the Kubernetes
// overload `semver(s, true)`. tests/cel-parity.test.ts checks both against the real libraries.

export interface PrereleaseId {
  readonly numeric: boolean;
  readonly num: bigint;
  readonly str: string;
}

export interface Semver {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly pre: readonly PrereleaseId[];
  readonly build: readonly string[];
}

export type SemverResult = { ok: true; version: Semver } | { ok: false; error: string };

const UINT64_MAX = (1n << 64n) - 1n;
const ALNUM = /^[0-9A-Za-z-]+$/;
const NUMERIC = /^[0-9]+$/;

function parseUint(part: string, what: string): bigint | string {
  if (!NUMERIC.test(part)) return `Invalid character(s) found in ${what} number "${part}"`;
  if (part.length > 1 && part.startsWith('0'))
    return `${capitalize(what)} number must not contain leading zeroes "${part}"`;
  const v = BigInt(part);
  if (v > UINT64_MAX) return `${capitalize(what)} number "${part}" is out of range`;
  return v;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** semver.Parse (strict). */
export function parseSemver(s: string): SemverResult {
  if (s.length === 0) return { ok: false, error: 'Version string empty' };
  const parts = s.split('.');
  if (parts.length < 3) return { ok: false, error: 'No Major.Minor.Patch elements found' };
  const [majorS = '', minorS = ''] = parts;
  const rest = parts.slice(2).join('.');
  const major = parseUint(majorS, 'major');
  if (typeof major === 'string') return { ok: false, error: major };
  const minor = parseUint(minorS, 'minor');
  if (typeof minor === 'string') return { ok: false, error: minor };

  let patchStr = rest;
  let preStr: string | undefined;
  let buildStr: string | undefined;
  const cut = rest.search(/[+-]/);
  if (cut >= 0) {
    patchStr = rest.slice(0, cut);
    const tail = rest.slice(cut);
    if (tail.startsWith('-')) {
      const plus = tail.indexOf('+');
      preStr = plus >= 0 ? tail.slice(1, plus) : tail.slice(1);
      if (plus >= 0) buildStr = tail.slice(plus + 1);
    } else {
      buildStr = tail.slice(1);
    }
  }
  const patch = parseUint(patchStr, 'patch');
  if (typeof patch === 'string') return { ok: false, error: patch };

  const pre: PrereleaseId[] = [];
  if (preStr !== undefined) {
    for (const id of preStr.split('.')) {
      const parsed = parsePrerelease(id);
      if (typeof parsed === 'string') return { ok: false, error: parsed };
      pre.push(parsed);
    }
  }
  const build: string[] = [];
  if (buildStr !== undefined) {
    for (const id of buildStr.split('.')) {
      if (id.length === 0) return { ok: false, error: 'Build meta data is empty' };
      if (!ALNUM.test(id))
        return { ok: false, error: `Invalid character(s) found in build meta data "${id}"` };
      build.push(id);
    }
  }
  return { ok: true, version: { major, minor, patch, pre, build } };
}

function parsePrerelease(id: string): PrereleaseId | string {
  if (id.length === 0) return 'Prerelease is empty';
  if (NUMERIC.test(id)) {
    if (id.length > 1 && id.startsWith('0'))
      return `Numeric PreRelease version must not contain leading zeroes "${id}"`;
    const num = BigInt(id);
    if (num > UINT64_MAX) return `Version part "${id}" is out of range`;
    return { numeric: true, num, str: id };
  }
  if (!ALNUM.test(id)) return `Invalid character(s) found in prerelease "${id}"`;
  return { numeric: false, num: 0n, str: id };
}

/**
 * The Kubernetes `semver(s, true)` rules, as k8s.io/apiserver/pkg/cel/library/semverlib.go's
 * normalizeAndParse: drop one leading "v"; split into at most three parts on "."; strip the leading
 * zeros of each part longer than one byte (putting back a single "0" when nothing or no digit is
 * left, so "00" → "0" and "0-rc" stays "0-rc"); pad a short version with ".0" parts, except that a
 * short version may not carry a prerelease or build suffix. Returns the text to parse strictly.
 */
function normalizeSemverString(s: string): { ok: true; text: string } | { ok: false; error: string } {
  const parts = (s.startsWith('v') ? s.slice(1) : s).split('.');
  const head = parts.slice(0, 2);
  if (parts.length > 2) head.push(parts.slice(2).join('.'));
  const trimmed = head.map((p) => {
    if (utf8Length(p) <= 1) return p;
    const t = p.replace(/^0+/, '');
    return t === '' || !isDigit(t[0]) ? `0${t}` : t;
  });
  if (trimmed.length < 3) {
    if (/[+-]/.test(trimmed[trimmed.length - 1] ?? '')) {
      return { ok: false, error: 'short version cannot contain PreRelease/Build meta data' };
    }
    while (trimmed.length < 3) trimmed.push('0');
  }
  return { ok: true, text: trimmed.join('.') };
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const utf8 = new TextEncoder();
const utf8Length = (s: string): number => utf8.encode(s).length;

/** Parses with or without Kubernetes normalisation. */
export function parseSemverWith(s: string, normalize: boolean): SemverResult {
  if (!normalize) return parseSemver(s);
  const normalized = normalizeSemverString(s);
  return normalized.ok ? parseSemver(normalized.text) : normalized;
}

/** semver.Version.Compare: -1, 0, 1. Build metadata is ignored. */
export function compareSemver(a: Semver, b: Semver): number {
  for (const [x, y] of [
    [a.major, b.major],
    [a.minor, b.minor],
    [a.patch, b.patch],
  ] as const) {
    if (x !== y) return x < y ? -1 : 1;
  }
  if (a.pre.length === 0 && b.pre.length === 0) return 0;
  if (a.pre.length === 0) return 1;
  if (b.pre.length === 0) return -1;
  const n = Math.min(a.pre.length, b.pre.length);
  for (let i = 0; i < n; i++) {
    const c = comparePrerelease(a.pre[i] as PrereleaseId, b.pre[i] as PrereleaseId);
    if (c !== 0) return c;
  }
  if (a.pre.length === b.pre.length) return 0;
  return a.pre.length < b.pre.length ? -1 : 1;
}

function comparePrerelease(a: PrereleaseId, b: PrereleaseId): number {
  if (a.numeric && b.numeric) return a.num === b.num ? 0 : a.num < b.num ? -1 : 1;
  if (a.numeric) return -1;
  if (b.numeric) return 1;
  return a.str === b.str ? 0 : a.str < b.str ? -1 : 1;
}

/** The canonical text of a version (blang's String()). */
export function formatSemver(v: Semver): string {
  let s = `${v.major}.${v.minor}.${v.patch}`;
  if (v.pre.length > 0) s += `-${v.pre.map((p) => p.str).join('.')}`;
  if (v.build.length > 0) s += `+${v.build.join('.')}`;
  return s;
}
