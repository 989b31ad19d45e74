// The condition types compose-model-replica writes on a ModelReplica and the reasons of Deployed.
// Crossplane owns Ready and Synced (it drops them from function conditions), so the function's own
// verdicts live under Deployed (did we put the replica on its cluster, and if not why) and Serving
// (does the remote service serve); the XR's readiness is set directly.

export const CONDITION_DEPLOYED = 'Deployed';
export const CONDITION_SERVING = 'Serving';

/** Every Object is on the cluster and applied. */
export const REASON_DEPLOYED = 'Deployed';
/** Composed, not all observed yet. */
export const REASON_DEPLOYING = 'Deploying';
/** The provider reports Synced=False on an Object (its message says why). */
export const REASON_APPLY_FAILED = 'ApplyFailed';
/** The XR does not parse, or its topology cannot be computed. */
export const REASON_INVALID = 'InvalidReplica';
/** Engine flags contradict the topology (SPEC 4.4 item 5). */
export const REASON_TOPOLOGY_MISMATCH = 'TopologyMismatch';
/** KServe cannot express the topology in one LLMInferenceService. */
export const REASON_UNSUPPORTED_TOPOLOGY = 'UnsupportedTopology';
/** The engine args name no model and spec.model.uri is not set. */
export const REASON_NO_MODEL_SOURCE = 'NoModelSource';
/** An engine setting fights what KServe's presets set (engine-conflicts.ts, model-source.ts). */
export const REASON_CONFLICTING_ENGINE_ARGS = 'ConflictingEngineArgs';
/** A node of the role needs more GPUs than the pool's class has. */
export const REASON_POOL_TOO_SMALL = 'PoolTooSmall';
/** The InferenceCluster is not fetched, missing, invalid, has no ProviderConfig yet, or lacks the pool. */
export const REASON_WAITING_FOR_CLUSTER = 'WaitingForCluster';
/** The InferenceClass of a used pool is not fetched, missing or invalid. */
export const REASON_WAITING_FOR_CLASS = 'WaitingForClass';
