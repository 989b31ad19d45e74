// Topology math (SPEC section 5): how many nodes and GPUs a role and a replica need.
//
// For a role with tensor t, pipeline p, data d, dataLocal l (each ≥ 1, d % l == 0) and
// workers.count w:
//   nodes per worker = p × (d / l)      GPUs per node = t × l      GPUs per worker = t × p × d
//   role nodes = w × nodes per worker   role GPUs = w × GPUs per worker
// A replica's GPUs are the sum over its roles. Every function that counts GPUs (the scheduler,
// the cluster's allocation figures, the replica's claims) uses these functions, so they agree.
// `role nodes` is what the role needs when no two worker slices share a node; on a pool whose
// nodes hold several slices (two 4-GPU workers on one 8-GPU node) it takes fewer: nodesOnPool.

/** The most GPUs one node can be asked for (InferenceClass gpu.count is bounded the same way). */
export const MAX_GPUS_PER_NODE = 64;

export type RoleName = 'unified' | 'prefill' | 'decode';
/** Roles in the order every function processes them. */
export const ROLE_ORDER: readonly RoleName[] = ['unified', 'decode', 'prefill'];

export interface TopologyInput {
  readonly tensor?: number | undefined;
  readonly pipeline?: number | undefined;
  readonly data?: number | undefined;
  readonly dataLocal?: number | undefined;
}

export interface WorkersInput {
  readonly count?: number | undefined;
  readonly topology?: TopologyInput | undefined;
}

export interface RoleShape {
  readonly workers: number;
  readonly nodesPerWorker: number;
  readonly gpusPerNode: number;
  readonly gpusPerWorker: number;
  readonly nodes: number;
  readonly gpus: number;
}

/** A topology the math cannot accept, with the field path of the offending value. */
export interface TopologyError {
  readonly path: string;
  readonly message: string;
}

export type ShapeResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: TopologyError };

function positiveInt(value: number | undefined, path: string): TopologyError | undefined {
  const v = value ?? 1;
  if (!Number.isInteger(v)) return { path, message: `must be an integer, got ${v}` };
  if (v < 1) return { path, message: `must be at least 1, got ${v}` };
  return undefined;
}

/** The shape of one role; `path` is where its workers live (e.g. "spec.workers"). */
export function roleShape(workers: WorkersInput, path: string): ShapeResult<RoleShape> {
  const t = workers.topology ?? {};
  const checks: [number | undefined, string][] = [
    [workers.count, `${path}.count`],
    [t.tensor, `${path}.topology.tensor`],
    [t.pipeline, `${path}.topology.pipeline`],
    [t.data, `${path}.topology.data`],
    [t.dataLocal, `${path}.topology.dataLocal`],
  ];
  for (const [value, p] of checks) {
    const error = positiveInt(value, p);
    if (error) return { ok: false, error };
  }
  const count = workers.count ?? 1;
  const tensor = t.tensor ?? 1;
  const pipeline = t.pipeline ?? 1;
  const data = t.data ?? 1;
  const dataLocal = t.dataLocal ?? 1;
  if (data % dataLocal !== 0) {
    return {
      ok: false,
      error: {
        path: `${path}.topology.data`,
        message: `must be a multiple of dataLocal (${data} % ${dataLocal} != 0)`,
      },
    };
  }
  const gpusPerNode = tensor * dataLocal;
  if (gpusPerNode > MAX_GPUS_PER_NODE) {
    return {
      ok: false,
      error: {
        path: `${path}.topology`,
        message: `needs ${gpusPerNode} GPUs per node (tensor ${tensor} × dataLocal ${dataLocal}); at most ${MAX_GPUS_PER_NODE}`,
      },
    };
  }
  const nodesPerWorker = pipeline * (data / dataLocal);
  const gpusPerWorker = tensor * pipeline * data;
  return {
    ok: true,
    value: {
      workers: count,
      nodesPerWorker,
      gpusPerNode,
      gpusPerWorker,
      nodes: count * nodesPerWorker,
      gpus: count * gpusPerWorker,
    },
  };
}

/** A serving profile as both ModelDeployment and ModelReplica carry it. */
export interface ServingInput {
  readonly workers?: WorkersInput | undefined;
  readonly prefill?: { readonly workers: WorkersInput } | undefined;
  readonly decode?: { readonly workers: WorkersInput } | undefined;
}

export interface ReplicaShape {
  readonly roles: Readonly<Partial<Record<RoleName, RoleShape>>>;
  readonly nodes: number;
  readonly gpus: number;
}

/** The shape of a whole replica: unified (root workers) or disaggregated (decode + prefill). */
export function replicaShape(serving: ServingInput, path = 'spec'): ShapeResult<ReplicaShape> {
  const roles: Partial<Record<RoleName, RoleShape>> = {};
  const inputs: [RoleName, WorkersInput | undefined, string][] =
    serving.workers !== undefined
      ? [['unified', serving.workers, `${path}.workers`]]
      : [
          ['decode', serving.decode?.workers, `${path}.decode.workers`],
          ['prefill', serving.prefill?.workers, `${path}.prefill.workers`],
        ];
  for (const [role, workers, p] of inputs) {
    if (workers === undefined) return { ok: false, error: { path: p, message: 'Required value' } };
    const shape = roleShape(workers, p);
    if (!shape.ok) return shape;
    roles[role] = shape.value;
  }
  let nodes = 0;
  let gpus = 0;
  for (const r of Object.values(roles)) {
    nodes += r.nodes;
    gpus += r.gpus;
  }
  return { ok: true, value: { roles, nodes, gpus } };
}

/**
 * The fewest nodes of `nodeSize` GPUs a role occupies. Each worker needs `nodesPerWorker` distinct
 * nodes with `gpusPerNode` GPUs each; a node holds up to ⌊nodeSize / gpusPerNode⌋ slices, at most
 * one per worker (as the capacity ledger charges them), so the role needs
 * max(nodesPerWorker, ⌈workers × nodesPerWorker / min(⌊nodeSize / gpusPerNode⌋, workers)⌉) nodes.
 * A pool too small for one slice has no answer; the role's own `nodes` is returned.
 */
export function nodesOnPool(role: RoleShape, nodeSize: number): number {
  const slicesPerNode = Math.min(Math.floor(nodeSize / role.gpusPerNode), role.workers);
  if (slicesPerNode < 1) return role.nodes;
  return Math.max(role.nodesPerWorker, Math.ceil((role.workers * role.nodesPerWorker) / slicesPerNode));
}

/** The fewest nodes a replica occupies, given the node size of each role's pool (see nodesOnPool). */
export function replicaNodesOn(
  shape: ReplicaShape,
  nodeSizeOf: (role: RoleName) => number | undefined,
): number {
  let nodes = 0;
  for (const role of ROLE_ORDER) {
    const r = shape.roles[role];
    if (r === undefined) continue;
    const size = nodeSizeOf(role);
    nodes += size === undefined ? r.nodes : nodesOnPool(r, size);
  }
  return nodes;
}
