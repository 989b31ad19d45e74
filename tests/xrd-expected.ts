// Generated once from the real validator's answers, then read and kept as the expectation.
export const EXPECTED_PROBLEMS: Readonly<Record<string, readonly string[]>> = {
  'a valid inferenceClass': [],
  'a valid inferenceCluster': [],
  'a valid modelDeployment': [],
  'a valid modelReplica': [],
  'a valid modelEndpoint': [],
  'a valid modelService': [],
  'an attribute with two values': [
    'InferenceClass two-values: spec.attributes[gpu.nvidia.com/arch]: Invalid value: set exactly one of string, version, bool, int',
  ],
  'an attribute key without a domain': [
    'InferenceClass bad-key: spec.attributes: Invalid value: keys must be "<domain>/<name>": a DNS domain and a C identifier of at most 32 characters',
  ],
  'a capacity key that is not a C identifier': [
    'InferenceClass bad-capacity-key: spec.capacity: Invalid value: keys must be "<domain>/<name>": a DNS domain and a C identifier of at most 32 characters',
  ],
  'a capacity that is not a Quantity': [
    'InferenceClass bad-quantity: spec.capacity.modelplane.ai/networkBandwidth.value: Invalid value: "400 Gbps": spec.capacity.modelplane.ai/networkBandwidth.value in body should match \'^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$\'',
  ],
  'a version attribute that is not semver': [
    'InferenceClass bad-version: spec.attributes.gpu.nvidia.com/cudaComputeCapability.version: Invalid value: "9.0": spec.attributes.gpu.nvidia.com/cudaComputeCapability.version in body should match \'^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$\'',
  ],
  'a provider without its block': [
    'InferenceClass no-block: spec.provisioning: Invalid value: set exactly the block of the provider: gke for GKE, eks for EKS, aks for AKS',
  ],
  'more than 64 GPUs per node': [
    'InferenceClass too-many-gpus: spec.resources.gpu.count: Invalid value: 65: spec.resources.gpu.count in body should be less than or equal to 64',
  ],
  'a cluster with the block of another source': [
    'InferenceCluster mixed: spec: Invalid value: set exactly the block of the source: gke for GKE, eks for EKS, aks for AKS, existing for Existing',
  ],
  'a cluster with no node pools': [
    'InferenceCluster no-pools: spec.nodePools: Invalid value: 0: spec.nodePools in body should have at least 1 items',
  ],
  'a cluster with an unknown source': [
    'InferenceCluster unknown-source: spec.source: Unsupported value: "Nebius": supported values: "GKE", "EKS", "AKS", "Existing"',
  ],
  'a pool whose maximum is below its minimum': [
    'InferenceCluster min-max: spec.nodePools[0]: Invalid value: maxNodeCount must be greater than or equal to minNodeCount',
  ],
  'a deployment with workers and prefill/decode': [
    'ModelDeployment both: spec: Invalid value: set either workers (unified serving) or both prefill and decode (disaggregated serving)',
  ],
  'a deployment with only prefill': [
    'ModelDeployment prefill-only: spec: Invalid value: set either workers (unified serving) or both prefill and decode (disaggregated serving)',
  ],
  'a disaggregated deployment with a root nodeSelector': [
    'ModelDeployment root-selector: spec: Invalid value: nodeSelector at the root is only allowed with workers; set it in prefill and decode instead',
  ],
  'data not a multiple of dataLocal': [
    'ModelDeployment data: spec.workers.topology: Invalid value: data must be a multiple of dataLocal',
  ],
  'a zero tensor size': [
    'ModelDeployment tensor: spec.workers.topology.tensor: Invalid value: 0: spec.workers.topology.tensor in body should be greater than or equal to 1',
  ],
  'no container named engine': [
    'ModelDeployment no-engine: spec.workers.template.spec.containers: Invalid value: containers must include exactly one container named "engine"',
  ],
  'two containers named engine': [
    'ModelDeployment two-engines: spec.workers.template.spec.containers: Invalid value: containers must include exactly one container named "engine"',
  ],
  'a template label under modelplane.ai/': [
    'ModelDeployment reserved: spec.workers.template.metadata.labels: Invalid value: label keys under modelplane.ai/ are reserved for modelplane',
  ],
  'a template label KServe selects its workloads by': [
    'ModelDeployment kserve-label: spec.workers.template.metadata.labels: Invalid value: label keys app.kubernetes.io/component, app.kubernetes.io/name, app.kubernetes.io/part-of, kserve.io/component and llm-d.ai/role are set by KServe, which selects its workloads by them',
  ],
  'an engine that runs as root under KServe’s runAsNonRoot': [
    'ModelDeployment root-engine: spec.workers.template.spec.containers[0].securityContext.runAsUser: Invalid value: the engine cannot run as runAsUser 0 (root) under KServe’s preset, which sets runAsNonRoot: true; set a non-zero runAsUser, or runAsNonRoot: false',
  ],
  'more than 1000 replicas': [
    'ModelDeployment too-many: spec.replicas: Invalid value: 1001: spec.replicas in body should be less than or equal to 1000',
  ],
  'an In requirement without values': [
    'ModelDeployment in-no-values: spec.clusterSelector.matchExpressions[0]: Invalid value: values must be non-empty for In and NotIn, and empty for Exists and DoesNotExist',
  ],
  'an Exists toleration with a value': [
    'ModelDeployment exists-value: spec.tolerations[0]: Invalid value: value must be empty when operator is Exists',
  ],
  'a model name with a slash, dots and a colon': [],
  'a model name with a space, which the engine command would split': [
    'ModelDeployment model-space: spec.model.name: Invalid value: "Qwen/Qwen3 8B": must be a model name: "/"-separated parts of letters, digits and _ . - : @ +, each starting with a letter, digit or _ (e.g. Qwen/Qwen3-8B)',
  ],
  'a model name with shell syntax, which KServe’s eval would run': [
    'ModelDeployment model-shell: spec.model.name: Invalid value: "qwen$(id)": must be a model name: "/"-separated parts of letters, digits and _ . - : @ +, each starting with a letter, digit or _ (e.g. Qwen/Qwen3-8B)',
  ],
  'a model name that reads as a flag': [
    'ModelDeployment model-flag: spec.model.name: Invalid value: "--qwen": must be a model name: "/"-separated parts of letters, digits and _ . - : @ +, each starting with a letter, digit or _ (e.g. Qwen/Qwen3-8B)',
  ],
  'an empty model name': [
    'ModelDeployment model-empty: spec.model.name: Invalid value: "": must be a model name: "/"-separated parts of letters, digits and _ . - : @ +, each starting with a letter, digit or _ (e.g. Qwen/Qwen3-8B)',
  ],
  'a model name longer than 256 characters': [
    'ModelDeployment model-long: spec.model.name: Too long: may not be more than 256 bytes',
  ],
  'a replica model name with an empty part, which makes "//" in KServe’s route paths': [
    'ModelReplica model-empty-part: spec.model.name: Invalid value: "Qwen//Qwen3-8B": must be a model name: "/"-separated parts of letters, digits and _ . - : @ +, each starting with a letter, digit or _ (e.g. Qwen/Qwen3-8B)',
  ],
  'a replica model name with a ".." part': [
    'ModelReplica model-dotdot: spec.model.name: Invalid value: "Qwen/..": must be a model name: "/"-separated parts of letters, digits and _ . - : @ +, each starting with a letter, digit or _ (e.g. Qwen/Qwen3-8B)',
  ],
  'a replica with a pool but prefill/decode roles': [
    'ModelReplica mixed-replica: spec: Invalid value: set either nodePool and workers, or both prefill and decode',
  ],
  'an endpoint URL that is not http(s)': [
    'ModelEndpoint ftp: spec.url: Invalid value: "ftp://example.com/": spec.url in body should match \'^https?://\'',
  ],
  'an unknown protocol': [
    'ModelEndpoint grpc: spec.protocol: Unsupported value: "gRPC": supported values: "OpenAI", "Anthropic"',
  ],
  'an endpoint header that sets Host': [
    'ModelEndpoint host-header: spec.headers: Invalid value: the Host header comes from spec.url, it cannot be set here',
  ],
  'two endpoint headers that differ only in case': [
    'ModelEndpoint twice: spec.headers: Invalid value: header names must be unique (case-insensitive)',
  ],
  'an endpoint header name that is not an HTTP token': [
    "ModelEndpoint bad-header: spec.headers[0].name: Invalid value: \"x team\": spec.headers[0].name in body should match '^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$'",
  ],
  'an endpoint header the credentials already set': [
    'ModelEndpoint auth-twice: spec: Invalid value: spec.credentials already sets this header',
  ],
  'credentials without a Secret': ['ModelEndpoint no-secret: spec.credentials.secretRef: Required value'],
  'a backendRequest timeout longer than the request timeout': [
    'ModelService slow-backend: spec.timeouts: Invalid value: backendRequest timeout cannot be longer than request timeout',
  ],
  'a timeout that is not a Gateway API duration': [
    'ModelService one-day: spec.timeouts.request: Invalid value: "1d": spec.timeouts.request in body should match \'^([0-9]{1,5}(h|m|s|ms)){1,4}$\'',
    "ModelService one-day: spec.timeouts: Invalid value: \"object\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: backendRequest timeout cannot be longer than request timeout",
  ],
  'a weight above 1,000,000': [
    'ModelService heavy: spec.endpoints[0].weight: Invalid value: 1.000001e+06: spec.endpoints[0].weight in body should be less than or equal to 1e+06',
  ],
  'a service without endpoints': [
    'ModelService empty: spec.endpoints: Invalid value: 0: spec.endpoints in body should have at least 1 items',
  ],
};
