// Requirement builders. Crossplane re-calls a function until its requirements stop changing (at
// most five times), so a function must return the same requirements on every call of a reconcile:
// build them only from the XR's spec, never from what was fetched.

export interface Requirement {
  readonly apiVersion: string;
  readonly kind: string;
  readonly matchName?: string;
  /** Empty labels select every object of the kind. */
  readonly matchLabels?: Readonly<Record<string, string>>;
  /** For namespaced kinds: omitted means every namespace. */
  readonly namespace?: string;
}

export function requireByName(
  apiVersion: string,
  kind: string,
  name: string,
  namespace?: string,
): Requirement {
  return namespace === undefined
    ? { apiVersion, kind, matchName: name }
    : { apiVersion, kind, matchName: name, namespace };
}

export function requireByLabels(
  apiVersion: string,
  kind: string,
  labels: Readonly<Record<string, string>>,
  namespace?: string,
): Requirement {
  return namespace === undefined
    ? { apiVersion, kind, matchLabels: labels }
    : { apiVersion, kind, matchLabels: labels, namespace };
}

/** Every object of a kind (in every namespace, unless one is given). */
export function requireAll(apiVersion: string, kind: string, namespace?: string): Requirement {
  return requireByLabels(apiVersion, kind, {}, namespace);
}
