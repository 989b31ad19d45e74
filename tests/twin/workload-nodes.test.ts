// The workload cluster's simulated GPU nodes (scripts/twin/workload/nodes.ts): what the cloud's
// node pool and NVIDIA's DRA kubelet plugin would present for an InferenceCluster's pools.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readObjects, renderNodes } from '../../scripts/twin/workload/nodes.js';
import { repoRoot } from '../support/paths.js';

const kimi = readObjects([join(repoRoot, 'examples', 'kimi-k2', 'platform.yaml')]);

describe('the simulated nodes of a pool', () => {
  it('renders one Node and one ResourceSlice per node, named after cluster, pool and index', () => {
    const names = renderNodes(kimi, 'gke-h200').map((o) => `${o.kind ?? ''}/${o.metadata?.name ?? ''}`);
    expect(names).toEqual(
      [0, 1, 2, 3].flatMap((i) => [
        `Node/gke-h200-h200-${i}`,
        `ResourceSlice/gke-h200-h200-${i}-gpu.nvidia.com`,
      ]),
    );
  });

  it('gives the Node the pool label, the GPU taint, the zone and the class cpu/memory, managed by kwok', () => {
    const [node] = renderNodes(kimi, 'gke-h200');
    expect(node).toEqual({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'gke-h200-h200-0',
        labels: {
          type: 'kwok',
          'kubernetes.io/hostname': 'gke-h200-h200-0',
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'modelplane.ai/pool': 'h200',
          'nvidia.com/gpu.present': 'true',
          'twin.modelplane.ai/managed': 'true',
          'twin.modelplane.ai/inference-cluster': 'gke-h200',
          'topology.kubernetes.io/zone': 'us-central1-b',
        },
        annotations: { 'kwok.x-k8s.io/node': 'fake' },
      },
      spec: { taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] },
      status: {
        capacity: { cpu: '220', memory: '2800Gi', pods: '110' },
        allocatable: { cpu: '220', memory: '2800Gi', pods: '110' },
      },
    });
  });

  it("publishes the driver's attributes and the class's device facts, never its modelplane.ai ones", () => {
    const slice = renderNodes(kimi, 'gke-h200')[1];
    const spec = slice?.spec as {
      devices: { name: string; attributes: Record<string, unknown>; capacity: unknown }[];
    };
    expect({ ...slice, spec: { ...spec, devices: spec.devices.length } }).toEqual({
      apiVersion: 'resource.k8s.io/v1',
      kind: 'ResourceSlice',
      metadata: {
        name: 'gke-h200-h200-0-gpu.nvidia.com',
        labels: { 'twin.modelplane.ai/managed': 'true', 'twin.modelplane.ai/inference-cluster': 'gke-h200' },
      },
      spec: {
        driver: 'gpu.nvidia.com',
        nodeName: 'gke-h200-h200-0',
        pool: { name: 'gke-h200-h200-0', generation: 1, resourceSliceCount: 1 },
        devices: 8,
      },
    });
    const { uuid, ...attributes } = spec.devices[0]?.attributes ?? {};
    expect({ name: spec.devices[0]?.name, attributes, capacity: spec.devices[0]?.capacity }).toEqual({
      name: 'gpu-0',
      attributes: {
        type: { string: 'gpu' },
        productName: { string: 'NVIDIA H200' },
        brand: { string: 'Nvidia' },
        driverVersion: { version: '580.95.5' },
        cudaDriverVersion: { version: '13.0.0' },
        architecture: { string: 'Hopper' },
        cudaComputeCapability: { version: '9.0.0' },
      },
      capacity: { memory: { value: '141Gi' } },
    });
    expect(uuid).toEqual({
      string: expect.stringMatching(
        /^GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      ) as unknown,
    });
    // Every device has its own stable UUID.
    const uuids = spec.devices.map((d) => JSON.stringify(d.attributes.uuid));
    expect(new Set(uuids).size).toBe(8);
    expect(renderNodes(kimi, 'gke-h200')[1]).toEqual(slice);
  });

  it('qualifies attributes and capacities of other domains, and lets the class override the driver defaults', () => {
    const objects = [
      {
        kind: 'InferenceClass',
        metadata: { name: 'c' },
        spec: {
          resources: { gpu: { count: 1, memory: '80Gi', product: 'NVIDIA-H100' }, cpu: 8, memory: '64Gi' },
          attributes: {
            'gpu.nvidia.com/architecture': { string: 'Hopper' },
            'gpu.nvidia.com/cudaComputeCapability': { version: '9.0.1' },
            'example.com/rack': { int: 7 },
            'modelplane.ai/interconnect': { string: 'roce' },
          },
          capacity: {
            'example.com/bandwidth': { value: '400G' },
            'modelplane.ai/networkBandwidth': { value: '1T' },
          },
        },
      },
      { kind: 'InferenceCluster', metadata: { name: 'x' }, spec: { nodePools: [{ name: 'p', class: 'c' }] } },
    ];
    const device = (
      renderNodes(objects)[1]?.spec as {
        devices: { attributes: Record<string, unknown>; capacity: unknown }[];
      }
    ).devices[0];
    const attributes = { ...device?.attributes };
    delete attributes.uuid;
    expect({ attributes, capacity: device?.capacity }).toEqual({
      attributes: {
        type: { string: 'gpu' },
        productName: { string: 'NVIDIA H100' },
        brand: { string: 'Nvidia' },
        driverVersion: { version: '580.95.5' },
        cudaDriverVersion: { version: '13.0.0' },
        architecture: { string: 'Hopper' },
        cudaComputeCapability: { version: '9.0.1' },
        'example.com/rack': { int: 7 },
      },
      capacity: { memory: { value: '80Gi' }, 'example.com/bandwidth': { value: '400G' } },
    });
  });

  it('refuses a pool whose class is not among the files, and an unknown cluster', () => {
    const objects = [
      {
        kind: 'InferenceCluster',
        metadata: { name: 'x' },
        spec: { nodePools: [{ name: 'p', class: 'nope' }] },
      },
    ];
    expect(() => renderNodes(objects)).toThrow('InferenceCluster x: class nope is not in the files');
    expect(() => renderNodes(kimi, 'nope')).toThrow('no InferenceCluster nope in the files');
  });
});
