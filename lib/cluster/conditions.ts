// The InferenceCluster's condition types and reasons (SPEC 4.2). Crossplane owns the XR's Ready
// condition and drops Ready from function conditions, so the function sets the XR's readiness with
// `ready` and says why on three condition types of its own:
//   ClassesResolved  True Resolved        | False ClassNotFound / InvalidClass
//   NodePoolsValid   True Valid           | False InvalidNodePool  (SPEC's "Ready=False InvalidNodePool")
//   ClusterReady     True Available / Existing | False Provisioning
// The XR is Ready exactly when all three are True. A spec that fails validation (admission
// normally stops it first) sets ClusterReady False InvalidSpec and the other two Unknown.

export const CONDITION_CLASSES_RESOLVED = 'ClassesResolved';
export const CONDITION_NODE_POOLS_VALID = 'NodePoolsValid';
export const CONDITION_CLUSTER_READY = 'ClusterReady';

export const REASON_RESOLVED = 'Resolved';
export const REASON_CLASS_NOT_FOUND = 'ClassNotFound';
export const REASON_INVALID_CLASS = 'InvalidClass';
export const REASON_VALID = 'Valid';
export const REASON_INVALID_NODE_POOL = 'InvalidNodePool';
export const REASON_AVAILABLE = 'Available';
export const REASON_EXISTING = 'Existing';
export const REASON_PROVISIONING = 'Provisioning';
export const REASON_INVALID_SPEC = 'InvalidSpec';
