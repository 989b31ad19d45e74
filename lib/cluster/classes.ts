// The InferenceClasses an InferenceCluster's pools name, as Crossplane fetched them.

import type { InferenceClass } from '../apis/inference-class.js';
import type { InferenceCluster } from '../apis/inference-cluster.js';

/** One class as fetched: found (and valid), not found, or found but not a valid InferenceClass. */
export type ClassLookup =
  | { readonly kind: 'found'; readonly value: InferenceClass }
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid'; readonly issues: readonly string[] };

export interface ClassProblem {
  readonly class: string;
  /** The pools that use the class, in nodePools order. */
  readonly pools: readonly string[];
  readonly kind: 'missing' | 'invalid';
  /** "InferenceClass x not found (pool y)". */
  readonly message: string;
}

/** The distinct class names of the pools, sorted: one requirement each. */
export function classNames(cluster: InferenceCluster): string[] {
  return [...new Set(cluster.spec.nodePools.map((p) => p.class))].sort();
}

/** The classes that resolved, by name. */
export function foundClasses(lookups: ReadonlyMap<string, ClassLookup>): Map<string, InferenceClass> {
  const out = new Map<string, InferenceClass>();
  for (const [name, lookup] of lookups) if (lookup.kind === 'found') out.set(name, lookup.value);
  return out;
}

/** One problem per class that did not resolve, in the order the pools first name them. */
export function classProblems(
  cluster: InferenceCluster,
  lookups: ReadonlyMap<string, ClassLookup>,
): ClassProblem[] {
  const poolsOf = new Map<string, string[]>();
  for (const pool of cluster.spec.nodePools) {
    const pools = poolsOf.get(pool.class) ?? [];
    pools.push(pool.name);
    poolsOf.set(pool.class, pools);
  }
  const problems: ClassProblem[] = [];
  for (const [name, pools] of poolsOf) {
    const lookup = lookups.get(name) ?? { kind: 'missing' };
    if (lookup.kind === 'found') continue;
    const where = `(${pools.length === 1 ? 'pool' : 'pools'} ${pools.join(', ')})`;
    problems.push(
      lookup.kind === 'missing'
        ? { class: name, pools, kind: 'missing', message: `InferenceClass ${name} not found ${where}` }
        : {
            class: name,
            pools,
            kind: 'invalid',
            message: `InferenceClass ${name} is invalid ${where}: ${lookup.issues.join('; ')}`,
          },
    );
  }
  return problems;
}
