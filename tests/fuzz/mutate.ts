// Fuzz inputs as fast-check arbitraries. A case is a seed plus either a few structure-aware
// mutations of its Kubernetes objects (observed XR and children, required resources, desired state,
// context) or byte-level damage to its encoded form. Mutations are plain data (which node, what
// edit, what value), applied deterministically, so fast-check can shrink a failing case and a
// reproducer replays exactly.

import { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import fc from 'fast-check';

type Json = unknown;

/** Edits of one node of the request's object trees. */
export type Edit =
  | { readonly op: 'set'; readonly value: Json }
  | { readonly op: 'delete' }
  | { readonly op: 'duplicate' }
  | { readonly op: 'swap' }
  | { readonly op: 'borrow'; readonly from: number }
  | { readonly op: 'string'; readonly how: 'empty' | 'truncate' | 'append' | 'upper' | 'space' }
  | { readonly op: 'typo'; readonly at: number }
  | { readonly op: 'number'; readonly how: 'inc' | 'dec' | 'negate' | 'zero' | 'scale' | 'fraction' }
  | { readonly op: 'unresolve'; readonly requirement: number }
  | { readonly op: 'context'; readonly key: string; readonly value: Json }
  | { readonly op: 'reorder'; readonly seed: number };

export interface Mutation {
  /** Which node, modulo the number of nodes. */
  readonly at: number;
  readonly edit: Edit;
}

export type FuzzCase =
  | { readonly kind: 'structure'; readonly seed: number; readonly mutations: readonly Mutation[] }
  | { readonly kind: 'bytes'; readonly seed: number; readonly damage: readonly ByteDamage[] }
  | { readonly kind: 'garbage'; readonly bytes: Uint8Array };

export type ByteDamage =
  | { readonly op: 'flip'; readonly at: number; readonly bit: number }
  | { readonly op: 'set'; readonly at: number; readonly byte: number }
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'insert'; readonly at: number; readonly bytes: Uint8Array };

const interestingNumbers = [
  0,
  -0,
  1,
  -1,
  2,
  7,
  8,
  9,
  255,
  65535,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  1e308,
  1e-308,
  0.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];
const interestingStrings = [
  '',
  ' ',
  '0',
  '-1',
  '1.5',
  '1e400',
  'NaN',
  'true',
  'null',
  'True',
  'False',
  'Unknown',
  'Ready',
  'a'.repeat(300),
  '\u0000',
  'é',
  '😀',
  '../..',
  'default',
  'ml-team',
  '8',
  '80Gi',
  '1000000000000000000000Ei',
  '*',
  '{}',
  '[]',
  'http://',
  'https://[::1]:8443/v1',
  'GKE',
  'Existing',
  'NoExecute',
  'NoSchedule',
  'unified',
];

/** Any JSON-ish value a protobuf Struct can carry, leaning to values that break parsers. */
export const jsonValue: fc.Arbitrary<Json> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.constantFrom(...interestingNumbers),
    fc.integer(),
    fc.double(),
    fc.constantFrom(...interestingStrings),
    fc.string({ maxLength: 20 }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('name', 'count', 'status', 'spec', 'type', 'x', ''), tie('value'), {
      maxKeys: 3,
    }),
  ),
})).value;

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), value: jsonValue }),
  fc.constant({ op: 'delete' as const }),
  fc.constant({ op: 'duplicate' as const }),
  fc.constant({ op: 'swap' as const }),
  fc.record({ op: fc.constant('borrow' as const), from: fc.nat() }),
  fc.record({
    op: fc.constant('string' as const),
    how: fc.constantFrom('empty', 'truncate', 'append', 'upper', 'space'),
  }),
  fc.record({ op: fc.constant('typo' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('number' as const),
    how: fc.constantFrom('inc', 'dec', 'negate', 'zero', 'scale', 'fraction'),
  }),
  fc.record({ op: fc.constant('unresolve' as const), requirement: fc.nat() }),
  fc.record({
    op: fc.constant('context' as const),
    key: fc.constantFrom('apiextensions.crossplane.io/environment', 'team', ''),
    value: jsonValue,
  }),
  fc.record({ op: fc.constant('reorder' as const), seed: fc.nat() }),
);

const damage: fc.Arbitrary<ByteDamage> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), byte: fc.nat({ max: 255 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 8 }) }),
);

/** Mostly structure-aware cases, some byte-level damage and some plain garbage. */
export function fuzzCase(seeds: number): fc.Arbitrary<FuzzCase> {
  const seed = fc.nat({ max: seeds - 1 });
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record({
        kind: fc.constant('structure' as const),
        seed,
        mutations: fc.array(fc.record({ at: fc.nat(), edit }), { minLength: 1, maxLength: 4 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('bytes' as const),
        seed,
        damage: fc.array(damage, { minLength: 1, maxLength: 4 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('garbage' as const),
        bytes: fc.uint8Array({ maxLength: 64 }),
      }),
    },
  );
}

// ---- Applying a case ----

interface Node {
  readonly parent: Record<string, Json> | Json[];
  readonly key: string | number;
  /**
   * A protobuf message level (an observed child, a required item): only removed, duplicated or
   * reordered, never given a value of another type, so the request still encodes.
   */
  readonly structural: boolean;
}

const isRecord = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The nodes of the request's Kubernetes objects (inside each protobuf Struct) plus the structural
 * entries that hold them, in a fixed order, by region: the XR; its observed children; the required
 * resources; the desired state and the context. A mutation picks a region first, so a small XR
 * spec is edited as often as a long list of required resources.
 */
function regions(req: Record<string, Json>): Node[][] {
  const walker = (out: Node[]) => {
    const walk = (container: Json, depth: number): void => {
      if (depth > 40 || container === null || typeof container !== 'object') return;
      if (Array.isArray(container)) {
        container.forEach((v, i) => {
          out.push({ parent: container, key: i, structural: false });
          walk(v, depth + 1);
        });
        return;
      }
      for (const k of Object.keys(container)) {
        out.push({ parent: container as Record<string, Json>, key: k, structural: false });
        walk((container as Record<string, Json>)[k], depth + 1);
      }
    };
    /** A map or list of protobuf Resources: each entry is structural, its `resource` a Struct. */
    const resources = (holder: Json): void => {
      if (Array.isArray(holder)) {
        holder.forEach((r, i) => {
          out.push({ parent: holder, key: i, structural: true });
          if (isRecord(r)) walk(r.resource, 0);
        });
      } else if (isRecord(holder)) {
        for (const [k, r] of Object.entries(holder)) {
          out.push({ parent: holder, key: k, structural: true });
          if (isRecord(r)) walk(r.resource, 0);
        }
      }
    };
    return { walk, resources };
  };
  const observed = isRecord(req.observed) ? req.observed : {};
  const desired = isRecord(req.desired) ? req.desired : {};
  const xr: Node[] = [];
  const children: Node[] = [];
  const required: Node[] = [];
  const rest: Node[] = [];
  if (isRecord(observed.composite)) walker(xr).walk(observed.composite.resource, 0);
  walker(children).resources(observed.resources);
  if (isRecord(req.requiredResources)) {
    for (const entry of Object.values(req.requiredResources))
      if (isRecord(entry)) walker(required).resources(entry.items);
  }
  if (isRecord(desired.composite)) walker(rest).walk(desired.composite.resource, 0);
  walker(rest).resources(desired.resources);
  walker(rest).walk(req.context, 0);
  return [xr, children, required, rest].filter((r) => r.length > 0);
}

/** Every node, all regions. */
function nodes(req: Record<string, Json>): Node[] {
  return regions(req).flat();
}

function strings(req: Record<string, Json>): string[] {
  const out: string[] = [];
  for (const n of nodes(req)) {
    const v = (n.parent as Record<string | number, Json>)[n.key];
    if (typeof v === 'string') out.push(v);
  }
  return out;
}

function editString(s: string, how: Extract<Edit, { op: 'string' }>['how']): string {
  switch (how) {
    case 'empty':
      return '';
    case 'truncate':
      return s.slice(0, Math.floor(s.length / 2));
    case 'append':
      return `${s}x`;
    case 'upper':
      return s.toUpperCase();
    case 'space':
      return ` ${s} `;
  }
}

function editNumber(n: number, how: Extract<Edit, { op: 'number' }>['how']): number {
  switch (how) {
    case 'inc':
      return n + 1;
    case 'dec':
      return n - 1;
    case 'negate':
      return -n;
    case 'zero':
      return 0;
    case 'scale':
      return n * 1000;
    case 'fraction':
      return n + 0.5;
  }
}

function applyMutation(req: Record<string, Json>, m: Mutation): void {
  const { edit: e } = m;
  if (e.op === 'unresolve') {
    // Crossplane has not fetched one requirement yet (or fetched nothing for it).
    const required = req.requiredResources as Record<string, Json> | undefined;
    const keys = Object.keys(required ?? {});
    const key = keys[e.requirement % Math.max(keys.length, 1)];
    if (required !== undefined && key !== undefined) Reflect.deleteProperty(required, key);
    return;
  }
  if (e.op === 'context') {
    // The pipeline context other steps (or Crossplane's environment) put in.
    const context = isRecord(req.context) ? req.context : {};
    context[e.key] = structuredClone(e.value);
    req.context = context;
    return;
  }
  const all = regions(req);
  if (all.length === 0) return;
  const region = all[m.at % all.length] as Node[];
  const node = region[Math.floor(m.at / all.length) % region.length] as Node;
  const parent = node.parent as Record<string | number, Json>;
  const current = parent[node.key];
  if (node.structural && !['delete', 'duplicate', 'swap'].includes(e.op)) return;
  switch (e.op) {
    case 'set':
      parent[node.key] = structuredClone(e.value);
      return;
    case 'delete':
      if (Array.isArray(node.parent)) node.parent.splice(node.key as number, 1);
      else Reflect.deleteProperty(parent, node.key);
      return;
    case 'duplicate':
      if (Array.isArray(node.parent)) node.parent.splice(node.key as number, 0, structuredClone(current));
      else parent[`${String(node.key)}-copy`] = structuredClone(current);
      return;
    case 'swap': {
      if (!Array.isArray(node.parent) || node.parent.length < 2) return;
      const i = node.key as number;
      const j = (i + 1) % node.parent.length;
      [node.parent[i], node.parent[j]] = [node.parent[j], node.parent[i]];
      return;
    }
    case 'borrow': {
      const pool = strings(req);
      if (pool.length > 0) parent[node.key] = pool[e.from % pool.length];
      return;
    }
    case 'string':
      if (typeof current === 'string') parent[node.key] = editString(current, e.how);
      return;
    case 'typo':
      // One character dropped, as in a misspelt attribute key ("archtecture").
      if (typeof current === 'string' && current.length > 0) {
        const i = e.at % current.length;
        parent[node.key] = current.slice(0, i) + current.slice(i + 1);
      }
      return;
    case 'number':
      if (typeof current === 'number') parent[node.key] = editNumber(current, e.how);
      return;
    case 'reorder':
      if (Array.isArray(current) && current.length > 1) {
        const list = current as Json[];
        const rotate = e.seed % list.length;
        parent[node.key] = [...list.slice(rotate), ...list.slice(0, rotate)];
      }
      return;
  }
}

function applyDamage(bytes: Uint8Array, damages: readonly ByteDamage[]): Uint8Array {
  let out = Uint8Array.from(bytes);
  for (const d of damages) {
    if (out.length === 0) break;
    const at = d.at % out.length;
    switch (d.op) {
      case 'flip':
        out[at] = (out[at] ?? 0) ^ (1 << d.bit);
        break;
      case 'set':
        out[at] = d.byte;
        break;
      case 'truncate':
        out = out.slice(0, at);
        break;
      case 'insert':
        out = Uint8Array.from([...out.slice(0, at), ...d.bytes, ...out.slice(at)]);
        break;
    }
  }
  return out;
}

export interface Built {
  /** The bytes sent. */
  readonly bytes: Uint8Array;
  /** The request, when the bytes are a valid RunFunctionRequest built by mutating a seed. */
  readonly request: RunFunctionRequest | undefined;
}

/** The bytes (and, for structure cases, the request) of a case over `seeds`. */
export function build(c: FuzzCase, seeds: readonly RunFunctionRequest[]): Built {
  if (c.kind === 'garbage') return { bytes: c.bytes, request: undefined };
  const seed = seeds[c.seed % seeds.length] as RunFunctionRequest;
  if (c.kind === 'bytes') {
    return { bytes: applyDamage(RunFunctionRequest.encode(seed).finish(), c.damage), request: undefined };
  }
  const req = structuredClone(seed) as unknown as Record<string, Json>;
  for (const m of c.mutations) applyMutation(req, m);
  const request = RunFunctionRequest.fromPartial(req as Parameters<typeof RunFunctionRequest.fromPartial>[0]);
  return { bytes: RunFunctionRequest.encode(request).finish(), request };
}
