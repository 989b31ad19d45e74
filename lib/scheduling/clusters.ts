// Step 1 of SPEC 5, and what the later steps ask of each cluster: does it match the
// clusterSelector (a candidate), is its Ready condition True, and which taint, if any, keeps new
// replicas off or drains the ones there. Decided once per cluster per call.

import type { InferenceCluster, ModelDeployment, Taint } from '../apis/index.js';
import { isConditionTrue } from '../runtime/conditions.js';
import { compareStrings } from '../runtime/request.js';
import { matchesSelector } from '../selector.js';
import { drainingTaint, repellingTaint } from './taints.js';

export interface ClusterView {
  readonly name: string;
  readonly cluster: InferenceCluster;
  /** Matches the deployment's clusterSelector: a candidate (SPEC 5 step 1). */
  readonly selected: boolean;
  readonly ready: boolean;
  /** The first untolerated NoSchedule/NoExecute taint: no new replicas. */
  readonly repelling: Taint | undefined;
  /** The first untolerated NoExecute taint: existing replicas are drained too. */
  readonly draining: Taint | undefined;
}

/** Every cluster, sorted by name (the first of any duplicate name wins). */
export function clusterViews(
  clusters: readonly InferenceCluster[],
  deployment: ModelDeployment,
): ClusterView[] {
  const { clusterSelector, tolerations } = deployment.spec;
  const byName = new Map<string, ClusterView>();
  for (const cluster of clusters) {
    const name = cluster.metadata.name;
    if (byName.has(name)) continue;
    byName.set(name, {
      name,
      cluster,
      selected: matchesSelector(cluster.metadata.labels ?? {}, clusterSelector),
      ready: isConditionTrue(cluster),
      repelling: repellingTaint(cluster.spec.taints, tolerations),
      draining: drainingTaint(cluster.spec.taints, tolerations),
    });
  }
  const views = [...byName.values()];
  // Usually sorted already (required resources arrive sorted); sort only when they are not.
  const sorted = views.every((v, i) => i === 0 || compareStrings(views[i - 1]?.name ?? '', v.name) < 0);
  return sorted ? views : views.sort((a, b) => compareStrings(a.name, b.name));
}

/** A candidate that may receive new replicas: Ready and not repelling the deployment (step 5). */
export function acceptsNewReplicas(view: ClusterView): boolean {
  return view.selected && view.ready && view.repelling === undefined;
}
