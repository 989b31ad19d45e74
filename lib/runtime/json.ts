// Canonical JSON for everything we put on the wire.
//
// The protobuf Struct encoder in the SDK throws on bigint and silently turns a Date into {}; CEL
// hands us bigints. And map order in a Struct follows JS insertion order, so two logically equal
// objects built in a different order would encode to different bytes. Every value that leaves a
// function goes through `canonical`, which fixes both: sorted keys, plain JSON scalars only.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Returns a deep copy of `value` as plain JSON with object keys sorted; `undefined` members are dropped. */
export function canonical(value: unknown, path = '$'): JsonValue {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`${path}: ${value} is not a finite number`);
      return value;
    case 'bigint':
      // int64 values beyond 2^53 cannot be a JSON number without losing digits; keep them exact as text.
      return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(value)
        : value.toString();
    case 'object': {
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new Error(`${path}: invalid Date`);
        return value.toISOString();
      }
      if (Array.isArray(value)) {
        return value.map((item: unknown, i) =>
          item === undefined ? null : canonical(item, `${path}[${i}]`),
        );
      }
      const out: JsonObject = {};
      for (const key of Object.keys(value).sort()) {
        const member = (value as Record<string, unknown>)[key];
        if (member !== undefined) out[key] = canonical(member, `${path}.${key}`);
      }
      return out;
    }
    default:
      throw new Error(`${path}: cannot encode a ${typeof value}`);
  }
}

/**
 * A protobuf Struct from the request (the pipeline context), passed on with keys sorted at every
 * depth and nothing else changed. Unlike `canonical` it keeps NaN and ±Infinity: a Struct's
 * number is a double and carries them, the context belongs to the pipeline, and a value we do not
 * read must never stop us from answering.
 */
export function sortedStruct(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedStruct);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortedStruct(value[key]);
  return out;
}

/** canonical() for values known to be objects (Kubernetes manifests, statuses). */
export function canonicalObject(value: object): JsonObject {
  return canonical(value) as JsonObject;
}

/** True when `value` is a non-null, non-array object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
