// What the ModelDeployment function asks Crossplane for, and how it reads the answers. Every
// requirement is the same on every call (all InferenceClusters, all InferenceClasses, all
// ModelReplicas in every namespace), so Crossplane's requirements loop settles on the second call.

import {
  inferenceClass,
  inferenceCluster,
  parseWith,
  type InferenceClass,
  type InferenceCluster,
} from '../apis/index.js';
import { API_VERSION } from '../labels.js';
import {
  namespacedName,
  requireAll,
  type KubeObject,
  type Requirement,
  type Resolution,
} from '../runtime/index.js';

export const REQUIRE_CLUSTERS = 'clusters';
export const REQUIRE_CLASSES = 'classes';
export const REQUIRE_REPLICAS = 'replicas';

export const DEPLOYMENT_REQUIREMENTS: Readonly<Record<string, Requirement>> = {
  [REQUIRE_CLUSTERS]: requireAll(API_VERSION, 'InferenceCluster'),
  [REQUIRE_CLASSES]: requireAll(API_VERSION, 'InferenceClass'),
  [REQUIRE_REPLICAS]: requireAll(API_VERSION, 'ModelReplica'),
};

/** A fetched InferenceCluster or InferenceClass that failed its schema. */
export interface InvalidInput {
  readonly kind: 'InferenceCluster' | 'InferenceClass';
  readonly name: string;
  /** The schema's problems, "<field path>: <problem>" joined by "; ". */
  readonly issues: string;
}

export interface FleetInputs {
  readonly clusters: readonly InferenceCluster[];
  readonly classes: readonly InferenceClass[];
  /**
   * Objects that failed their schema: named in a Warning and left out of scheduling, except that
   * one under a replica of the deployment holds it (lib/deployment/compose.ts).
   */
  readonly invalid: readonly InvalidInput[];
}

/** Parses the fetched clusters and classes; an invalid one is left out and reported, never fatal. */
export function readFleet(clusters: Resolution, classes: Resolution): FleetInputs {
  const invalid: InvalidInput[] = [];
  const parseAll = <T>(
    res: Resolution,
    schema: Parameters<typeof parseWith>[0],
    kind: InvalidInput['kind'],
  ): T[] => {
    const items = res.kind === 'present' ? res.items : [];
    const out: T[] = [];
    for (const obj of items) {
      const r = parseWith(schema, obj);
      if (r.ok) out.push(r.value as T);
      else invalid.push({ kind, name: namespacedName(obj).name, issues: r.issues.join('; ') });
    }
    return out;
  };
  return {
    clusters: parseAll<InferenceCluster>(clusters, inferenceCluster, 'InferenceCluster'),
    classes: parseAll<InferenceClass>(classes, inferenceClass, 'InferenceClass'),
    invalid,
  };
}

/** True while any requirement has not been fetched yet (the first call of a reconcile). */
export function anyUnresolved(...resolutions: readonly Resolution[]): boolean {
  return resolutions.some((r) => r.kind === 'unresolved');
}

export type { KubeObject };
