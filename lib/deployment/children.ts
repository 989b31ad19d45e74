// The ModelReplica and ModelEndpoint a placement becomes (SPEC 4.3 and 4.4). Both carry the
// replica's name, namespace and labels: the deployment's template labels first, then the managed
// labels, which win a collision.

import type { ModelDeployment } from '../apis/index.js';
import { API_VERSION, LABEL_CLUSTER, LABEL_DEPLOYMENT, LABEL_REPLICA_INDEX } from '../labels.js';
import { replicaName } from '../names.js';
import { isObject } from '../runtime/index.js';
import { replicaShape, shapeKey, type Placement } from '../scheduling/index.js';

export interface ChildIdentity {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * Name and labels of the replica at a placement; a retained replica keeps the name it has, a new
 * one is named like the scheduler named it when charging it (its size in the hash, resize.ts).
 */
export function childIdentity(md: ModelDeployment, p: Placement): ChildIdentity {
  const namespace = md.metadata.namespace;
  const deployment = md.metadata.name;
  const templateLabels = templateOf(md)?.metadata?.labels ?? {};
  const shape = replicaShape(md.spec);
  const key = shape.ok ? shapeKey(shape.value) : '';
  return {
    name: p.retained?.name ?? replicaName(namespace, deployment, p.cluster, p.index, key),
    namespace,
    labels: {
      ...templateLabels,
      [LABEL_DEPLOYMENT]: deployment,
      [LABEL_CLUSTER]: p.cluster,
      [LABEL_REPLICA_INDEX]: String(p.index),
    },
  };
}

function templateOf(md: ModelDeployment) {
  return (md.spec.workers ?? md.spec.decode?.workers)?.template;
}

/** The ModelReplica: the deployment's serving profile (current spec) plus where it landed. */
export function modelReplicaFor(md: ModelDeployment, p: Placement, id: ChildIdentity): object {
  const s = md.spec;
  const spec: Record<string, unknown> = {
    deploymentRef: { name: md.metadata.name },
    inferenceClusterRef: { name: p.cluster },
  };
  if (s.model?.uri !== undefined) spec.model = { uri: s.model.uri };
  if (s.workers !== undefined) {
    spec.nodePool = p.pools.unified;
    spec.workers = s.workers;
  } else {
    if (s.prefill !== undefined) spec.prefill = { nodePool: p.pools.prefill, workers: s.prefill.workers };
    if (s.decode !== undefined) spec.decode = { nodePool: p.pools.decode, workers: s.decode.workers };
  }
  return {
    apiVersion: API_VERSION,
    kind: 'ModelReplica',
    metadata: { name: id.name, namespace: id.namespace, labels: id.labels },
    spec,
  };
}

/** The URL a Ready replica reports, or undefined while it has none. */
export function replicaUrl(observed: unknown): string | undefined {
  const status = isObject(observed) && isObject(observed.status) ? observed.status : {};
  return typeof status.url === 'string' && status.url !== '' ? status.url : undefined;
}

/** The path part of a replica URL, ending in '/': what the ModelService rewrites its prefix to. */
export function rewritePathOf(url: string): string {
  let path = '/';
  try {
    path = new URL(url).pathname;
  } catch {
    // An unparseable URL keeps '/'; the ModelEndpoint function reports the URL itself.
  }
  return path.endsWith('/') ? path : `${path}/`;
}

/** The ModelEndpoint of a Ready replica: same name, namespace and labels. */
export function modelEndpointFor(id: ChildIdentity, url: string): object {
  return {
    apiVersion: API_VERSION,
    kind: 'ModelEndpoint',
    metadata: { name: id.name, namespace: id.namespace, labels: id.labels },
    spec: { url, rewritePath: rewritePathOf(url) },
  };
}
