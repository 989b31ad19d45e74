// GKE (container.gcp.m.upbound.io/v1beta1): a Cluster without its default pool, the injected system
// NodePool, and one GPU NodePool per node pool. The Cluster writes the kubeconfig; its user is a
// client certificate that GKE no longer issues by default, so provider-kubernetes authenticates
// with a Google identity on top (the `identity` of the ClusterProviderConfig).

import type { z } from 'zod';
import type { gkeProvisioning } from '../apis/inference-class.js';
import type { gkeCluster, NodePool } from '../apis/inference-cluster.js';
import type { KubeObject } from '../runtime/request.js';
import {
  gpuNodeLabels,
  GPU_TAINT_UPPER_CASE,
  poolSize,
  zones,
  type ProviderDescriptor,
} from './descriptor.js';
import {
  cloudName,
  clusterResourceName,
  gpuPoolResourceName,
  KEY_CLUSTER,
  KEY_SYSTEM_POOL,
  kubeconfigSecretName,
  KUBECONFIG_KEY,
  MANAGED_NAMESPACE,
  SYSTEM_POOL_CLOUD_NAME,
  systemPoolResourceName,
} from './names.js';

export type GkeClusterSpec = z.infer<typeof gkeCluster>;
export type GkeClassBlock = z.infer<typeof gkeProvisioning>;

const API_VERSION = 'container.gcp.m.upbound.io/v1beta1';
/** GKE limits cluster and node pool names to 40 characters. */
const MAX_NAME = 40;
const SYSTEM_MACHINE_TYPE = 'e2-standard-4';

/**
 * Labels that hand a GKE GPU node to the NVIDIA DRA driver: GKE keeps installing the driver
 * (gpuDriverInstallationConfig) but does not run its own device plugin, which would otherwise
 * hold the GPUs that replicas claim through DRA.
 */
const GKE_DRA_NODE_LABELS = { 'gke-no-default-nvidia-gpu-device-plugin': 'true' } as const;

/** GCP zones end in "-<letter>" (us-east1-b); regions end in a digit (us-east1). */
function isZone(location: string): boolean {
  return /-[a-z]$/.test(location);
}

function metadata(name: string, cloud: string): KubeObject['metadata'] {
  return { name, namespace: MANAGED_NAMESPACE, annotations: { 'crossplane.io/external-name': cloud } };
}

function clusterResource(cluster: string, spec: GkeClusterSpec): KubeObject {
  return {
    apiVersion: API_VERSION,
    kind: 'Cluster',
    metadata: metadata(clusterResourceName(cluster), cloudName(cluster, MAX_NAME)),
    spec: {
      providerConfigRef: spec.providerConfigRef,
      writeConnectionSecretToRef: { name: kubeconfigSecretName(cluster) },
      forProvider: {
        project: spec.project,
        location: spec.location,
        // GKE cannot create a cluster without a pool; the default one goes as soon as it exists.
        removeDefaultNodePool: true,
        initialNodeCount: 1,
        // The provider's default (true) would make deleting the InferenceCluster fail.
        deletionProtection: false,
        releaseChannel: { channel: spec.releaseChannel },
        workloadIdentityConfig: { workloadPool: `${spec.project}.svc.id.goog` },
        ...(spec.kubernetesVersion === undefined ? {} : { minMasterVersion: spec.kubernetesVersion }),
      },
    },
  };
}

function nodePoolResource(
  name: string,
  cloud: string,
  cluster: string,
  spec: GkeClusterSpec,
  forProvider: object,
) {
  return {
    apiVersion: API_VERSION,
    kind: 'NodePool',
    metadata: metadata(name, cloud),
    spec: {
      providerConfigRef: spec.providerConfigRef,
      forProvider: {
        clusterRef: { name: clusterResourceName(cluster) },
        project: spec.project,
        location: spec.location,
        ...forProvider,
      },
    },
  };
}

/**
 * GKE counts a pool's nodes per zone; autoscaling's total limits are the only pool-wide count. So
 * autoscaled pools use total limits, and a fixed pool's nodeCount is divided over its zones, which
 * must be known (zones given, or a zonal cluster) and divide it evenly.
 */
function gpuPoolScaling(
  pool: NodePool,
  location: string,
): { ok: true; fields: object } | { ok: false; problem: string } {
  const size = poolSize(pool);
  const zoneCount = zones(pool).length;
  if (size.kind === 'autoscaled') {
    return {
      ok: true,
      fields: {
        initialNodeCount: Math.ceil(size.initial / Math.max(zoneCount, 1)),
        autoscaling: { totalMinNodeCount: size.min, totalMaxNodeCount: size.max, locationPolicy: 'ANY' },
      },
    };
  }
  const perZoneOver = zoneCount > 0 ? zoneCount : isZone(location) ? 1 : undefined;
  if (size.nodes === 0) return { ok: true, fields: { nodeCount: 0 } };
  if (perZoneOver === undefined) {
    return {
      ok: false,
      problem: `GKE counts a fixed pool's nodes per zone and location ${location} is a region: set zones`,
    };
  }
  if (size.nodes % perZoneOver !== 0) {
    return {
      ok: false,
      problem: `nodeCount ${size.nodes} cannot be split evenly over ${perZoneOver} zones (GKE counts a fixed pool's nodes per zone)`,
    };
  }
  return { ok: true, fields: { nodeCount: size.nodes / perZoneOver } };
}

export const gke: ProviderDescriptor<GkeClusterSpec, GkeClassBlock> = {
  source: 'GKE',
  block: 'gke',
  clusterSpec: (spec) => spec.gke,
  classBlock: (provisioning) => provisioning?.gke,
  controlPlane: (cluster, spec) => ({
    children: {
      [KEY_CLUSTER]: clusterResource(cluster, spec),
      [KEY_SYSTEM_POOL]: nodePoolResource(
        systemPoolResourceName(cluster),
        SYSTEM_POOL_CLOUD_NAME,
        cluster,
        spec,
        {
          initialNodeCount: 1,
          autoscaling: { totalMinNodeCount: 1, totalMaxNodeCount: 2, locationPolicy: 'BALANCED' },
          nodeConfig: { machineType: SYSTEM_MACHINE_TYPE },
        },
      ),
    },
    kubeconfig: { namespace: MANAGED_NAMESPACE, name: kubeconfigSecretName(cluster), key: KUBECONFIG_KEY },
    identity:
      spec.identitySecretRef === undefined
        ? { type: 'GoogleApplicationCredentials', source: 'InjectedIdentity' }
        : { type: 'GoogleApplicationCredentials', source: 'Secret', secretRef: spec.identitySecretRef },
  }),
  gpuPool: (cluster, spec, pool, block) => {
    const scaling = gpuPoolScaling(pool, spec.location);
    if (!scaling.ok) return scaling;
    const nodeConfig = {
      machineType: block.machineType,
      guestAccelerator: [
        {
          type: block.accelerator.type,
          count: block.accelerator.count,
          gpuDriverInstallationConfig: { gpuDriverVersion: 'LATEST' },
        },
      ],
      labels: { ...gpuNodeLabels(pool.name), ...GKE_DRA_NODE_LABELS },
      taint: [GPU_TAINT_UPPER_CASE],
      ...(block.diskSizeGb === undefined ? {} : { diskSizeGb: block.diskSizeGb }),
      ...(block.spot === undefined ? {} : { spot: block.spot }),
    };
    return {
      ok: true,
      resource: nodePoolResource(
        gpuPoolResourceName(cluster, pool.name),
        cloudName(`gpu-${pool.name}`, MAX_NAME),
        cluster,
        spec,
        {
          ...scaling.fields,
          ...(zones(pool).length === 0 ? {} : { nodeLocations: zones(pool) }),
          nodeConfig,
        },
      ),
    };
  },
};
