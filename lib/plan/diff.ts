// `plan --diff`: which ModelReplicas the plan adds, moves or removes compared with the
// ModelReplicas in the input (the fleet as it runs today, e.g. exported from the control plane).
//
// A replica's name is a hash of (namespace, deployment, cluster, index), so a replica that changes
// cluster changes name: per deployment, replicas that disappear are paired with replicas that
// appear, in name order and in (cluster, index) order, and each pair is a move; what is left over
// is a removal or an addition. A replica that keeps its name but lands on another pool is a move
// too. Replicas are read with the scheduler's own reader (observedReplicaFrom), so the diff sees
// them exactly as the scheduler does.

import { compareStrings, type KubeObject } from '../runtime/request.js';
import { observedReplicaFrom } from '../scheduling/observed.js';
import type { ObservedReplica } from '../scheduling/types.js';

export interface ReplicaPlace {
  readonly replica: string;
  readonly cluster: string;
  readonly pools: Readonly<Record<string, string>>;
}

export interface ReplicaChange {
  readonly change: 'added' | 'moved' | 'removed';
  readonly namespace: string;
  readonly deployment: string;
  readonly from: ReplicaPlace | null;
  readonly to: ReplicaPlace | null;
}

function place(r: ObservedReplica): ReplicaPlace {
  return { replica: r.name, cluster: r.cluster, pools: { ...r.pools } };
}

function samePlace(a: ObservedReplica, b: ObservedReplica): boolean {
  return a.cluster === b.cluster && JSON.stringify(place(a).pools) === JSON.stringify(place(b).pools);
}

function groupKey(r: ObservedReplica): string {
  return `${r.namespace}\n${r.deployment ?? ''}`;
}

const CHANGE_ORDER: Readonly<Record<ReplicaChange['change'], number>> = { moved: 0, removed: 1, added: 2 };

export function replicaChanges(before: readonly KubeObject[], after: readonly KubeObject[]): ReplicaChange[] {
  const old = before.map(observedReplicaFrom);
  const now = after.map(observedReplicaFrom);
  const byName = (list: readonly ObservedReplica[]) =>
    new Map(list.map((r) => [`${r.namespace}/${r.name}`, r]));
  const oldByName = byName(old);
  const nowByName = byName(now);
  const changes: ReplicaChange[] = [];
  const groups = new Set([...old, ...now].map(groupKey));
  for (const group of [...groups].sort(compareStrings)) {
    const [namespace = '', deployment = ''] = group.split('\n');
    const removed = old
      .filter((r) => groupKey(r) === group && !nowByName.has(`${r.namespace}/${r.name}`))
      .sort((a, b) => compareStrings(a.name, b.name));
    const added = now
      .filter((r) => groupKey(r) === group && !oldByName.has(`${r.namespace}/${r.name}`))
      .sort((a, b) => compareStrings(a.cluster, b.cluster) || a.index - b.index);
    for (const r of now.filter((x) => groupKey(x) === group)) {
      const was = oldByName.get(`${r.namespace}/${r.name}`);
      if (was !== undefined && !samePlace(was, r)) {
        changes.push({ change: 'moved', namespace, deployment, from: place(was), to: place(r) });
      }
    }
    const pairs = Math.min(removed.length, added.length);
    for (let i = 0; i < pairs; i++) {
      changes.push({
        change: 'moved',
        namespace,
        deployment,
        from: place(removed[i] as ObservedReplica),
        to: place(added[i] as ObservedReplica),
      });
    }
    for (const r of removed.slice(pairs))
      changes.push({ change: 'removed', namespace, deployment, from: place(r), to: null });
    for (const r of added.slice(pairs))
      changes.push({ change: 'added', namespace, deployment, from: null, to: place(r) });
  }
  return changes.sort(
    (a, b) =>
      compareStrings(a.namespace, b.namespace) ||
      compareStrings(a.deployment, b.deployment) ||
      CHANGE_ORDER[a.change] - CHANGE_ORDER[b.change] ||
      compareStrings(a.from?.replica ?? a.to?.replica ?? '', b.from?.replica ?? b.to?.replica ?? ''),
  );
}
