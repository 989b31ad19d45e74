// The ModelReplica and ModelEndpoint a placement becomes (SPEC 4.3 and 4.4). Both carry the
// replica's name, namespace and labels: the deployment's template labels first, then the managed
// labels, which win a collision.

import type { ModelDeployment } from '../apis/index.js';
import { modelReplicaStatus } from '../apis/model-replica.js';
import type { ReplicaEndpoint } from '../replica/router.js';
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
  // Copied when set: the replica defaults the model name to deploymentRef.name, as here.
  const model = {
    ...(s.model?.uri === undefined ? {} : { uri: s.model.uri }),
    ...(s.model?.name === undefined ? {} : { name: s.model.name }),
  };
  if (Object.keys(model).length > 0) spec.model = model;
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

/**
 * How the fleet reaches a Ready replica (its status.endpoint: the cluster gateway's origin and the
 * header that selects the replica there, lib/replica/router.ts), or undefined while it has none.
 */
export function replicaEndpointOf(observed: unknown): ReplicaEndpoint | undefined {
  const status = isObject(observed) && isObject(observed.status) ? observed.status : {};
  const parsed = modelReplicaStatus.shape.endpoint.safeParse(status.endpoint);
  return parsed.success && parsed.data !== undefined && parsed.data.url !== '' ? parsed.data : undefined;
}

/** The ModelEndpoint of a Ready replica: same name, namespace and labels. */
export function modelEndpointFor(id: ChildIdentity, endpoint: ReplicaEndpoint): object {
  return {
    apiVersion: API_VERSION,
    kind: 'ModelEndpoint',
    metadata: { name: id.name, namespace: id.namespace, labels: id.labels },
    spec: { url: endpoint.url, headers: endpoint.headers.map((h) => ({ name: h.name, value: h.value })) },
  };
}
