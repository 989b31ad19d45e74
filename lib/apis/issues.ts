// Turning zod errors into the messages users read: "<field path>: <problem>", one per issue, sorted.

import type { z } from 'zod';

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly string[] };

/** "spec.nodePools[0].class": strings join with '.', numbers become [i]. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** One "<path>: <problem>" line per zod issue, in a stable order. */
export function formatIssues(error: z.ZodError): string[] {
  const lines = error.issues.map((issue) => {
    const path = fieldPath(issue.path);
    let message = issue.message;
    if (issue.code === 'invalid_type' && /received undefined$/.test(message)) message = 'Required value';
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => `${fieldPath([...issue.path, k])}: unknown field`).join('; ');
    }
    return path === '' ? message : `${path}: ${message}`;
  });
  return [...new Set(lines)].sort();
}

/** safeParse with our issue format. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: formatIssues(r.error) };
}
