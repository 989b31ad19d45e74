// Kubernetes label selector semantics (metav1.LabelSelector), shared by the scheduler
// (clusterSelector over InferenceCluster labels) and ModelService (endpoint selectors).
// matchLabels and matchExpressions are ANDed; an empty selector matches everything.

import type { LabelSelector, LabelSelectorRequirement } from './apis/common.js';

export type Labels = Readonly<Record<string, string>>;

export function matchesRequirement(labels: Labels, r: LabelSelectorRequirement): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = labels[r.key];
  switch (r.operator) {
    case 'In':
      return has && value !== undefined && (r.values ?? []).includes(value);
    case 'NotIn':
      return !has || value === undefined || !(r.values ?? []).includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/** True when `labels` satisfy every matchLabels entry and every matchExpressions requirement. */
export function matchesSelector(labels: Labels, selector: LabelSelector | undefined): boolean {
  if (selector === undefined) return true;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((r) => matchesRequirement(labels, r));
}
