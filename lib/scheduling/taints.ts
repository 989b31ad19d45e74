// Cluster taints against deployment tolerations, with Kubernetes semantics
// (k8s.io/api/core/v1 Toleration.ToleratesTaint): an effect on the toleration must equal the
// taint's; a key on the toleration must equal the taint's; Exists ignores the value, Equal (the
// default) compares it, with a missing value read as "". An Exists toleration without a key
// tolerates every taint.
//
// What a taint does to a deployment:
//   NoSchedule        keeps new replicas off the cluster; replicas already there stay.
//   NoExecute         keeps new replicas off and drains the replicas already there.
//   PreferNoSchedule  never repels (the scheduler has no "prefer" scoring).
// tolerationSeconds is ignored (a NoExecute toleration with it is treated as tolerating): the
// scheduler is a pure function of observed state and has no clock to count the seconds with.

import type { Taint, Toleration } from '../apis/common.js';

export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect !== undefined && toleration.effect !== taint.effect) return false;
  if (toleration.key !== undefined && toleration.key !== '' && toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

function firstUntolerated(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  effects: readonly Taint['effect'][],
): Taint | undefined {
  for (const taint of taints ?? []) {
    if (!effects.includes(taint.effect)) continue;
    if (!(tolerations ?? []).some((t) => toleratesTaint(t, taint))) return taint;
  }
  return undefined;
}

/** The first taint (in the cluster's order) that keeps new replicas off, if any. */
export function repellingTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
): Taint | undefined {
  return firstUntolerated(taints, tolerations, ['NoSchedule', 'NoExecute']);
}

/** The first untolerated NoExecute taint (in the cluster's order), which drains existing replicas. */
export function drainingTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
): Taint | undefined {
  return firstUntolerated(taints, tolerations, ['NoExecute']);
}

/** A taint as kube-scheduler prints it, "{maintenance: true}"; "{maintenance}" when it has no value. */
export function describeTaint(taint: Taint): string {
  return taint.value === undefined || taint.value === ''
    ? `{${taint.key}}`
    : `{${taint.key}: ${taint.value}}`;
}
