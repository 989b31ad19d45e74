// What the plan reads and how it reports problems with it. Every problem a user can cause reads
// "<file>:<object>: <field path>: <problem>", where the object is Kind/name or Kind/namespace/name
// (or "document N" when the document is not an object yet), so it can be found and fixed.

import { isObject } from '../runtime/json.js';

/** Where a document came from: a file and its position (1-based) among the file's YAML documents. */
export interface Origin {
  readonly file: string;
  readonly document: number;
  /** Position (0-based) inside a `kind: List` document. */
  readonly item?: number;
}

/** One YAML document (or one item of a List) as parsed, not yet validated. */
export interface InputDocument {
  readonly origin: Origin;
  readonly value: unknown;
}

export interface InputProblem {
  readonly file: string;
  /** Kind/name, Kind/namespace/name, or "document N" before the document names an object. */
  readonly object: string;
  /** A field path such as spec.nodePools[0].class; empty when the problem is the whole object. */
  readonly path: string;
  readonly problem: string;
}

export function formatProblem(p: InputProblem): string {
  const where = p.object === '' ? p.file : `${p.file}:${p.object}`;
  return p.path === '' ? `${where}: ${p.problem}` : `${where}: ${p.path}: ${p.problem}`;
}

function documentLabel(origin: Origin): string {
  return origin.item === undefined
    ? `document ${origin.document}`
    : `document ${origin.document} item ${origin.item}`;
}

/** How messages name a document: Kind/name or Kind/namespace/name when it has them. */
export function objectLabel(origin: Origin, value: unknown): string {
  if (!isObject(value)) return documentLabel(origin);
  const kind = typeof value.kind === 'string' && value.kind !== '' ? value.kind : undefined;
  const meta = isObject(value.metadata) ? value.metadata : {};
  const name = typeof meta.name === 'string' && meta.name !== '' ? meta.name : undefined;
  const namespace = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : undefined;
  if (kind === undefined || name === undefined) return documentLabel(origin);
  return namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
}

/** Sorts problems by file, then by their position in the file, then by text. */
export function sortProblems(
  problems: readonly (InputProblem & { readonly origin?: Origin })[],
): InputProblem[] {
  return [...problems]
    .sort((a, b) => {
      const file = compare(a.file, b.file);
      if (file !== 0) return file;
      const doc = (a.origin?.document ?? 0) - (b.origin?.document ?? 0);
      if (doc !== 0) return doc;
      const item = (a.origin?.item ?? -1) - (b.origin?.item ?? -1);
      if (item !== 0) return item;
      return compare(formatProblem(a), formatProblem(b));
    })
    .map(({ file, object, path, problem }) => ({ file, object, path, problem }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
