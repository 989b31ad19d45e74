// The simulated control plane's object store: every object the plan knows (the input, what
// functions composed, what the simulation assumes exists), what a reader observes of each, and a
// revision that changes exactly when that observation changes. Revisions let the engine tell,
// without serializing anything, whether a function's next request would differ from its last one.

import { compareStrings, namespacedName } from '../runtime/request.js';
import { canonical, isObject, type JsonObject } from '../runtime/json.js';

export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  /** '' for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
}

export type ObjectId = string;

export function idOf(ref: ObjectRef): ObjectId {
  return `${ref.apiVersion}|${ref.kind}|${ref.namespace}|${ref.name}`;
}

export function refOf(obj: JsonObject): ObjectRef {
  const { namespace, name } = namespacedName(obj);
  return {
    apiVersion: typeof obj.apiVersion === 'string' ? obj.apiVersion : '',
    kind: typeof obj.kind === 'string' ? obj.kind : '',
    namespace,
    name,
  };
}

/** "ModelDeployment/ml-team/qwen" or "InferenceCluster/gke-east": how messages name an object. */
export function describeRef(ref: ObjectRef): string {
  return ref.namespace === '' ? `${ref.kind}/${ref.name}` : `${ref.kind}/${ref.namespace}/${ref.name}`;
}

/** Where an object came from. */
export type Provenance =
  /** Read from the plan's input. */
  | 'input'
  /** Desired by a function (a composed resource). */
  | 'composed'
  /** Not in the input but required by a function; the simulation assumes it exists. */
  | 'assumed';

export interface Entry {
  readonly id: ObjectId;
  readonly ref: ObjectRef;
  readonly provenance: Provenance;
  /** The object as a reader (a function's request) sees it, status included. */
  readonly observed: JsonObject;
  /** For composed objects: the desired object as Crossplane applies it. */
  readonly applied: JsonObject | undefined;
  /** For composed objects: the XR that composed it and under which desired-resource key. */
  readonly owner: { readonly id: ObjectId; readonly key: string } | undefined;
  /** metadata.labels of `observed`. */
  readonly labels: Readonly<Record<string, string>>;
  /** Changes exactly when `observed` changes. */
  readonly revision: number;
}

type EntryFields = Omit<Entry, 'id' | 'ref' | 'revision' | 'labels'>;

interface KindIndex {
  readonly ids: Set<ObjectId>;
  /** The ids in (namespace, name) order; recomputed after an object is added or removed. */
  sorted: ObjectId[] | undefined;
  /** Moves whenever any object of the kind is added, changed or removed. */
  revision: number;
}

export class World {
  readonly #entries = new Map<ObjectId, Entry>();
  readonly #kinds = new Map<string, KindIndex>();
  #clock = 0;

  get(id: ObjectId): Entry | undefined {
    return this.#entries.get(id);
  }

  /**
   * Stores `fields` for the object they describe. The revision moves only when the observed object
   * changes; returns whether it did (a new object counts as a change). Revisions come from one
   * clock, so a revision number identifies one object in one state.
   */
  put(fields: EntryFields): { id: ObjectId; changed: boolean } {
    const ref = refOf(fields.observed);
    const id = idOf(ref);
    const observed = canonical(fields.observed) as JsonObject;
    const previous = this.#entries.get(id);
    const changed = previous === undefined || !sameJson(previous.observed, observed);
    const revision = changed ? ++this.#clock : previous.revision;
    const labels = changed ? labelsOf(observed) : previous.labels;
    this.#entries.set(id, { ...fields, id, ref, observed, labels, revision });
    const index = this.#index(ref.apiVersion, ref.kind);
    if (!index.ids.has(id)) {
      index.ids.add(id);
      index.sorted = undefined;
    }
    if (changed) index.revision = revision;
    return { id, changed };
  }

  remove(id: ObjectId): void {
    const entry = this.#entries.get(id);
    if (entry === undefined) return;
    this.#entries.delete(id);
    const index = this.#index(entry.ref.apiVersion, entry.ref.kind);
    index.ids.delete(id);
    index.sorted = undefined;
    index.revision = ++this.#clock;
  }

  /** Every object of a kind, sorted by (namespace, name). */
  list(apiVersion: string, kind: string): Entry[] {
    const index = this.#kinds.get(kindKey(apiVersion, kind));
    if (index === undefined) return [];
    index.sorted ??= [...index.ids].sort((a, b) => {
      const x = this.#entries.get(a)?.ref;
      const y = this.#entries.get(b)?.ref;
      return (
        compareStrings(x?.namespace ?? '', y?.namespace ?? '') || compareStrings(x?.name ?? '', y?.name ?? '')
      );
    });
    const out: Entry[] = [];
    for (const id of index.sorted) {
      const e = this.#entries.get(id);
      if (e !== undefined) out.push(e);
    }
    return out;
  }

  /** Moves whenever an object of the kind is added, changed or removed (for caches). */
  kindRevision(apiVersion: string, kind: string): number {
    return this.#kinds.get(kindKey(apiVersion, kind))?.revision ?? 0;
  }

  /** Every object, sorted by (apiVersion, kind, namespace, name). */
  all(): Entry[] {
    return [...this.#entries.values()].sort((a, b) => compareRefs(a.ref, b.ref));
  }

  #index(apiVersion: string, kind: string): KindIndex {
    const key = kindKey(apiVersion, kind);
    let index = this.#kinds.get(key);
    if (index === undefined)
      this.#kinds.set(key, (index = { ids: new Set(), sorted: undefined, revision: 0 }));
    return index;
  }
}

/** Deep equality of two canonical JSON values (no serialization: plans compare a lot of objects). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((k) => Object.hasOwn(y, k) && sameJson(x[k], y[k]));
}

function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}|${kind}`;
}

export function compareRefs(a: ObjectRef, b: ObjectRef): number {
  return (
    compareStrings(a.apiVersion, b.apiVersion) ||
    compareStrings(a.kind, b.kind) ||
    compareStrings(a.namespace, b.namespace) ||
    compareStrings(a.name, b.name)
  );
}

/** metadata.labels of an object as strings. */
export function labelsOf(obj: JsonObject): Record<string, string> {
  const meta = isObject(obj.metadata) ? obj.metadata : {};
  const labels = isObject(meta.labels) ? meta.labels : {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') out[k] = v;
  return out;
}
