// How everything else reaches the workload cluster: a provider-kubernetes ClusterProviderConfig
// named after the InferenceCluster (every function's Objects use it, see status.providerConfigRef),
// the observe-only Object that reads the cluster's inference Gateway, and the Objects that put
// the KServe presets KServe v0.20 lacks onto the cluster (lib/kserve/presets.ts).

import { pipelinePreset, PRESET_ROLES } from '../kserve/presets.js';
import type { KubeObject } from '../runtime/request.js';
import type { ProviderIdentity, SecretKeyRef } from './descriptor.js';
import {
  gatewayObjectName,
  INFERENCE_GATEWAY,
  MANAGED_NAMESPACE,
  presetKey,
  presetObjectName,
  providerConfigName,
} from './names.js';

const PROVIDER_KUBERNETES = 'kubernetes.m.crossplane.io/v1alpha1';

export function providerConfig(
  cluster: string,
  kubeconfig: SecretKeyRef,
  identity?: ProviderIdentity,
): KubeObject {
  return {
    apiVersion: PROVIDER_KUBERNETES,
    kind: 'ClusterProviderConfig',
    metadata: { name: providerConfigName(cluster) },
    spec: {
      credentials: { source: 'Secret', secretRef: kubeconfig },
      ...(identity === undefined ? {} : { identity }),
    },
  };
}

/** Reads (never writes) modelplane-system/inference-gateway on the workload cluster. */
export function gatewayObserver(cluster: string): KubeObject {
  return {
    apiVersion: PROVIDER_KUBERNETES,
    kind: 'Object',
    metadata: { name: gatewayObjectName(cluster), namespace: MANAGED_NAMESPACE },
    spec: {
      managementPolicies: ['Observe'],
      providerConfigRef: { kind: 'ClusterProviderConfig', name: providerConfigName(cluster) },
      forProvider: {
        manifest: {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'Gateway',
          metadata: { name: INFERENCE_GATEWAY.name, namespace: INFERENCE_GATEWAY.namespace },
        },
      },
    },
  };
}

/** status.addresses[0].value of the remote Gateway, as the observe-only Object reports it. */
export function observedGatewayAddress(observed: KubeObject | undefined): string | undefined {
  const status = observed?.status as
    { atProvider?: { manifest?: { status?: { addresses?: unknown } } } } | undefined;
  const addresses = status?.atProvider?.manifest?.status?.addresses;
  if (!Array.isArray(addresses)) return undefined;
  const first: unknown = addresses[0];
  if (typeof first !== 'object' || first === null) return undefined;
  const value = (first as { value?: unknown }).value;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The pipeline-parallel presets, one Object each, by desired-resource key. KServe looks them up by
 * name in its own namespace for every service whose worker spans nodes by pipeline parallelism.
 */
export function kservePresets(cluster: string): Record<string, KubeObject> {
  const out: Record<string, KubeObject> = {};
  for (const role of PRESET_ROLES) {
    const key = presetKey(role);
    out[key] = {
      apiVersion: PROVIDER_KUBERNETES,
      kind: 'Object',
      metadata: { name: presetObjectName(cluster, key), namespace: MANAGED_NAMESPACE },
      spec: {
        providerConfigRef: { kind: 'ClusterProviderConfig', name: providerConfigName(cluster) },
        forProvider: { manifest: pipelinePreset(role) },
      },
    };
  }
  return out;
}
