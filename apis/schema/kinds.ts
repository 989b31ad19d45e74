// The six XRDs (SPEC section 4). Edit here, then `npm run generate`.

import {
  labelSelector,
  modelSource,
  nodeSelector,
  poolName,
  reservedLabelRule,
  taintEffect,
  workers,
} from './fragments.js';
import {
  arr,
  bool,
  DNS_LABEL_PATTERN,
  int,
  map,
  obj,
  quantity,
  SEMVER_PATTERN,
  str,
  xrd,
  type Schema,
} from './openapi.js';

const providerConfigRef = obj(
  {
    kind: str({ enum: ['ProviderConfig', 'ClusterProviderConfig'], default: 'ClusterProviderConfig' }),
    name: str({ minLength: 1, default: 'default' }),
  },
  { default: {}, description: 'The provider configuration the cloud managed resources use.' },
);

const qualifiedKeyRule = {
  rule: "self.all(k, k.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/[A-Za-z_][A-Za-z0-9_]{0,31}$'))",
  message: 'keys must be "<domain>/<name>": a DNS domain and a C identifier of at most 32 characters',
};

export const inferenceClass = xrd({
  kind: 'InferenceClass',
  plural: 'inferenceclasses',
  shortName: 'icl',
  scope: 'Cluster',
  description: 'A hardware recipe for one GPU node-pool shape, matched by ModelDeployment nodeSelectors.',
  spec: obj(
    {
      description: str({ maxLength: 1024 }),
      resources: obj(
        {
          gpu: obj(
            {
              count: int({ minimum: 1, maximum: 64, description: 'GPUs per node.' }),
              memory: quantity({ description: 'Memory per GPU.' }),
              product: str({ description: 'GPU product name, e.g. NVIDIA-H200.' }),
              deviceClassName: str({
                default: 'gpu.nvidia.com',
                description: 'DRA DeviceClass used for claims.',
              }),
            },
            { required: ['count', 'memory'] },
          ),
          cpu: quantity({ description: 'Allocatable CPU per node.' }),
          memory: quantity({ description: 'Allocatable memory per node.' }),
        },
        { required: ['gpu'] },
      ),
      attributes: map(
        obj(
          {
            string: str({ maxLength: 253 }),
            version: str({ maxLength: 64, pattern: SEMVER_PATTERN }),
            bool: bool(),
            int: int({ format: 'int64' }),
          },
          {
            rules: [
              {
                rule: '[has(self.string), has(self.version), has(self.bool), has(self.int)].filter(x, x).size() == 1',
                message: 'set exactly one of string, version, bool, int',
              },
            ],
          },
        ),
        {
          maxProperties: 32,
          keyRule: qualifiedKeyRule,
          description: 'Typed device attributes; keys outside modelplane.ai/ are passed to DRA claims.',
        },
      ),
      capacity: map(obj({ value: quantity() }, { required: ['value'] }), {
        maxProperties: 32,
        keyRule: qualifiedKeyRule,
        description: 'Device capacities (Quantities).',
      }),
      provisioning: obj(
        {
          provider: str({ enum: ['GKE', 'EKS', 'AKS'] }),
          gke: obj(
            {
              machineType: str({ minLength: 1 }),
              accelerator: obj(
                { type: str({ minLength: 1 }), count: int({ minimum: 1, maximum: 64 }) },
                { required: ['type', 'count'] },
              ),
              diskSizeGb: int({ minimum: 10, maximum: 65536 }),
              spot: bool(),
            },
            { required: ['machineType', 'accelerator'] },
          ),
          eks: obj(
            {
              instanceType: str({ minLength: 1 }),
              capacityType: str({ enum: ['ON_DEMAND', 'SPOT'], default: 'ON_DEMAND' }),
              diskSizeGb: int({ minimum: 1, maximum: 65536 }),
              amiType: str(),
            },
            { required: ['instanceType'] },
          ),
          aks: obj(
            {
              vmSize: str({ minLength: 1 }),
              priority: str({ enum: ['Regular', 'Spot'], default: 'Regular' }),
              osDiskSizeGb: int({ minimum: 1, maximum: 65536 }),
            },
            { required: ['vmSize'] },
          ),
        },
        {
          required: ['provider'],
          description: 'How GKE, EKS or AKS build a node of this class; omit for Existing clusters only.',
          rules: [
            {
              rule: "(self.provider == 'GKE') == has(self.gke) && (self.provider == 'EKS') == has(self.eks) && (self.provider == 'AKS') == has(self.aks)",
              message: 'set exactly the block of the provider: gke for GKE, eks for EKS, aks for AKS',
            },
          ],
        },
      ),
    },
    { required: ['resources'] },
  ),
  status: obj({}),
  printerColumns: [
    { name: 'GPUS', type: 'integer', jsonPath: '.spec.resources.gpu.count' },
    { name: 'GPU-MEMORY', type: 'string', jsonPath: '.spec.resources.gpu.memory' },
    { name: 'PRODUCT', type: 'string', jsonPath: '.spec.resources.gpu.product' },
    { name: 'PROVIDER', type: 'string', jsonPath: '.spec.provisioning.provider' },
  ],
});

const gpuPoolStatus = obj({
  name: str(),
  class: str(),
  gpusPerNode: int(),
  gpuMemory: str(),
  nodes: int(),
  gpus: int(),
  allocatedGpus: int(),
  freeGpus: int(),
});

export const inferenceCluster = xrd({
  kind: 'InferenceCluster',
  plural: 'inferenceclusters',
  shortName: 'ic',
  scope: 'Cluster',
  description:
    'A workload cluster with GPU node pools: provisioned on GKE, EKS or AKS, or brought (Existing).',
  spec: obj(
    {
      source: str({
        enum: ['GKE', 'EKS', 'AKS', 'Existing'],
        // Changing the source would replace every child: a GKE cluster would be deleted.
        rules: [{ rule: 'self == oldSelf', message: 'source is immutable' }],
      }),
      gke: obj(
        {
          project: str({ minLength: 1 }),
          location: str({ minLength: 1 }),
          kubernetesVersion: str({ maxLength: 32 }),
          releaseChannel: str({ enum: ['RAPID', 'REGULAR', 'STABLE', 'UNSPECIFIED'], default: 'REGULAR' }),
          providerConfigRef,
          identitySecretRef: obj(
            {
              name: str({ minLength: 1 }),
              namespace: str({ minLength: 1 }),
              key: str({ minLength: 1, default: 'credentials.json' }),
            },
            {
              required: ['name', 'namespace'],
              description:
                'A Google service-account key (JSON) that provider-kubernetes uses to reach the cluster. Omit to use the Google identity of provider-kubernetes itself (Workload Identity).',
            },
          ),
        },
        { required: ['project', 'location'] },
      ),
      eks: obj(
        {
          region: str({ minLength: 1 }),
          kubernetesVersion: str({ maxLength: 32 }),
          roleArn: str({ minLength: 1, maxLength: 2048 }),
          nodeRoleArn: str({ minLength: 1, maxLength: 2048 }),
          subnetIds: arr(str({ minLength: 1 }), { minItems: 1, maxItems: 16 }),
          providerConfigRef,
        },
        { required: ['region', 'roleArn', 'nodeRoleArn', 'subnetIds'] },
      ),
      aks: obj(
        {
          location: str({ minLength: 1 }),
          resourceGroupName: str({ minLength: 1 }),
          kubernetesVersion: str({ maxLength: 32 }),
          providerConfigRef,
        },
        { required: ['location', 'resourceGroupName'] },
      ),
      existing: obj(
        {
          kubeconfigSecretRef: obj(
            {
              name: str({ minLength: 1 }),
              namespace: str({ minLength: 1 }),
              key: str({ minLength: 1, default: 'kubeconfig' }),
            },
            { required: ['name', 'namespace'] },
          ),
        },
        { required: ['kubeconfigSecretRef'] },
      ),
      nodePools: arr(
        obj(
          {
            name: poolName,
            class: str({ minLength: 1, description: 'The InferenceClass of this pool.' }),
            nodeCount: int({ minimum: 0, maximum: 1000, default: 1 }),
            minNodeCount: int({ minimum: 0, maximum: 1000 }),
            maxNodeCount: int({
              minimum: 1,
              maximum: 1000,
              description: 'With it, the pool autoscales; the scheduler counts this many nodes.',
            }),
            zones: arr(str({ minLength: 1, maxLength: 63 }), {
              maxItems: 8,
              description:
                'GKE node locations or AKS availability zones. Not allowed on EKS, where the cluster subnets decide.',
            }),
          },
          {
            required: ['name', 'class'],
            rules: [
              {
                rule: '!has(self.minNodeCount) || !has(self.maxNodeCount) || self.maxNodeCount >= self.minNodeCount',
                message: 'maxNodeCount must be greater than or equal to minNodeCount',
              },
            ],
          },
        ),
        { minItems: 1, maxItems: 16, listType: 'map', mapKeys: ['name'] },
      ),
      scheduler: obj(
        {
          type: str({ enum: ['None', 'Kueue', 'KAI'], default: 'None' }),
          queueName: str({ maxLength: 63, pattern: DNS_LABEL_PATTERN, default: 'modelplane' }),
        },
        { default: {}, description: 'Gang scheduling on the workload cluster.' },
      ),
      gateway: obj(
        { address: str({ minLength: 1, description: 'Static address of the cluster inference gateway.' }) },
        { description: 'Omit to observe the Gateway modelplane-system/inference-gateway on the cluster.' },
      ),
      taints: arr(
        obj(
          { key: str({ minLength: 1, maxLength: 317 }), value: str({ maxLength: 63 }), effect: taintEffect },
          { required: ['key', 'effect'] },
        ),
        {
          maxItems: 16,
          description: 'NoSchedule keeps new replicas off; NoExecute also drains existing ones.',
        },
      ),
    },
    {
      required: ['source', 'nodePools'],
      rules: [
        {
          rule: "(self.source == 'GKE') == has(self.gke) && (self.source == 'EKS') == has(self.eks) && (self.source == 'AKS') == has(self.aks) && (self.source == 'Existing') == has(self.existing)",
          message:
            'set exactly the block of the source: gke for GKE, eks for EKS, aks for AKS, existing for Existing',
        },
        {
          rule: "self.source != 'EKS' || self.nodePools.all(p, !has(p.zones))",
          message:
            'nodePools[].zones is not supported on EKS: node groups use the subnets in spec.eks.subnetIds',
        },
      ],
    },
  ),
  status: obj({
    providerConfigRef: obj({ kind: str(), name: str() }),
    gateway: obj({ address: str() }),
    capacity: obj({
      gpuPools: arr(gpuPoolStatus, { maxItems: 16 }),
      totalGpus: int(),
      allocatedGpus: int(),
      freeGpus: int(),
    }),
  }),
  printerColumns: [
    { name: 'SOURCE', type: 'string', jsonPath: '.spec.source' },
    { name: 'GPUS', type: 'integer', jsonPath: '.status.capacity.totalGpus' },
    { name: 'FREE', type: 'integer', jsonPath: '.status.capacity.freeGpus' },
    { name: 'GATEWAY', type: 'string', jsonPath: '.status.gateway.address' },
  ],
});

const tolerations = arr(
  obj(
    {
      key: str({ maxLength: 317 }),
      operator: str({ enum: ['Exists', 'Equal'] }),
      value: str({ maxLength: 63 }),
      effect: taintEffect,
      tolerationSeconds: int({ format: 'int64' }),
    },
    {
      rules: [
        {
          rule: "!has(self.operator) || self.operator != 'Exists' || !has(self.value) || self.value == ''",
          message: 'value must be empty when operator is Exists',
        },
      ],
    },
  ),
  { maxItems: 16, description: 'Tolerations of InferenceCluster taints (Kubernetes semantics).' },
);

const role = (which: string): Schema =>
  obj(
    { nodeSelector, workers },
    { required: ['workers'], description: `The ${which} role of disaggregated serving.` },
  );

export const modelDeployment = xrd({
  kind: 'ModelDeployment',
  plural: 'modeldeployments',
  shortName: 'md',
  scope: 'Namespaced',
  description:
    'A model served on the fleet: its topology, engine and where it may run. Scale it with kubectl scale or KEDA.',
  spec: obj(
    {
      replicas: int({
        minimum: 0,
        maximum: 1000,
        default: 1,
        description: 'Serving replicas; 0 scales to zero.',
      }),
      clusterSelector: labelSelector('Which InferenceClusters may host replicas; omit for all.'),
      tolerations,
      model: modelSource,
      nodeSelector,
      workers,
      prefill: role('prefill'),
      decode: role('decode'),
    },
    {
      rules: [
        {
          rule: 'has(self.workers) ? (!has(self.prefill) && !has(self.decode)) : (has(self.prefill) && has(self.decode))',
          message: 'set either workers (unified serving) or both prefill and decode (disaggregated serving)',
        },
        {
          rule: '!has(self.nodeSelector) || has(self.workers)',
          message:
            'nodeSelector at the root is only allowed with workers; set it in prefill and decode instead',
        },
      ],
    },
  ),
  status: obj({
    replicas: int({ description: 'Scheduled replicas (the /scale status).' }),
    readyReplicas: int(),
    selector: str({ description: 'Label selector of the replicas (the /scale selector).' }),
    gpus: int(),
    placements: arr(
      obj({
        replica: str(),
        cluster: str(),
        index: int(),
        pools: map(str(), { maxProperties: 3 }),
        gpus: int(),
        nodes: int(),
        ready: bool(),
      }),
      { maxItems: 1000 },
    ),
    unschedulable: obj({ replicas: int(), message: str({ maxLength: 4096 }) }),
  }),
  printerColumns: [
    { name: 'DESIRED', type: 'integer', jsonPath: '.spec.replicas' },
    { name: 'SCHEDULED', type: 'integer', jsonPath: '.status.replicas' },
    { name: 'AVAILABLE', type: 'integer', jsonPath: '.status.readyReplicas' },
    { name: 'GPUS', type: 'integer', jsonPath: '.status.gpus' },
  ],
  scale: {
    specReplicasPath: '.spec.replicas',
    statusReplicasPath: '.status.replicas',
    labelSelectorPath: '.status.selector',
  },
});

const replicaRole = (which: string): Schema =>
  obj(
    { nodePool: poolName, workers },
    { required: ['nodePool', 'workers'], description: `The ${which} role.` },
  );

export const modelReplica = xrd({
  kind: 'ModelReplica',
  plural: 'modelreplicas',
  shortName: 'mr',
  scope: 'Namespaced',
  description:
    'One complete serving instance of a ModelDeployment on one cluster. Written by the ModelDeployment.',
  spec: obj(
    {
      deploymentRef: obj({ name: str({ minLength: 1 }) }, { required: ['name'] }),
      inferenceClusterRef: obj({ name: str({ minLength: 1 }) }, { required: ['name'] }),
      model: modelSource,
      nodePool: poolName,
      workers,
      prefill: replicaRole('prefill'),
      decode: replicaRole('decode'),
    },
    {
      required: ['deploymentRef', 'inferenceClusterRef'],
      rules: [
        {
          rule: 'has(self.workers) ? (has(self.nodePool) && !has(self.prefill) && !has(self.decode)) : (!has(self.nodePool) && has(self.prefill) && has(self.decode))',
          message: 'set either nodePool and workers, or both prefill and decode',
        },
      ],
    },
  ),
  status: obj({
    url: str({ maxLength: 2048, description: "KServe's address of this replica on its cluster's gateway." }),
    endpoint: obj(
      {
        url: str({ maxLength: 2048 }),
        headers: arr(obj({ name: str(), value: str() }), { maxItems: 16 }),
      },
      {
        description:
          "How a ModelService reaches the replica: its cluster gateway's origin and the header that selects it there.",
      },
    ),
    gpus: int(),
  }),
  printerColumns: [
    { name: 'CLUSTER', type: 'string', jsonPath: '.spec.inferenceClusterRef.name' },
    { name: 'POOL', type: 'string', jsonPath: '.spec.nodePool' },
    { name: 'GPUS', type: 'integer', jsonPath: '.status.gpus' },
    { name: 'URL', type: 'string', jsonPath: '.status.url' },
  ],
});

const HEADER_NAME_PATTERN = "^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$";
const headerName = (description: string, def?: string): Schema =>
  str({ minLength: 1, maxLength: 256, pattern: HEADER_NAME_PATTERN, description, default: def });
const DURATION_PATTERN = '^([0-9]{1,5}(h|m|s|ms)){1,4}$';

export const modelEndpoint = xrd({
  kind: 'ModelEndpoint',
  plural: 'modelendpoints',
  shortName: 'me',
  scope: 'Namespaced',
  description: 'One reachable, OpenAI- or Anthropic-compatible URL: a fleet replica or an external provider.',
  spec: obj(
    {
      url: str({
        minLength: 1,
        maxLength: 2048,
        pattern: '^https?://',
        description:
          'http(s)://host[:port][/path]: the base URL clients append /v1/... to (e.g. https://api.together.xyz).',
      }),
      protocol: str({ enum: ['OpenAI', 'Anthropic'], default: 'OpenAI' }),
      rewritePath: str({
        maxLength: 1024,
        pattern: '^/',
        description:
          'Path prefix the endpoint serves under; default: the URL path. A ModelService routes only endpoints that share it.',
      }),
      headers: arr(
        obj(
          { name: headerName('Header name.'), value: str({ minLength: 1, maxLength: 4096 }) },
          { required: ['name', 'value'] },
        ),
        {
          maxItems: 16,
          listType: 'map',
          mapKeys: ['name'],
          description: 'Request headers the gateway sets on every request to this endpoint (never secrets).',
          rules: [
            {
              rule: "self.all(h, h.name.lowerAscii() != 'host')",
              message: 'the Host header comes from spec.url, it cannot be set here',
            },
            {
              rule: 'self.all(h, self.exists_one(o, o.name.lowerAscii() == h.name.lowerAscii()))',
              message: 'header names must be unique (case-insensitive)',
            },
          ],
        },
      ),
      credentials: obj(
        {
          secretRef: obj(
            { name: str({ minLength: 1, maxLength: 253 }) },
            {
              required: ['name'],
              description:
                "A Secret in the endpoint's namespace whose key `credential` holds the whole header value, e.g. `Bearer sk-...`.",
            },
          ),
          header: headerName('The header the credential fills.', 'Authorization'),
        },
        {
          required: ['secretRef'],
          description: 'A credential the gateway adds to every request to this endpoint, read from a Secret.',
        },
      ),
    },
    {
      required: ['url'],
      rules: [
        {
          rule: "!has(self.credentials) || !has(self.headers) || self.headers.all(h, h.name.lowerAscii() != (has(self.credentials.header) ? self.credentials.header : 'Authorization').lowerAscii())",
          message: 'spec.credentials already sets this header',
        },
      ],
    },
  ),
  status: obj({
    routing: obj({ backendName: str(), port: int(), pathPrefix: str({ maxLength: 1024 }) }),
  }),
  printerColumns: [
    { name: 'URL', type: 'string', jsonPath: '.spec.url' },
    { name: 'PROTOCOL', type: 'string', jsonPath: '.spec.protocol' },
    { name: 'BACKEND', type: 'string', jsonPath: '.status.routing.backendName' },
  ],
});

export const modelService = xrd({
  kind: 'ModelService',
  plural: 'modelservices',
  shortName: 'ms',
  scope: 'Namespaced',
  description: 'A weighted route over the ModelEndpoints of its own namespace, on the fleet Gateway.',
  spec: obj(
    {
      endpoints: arr(
        obj(
          {
            selector: labelSelector('ModelEndpoints (in this namespace) of this entry.'),
            weight: int({
              minimum: 0,
              maximum: 1000000,
              default: 1,
              description: "Share of traffic, split evenly across the entry's ready endpoints.",
            }),
          },
          { required: ['selector'] },
        ),
        { minItems: 1, maxItems: 16 },
      ),
      timeouts: obj(
        {
          request: str({
            pattern: DURATION_PATTERN,
            description: 'Longest time for a whole request, e.g. 10m; default 0s: none.',
          }),
          backendRequest: str({
            pattern: DURATION_PATTERN,
            description: 'Longest time for one request to a backend; default 0s: none.',
          }),
        },
        {
          description:
            'Gateway API route timeouts. Unset ones are 0s (no timeout), so long completions and streams are never cut.',
          rules: [
            {
              rule: "!(has(self.request) && has(self.backendRequest) && duration(self.request) != duration('0s') && duration(self.backendRequest) > duration(self.request))",
              message: 'backendRequest timeout cannot be longer than request timeout',
            },
          ],
        },
      ),
      gatewayRef: obj(
        {
          name: str({ minLength: 1, default: 'modelplane' }),
          namespace: str({ minLength: 1, default: 'modelplane-system' }),
        },
        { default: {} },
      ),
    },
    { required: ['endpoints'] },
  ),
  status: obj({
    address: str({ maxLength: 2048 }),
    endpoints: obj({ matched: int(), ready: int() }),
  }),
  printerColumns: [
    { name: 'ADDRESS', type: 'string', jsonPath: '.status.address' },
    { name: 'ENDPOINTS', type: 'integer', jsonPath: '.status.endpoints.ready' },
  ],
});

export const XRDS = {
  inferenceClass,
  inferenceCluster,
  modelDeployment,
  modelReplica,
  modelEndpoint,
  modelService,
};

export { reservedLabelRule };
