// What compose-inference-cluster asks Crossplane for, and reading it back. Requirements depend only
// on the spec, so they are identical on every call of a reconcile.

import type { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { inferenceClass, parseWith, type InferenceCluster } from '../../lib/apis/index.js';
import { classNames, type ClassLookup, type ClusterInput } from '../../lib/cluster/index.js';
import { API_VERSION, LABEL_CLUSTER } from '../../lib/labels.js';
import {
  observedComposed,
  requireByLabels,
  requireByName,
  requiredResources,
  type Requirement,
} from '../../lib/runtime/index.js';
import { observedReplicaFrom } from '../../lib/scheduling/observed.js';

export const REQUIREMENT_REPLICAS = 'replicas';

export function classRequirementKey(className: string): string {
  return `class-${className}`;
}

/** One requirement per distinct class name, and the replicas pinned to this cluster (all namespaces). */
export function clusterRequirements(cluster: InferenceCluster): Record<string, Requirement> {
  const out: Record<string, Requirement> = {};
  for (const name of classNames(cluster)) {
    out[classRequirementKey(name)] = requireByName(API_VERSION, 'InferenceClass', name);
  }
  out[REQUIREMENT_REPLICAS] = requireByLabels(API_VERSION, 'ModelReplica', {
    [LABEL_CLUSTER]: cluster.metadata.name,
  });
  return out;
}

/** The composition's inputs, or undefined while Crossplane has not fetched every requirement yet. */
export function readInputs(req: RunFunctionRequest, cluster: InferenceCluster): ClusterInput | undefined {
  const classes = new Map<string, ClassLookup>();
  for (const name of classNames(cluster)) {
    const fetched = requiredResources(req, classRequirementKey(name));
    if (fetched.kind === 'unresolved') return undefined;
    if (fetched.kind === 'absent') {
      classes.set(name, { kind: 'missing' });
      continue;
    }
    const parsed = parseWith(inferenceClass, fetched.items[0]);
    classes.set(
      name,
      parsed.ok ? { kind: 'found', value: parsed.value } : { kind: 'invalid', issues: parsed.issues },
    );
  }
  const replicas = requiredResources(req, REQUIREMENT_REPLICAS);
  if (replicas.kind === 'unresolved') return undefined;
  return {
    cluster,
    classes,
    replicas: replicas.kind === 'present' ? replicas.items.map(observedReplicaFrom) : [],
    observed: observedComposed(req),
  };
}
