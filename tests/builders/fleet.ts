// Builders for fleet objects in tests: InferenceClasses, InferenceClusters, ModelDeployments and
// ModelReplicas with sensible defaults and named overrides. Every object goes through the real
// zod schema, so tests get exactly the typed values (defaults applied) that the functions get,
// and a builder misuse fails loudly instead of producing an object the API server would refuse.

import {
  inferenceClass as inferenceClassSchema,
  inferenceCluster as inferenceClusterSchema,
  modelDeployment as modelDeploymentSchema,
  type InferenceClass,
  type InferenceCluster,
  type LabelSelector,
  type ModelDeployment,
  type Taint,
  type Toleration,
} from '../../lib/apis/index.js';
import { API_VERSION, LABEL_CLUSTER, LABEL_DEPLOYMENT, LABEL_REPLICA_INDEX } from '../../lib/labels.js';
import { replicaName } from '../../lib/names.js';
import type { KubeObject } from '../../lib/runtime/request.js';
import { observedReplicaFrom } from '../../lib/scheduling/observed.js';
import type {
  ObservedReplica,
  Placement,
  Removal,
  RolePools,
  ScheduleOutcome,
  ScheduleResult,
} from '../../lib/scheduling/types.js';

export const DEFAULT_NAMESPACE = 'ml-team';

function parsed<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: unknown } },
  raw: unknown,
): T {
  const r = schema.safeParse(raw);
  if (!r.success)
    throw new Error(`test builder produced an invalid object: ${String(r.error)}\n${JSON.stringify(raw)}`);
  return r.data;
}

// ---------------------------------------------------------------------------------------------
// InferenceClass

export interface ClassOverrides {
  /** GPUs per node (resources.gpu.count); default 8. */
  readonly gpus?: number;
  /** Per-GPU memory; default 80Gi. */
  readonly gpuMemory?: string;
  readonly product?: string;
  /** Allocatable CPU / memory per node; omitted by default (then any request fits). */
  readonly cpu?: string;
  readonly memory?: string;
  readonly attributes?: Record<string, { string?: string; version?: string; bool?: boolean; int?: number }>;
  readonly capacity?: Record<string, { value: string }>;
}

export function inferenceClass(name: string, o: ClassOverrides = {}): InferenceClass {
  return parsed(inferenceClassSchema, {
    apiVersion: API_VERSION,
    kind: 'InferenceClass',
    metadata: { name },
    spec: {
      resources: {
        gpu: {
          count: o.gpus ?? 8,
          memory: o.gpuMemory ?? '80Gi',
          ...(o.product ? { product: o.product } : {}),
        },
        ...(o.cpu !== undefined ? { cpu: o.cpu } : {}),
        ...(o.memory !== undefined ? { memory: o.memory } : {}),
      },
      ...(o.attributes ? { attributes: o.attributes } : {}),
      ...(o.capacity ? { capacity: o.capacity } : {}),
    },
  });
}

// ---------------------------------------------------------------------------------------------
// InferenceCluster

export interface PoolOverrides {
  /** Default 1 (as the schema). */
  readonly nodeCount?: number;
  readonly minNodeCount?: number;
  readonly maxNodeCount?: number;
}

export interface PoolSpec extends PoolOverrides {
  readonly name: string;
  readonly class: string;
}

/** A node pool entry: `pool('h200', 'h200-8x', {nodeCount: 2})`. */
export function pool(name: string, className: string, o: PoolOverrides = {}): PoolSpec {
  return { name, class: className, ...o };
}

export interface ClusterOverrides {
  readonly labels?: Record<string, string>;
  /** Default: one pool "gpu" of class "gpu-8x" with one node. */
  readonly pools?: readonly PoolSpec[];
  readonly taints?: readonly Taint[];
  /** The observed Ready condition; default true. `undefined` leaves no condition at all. */
  readonly ready?: boolean | undefined;
}

export function inferenceCluster(name: string, o: ClusterOverrides = {}): InferenceCluster {
  const ready = 'ready' in o ? o.ready : true;
  return parsed(inferenceClusterSchema, {
    apiVersion: API_VERSION,
    kind: 'InferenceCluster',
    metadata: { name, ...(o.labels ? { labels: o.labels } : {}) },
    spec: {
      source: 'Existing',
      existing: { kubeconfigSecretRef: { name: `${name}-kubeconfig`, namespace: 'crossplane-system' } },
      nodePools: o.pools ?? [pool('gpu', 'gpu-8x')],
      ...(o.taints ? { taints: o.taints } : {}),
    },
    ...(ready === undefined
      ? {}
      : {
          status: {
            conditions: [
              { type: 'Ready', status: ready ? 'True' : 'False', reason: ready ? 'Available' : 'Creating' },
            ],
          },
        }),
  });
}

// ---------------------------------------------------------------------------------------------
// ModelDeployment

export interface TopologyOverrides {
  readonly tensor?: number;
  readonly pipeline?: number;
  readonly data?: number;
  readonly dataLocal?: number;
}

export interface WorkersOverrides {
  /** workers.count; default 1. */
  readonly count?: number;
  readonly topology?: TopologyOverrides;
  /** Per-pod resources; default {}. */
  readonly resources?: { readonly cpu?: string; readonly memory?: string };
}

export interface RoleOverrides extends WorkersOverrides {
  /** nodeSelector.cel; omitted by default. */
  readonly cel?: string;
}

export interface DeploymentOverrides extends RoleOverrides {
  readonly namespace?: string;
  /** Default 1. */
  readonly replicas?: number;
  readonly clusterSelector?: LabelSelector;
  readonly tolerations?: readonly Toleration[];
  /** Disaggregated serving: both set, and then the unified fields above are ignored. */
  readonly decode?: RoleOverrides;
  readonly prefill?: RoleOverrides;
}

/** A raw `workers` block (before the schema applies defaults). */
export function workersSpec(o: WorkersOverrides = {}): Record<string, unknown> {
  return {
    count: o.count ?? 1,
    topology: { tensor: 1, pipeline: 1, data: 1, dataLocal: 1, ...o.topology },
    resources: o.resources ?? {},
    template: { spec: { containers: [{ name: 'engine', image: 'vllm/vllm-openai:v0.11.0' }] } },
  };
}

function roleSpec(o: RoleOverrides): Record<string, unknown> {
  return { ...(o.cel !== undefined ? { nodeSelector: { cel: o.cel } } : {}), workers: workersSpec(o) };
}

export function modelDeployment(name: string, o: DeploymentOverrides = {}): ModelDeployment {
  const serving =
    o.decode !== undefined || o.prefill !== undefined
      ? {
          ...(o.decode ? { decode: roleSpec(o.decode) } : {}),
          ...(o.prefill ? { prefill: roleSpec(o.prefill) } : {}),
        }
      : roleSpec(o);
  return parsed(modelDeploymentSchema, {
    apiVersion: API_VERSION,
    kind: 'ModelDeployment',
    metadata: { name, namespace: o.namespace ?? DEFAULT_NAMESPACE },
    spec: {
      replicas: o.replicas ?? 1,
      ...(o.clusterSelector ? { clusterSelector: o.clusterSelector } : {}),
      ...(o.tolerations ? { tolerations: o.tolerations } : {}),
      ...serving,
    },
  });
}

// ---------------------------------------------------------------------------------------------
// ModelReplica

export interface ReplicaOverrides extends WorkersOverrides {
  readonly namespace?: string;
  /** Default: the replica name of (namespace, deployment, cluster, index). */
  readonly name?: string;
  /** The unified pool; default "gpu" unless decode/prefill are set. */
  readonly pool?: string;
  readonly decode?: WorkersOverrides & { readonly pool: string };
  readonly prefill?: WorkersOverrides & { readonly pool: string };
  /** The observed Ready condition; default false (no status). */
  readonly ready?: boolean;
}

/** A ModelReplica manifest as the ModelDeployment function writes it (and Crossplane observes it). */
export function modelReplica(
  deployment: string,
  cluster: string,
  index: number,
  o: ReplicaOverrides = {},
): KubeObject {
  const namespace = o.namespace ?? DEFAULT_NAMESPACE;
  const split = o.decode !== undefined || o.prefill !== undefined;
  const serving = split
    ? {
        ...(o.decode ? { decode: { nodePool: o.decode.pool, workers: workersSpec(o.decode) } } : {}),
        ...(o.prefill ? { prefill: { nodePool: o.prefill.pool, workers: workersSpec(o.prefill) } } : {}),
      }
    : { nodePool: o.pool ?? 'gpu', workers: workersSpec(o) };
  return {
    apiVersion: API_VERSION,
    kind: 'ModelReplica',
    metadata: {
      name: o.name ?? replicaName(namespace, deployment, cluster, index),
      namespace,
      labels: {
        [LABEL_DEPLOYMENT]: deployment,
        [LABEL_CLUSTER]: cluster,
        [LABEL_REPLICA_INDEX]: String(index),
      },
    },
    spec: {
      deploymentRef: { name: deployment },
      inferenceClusterRef: { name: cluster },
      ...serving,
    },
    ...(o.ready !== undefined
      ? { status: { conditions: [{ type: 'Ready', status: o.ready ? 'True' : 'False' }] } }
      : {}),
  };
}

/** The scheduler's view of `modelReplica(...)`, read back through the real observedReplicaFrom. */
export function observedReplica(
  deployment: string,
  cluster: string,
  index: number,
  o: ReplicaOverrides = {},
): ObservedReplica {
  return observedReplicaFrom(modelReplica(deployment, cluster, index, o));
}

// ---------------------------------------------------------------------------------------------
// Expected scheduler values

/** A newly placed replica as the scheduler reports it. */
export function newPlacement(
  cluster: string,
  index: number,
  pools: RolePools,
  size: { readonly gpus: number; readonly nodes: number },
): Placement {
  return { cluster, index, pools, gpus: size.gpus, nodes: size.nodes, retained: undefined };
}

/** A kept replica as the scheduler reports it: its own cluster, index and pools, the current size. */
export function keptPlacement(
  replica: ObservedReplica,
  size: { readonly gpus: number; readonly nodes: number },
): Placement {
  return {
    cluster: replica.cluster,
    index: replica.index,
    pools: replica.pools,
    gpus: size.gpus,
    nodes: size.nodes,
    retained: replica,
  };
}

/** A successful outcome; the fields a test leaves out are the empty values (no removals, no shortfall, no warnings). */
export function scheduled(result: {
  readonly placements: readonly Placement[];
  readonly candidateClusters: number;
  readonly removals?: readonly Removal[];
  readonly outgoing?: readonly ObservedReplica[];
  readonly unschedulable?: ScheduleResult['unschedulable'];
  readonly warnings?: readonly string[];
}): ScheduleOutcome {
  return {
    ok: true,
    result: {
      placements: result.placements,
      removals: result.removals ?? [],
      outgoing: result.outgoing ?? [],
      unschedulable: result.unschedulable,
      candidateClusters: result.candidateClusters,
      warnings: result.warnings ?? [],
    },
  };
}
