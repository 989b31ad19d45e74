// The simulated GPU nodes of a workload cluster, as the platform team's cloud and NVIDIA's DRA
// driver would present them, rendered from the InferenceCluster and InferenceClass objects in the
// given files (kubectl -f style: files or folders, multi-document YAML).
//
//   node --import tsx nodes.ts [--cluster <InferenceCluster>] [--names | --owners] <file|folder>...
//     YAML on stdout; --names: one `<Kind>/<name>` line per object; --owners: the InferenceClusters
//     rendered, one per line.
//
// For every node of every pool (nodeCount of them):
//   - a Node (stand-in for the cloud's node pool and the kubelet's registration): labels
//     `modelplane.ai/pool: <pool>` and `nvidia.com/gpu.present: "true"` (what GKE/EKS/AKS GPU pools
//     carry and the DRA kubelet plugin selects on), the zone when the pool names zones, the GPU taint
//     `nvidia.com/gpu=present:NoSchedule`, and the class's cpu/memory as capacity and allocatable.
//     `type: kwok` hands it to kwok, which keeps it Ready as a kubelet would.
//   - a ResourceSlice (stand-in for NVIDIA's DRA kubelet plugin, k8s-dra-driver-gpu
//     cmd/gpu-kubelet-plugin/deviceinfo.go GpuInfo.GetDevice): driver gpu.nvidia.com, one device
//     `gpu-<i>` per GPU with the driver's own attributes (type, uuid, productName, brand,
//     architecture, cudaComputeCapability, driverVersion, cudaDriverVersion) and capacity `memory`,
//     overlaid with every attribute and capacity of the InferenceClass outside the modelplane.ai
//     domain (the device facts the replicas' claim selectors pin, lib/replica/selectors.ts).
// Nothing here reads our compositions: the nodes model the hardware, so the real scheduler and DRA
// allocator judge what the functions compose.

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

export const DRIVER = 'gpu.nvidia.com';
export const MANAGED_LABEL = 'twin.modelplane.ai/managed';
export const CLUSTER_LABEL = 'twin.modelplane.ai/inference-cluster';
const MODELPLANE_DOMAIN = 'modelplane.ai';
// What a current NVIDIA driver reports; the InferenceClass's attributes override any of these.
const DRIVER_VERSION = '580.95.5';
const CUDA_DRIVER_VERSION = '13.0.0';
// Compute capability by architecture (NVIDIA's CUDA GPUs table), for classes that do not pin it.
const COMPUTE_CAPABILITY: Record<string, string> = {
  Ampere: '8.0.0',
  'Ada Lovelace': '8.9.0',
  Hopper: '9.0.0',
  Blackwell: '10.0.0',
};

type Obj = Record<string, unknown> & {
  kind?: string;
  metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
};
type AttributeValue = { string?: string; int?: number; bool?: boolean; version?: string };
type DeviceAttribute = { string: string } | { int: number } | { bool: boolean } | { version: string };

interface ClassSpec {
  resources: {
    gpu: { count: number; memory: string; product?: string };
    cpu: string | number;
    memory: string;
  };
  attributes?: Record<string, AttributeValue>;
  capacity?: Record<string, { value: string }>;
}
interface Pool {
  name: string;
  class: string;
  nodeCount?: number;
  zones?: string[];
}

function filesOf(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(path, f));
}

/** Every object in the files, in order. */
export function readObjects(paths: string[]): Obj[] {
  const out: Obj[] = [];
  for (const file of paths.flatMap(filesOf)) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const error = doc.errors[0];
      if (error !== undefined) throw new Error(`${file}: ${error.message}`);
      const obj: unknown = doc.toJS();
      if (obj !== null && typeof obj === 'object') out.push(obj as Obj);
    }
  }
  return out;
}

function split(key: string): { domain: string; name: string } {
  const slash = key.indexOf('/');
  return { domain: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** A DRA attribute name: short in the driver's own domain, qualified in any other. */
function attributeName(key: string): string {
  const { domain, name } = split(key);
  return domain === DRIVER ? name : key;
}

function deviceAttribute(value: AttributeValue): DeviceAttribute {
  if (value.string !== undefined) return { string: value.string };
  if (value.int !== undefined) return { int: value.int };
  if (value.bool !== undefined) return { bool: value.bool };
  if (value.version !== undefined) return { version: value.version };
  throw new Error(`attribute value ${JSON.stringify(value)} sets none of string, int, bool, version`);
}

/** A stable UUID-shaped id per device, so rendering again yields the same slice. */
function gpuUuid(node: string, index: number): string {
  const h = createHash('sha256').update(`${node}/${index}`).digest('hex');
  return `GPU-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function devices(node: string, spec: ClassSpec): unknown[] {
  const gpu = spec.resources.gpu;
  const facts = <T>(rec: Record<string, T> | undefined) =>
    Object.entries(rec ?? {}).filter(([k]) => split(k).domain !== MODELPLANE_DOMAIN);
  const architecture = spec.attributes?.[`${DRIVER}/architecture`]?.string;
  return Array.from({ length: gpu.count }, (_, i) => {
    const attributes: Record<string, DeviceAttribute> = {
      type: { string: 'gpu' },
      uuid: { string: gpuUuid(node, i) },
      productName: { string: (gpu.product ?? 'NVIDIA GPU').replaceAll('-', ' ') },
      brand: { string: 'Nvidia' },
      driverVersion: { version: DRIVER_VERSION },
      cudaDriverVersion: { version: CUDA_DRIVER_VERSION },
    };
    if (architecture !== undefined) {
      attributes.architecture = { string: architecture };
      const cc = COMPUTE_CAPABILITY[architecture];
      if (cc !== undefined) attributes.cudaComputeCapability = { version: cc };
    }
    for (const [key, value] of facts(spec.attributes))
      attributes[attributeName(key)] = deviceAttribute(value);
    const capacity: Record<string, { value: string }> = { memory: { value: gpu.memory } };
    for (const [key, value] of facts(spec.capacity)) capacity[attributeName(key)] = { value: value.value };
    return { name: `gpu-${i}`, attributes, capacity };
  });
}

function nodeObject(name: string, cluster: string, pool: Pool, spec: ClassSpec, index: number): Obj {
  const labels: Record<string, string> = {
    type: 'kwok',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'modelplane.ai/pool': pool.name,
    'nvidia.com/gpu.present': 'true',
    [MANAGED_LABEL]: 'true',
    [CLUSTER_LABEL]: cluster,
  };
  const zones = pool.zones ?? [];
  const zone = zones[index % Math.max(zones.length, 1)];
  if (zone !== undefined) labels['topology.kubernetes.io/zone'] = zone;
  const resources = () => ({ cpu: String(spec.resources.cpu), memory: spec.resources.memory, pods: '110' });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels, annotations: { 'kwok.x-k8s.io/node': 'fake' } },
    spec: { taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] },
    status: { capacity: resources(), allocatable: resources() },
  };
}

function sliceObject(node: string, cluster: string, spec: ClassSpec): Obj {
  return {
    apiVersion: 'resource.k8s.io/v1',
    kind: 'ResourceSlice',
    metadata: { name: `${node}-${DRIVER}`, labels: { [MANAGED_LABEL]: 'true', [CLUSTER_LABEL]: cluster } },
    spec: {
      driver: DRIVER,
      nodeName: node,
      pool: { name: node, generation: 1, resourceSliceCount: 1 },
      devices: devices(node, spec),
    },
  };
}

/** The Nodes and ResourceSlices of the InferenceClusters (all, or the one named) among objects. */
export function renderNodes(objects: Obj[], only?: string): Obj[] {
  const classes = new Map<string, ClassSpec>();
  for (const o of objects)
    if (o.kind === 'InferenceClass') classes.set(o.metadata?.name ?? '', o.spec as ClassSpec);
  const clusters = objects.filter(
    (o) => o.kind === 'InferenceCluster' && (only === undefined || o.metadata?.name === only),
  );
  if (only !== undefined && clusters.length === 0)
    throw new Error(`no InferenceCluster ${only} in the files`);
  const out: Obj[] = [];
  for (const cluster of clusters) {
    const name = cluster.metadata?.name ?? '';
    for (const pool of (cluster.spec as { nodePools: Pool[] }).nodePools) {
      const spec = classes.get(pool.class);
      if (spec === undefined)
        throw new Error(`InferenceCluster ${name}: class ${pool.class} is not in the files`);
      for (let i = 0; i < (pool.nodeCount ?? 1); i++) {
        const node = `${name}-${pool.name}-${i}`;
        out.push(nodeObject(node, name, pool, spec, i), sliceObject(node, name, spec));
      }
    }
  }
  return out;
}

export function toYaml(objects: Obj[]): string {
  return objects.map((o) => `---\n${stringify(o, { aliasDuplicateObjects: false })}`).join('');
}

function main(argv: string[]): void {
  const args = [...argv];
  const take = (flag: string) => {
    const at = args.indexOf(flag);
    return at < 0 ? undefined : args.splice(at, flag === '--cluster' ? 2 : 1);
  };
  const only = take('--cluster')?.[1];
  const names = take('--names') !== undefined;
  const owners = take('--owners') !== undefined;
  if (args.length === 0) {
    console.error('usage: nodes.ts [--cluster <InferenceCluster>] [--names | --owners] <file|folder>...');
    process.exit(2);
  }
  const objects = renderNodes(readObjects(args), only);
  if (owners) {
    const clusters = new Set(objects.map((o) => o.metadata?.labels?.[CLUSTER_LABEL]));
    process.stdout.write([...clusters].map((c) => `${c ?? ''}\n`).join(''));
  } else if (names) {
    process.stdout.write(objects.map((o) => `${o.kind ?? ''}/${o.metadata?.name ?? ''}\n`).join(''));
  } else {
    process.stdout.write(toYaml(objects));
  }
}

if (process.argv[1]?.endsWith('nodes.ts') === true) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    console.error(`nodes: ${(err as Error).message}`);
    process.exit(1);
  }
}
