// The LLMInferenceServiceConfig presets KServe v0.20 looks up but does not ship: one per role for a
// worker that spans nodes by pipeline parallelism. KServe's config merge (pkg/controller/v1alpha2/
// llmisvc/config_merge.go, combineBaseRefsConfig) picks `kserve-config-llm-worker-pipeline-parallel`
// for a service with a `worker` and `parallelism.pipeline` (and the decode-/prefill- variants for
// disaggregated serving), and getConfig looks for it in the service's namespace, then in KServe's
// own (`kserve`); v0.20 ships only the data-parallel ones (config/llmisvcconfig), so every such
// service stops at PresetsCombined=False ConfigNotFound. The InferenceCluster function applies
// these three onto each workload cluster.
//
// Shape: the data-parallel presets' pod (same env, mounts, volumes, security context and, for
// decode, the llm-d routing sidecar in front of the engine on 8001), with vLLM's own multi-node
// launcher as the command (serve-command.ts): the leader serves the API, every other node runs
// --headless, and the nodes meet at the leader's address. The leader is ready when it lists the
// model (/v1/models), which it can only do once every stage has joined.

import {
  DECODE_ENGINE_PORT,
  ENGINE_PORT,
  MOUNTED_MODEL,
  serveCommand,
  serveScript,
  type ServeKind,
  type ServeParallelism,
} from './serve-command.js';

export const KSERVE_API_VERSION = 'serving.kserve.io/v1alpha2';
export const PRESET_KIND = 'LLMInferenceServiceConfig';
/** KServe's system namespace (its POD_NAMESPACE; `kserve` in every install KServe documents). */
export const KSERVE_NAMESPACE = 'kserve';
/** The image KServe v0.20's own presets default to; every replica sets its own. */
export const PRESET_IMAGE = 'ghcr.io/llm-d/llm-d-cuda:v0.8.0';
const ROUTING_SIDECAR_IMAGE = 'ghcr.io/llm-d/llm-d-router-disagg-sidecar:v0.9.0';
const MODEL_ROUTING_ANNOTATION = 'serving.kserve.io/model-based-routing-enabled';

export type PresetRole = 'unified' | 'decode' | 'prefill';

/** The name KServe looks up for a pipeline-parallel worker of this role (config_merge.go). */
export function pipelinePresetName(role: PresetRole): string {
  return role === 'unified'
    ? 'kserve-config-llm-worker-pipeline-parallel'
    : `kserve-config-llm-${role}-worker-pipeline-parallel`;
}

const SERVED_NAMES = [
  '"{{ .Spec.Model.Name }}"',
  '"publishers/{{ .ObjectMeta.Namespace }}/models/{{ .Spec.Model.Name }}"',
] as const;

function templatedParallelism(role: PresetRole): ServeParallelism {
  const p = role === 'prefill' ? '.Spec.Prefill.Parallelism' : '.Spec.Parallelism';
  return {
    tensor: `{{ or ${p}.Tensor 1 }}`,
    pipeline: `{{ or ${p}.Pipeline 1 }}`,
    data: `{{ or ${p}.Data 1 }}`,
    dataLocal: `{{ or ${p}.DataLocal 1 }}`,
    expert: `{{ if ${p}.Expert }}--enable-expert-parallel{{ end }}`,
  };
}

const SCHEME = '{{ if .GlobalConfig.EnableTLS }}HTTPS{{else}}HTTP{{- end }}';

function probe(path: string, port: number, extra: Record<string, number>): Record<string, unknown> {
  return { httpGet: { path, port, scheme: SCHEME }, ...extra };
}

function tlsMount(): Record<string, unknown> {
  return { mountPath: '/var/run/kserve/tls', name: 'tls-certs', readOnly: true };
}

function mainContainer(role: PresetRole, kind: ServeKind): Record<string, unknown> {
  const port = role === 'decode' ? DECODE_ENGINE_PORT : ENGINE_PORT;
  const leader = kind === 'pipeline-leader';
  const script = serveScript({
    kind,
    model: MOUNTED_MODEL,
    servedNames: SERVED_NAMES,
    port,
    parallelism: templatedParallelism(role),
  });
  return {
    name: 'main',
    image: PRESET_IMAGE,
    imagePullPolicy: 'IfNotPresent',
    ports: [{ containerPort: port, protocol: 'TCP' }],
    command: serveCommand(script),
    env: [
      { name: 'HOME', value: '/home' },
      { name: 'VLLM_LOGGING_LEVEL', value: 'INFO' },
      { name: 'HF_HUB_CACHE', value: '/models' },
    ],
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: false,
      runAsNonRoot: true,
      capabilities: { add: ['IPC_LOCK', 'SYS_RAWIO', 'NET_RAW'], drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'FallbackToLogsOnError',
    ...(leader
      ? {
          lifecycle: { preStop: { exec: { command: ['/bin/sleep', '15'] } } },
          livenessProbe: probe('/health', port, {
            periodSeconds: 10,
            timeoutSeconds: 10,
            failureThreshold: 3,
          }),
          readinessProbe: probe('/v1/models', port, {
            periodSeconds: 10,
            timeoutSeconds: 5,
            failureThreshold: 3,
          }),
          startupProbe: probe('/health', port, { periodSeconds: 10, failureThreshold: 60 }),
        }
      : {}),
    volumeMounts: [
      { mountPath: '/home', name: 'home' },
      { mountPath: '/tmp', name: 'tmp-dir' },
      { mountPath: '/dev/shm', name: 'dshm' },
      { mountPath: '/models', name: 'model-cache' },
      tlsMount(),
    ],
  };
}

/** The llm-d routing sidecar KServe's decode presets put in front of the engine (port 8000 → 8001). */
function routingSidecar(): Record<string, unknown> {
  return {
    name: 'llm-d-routing-sidecar',
    image: ROUTING_SIDECAR_IMAGE,
    imagePullPolicy: 'IfNotPresent',
    restartPolicy: 'Always',
    ports: [{ containerPort: ENGINE_PORT, protocol: 'TCP' }],
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: false,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'FallbackToLogsOnError',
    livenessProbe: probe('/health', ENGINE_PORT, {
      initialDelaySeconds: 10,
      periodSeconds: 10,
      timeoutSeconds: 10,
      failureThreshold: 3,
    }),
    readinessProbe: probe('/health', ENGINE_PORT, {
      initialDelaySeconds: 10,
      periodSeconds: 10,
      timeoutSeconds: 5,
      failureThreshold: 10,
    }),
    command: [
      '/app/pd-sidecar',
      `--port=${ENGINE_PORT}`,
      `--vllm-port=${DECODE_ENGINE_PORT}`,
      '--kv-connector=nixlv2',
      '--enable-ssrf-protection=true',
      '--pool-group=inference.networking.x-k8s.io',
      '--inference-pool={{ .GlobalConfig.InferencePoolNamespacedName }}',
      '{{ if .GlobalConfig.EnableTLS }}--secure-proxy=true{{else}}--secure-proxy=false{{- end }}',
      '{{ if .GlobalConfig.EnableTLS }}--cert-path=/var/run/kserve/tls{{- end }}',
      '{{ if .GlobalConfig.EnableTLS }}--enable-tls=decoder{{- end }}',
      '{{ if .GlobalConfig.EnableTLS }}--enable-tls=prefiller{{- end }}',
    ],
    volumeMounts: [tlsMount()],
    env: [
      { name: 'INFERENCE_POOL_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      {
        name: 'SSL_CERT_DIR',
        value: '/var/run/kserve/tls:/var/run/secrets/kubernetes.io/serviceaccount:/etc/pki/tls/certs',
      },
    ],
  };
}

function podSpec(role: PresetRole, kind: ServeKind): Record<string, unknown> {
  return {
    ...(role === 'decode' && kind === 'pipeline-leader' ? { initContainers: [routingSidecar()] } : {}),
    containers: [mainContainer(role, kind)],
    terminationGracePeriodSeconds: 60,
    volumes: [
      { name: 'home', emptyDir: {} },
      { name: 'tmp-dir', emptyDir: {} },
      { name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: '8Gi' } },
      { name: 'model-cache', emptyDir: {} },
      {
        name: 'tls-certs',
        secret: { secretName: '{{ ChildName .ObjectMeta.Name `-kserve-self-signed-certs` }}' },
      },
    ],
  };
}

/** The LLMInferenceServiceConfig for a pipeline-parallel worker of `role`, in KServe's namespace. */
export function pipelinePreset(role: PresetRole): Record<string, unknown> {
  const workload = {
    annotations: { [MODEL_ROUTING_ANNOTATION]: 'true' },
    template: podSpec(role, 'pipeline-leader'),
    worker: podSpec(role, 'pipeline-worker'),
  };
  return {
    apiVersion: KSERVE_API_VERSION,
    kind: PRESET_KIND,
    metadata: {
      name: pipelinePresetName(role),
      namespace: KSERVE_NAMESPACE,
      labels: { 'app.kubernetes.io/managed-by': 'modelplane' },
    },
    spec: role === 'prefill' ? { prefill: workload } : workload,
  };
}

export const PRESET_ROLES: readonly PresetRole[] = ['unified', 'decode', 'prefill'];
