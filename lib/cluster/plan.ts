// What a source-specific path (Existing, or a provisioned cloud) decides, before the parts that are
// the same for every source (gateway, status, conditions, readiness) are added.

import type { InferenceCluster } from '../apis/inference-cluster.js';
import type { KubeObject } from '../runtime/request.js';
import type { ObservedReplica } from '../scheduling/types.js';
import type { ClassLookup } from './classes.js';

/** Everything the composition depends on, already read from the request. */
export interface ClusterInput {
  readonly cluster: InferenceCluster;
  /** One entry per distinct class name of spec.nodePools. */
  readonly classes: ReadonlyMap<string, ClassLookup>;
  /** The ModelReplicas labelled modelplane.ai/cluster=<name>, in any namespace. */
  readonly replicas: readonly ObservedReplica[];
  /** Observed children by desired-resource key. */
  readonly observed: Readonly<Record<string, KubeObject>>;
}

export interface InvalidPool {
  readonly pool: string;
  readonly class: string;
  /** "pool h200: InferenceClass h200-eks has no provisioning.gke block". */
  readonly message: string;
}

export interface Reachability {
  readonly ready: boolean;
  readonly reason: string;
  readonly message: string;
}

export interface SourcePlan {
  /** Desired children by key (without the gateway observer, which every source shares). */
  readonly children: Readonly<Record<string, KubeObject>>;
  readonly invalidPools: readonly InvalidPool[];
  /** Whether the cluster can be reached: its control plane and provider config are ready. */
  readonly reachable: Reachability;
}
