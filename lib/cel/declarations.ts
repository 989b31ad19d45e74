// What the checker knows about every function the environment offers: the CEL standard library
// (with Kubernetes' cross-type numeric comparisons), the strings extension as Kubernetes enables it,
// and the Kubernetes quantity and semver libraries (k8s.io/apiserver/pkg/cel/library). Each overload
// here has a runtime implementation in @bufbuild/cel or in ./functions.ts; a function missing from
// this table is an "undeclared reference" at compile time, as in Kubernetes.

import {
  BOOL,
  BYTES,
  DOUBLE,
  DURATION,
  DYN,
  INT,
  QUANTITY,
  SEMVER,
  STRING,
  TIMESTAMP,
  UINT,
  list,
  map,
  param,
  typeOf,
  type Type,
} from './types.js';

export interface Overload {
  /** Called as `target.name(args)` rather than `name(target, args)`. */
  readonly member: boolean;
  /** For a member overload the first parameter is the target. */
  readonly params: readonly Type[];
  readonly result: Type;
}

const A = param('A');
const B = param('B');
const K = param('K');
const V = param('V');

const fn = (params: readonly Type[], result: Type): Overload => ({ member: false, params, result });
const method = (params: readonly Type[], result: Type): Overload => ({ member: true, params, result });

const COMPARABLE: readonly (readonly [Type, Type])[] = [
  [BOOL, BOOL],
  [INT, INT],
  [UINT, UINT],
  [DOUBLE, DOUBLE],
  [STRING, STRING],
  [BYTES, BYTES],
  [TIMESTAMP, TIMESTAMP],
  [DURATION, DURATION],
  // cel.CrossTypeNumericComparisons(true), part of the Kubernetes base environment.
  [INT, UINT],
  [INT, DOUBLE],
  [UINT, INT],
  [UINT, DOUBLE],
  [DOUBLE, INT],
  [DOUBLE, UINT],
];
const comparison = COMPARABLE.map(([l, r]) => fn([l, r], BOOL));
const arithmetic = (...types: Type[]): Overload[] => types.map((t) => fn([t, t], t));

const TIMESTAMP_GETTERS = [
  'getFullYear',
  'getMonth',
  'getDayOfYear',
  'getDayOfMonth',
  'getDate',
  'getDayOfWeek',
  'getHours',
  'getMinutes',
  'getSeconds',
  'getMilliseconds',
];
const DURATION_GETTERS = ['getHours', 'getMinutes', 'getSeconds', 'getMilliseconds'];

const table: Record<string, Overload[]> = {
  // The checker treats && and || specially (any number of bool operands); listed so they resolve.
  '_&&_': [fn([BOOL, BOOL], BOOL)],
  '_||_': [fn([BOOL, BOOL], BOOL)],
  '!_': [fn([BOOL], BOOL)],
  '-_': [fn([INT], INT), fn([DOUBLE], DOUBLE)],
  '_?_:_': [fn([BOOL, A, A], A)],
  '_==_': [fn([A, A], BOOL)],
  '_!=_': [fn([A, A], BOOL)],
  '_<_': comparison,
  '_<=_': comparison,
  '_>_': comparison,
  '_>=_': comparison,
  '_+_': [
    ...arithmetic(INT, UINT, DOUBLE, STRING, BYTES),
    fn([list(A), list(A)], list(A)),
    fn([TIMESTAMP, DURATION], TIMESTAMP),
    fn([DURATION, TIMESTAMP], TIMESTAMP),
    fn([DURATION, DURATION], DURATION),
  ],
  '_-_': [
    ...arithmetic(INT, UINT, DOUBLE),
    fn([TIMESTAMP, TIMESTAMP], DURATION),
    fn([TIMESTAMP, DURATION], TIMESTAMP),
    fn([DURATION, DURATION], DURATION),
  ],
  '_*_': arithmetic(INT, UINT, DOUBLE),
  '_/_': arithmetic(INT, UINT, DOUBLE),
  '_%_': arithmetic(INT, UINT),
  '_[_]': [fn([list(A), INT], A), fn([map(K, V), K], V)],
  '@in': [fn([A, list(A)], BOOL), fn([A, map(A, B)], BOOL)],
  '@not_strictly_false': [fn([BOOL], BOOL)],
  size: [
    fn([STRING], INT),
    fn([BYTES], INT),
    fn([list(A)], INT),
    fn([map(K, V)], INT),
    method([STRING], INT),
    method([BYTES], INT),
    method([list(A)], INT),
    method([map(K, V)], INT),
  ],
  contains: [method([STRING, STRING], BOOL)],
  startsWith: [method([STRING, STRING], BOOL)],
  endsWith: [method([STRING, STRING], BOOL)],
  matches: [fn([STRING, STRING], BOOL), method([STRING, STRING], BOOL)],
  int: [INT, UINT, DOUBLE, STRING, TIMESTAMP, DURATION].map((t) => fn([t], INT)),
  uint: [UINT, INT, DOUBLE, STRING].map((t) => fn([t], UINT)),
  double: [DOUBLE, INT, UINT, STRING].map((t) => fn([t], DOUBLE)),
  string: [STRING, BOOL, INT, UINT, DOUBLE, BYTES, TIMESTAMP, DURATION].map((t) => fn([t], STRING)),
  bytes: [BYTES, STRING].map((t) => fn([t], BYTES)),
  bool: [BOOL, STRING].map((t) => fn([t], BOOL)),
  dyn: [fn([A], DYN)],
  type: [fn([A], typeOf(A))],
  duration: [fn([STRING], DURATION), fn([DURATION], DURATION), fn([INT], DURATION)],
  timestamp: [fn([STRING], TIMESTAMP), fn([TIMESTAMP], TIMESTAMP), fn([INT], TIMESTAMP)],

  // The strings extension (cel-go ext.Strings, version 2 in the Kubernetes base environment).
  charAt: [method([STRING, INT], STRING)],
  indexOf: [method([STRING, STRING], INT), method([STRING, STRING, INT], INT)],
  lastIndexOf: [method([STRING, STRING], INT), method([STRING, STRING, INT], INT)],
  lowerAscii: [method([STRING], STRING)],
  upperAscii: [method([STRING], STRING)],
  replace: [method([STRING, STRING, STRING], STRING), method([STRING, STRING, STRING, INT], STRING)],
  split: [method([STRING, STRING], list(STRING)), method([STRING, STRING, INT], list(STRING))],
  substring: [method([STRING, INT], STRING), method([STRING, INT, INT], STRING)],
  trim: [method([STRING], STRING)],
  join: [method([list(STRING)], STRING), method([list(STRING), STRING], STRING)],
  'strings.quote': [fn([STRING], STRING)],

  // k8s.io/apiserver/pkg/cel/library/quantity.go (sign is a global function there, not a method).
  quantity: [fn([STRING], QUANTITY)],
  isQuantity: [fn([STRING], BOOL)],
  sign: [fn([QUANTITY], INT)],
  asApproximateFloat: [method([QUANTITY], DOUBLE)],
  asInteger: [method([QUANTITY], INT)],
  isInteger: [method([QUANTITY], BOOL)],
  add: [method([QUANTITY, QUANTITY], QUANTITY), method([QUANTITY, INT], QUANTITY)],
  sub: [method([QUANTITY, QUANTITY], QUANTITY), method([QUANTITY, INT], QUANTITY)],
  // Shared by both libraries.
  isGreaterThan: [method([QUANTITY, QUANTITY], BOOL), method([SEMVER, SEMVER], BOOL)],
  isLessThan: [method([QUANTITY, QUANTITY], BOOL), method([SEMVER, SEMVER], BOOL)],
  compareTo: [method([QUANTITY, QUANTITY], INT), method([SEMVER, SEMVER], INT)],

  // k8s.io/apiserver/pkg/cel/library/semverlib.go, version 1 (with the normalize overloads).
  semver: [fn([STRING], SEMVER), fn([STRING, BOOL], SEMVER)],
  isSemver: [fn([STRING], BOOL), fn([STRING, BOOL], BOOL)],
  major: [method([SEMVER], INT)],
  minor: [method([SEMVER], INT)],
  patch: [method([SEMVER], INT)],
};

for (const name of TIMESTAMP_GETTERS) {
  table[name] = [method([TIMESTAMP], INT), method([TIMESTAMP, STRING], INT)];
}
for (const name of DURATION_GETTERS) {
  table[name]?.push(method([DURATION], INT));
}

export const FUNCTIONS: ReadonlyMap<string, readonly Overload[]> = new Map(Object.entries(table));

/** Identifiers that name a type and evaluate to it (`type(x) == int`). */
export const TYPE_IDENTIFIERS: ReadonlyMap<string, Type> = new Map([
  ['int', typeOf(INT)],
  ['uint', typeOf(UINT)],
  ['double', typeOf(DOUBLE)],
  ['bool', typeOf(BOOL)],
  ['string', typeOf(STRING)],
  ['bytes', typeOf(BYTES)],
  ['list', typeOf(list(DYN))],
  ['map', typeOf(map(DYN, DYN))],
  ['null_type', typeOf({ kind: 'null_type' })],
  ['type', typeOf({ kind: 'type' })],
]);
