// The quickstart fleet on the twin: applying it as the README says, and what the hub and the
// workload cluster should then hold. On the twin only `onprem-dc1` (the workload cluster) can become
// Ready: nothing provisions `gke-us-east`, so every replica lands on onprem-dc1 (four L4s).

import { join } from 'node:path';
import { replicaName } from '../../../lib/names.js';
import { repoRoot } from '../../support/paths.js';
import {
  condition,
  eventually,
  get,
  hub,
  hubKubeconfig,
  list,
  same,
  WORKLOAD_CLUSTER,
  type KubeObject,
} from './twin.js';

export const NAMESPACE = 'ml-team';
export const DEPLOYMENT = 'qwen3-4b';

export interface Placement {
  replica: string;
  cluster: string;
  index: number;
  pools: Record<string, string>;
  gpus: number;
  nodes: number;
  ready?: boolean | undefined;
}

/** The placement of replica `index` of the quickstart deployment on `cluster` (one L4 each). */
export function placement(cluster: string, index: number): Placement {
  return {
    replica: replicaName(NAMESPACE, DEPLOYMENT, cluster, index),
    cluster,
    index,
    pools: { unified: 'l4' },
    gpus: 1,
    nodes: 1,
  };
}

export function deployment(): KubeObject {
  return get(hubKubeconfig, 'modeldeployment', DEPLOYMENT, NAMESPACE);
}

/** status.placements with `ready` (which follows the workload cluster) unset, sorted by replica. */
export function placements(md: KubeObject): Placement[] {
  return ((md.status?.placements ?? []) as Placement[])
    .map((p) => ({ ...p, ready: undefined }))
    .sort((a, b) => a.replica.localeCompare(b.replica));
}

export function sortedPlacements(ps: Placement[]): Placement[] {
  return [...ps].sort((a, b) => a.replica.localeCompare(b.replica));
}

/** Waits until the deployment's placements are exactly `want` (ready or not). */
export function waitForPlacements(want: Placement[], timeoutMs = 180_000): Promise<KubeObject> {
  const expected = sortedPlacements(want);
  return eventually(
    `ModelDeployment ${NAMESPACE}/${DEPLOYMENT} placed as ${expected.map((p) => `${p.cluster}/${p.index}`).join(', ') || 'nothing'}`,
    deployment,
    (md) => same(placements(md), expected) && md.status?.replicas === want.length,
    timeoutMs,
  );
}

/** The names of the ModelReplicas of the quickstart deployment on the hub. */
export function replicaNames(): string[] {
  return list(hubKubeconfig, 'modelreplicas', NAMESPACE).map((r) => r.metadata.name);
}

/** The LLMInferenceServices on a workload cluster (names in the deployment's namespace). */
export function remoteServices(kubeconfig: string): string[] {
  return list(kubeconfig, 'llminferenceservices.serving.kserve.io', NAMESPACE)
    .filter((s) => s.metadata.deletionTimestamp === undefined)
    .map((s) => s.metadata.name);
}

/**
 * `kubectl apply -f examples/quickstart/` and `kubectl scale` to its 3 replicas, all on onprem-dc1
 * (with no taint a test may have left on it), and no ModelReplica left from an earlier placement.
 */
export async function quickstartAt3(): Promise<KubeObject> {
  hub(['apply', '-f', join(repoRoot, 'examples', 'quickstart')]);
  hub(['patch', 'inferencecluster', WORKLOAD_CLUSTER, '--type=merge', '-p', '{"spec":{"taints":null}}']);
  hub(['scale', 'modeldeployment', DEPLOYMENT, '-n', NAMESPACE, '--replicas=3']);
  const want = [0, 1, 2].map((i) => placement(WORKLOAD_CLUSTER, i));
  const md = await waitForPlacements(want);
  await waitForReplicas(want);
  return md;
}

/** Waits until the hub holds exactly the ModelReplicas of `want` (removed ones fully deleted). */
export function waitForReplicas(want: Placement[], timeoutMs = 180_000): Promise<string[]> {
  const names = want.map((p) => p.replica).sort();
  return eventually(
    `exactly the ModelReplicas ${names.join(', ') || '(none)'}`,
    replicaNames,
    (have) => same(have, names),
    timeoutMs,
  );
}

export function isTrue(obj: KubeObject, type: string): boolean {
  return condition(obj, type)?.status === 'True';
}
