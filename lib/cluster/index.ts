// The InferenceCluster composition core (SPEC 4.2), used by compose-inference-cluster.

export { observedGatewayAddress } from './access.js';
export { isChildReady } from './children.js';
export { classNames, type ClassLookup, type ClassProblem } from './classes.js';
export { capacityStatus, composeCluster, type CapacityStatus } from './compose.js';
export * from './conditions.js';
export { invalidClusterOutput } from './invalid.js';
export * from './names.js';
export type { ClusterInput } from './plan.js';
