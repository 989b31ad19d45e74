// compose-inference-cluster's pure core (SPEC 4.2): from the parsed InferenceCluster, its classes,
// the replicas pinned to it and its observed children, decide the children, status, conditions
// and readiness. Steps:
//   1. the source's plan: Existing → a ClusterProviderConfig; GKE/EKS/AKS → the one provisioned
//      path driven by the provider's descriptor (PLAN_OF_SOURCE below);
//   2. the gateway: spec.gateway.address, else an observe-only Object for the remote Gateway,
//      composed once the cluster is reachable (and kept from then on); likewise the KServe
//      presets for pipeline parallelism across nodes, which KServe v0.20 does not ship;
//   3. a class that did not resolve stops every change: the observed children are re-emitted as
//      they are, so nothing is created, changed or deleted until it is fixed;
//   4. status: provider config, gateway address, GPU capacity from the scheduler's own ledger.

import type { Source } from '../apis/inference-cluster.js';
import {
  conditionFalse,
  conditionTrue,
  warning,
  type Condition,
  type Result,
} from '../runtime/conditions.js';
import type { FunctionOutput } from '../runtime/response.js';
import { gpuPoolCapacity, type GpuPoolCapacity } from '../scheduling/ledger.js';
import { gatewayObserver, kservePresets, observedGatewayAddress } from './access.js';
import { aks } from './aks.js';
import { keepObserved, withReadiness } from './children.js';
import { classProblems, foundClasses, type ClassProblem } from './classes.js';
import {
  CONDITION_CLASSES_RESOLVED,
  CONDITION_CLUSTER_READY,
  CONDITION_NODE_POOLS_VALID,
  REASON_CLASS_NOT_FOUND,
  REASON_INVALID_CLASS,
  REASON_INVALID_NODE_POOL,
  REASON_RESOLVED,
  REASON_VALID,
} from './conditions.js';
import { eks } from './eks.js';
import { composeExisting } from './existing.js';
import { gke } from './gke.js';
import { KEY_GATEWAY, KEY_PROVIDER_CONFIG, providerConfigName } from './names.js';
import type { ClusterInput, InvalidPool, SourcePlan } from './plan.js';
import { composeProvisioned } from './provisioned.js';

/** One plan per source; the three clouds share composeProvisioned and differ only by descriptor. */
const PLAN_OF_SOURCE: Readonly<Record<Source, (input: ClusterInput) => SourcePlan>> = {
  Existing: composeExisting,
  GKE: (input) => composeProvisioned(input, gke),
  EKS: (input) => composeProvisioned(input, eks),
  AKS: (input) => composeProvisioned(input, aks),
};

export interface CapacityStatus {
  readonly gpuPools: readonly GpuPoolCapacity[];
  readonly totalGpus: number;
  readonly allocatedGpus: number;
  readonly freeGpus: number;
}

export function capacityStatus(pools: readonly GpuPoolCapacity[]): CapacityStatus {
  let totalGpus = 0;
  let allocatedGpus = 0;
  let freeGpus = 0;
  for (const p of pools) {
    totalGpus += p.gpus;
    allocatedGpus += p.allocatedGpus;
    freeGpus += p.freeGpus;
  }
  return { gpuPools: pools, totalGpus, allocatedGpus, freeGpus };
}

export function composeCluster(input: ClusterInput): FunctionOutput {
  const { cluster, observed } = input;
  const name = cluster.metadata.name;
  const plan = PLAN_OF_SOURCE[cluster.spec.source](input);

  const staticAddress = cluster.spec.gateway?.address;
  const children = { ...plan.children };
  if (staticAddress === undefined && (plan.reachable.ready || observed[KEY_GATEWAY] !== undefined)) {
    children[KEY_GATEWAY] = gatewayObserver(name);
  }
  const presets = kservePresets(name);
  if (plan.reachable.ready || Object.keys(presets).some((key) => observed[key] !== undefined)) {
    Object.assign(children, presets);
  }
  const address = staticAddress ?? observedGatewayAddress(observed[KEY_GATEWAY]);

  const problems = classProblems(cluster, input.classes);
  const resources = withReadiness(problems.length === 0 ? children : keepObserved(observed), observed);
  const classes = foundClasses(input.classes);

  return {
    resources,
    status: {
      ...(resources[KEY_PROVIDER_CONFIG] === undefined
        ? {}
        : { providerConfigRef: { kind: 'ClusterProviderConfig', name: providerConfigName(name) } }),
      ...(address === undefined ? {} : { gateway: { address } }),
      capacity: capacityStatus(gpuPoolCapacity(cluster, [...classes.values()], input.replicas)),
    },
    conditions: [
      classesCondition(problems, classes.size),
      poolsCondition(plan.invalidPools, cluster.spec.source, poolCounts(input, plan)),
      plan.reachable.ready
        ? conditionTrue(CONDITION_CLUSTER_READY, plan.reachable.reason, plan.reachable.message)
        : conditionFalse(CONDITION_CLUSTER_READY, plan.reachable.reason, plan.reachable.message),
    ],
    results: warnings(problems, plan.invalidPools),
    ready: problems.length === 0 && plan.invalidPools.length === 0 && plan.reachable.ready,
  };
}

function classesCondition(problems: readonly ClassProblem[], resolved: number): Condition {
  if (problems.length === 0) {
    return conditionTrue(
      CONDITION_CLASSES_RESOLVED,
      REASON_RESOLVED,
      `Resolved ${resolved} InferenceClass${resolved === 1 ? '' : 'es'}`,
    );
  }
  return conditionFalse(
    CONDITION_CLASSES_RESOLVED,
    problems.some((p) => p.kind === 'missing') ? REASON_CLASS_NOT_FOUND : REASON_INVALID_CLASS,
    problems.map((p) => p.message).join('; '),
  );
}

/** How many pools the source can build, and how many still wait for their class. */
function poolCounts(input: ClusterInput, plan: SourcePlan): { valid: number; waiting: number } {
  const classes = foundClasses(input.classes);
  const invalid = new Set(plan.invalidPools.map((p) => p.pool));
  const pools = input.cluster.spec.nodePools;
  const resolved = pools.filter((p) => classes.has(p.class));
  return {
    valid: resolved.filter((p) => !invalid.has(p.name)).length,
    waiting: pools.length - resolved.length,
  };
}

function poolsCondition(
  invalid: readonly InvalidPool[],
  source: Source,
  counts: { valid: number; waiting: number },
): Condition {
  if (invalid.length > 0) {
    return conditionFalse(
      CONDITION_NODE_POOLS_VALID,
      REASON_INVALID_NODE_POOL,
      invalid.map((p) => p.message).join('; '),
    );
  }
  const pools = `${counts.valid} node pool${counts.valid === 1 ? '' : 's'}`;
  const where =
    source === 'Existing' ? `${pools} on an existing cluster` : `${pools} can be provisioned on ${source}`;
  const waiting =
    counts.waiting === 0
      ? ''
      : `; ${counts.waiting} wait${counts.waiting === 1 ? 's' : ''} for ${counts.waiting === 1 ? 'its' : 'their'} InferenceClass`;
  return conditionTrue(CONDITION_NODE_POOLS_VALID, REASON_VALID, `${where}${waiting}`);
}

function warnings(problems: readonly ClassProblem[], invalid: readonly InvalidPool[]): Result[] {
  return [
    ...problems.map((p) =>
      warning(p.message, p.kind === 'missing' ? REASON_CLASS_NOT_FOUND : REASON_INVALID_CLASS),
    ),
    ...invalid.map((p) => warning(p.message, REASON_INVALID_NODE_POOL)),
  ];
}
