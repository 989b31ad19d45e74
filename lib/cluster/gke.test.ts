// GKE counts a node pool's nodes per zone; these cases pin how a pool's pool-wide count is mapped.

import { describe, expect, it } from 'vitest';
import type { NodePool } from '../apis/inference-cluster.js';
import type { GpuPoolResult } from './descriptor.js';
import { gke, type GkeClassBlock, type GkeClusterSpec } from './gke.js';

const BLOCK: GkeClassBlock = { machineType: 'g2-standard-8', accelerator: { type: 'nvidia-l4', count: 1 } };

function spec(location: string): GkeClusterSpec {
  return {
    project: 'p',
    location,
    releaseChannel: 'REGULAR',
    providerConfigRef: { kind: 'ClusterProviderConfig', name: 'default' },
  };
}

/** The expected NodePool of pool "l4" with the given scaling fields and node locations. */
function l4Pool(location: string, scaling: object, nodeLocations?: string[]): GpuPoolResult {
  return {
    ok: true,
    resource: {
      apiVersion: 'container.gcp.m.upbound.io/v1beta1',
      kind: 'NodePool',
      metadata: {
        name: 'c-gpu-l4',
        namespace: 'crossplane-system',
        annotations: { 'crossplane.io/external-name': 'gpu-l4' },
      },
      spec: {
        providerConfigRef: { kind: 'ClusterProviderConfig', name: 'default' },
        forProvider: {
          clusterRef: { name: 'c' },
          project: 'p',
          location,
          ...scaling,
          ...(nodeLocations === undefined ? {} : { nodeLocations }),
          nodeConfig: {
            machineType: 'g2-standard-8',
            guestAccelerator: [
              { type: 'nvidia-l4', count: 1, gpuDriverInstallationConfig: { gpuDriverVersion: 'LATEST' } },
            ],
            labels: {
              'modelplane.ai/pool': 'l4',
              'nvidia.com/gpu.present': 'true',
              'gke-no-default-nvidia-gpu-device-plugin': 'true',
            },
            taint: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' }],
          },
        },
      },
    },
  };
}

describe('GKE GPU node pool sizing', () => {
  const cases: { name: string; location: string; pool: NodePool; want: GpuPoolResult }[] = [
    {
      name: 'a fixed pool in one zone asks for nodeCount nodes in that zone',
      location: 'us-east1',
      pool: { name: 'l4', class: 'c', nodeCount: 3, zones: ['us-east1-b'] },
      want: l4Pool('us-east1', { nodeCount: 3 }, ['us-east1-b']),
    },
    {
      name: 'a fixed pool over two zones asks for half of nodeCount in each',
      location: 'us-east1',
      pool: { name: 'l4', class: 'c', nodeCount: 4, zones: ['us-east1-b', 'us-east1-c'] },
      want: l4Pool('us-east1', { nodeCount: 2 }, ['us-east1-b', 'us-east1-c']),
    },
    {
      name: 'a fixed pool on a zonal cluster needs no zones',
      location: 'us-east1-b',
      pool: { name: 'l4', class: 'c', nodeCount: 3 },
      want: l4Pool('us-east1-b', { nodeCount: 3 }),
    },
    {
      name: 'a fixed pool on a regional cluster without zones cannot be counted per zone',
      location: 'us-east1',
      pool: { name: 'l4', class: 'c', nodeCount: 3 },
      want: {
        ok: false,
        problem: "GKE counts a fixed pool's nodes per zone and location us-east1 is a region: set zones",
      },
    },
    {
      name: 'a fixed pool whose nodeCount does not divide over its zones is refused',
      location: 'us-east1',
      pool: { name: 'l4', class: 'c', nodeCount: 3, zones: ['us-east1-b', 'us-east1-c'] },
      want: {
        ok: false,
        problem: "nodeCount 3 cannot be split evenly over 2 zones (GKE counts a fixed pool's nodes per zone)",
      },
    },
    {
      name: 'an empty fixed pool is empty in every zone',
      location: 'us-east1',
      pool: { name: 'l4', class: 'c', nodeCount: 0 },
      want: l4Pool('us-east1', { nodeCount: 0 }),
    },
    {
      name: 'an autoscaled pool uses total limits and starts with its initial nodes spread over its zones',
      location: 'us-east1',
      pool: {
        name: 'l4',
        class: 'c',
        nodeCount: 4,
        minNodeCount: 1,
        maxNodeCount: 8,
        zones: ['us-east1-b', 'us-east1-c', 'us-east1-d'],
      },
      want: l4Pool(
        'us-east1',
        {
          initialNodeCount: 2,
          autoscaling: { totalMinNodeCount: 1, totalMaxNodeCount: 8, locationPolicy: 'ANY' },
        },
        ['us-east1-b', 'us-east1-c', 'us-east1-d'],
      ),
    },
  ];
  for (const tc of cases) {
    it(tc.name, () => {
      expect(gke.gpuPool('c', spec(tc.location), tc.pool, BLOCK)).toStrictEqual(tc.want);
    });
  }
});
