// Admission for the plan's input: each document is checked as the API server would check it
// (known kind, metadata, the XRD's structural schema with strict unknown-field detection) and then
// parsed with the kind's zod type, which mirrors the XRD's CEL rules. Problems found by the schema
// are reported once: a zod issue on a field the schema already flagged adds nothing.
//
// Objects that pass are stored as the API server would store them: schema defaults filled in, a
// namespaced object without a namespace in "default" (kubectl's default), and a cluster-scoped one
// without a namespace (a kind the plan does not model keeps the namespace it was written with).
//
// The same object twice (same group, kind, namespace and name) is one object when both copies are
// stored identically, as `kubectl apply` of two folders that both carry the team's Namespace would
// leave one; copies that differ are an error, since which one wins would depend on the order.

import type { z } from 'zod';
import { fieldPath } from '../apis/issues.js';
import { canonicalObject, isObject, type JsonObject } from '../runtime/json.js';
import { namespacedName } from '../runtime/request.js';
import { objectLabel, type InputDocument, type InputProblem, type Origin } from './input.js';
import { lookupKind, type KindInfo } from './kinds.js';
import { metadataProblems } from './metadata.js';
import { applyDefaults, validateSchema, type SchemaProblem } from './schema.js';

export const DEFAULT_NAMESPACE = 'default';

/** An input object that passed admission. */
export interface InputObject {
  readonly origin: Origin;
  readonly info: KindInfo;
  /** As stored: defaults filled in, namespace settled. */
  readonly object: JsonObject;
}

export interface Admitted {
  readonly objects: readonly InputObject[];
  readonly problems: readonly (InputProblem & { readonly origin: Origin })[];
}

export function admit(documents: readonly InputDocument[]): Admitted {
  const objects: InputObject[] = [];
  const problems: (InputProblem & { origin: Origin })[] = [];
  const seen = new Map<string, { origin: Origin; object: JsonObject }>();
  for (const doc of documents) {
    const checked = admitOne(doc);
    if (!checked.ok) {
      problems.push(...checked.problems);
      continue;
    }
    const { info, object } = checked.value;
    const id = identity(info, object);
    const first = seen.get(id);
    if (first !== undefined) {
      if (JSON.stringify(first.object) === JSON.stringify(object)) continue;
      problems.push({
        origin: doc.origin,
        file: doc.origin.file,
        object: objectLabel(doc.origin, object),
        path: '',
        problem: `defined twice, differently: also in ${first.origin.file} (document ${first.origin.document})`,
      });
      continue;
    }
    seen.set(id, { origin: doc.origin, object });
    objects.push(checked.value);
  }
  return { objects, problems };
}

type Checked =
  | { readonly ok: true; readonly value: InputObject }
  | { readonly ok: false; readonly problems: (InputProblem & { origin: Origin })[] };

function admitOne(doc: InputDocument): Checked {
  const { origin, value } = doc;
  const at = (path: string, problem: string, labelled: unknown = value) => ({
    origin,
    file: origin.file,
    object: objectLabel(origin, labelled),
    path,
    problem,
  });
  if (!isObject(value)) {
    return {
      ok: false,
      problems: [at('', 'not a Kubernetes object: want a mapping with apiVersion, kind and metadata')],
    };
  }
  const missing: (InputProblem & { origin: Origin })[] = [];
  if (typeof value.apiVersion !== 'string' || value.apiVersion === '')
    missing.push(at('apiVersion', 'Required value'));
  if (typeof value.kind !== 'string' || value.kind === '') missing.push(at('kind', 'Required value'));
  if (missing.length > 0 || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') {
    return { ok: false, problems: missing };
  }
  const kind = lookupKind(value.apiVersion, value.kind);
  if (!kind.found) return { ok: false, problems: [at('', kind.problem)] };
  const info = kind.info;

  const stored = settleNamespace(info, value);
  const found: SchemaProblem[] = [...metadataProblems(value.metadata), ...validateSchema(info.schema, value)];
  const flagged = new Set(found.map((p) => p.path));
  if (info.zod !== undefined && found.length === 0) {
    for (const p of zodProblems(info.zod, applyDefaults(info.schema, stored))) {
      if (!flagged.has(p.path)) found.push(p);
    }
  }
  if (found.length > 0) {
    const unique = [...new Map(found.map((p) => [`${p.path}\n${p.problem}`, p])).values()];
    return { ok: false, problems: unique.map((p) => at(p.path, p.problem, stored)) };
  }
  return {
    ok: true,
    value: { origin, info, object: canonicalObject(applyDefaults(info.schema, stored) as object) },
  };
}

function settleNamespace(info: KindInfo, value: Record<string, unknown>): Record<string, unknown> {
  const metadata = isObject(value.metadata) ? { ...value.metadata } : {};
  if (info.scope === 'Unknown') return value;
  if (info.scope === 'Cluster') delete metadata.namespace;
  else if (typeof metadata.namespace !== 'string' || metadata.namespace === '')
    metadata.namespace = DEFAULT_NAMESPACE;
  return { ...value, metadata };
}

function zodProblems(schema: z.ZodType, value: unknown): SchemaProblem[] {
  const r = schema.safeParse(value);
  if (r.success) return [];
  return r.error.issues.map((issue) => ({
    path: fieldPath(issue.path),
    problem:
      issue.code === 'invalid_type' && /received undefined$/.test(issue.message)
        ? 'Required value'
        : issue.message,
  }));
}

/** Objects are the same object when group, kind, namespace and name agree (versions do not matter). */
function identity(info: KindInfo, object: JsonObject): string {
  const { namespace, name } = namespacedName(object);
  const group = info.apiVersion.includes('/') ? info.apiVersion.split('/')[0] : '';
  return `${group}/${info.kind}/${namespace}/${name}`;
}
