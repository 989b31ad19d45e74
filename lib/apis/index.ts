// The API types of the six kinds: one zod schema per kind, types inferred from them.

export * from './common.js';
export * from './issues.js';
export * from './inference-class.js';
export * from './inference-cluster.js';
export * from './serving.js';
export * from './model-deployment.js';
export * from './model-replica.js';
export * from './model-endpoint.js';
export * from './model-service.js';
