// Structural validation and defaulting against an OpenAPI v3 (structural) schema, the subset the
// Kubernetes API server applies to custom resources: type, required, enum, minimum/maximum,
// minLength/maxLength, pattern, minItems/maxItems, maxProperties, additionalProperties,
// x-kubernetes-int-or-string, x-kubernetes-preserve-unknown-fields, list-type map/set uniqueness,
// and unknown fields reported as kubectl's strict field validation does.
//
// Hand-written on purpose: it is ~200 lines over the handful of keywords our generated XRDs use,
// and it speaks Kubernetes' language ("spec.replicas: Invalid value: 2000: must be less than or
// equal to 1000"), which a JSON Schema library (ajv is not a dependency) would not without a
// translation layer of the same size. CEL rules (x-kubernetes-validations) are not evaluated here:
// the zod schemas in lib/apis mirror each of them (tests/xrd-cases.ts proves the parity).

import { isObject } from '../runtime/json.js';

export type Schema = Readonly<Record<string, unknown>>;

/** One problem: where (a field path like spec.nodePools[0].name) and what. */
export interface SchemaProblem {
  readonly path: string;
  readonly problem: string;
}

function child(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

/** Length in Unicode code points, as Kubernetes counts maxLength (runes). */
export function codePoints(text: string): number {
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

const schemaOf = (value: unknown): Schema | undefined => (isObject(value) ? value : undefined);

/** Every problem of `value` against `schema`, in document order. */
export function validateSchema(schema: Schema, value: unknown, path = ''): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  visit(schema, value, path, out);
  return out;
}

function visit(schema: Schema, value: unknown, path: string, out: SchemaProblem[]): void {
  if (value === null) {
    // The API server drops explicit nulls of fields that are not nullable; nothing to check.
    return;
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    if (typeOf(value) !== 'integer' && typeof value !== 'string') {
      out.push({ path, problem: `Invalid value: ${show(value)}: must be an integer or a string` });
      return;
    }
    if (typeof value === 'string') checkString(schema, value, path, out);
    return;
  }
  const type = typeof schema.type === 'string' ? schema.type : undefined;
  if (type !== undefined && !hasType(value, type)) {
    out.push({ path, problem: `Invalid value: ${show(value)}: must be of type ${type}` });
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    const supported = schema.enum.map(show).join(', ');
    out.push({ path, problem: `Unsupported value: ${show(value)}: supported values: ${supported}` });
    return;
  }
  if (typeof value === 'string') checkString(schema, value, path, out);
  else if (typeof value === 'number') checkNumber(schema, value, path, out);
  else if (Array.isArray(value)) checkArray(schema, value, path, out);
  else if (isObject(value)) checkObject(schema, value, path, out);
}

function checkString(schema: Schema, value: string, path: string, out: SchemaProblem[]): void {
  const length = codePoints(value);
  if (typeof schema.minLength === 'number' && length < schema.minLength) {
    out.push({
      path,
      problem: `Invalid value: ${show(value)}: must be at least ${schema.minLength} characters long`,
    });
  }
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
    out.push({ path, problem: `Too long: may not be more than ${schema.maxLength} characters` });
  }
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
    out.push({ path, problem: `Invalid value: ${show(value)}: should match '${schema.pattern}'` });
  }
}

function checkNumber(schema: Schema, value: number, path: string, out: SchemaProblem[]): void {
  if (typeof schema.minimum === 'number' && value < schema.minimum) {
    out.push({
      path,
      problem: `Invalid value: ${value}: must be greater than or equal to ${schema.minimum}`,
    });
  }
  if (typeof schema.maximum === 'number' && value > schema.maximum) {
    out.push({ path, problem: `Invalid value: ${value}: must be less than or equal to ${schema.maximum}` });
  }
}

function checkArray(schema: Schema, value: readonly unknown[], path: string, out: SchemaProblem[]): void {
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
    out.push({
      path,
      problem: `Invalid value: ${value.length}: must have at least ${schema.minItems} items`,
    });
  }
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
    out.push({ path, problem: `Too many: ${value.length}: must have at most ${schema.maxItems} items` });
  }
  const items = schemaOf(schema.items);
  value.forEach((item, i) => {
    if (items !== undefined) visit(items, item, `${path}[${i}]`, out);
  });
  checkListUniqueness(schema, value, path, out);
}

/** list-type map: entries are unique by their keys; list-type set: values are unique. */
function checkListUniqueness(
  schema: Schema,
  value: readonly unknown[],
  path: string,
  out: SchemaProblem[],
): void {
  const listType = schema['x-kubernetes-list-type'];
  if (listType !== 'map' && listType !== 'set') return;
  const keys = Array.isArray(schema['x-kubernetes-list-map-keys'])
    ? schema['x-kubernetes-list-map-keys'].filter((k): k is string => typeof k === 'string')
    : [];
  const seen = new Set<string>();
  value.forEach((item, i) => {
    const identity =
      listType === 'set'
        ? item
        : Object.fromEntries(keys.map((k) => [k, isObject(item) ? item[k] : undefined]));
    const text = show(identity);
    if (seen.has(text)) out.push({ path: `${path}[${i}]`, problem: `Duplicate value: ${text}` });
    seen.add(text);
  });
}

function checkObject(
  schema: Schema,
  value: Readonly<Record<string, unknown>>,
  path: string,
  out: SchemaProblem[],
): void {
  const properties = schemaOf(schema.properties) ?? {};
  const additional = schemaOf(schema.additionalProperties);
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const required = Array.isArray(schema.required) ? schema.required : [];
  for (const key of required) {
    if (typeof key === 'string' && (value[key] === undefined || value[key] === null)) {
      out.push({ path: child(path, key), problem: 'Required value' });
    }
  }
  const count = Object.keys(value).length;
  if (typeof schema.maxProperties === 'number' && count > schema.maxProperties) {
    out.push({ path, problem: `Too many: ${count}: must have at most ${schema.maxProperties} items` });
  }
  for (const [key, member] of Object.entries(value)) {
    const own = schemaOf(properties[key]);
    if (own !== undefined) visit(own, member, child(path, key), out);
    else if (additional !== undefined) visit(additional, member, child(path, key), out);
    else if (!preserve)
      out.push({ path: child(path, key), problem: unknownField(key, Object.keys(properties)) });
  }
}

/** "unknown field", with the closest known field when it looks like a typo. */
export function unknownField(key: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of [...known].sort()) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const close = best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 4));
  return close ? `unknown field (did you mean "${best}"?)` : 'unknown field';
}

/** Levenshtein distance; fields are short, so the quadratic table is fine. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * `value` with the schema's defaults filled in, as the API server stores an object: a missing
 * field with a default gets it, and defaulting continues inside what was filled in. Returns a copy.
 */
export function applyDefaults(schema: Schema, value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = schemaOf(schema.items);
    return items === undefined ? structuredClone(value) : value.map((item) => applyDefaults(items, item));
  }
  if (!isObject(value)) return structuredClone(value);
  const properties = schemaOf(schema.properties) ?? {};
  const additional = schemaOf(schema.additionalProperties);
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    const own = schemaOf(properties[key]) ?? additional;
    out[key] = own === undefined ? structuredClone(member) : applyDefaults(own, member);
  }
  for (const [key, prop] of Object.entries(properties)) {
    const own = schemaOf(prop);
    if (own === undefined || out[key] !== undefined || own.default === undefined) continue;
    out[key] = applyDefaults(own, structuredClone(own.default));
  }
  return out;
}
