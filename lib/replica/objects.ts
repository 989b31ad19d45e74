// provider-kubernetes Objects (kubernetes.m.crossplane.io/v1alpha1): how every remote manifest
// reaches the workload cluster. The Object lives next to the ModelReplica; the provider applies
// `spec.forProvider.manifest` through the cluster's ProviderConfig and reports back the remote
// object in `status.atProvider.manifest`.

export const OBJECT_API_VERSION = 'kubernetes.m.crossplane.io/v1alpha1';
export const OBJECT_KIND = 'Object';

/** Create, adopt and update, never delete: other replicas (and people) may live in the namespace. */
export const NEVER_DELETE = ['Observe', 'Create', 'Update', 'LateInitialize'] as const;

/**
 * Ready when the remote object's own Ready condition is True. The provider evaluates the query
 * against the observed remote object, bound to `object`; the has() guards keep a status that has
 * not been written yet a plain "not ready" instead of an evaluation error.
 */
export const REMOTE_READY_QUERY =
  'has(object.status) && has(object.status.conditions) && ' +
  "object.status.conditions.exists(c, c.type == 'Ready' && c.status == 'True')";

export interface ProviderConfigRef {
  readonly kind: string;
  readonly name: string;
}

export interface RemoteObjectInput {
  readonly name: string;
  readonly namespace: string;
  readonly providerConfigRef: ProviderConfigRef;
  readonly manifest: Record<string, unknown>;
  /** Omitted: the provider's default (every action). */
  readonly managementPolicies?: readonly string[];
  /** Workloads only: readiness follows the remote Ready condition instead of a successful create. */
  readonly deriveReadinessFromRemote?: boolean;
}

export function remoteObject(input: RemoteObjectInput): Record<string, unknown> {
  return {
    apiVersion: OBJECT_API_VERSION,
    kind: OBJECT_KIND,
    metadata: { name: input.name, namespace: input.namespace },
    spec: {
      forProvider: { manifest: input.manifest },
      providerConfigRef: { kind: input.providerConfigRef.kind, name: input.providerConfigRef.name },
      ...(input.managementPolicies === undefined
        ? {}
        : { managementPolicies: [...input.managementPolicies] }),
      ...(input.deriveReadinessFromRemote === true
        ? { readiness: { policy: 'DeriveFromCelQuery', celQuery: REMOTE_READY_QUERY } }
        : {}),
    },
  };
}
