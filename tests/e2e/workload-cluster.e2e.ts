// The workload cluster as `scripts/twin/workload.sh up` leaves it, read back from its API server:
// Kubernetes ≥ 1.35 serving DRA (resource.k8s.io/v1), the NVIDIA DRA DeviceClass, onprem-dc1's
// L4 node with the ResourceSlice a DRA driver would publish, KServe's presets admitted by KServe's
// own webhook, and the inference Gateway programmed by Envoy Gateway at its load-balancer address.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { readFileSync } from 'node:fs';
import {
  WORKLOAD_CLUSTER,
  assertTwinUp,
  condition,
  get,
  kubectl,
  list,
  workloadKubeconfig,
} from './support/twin.js';
import { INFERENCE_GATEWAY } from './support/workload.js';
import { repoRoot } from '../support/paths.js';

let workload: string;

beforeAll(() => {
  assertTwinUp();
  workload = workloadKubeconfig();
});

describe('the workload cluster', () => {
  it('runs Kubernetes ≥ 1.35 and serves resource.k8s.io/v1 (DRA)', () => {
    const version = JSON.parse(kubectl(workload, ['version', '-o', 'json'])) as {
      serverVersion: { major: string; minor: string };
    };
    const resources = JSON.parse(kubectl(workload, ['get', '--raw', '/apis/resource.k8s.io/v1'])) as {
      resources: { name: string }[];
    };
    expect({
      atLeast135:
        Number(version.serverVersion.major) > 1 || Number.parseInt(version.serverVersion.minor, 10) >= 35,
      dra: resources.resources
        .map((r) => r.name)
        .filter((n) =>
          ['deviceclasses', 'resourceclaims', 'resourceclaimtemplates', 'resourceslices'].includes(n),
        )
        .sort(),
    }).toEqual({
      atLeast135: true,
      dra: ['deviceclasses', 'resourceclaims', 'resourceclaimtemplates', 'resourceslices'],
    });
  });

  it("has the NVIDIA DRA driver's DeviceClass", () => {
    const dc = get(workload, 'deviceclasses.resource.k8s.io', 'gpu.nvidia.com');
    expect(dc.spec?.selectors).toEqual([
      {
        cel: {
          expression:
            "device.driver == 'gpu.nvidia.com' && device.attributes['gpu.nvidia.com'].type == 'gpu'",
        },
      },
    ]);
  });

  it("has onprem-dc1's pool as a Ready node with the pool label, the GPU taint and four L4s in its ResourceSlice", () => {
    const nodes = list(workload, 'nodes')
      .filter((n) => n.metadata.labels?.['twin.modelplane.ai/inference-cluster'] === WORKLOAD_CLUSTER)
      .map((n) => ({
        name: n.metadata.name,
        pool: n.metadata.labels?.['modelplane.ai/pool'],
        ready: condition(n, 'Ready')?.status,
        taints: n.spec?.taints,
        allocatable: (n.status?.allocatable as Record<string, string>).cpu,
      }));
    expect(nodes).toEqual([
      {
        name: `${WORKLOAD_CLUSTER}-l4-0`,
        pool: 'l4',
        ready: 'True',
        taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
        allocatable: '46',
      },
    ]);
    const slice = get(workload, 'resourceslices.resource.k8s.io', `${WORKLOAD_CLUSTER}-l4-0-gpu.nvidia.com`);
    const devices = (
      slice.spec?.devices as { name: string; attributes: Record<string, unknown>; capacity: unknown }[]
    ).map((d) => ({
      name: d.name,
      architecture: d.attributes.architecture,
      type: d.attributes.type,
      capacity: d.capacity,
    }));
    expect({ driver: slice.spec?.driver, nodeName: slice.spec?.nodeName, devices }).toEqual({
      driver: 'gpu.nvidia.com',
      nodeName: `${WORKLOAD_CLUSTER}-l4-0`,
      devices: [0, 1, 2, 3].map((i) => ({
        name: `gpu-${i}`,
        architecture: { string: 'Ada Lovelace' },
        type: { string: 'gpu' },
        capacity: { memory: { value: '24Gi' } },
      })),
    });
  });

  it("has every preset KServe v0.20 ships, admitted by KServe's webhook, in namespace kserve", () => {
    const presetDir = join(repoRoot, '.tools', 'src', 'kserve@v0.20.0', 'config', 'llmisvcconfig');
    const shipped = readdirSync(presetDir)
      .filter((f) => f !== 'kustomization.yaml')
      .flatMap((f) =>
        parseAllDocuments(readFileSync(join(presetDir, f), 'utf8')).map(
          (d) => d.toJS() as { metadata: { name: string } },
        ),
      )
      .map((o) => o.metadata.name)
      .sort();
    const installed = list(workload, 'llminferenceserviceconfigs.serving.kserve.io', 'kserve').map(
      (c) => c.metadata.name,
    );
    expect(installed).toEqual(shipped);
    expect(shipped).toContain('kserve-config-llm-template');
  });

  it('has the inference Gateway accepted and programmed by Envoy Gateway, at its load balancer address', () => {
    const gw = get(workload, 'gateway', INFERENCE_GATEWAY.name, INFERENCE_GATEWAY.namespace);
    const service = list(workload, 'services', 'envoy-gateway-system').find(
      (s) => s.metadata.labels?.['gateway.envoyproxy.io/owning-gateway-name'] === INFERENCE_GATEWAY.name,
    );
    const lb = (service?.status?.loadBalancer as { ingress?: { ip: string }[] } | undefined)?.ingress ?? [];
    expect({
      accepted: condition(gw, 'Accepted')?.status,
      programmed: condition(gw, 'Programmed')?.status,
      addresses: gw.status?.addresses,
      lbCount: lb.length,
    }).toEqual({
      accepted: 'True',
      programmed: 'True',
      addresses: lb.map((i) => ({ type: 'IPAddress', value: i.ip })),
      lbCount: 1,
    });
  });
});
