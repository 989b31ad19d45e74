// Schema fragments shared by several kinds.

import {
  arr,
  bool,
  DNS_LABEL_PATTERN,
  int,
  map,
  obj,
  opaque,
  quantity,
  str,
  type Schema,
} from './openapi.js';

export const conditionsStatus: Record<string, Schema> = {};

export const labelSelector = (description: string): Schema =>
  obj(
    {
      matchLabels: map(str({ maxLength: 63 }), {
        maxProperties: 32,
        description: 'Labels that must all match.',
      }),
      matchExpressions: arr(
        obj(
          {
            key: str({ minLength: 1, maxLength: 317 }),
            operator: str({ enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] }),
            values: arr(str({ maxLength: 63 }), { maxItems: 64 }),
          },
          {
            required: ['key', 'operator'],
            rules: [
              {
                rule: "(self.operator in ['In', 'NotIn']) ? (has(self.values) && size(self.values) > 0) : (!has(self.values) || size(self.values) == 0)",
                message: 'values must be non-empty for In and NotIn, and empty for Exists and DoesNotExist',
              },
            ],
          },
        ),
        { maxItems: 32, description: 'Requirements that must all match.' },
      ),
    },
    { description },
  );

export const taintEffect = str({ enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] });

export const reservedLabelRule = {
  rule: "self.all(k, !k.startsWith('modelplane.ai/'))",
  message: 'label keys under modelplane.ai/ are reserved for modelplane',
};

/** Pod label keys KServe sets on its workloads and selects them by (lib/labels.ts KSERVE_OWNED_LABELS). */
export const kserveLabelRule = {
  rule:
    "self.all(k, !(k in ['app.kubernetes.io/component', 'app.kubernetes.io/name', 'app.kubernetes.io/part-of', " +
    "'kserve.io/component', 'llm-d.ai/role']))",
  message:
    'label keys app.kubernetes.io/component, app.kubernetes.io/name, app.kubernetes.io/part-of, kserve.io/component and llm-d.ai/role are set by KServe, which selects its workloads by them',
};

const capabilities = arr(str({ maxLength: 64 }), { maxItems: 64 });

/**
 * The engine's corev1.SecurityContext, typed for the fields that matter to an inference server.
 * KServe's presets set runAsNonRoot: true, drop ALL capabilities and use the RuntimeDefault seccomp
 * profile on the engine; what is set here is merged over that (strategic merge, field by field).
 */
const securityContext = obj(
  {
    runAsUser: int({
      minimum: 0,
      maximum: 2147483647,
      format: 'int64',
      description:
        'UID to run the engine as. Images that run as root (vllm/vllm-openai) need a non-zero one: KServe’s preset sets runAsNonRoot: true.',
    }),
    runAsGroup: int({ minimum: 0, maximum: 2147483647, format: 'int64' }),
    runAsNonRoot: bool({ description: 'KServe’s preset sets true; false lets an image run as root.' }),
    allowPrivilegeEscalation: bool(),
    privileged: bool(),
    readOnlyRootFilesystem: bool(),
    procMount: str({ enum: ['Default', 'Unmasked'] }),
    capabilities: obj({ add: capabilities, drop: capabilities }),
    seccompProfile: obj(
      {
        type: str({ enum: ['RuntimeDefault', 'Localhost', 'Unconfined'] }),
        localhostProfile: str({ maxLength: 4096 }),
      },
      { required: ['type'] },
    ),
    appArmorProfile: opaque('corev1.AppArmorProfile'),
    seLinuxOptions: opaque('corev1.SELinuxOptions'),
    windowsOptions: opaque('corev1.WindowsSecurityContextOptions'),
  },
  { description: 'corev1.SecurityContext of the container; for the engine, merged over KServe’s preset.' },
);

const container = obj(
  {
    name: str({ minLength: 1, maxLength: 63 }),
    image: str({ minLength: 1, maxLength: 1024 }),
    imagePullPolicy: str({ enum: ['Always', 'IfNotPresent', 'Never'] }),
    command: arr(str({ maxLength: 4096 }), { maxItems: 64 }),
    args: arr(str({ maxLength: 4096 }), { maxItems: 256 }),
    workingDir: str({ maxLength: 4096 }),
    env: arr(
      obj(
        {
          name: str({ minLength: 1, maxLength: 253 }),
          value: str({ maxLength: 32768 }),
          valueFrom: opaque('A reference to a Secret, ConfigMap or field (corev1.EnvVarSource).'),
        },
        { required: ['name'] },
      ),
      { maxItems: 128, listType: 'map', mapKeys: ['name'] },
    ),
    envFrom: arr(opaque('corev1.EnvFromSource'), { maxItems: 16 }),
    ports: arr(
      obj(
        {
          name: str({ maxLength: 15 }),
          containerPort: int({ minimum: 1, maximum: 65535 }),
          protocol: str({ enum: ['TCP', 'UDP', 'SCTP'] }),
        },
        { required: ['containerPort'] },
      ),
      { maxItems: 16 },
    ),
    volumeMounts: arr(opaque('corev1.VolumeMount'), { maxItems: 32 }),
    livenessProbe: opaque('corev1.Probe'),
    readinessProbe: opaque('corev1.Probe'),
    startupProbe: opaque('corev1.Probe'),
    securityContext,
  },
  {
    required: ['name', 'image'],
    rules: [
      {
        rule:
          "self.name != 'engine' || !has(self.securityContext) || !has(self.securityContext.runAsUser) || " +
          'self.securityContext.runAsUser != 0 || ' +
          '(has(self.securityContext.runAsNonRoot) && !self.securityContext.runAsNonRoot)',
        message:
          'the engine cannot run as runAsUser 0 (root) under KServe’s preset, which sets runAsNonRoot: true; set a non-zero runAsUser, or runAsNonRoot: false',
        fieldPath: '.securityContext.runAsUser',
      },
    ],
  },
);

export const podTemplate = obj(
  {
    metadata: obj({
      labels: map(str({ maxLength: 63 }), {
        maxProperties: 32,
        rules: [reservedLabelRule, kserveLabelRule],
        description: 'Labels for the pods and for the ModelReplicas and ModelEndpoints of this deployment.',
      }),
      annotations: map(str({ maxLength: 4096 }), { maxProperties: 32 }),
    }),
    spec: obj(
      {
        containers: arr(container, {
          minItems: 1,
          maxItems: 8,
          description:
            'Exactly one container named "engine" (the inference server); the others are sidecars.',
          rules: [
            {
              rule: "self.filter(c, c.name == 'engine').size() == 1",
              message: 'containers must include exactly one container named "engine"',
            },
          ],
        }),
        imagePullSecrets: arr(obj({ name: str({ minLength: 1 }) }, { required: ['name'] }), { maxItems: 16 }),
        shmSize: quantity({ description: 'Size of the in-memory /dev/shm volume.' }),
        serviceAccountName: str(),
        volumes: arr(opaque('corev1.Volume'), { maxItems: 32 }),
        securityContext: opaque('corev1.PodSecurityContext'),
      },
      { required: ['containers'] },
    ),
  },
  { required: ['spec'], description: 'A subset of a PodTemplateSpec for every worker pod.' },
);

export const topology = obj(
  {
    tensor: int({
      minimum: 1,
      maximum: 64,
      default: 1,
      description: 'Tensor parallelism: GPUs per node per data-local rank.',
    }),
    pipeline: int({
      minimum: 1,
      maximum: 64,
      default: 1,
      description: 'Pipeline parallelism: nodes per worker stage.',
    }),
    data: int({ minimum: 1, maximum: 1024, default: 1, description: 'Data parallelism across the worker.' }),
    dataLocal: int({ minimum: 1, maximum: 64, default: 1, description: 'Data-parallel ranks per node.' }),
    expert: bool({ default: false, description: 'Expert parallelism for mixture-of-experts models.' }),
  },
  {
    // The full default (not {}): the API server checks defaults against the rules, and a rule
    // over {} cannot see the nested defaults.
    default: { tensor: 1, pipeline: 1, data: 1, dataLocal: 1, expert: false },
    rules: [{ rule: 'self.data % self.dataLocal == 0', message: 'data must be a multiple of dataLocal' }],
    description: 'nodes per worker = pipeline × data/dataLocal; GPUs per node = tensor × dataLocal.',
  },
);

export const workers = obj(
  {
    count: int({
      minimum: 1,
      maximum: 64,
      default: 1,
      description: 'Workers per replica (a topology parameter, not a scaling knob).',
    }),
    topology,
    resources: obj(
      { cpu: quantity(), memory: quantity() },
      { description: 'CPU and memory requested by each worker pod.' },
    ),
    template: podTemplate,
  },
  { required: ['resources', 'template'] },
);

export const nodeSelector = obj(
  {
    cel: str({
      minLength: 1,
      maxLength: 10240,
      description:
        'A CEL expression over the InferenceClass `device` view (DRA selector dialect); must return bool.',
    }),
  },
  { required: ['cel'] },
);

/**
 * The served model name (lib/apis/serving.ts MODEL_NAME says why these characters): KServe puts it
 * unquoted in its presets' engine command and in its route paths.
 */
const modelName = str({
  maxLength: 256,
  description:
    'The name clients send in the OpenAI "model" field (KServe spec.model.name); defaults to the ModelDeployment\'s name.',
  rules: [
    {
      rule: "self.matches('^[A-Za-z0-9_][-A-Za-z0-9_.:@+]*(/[A-Za-z0-9_][-A-Za-z0-9_.:@+]*)*$')",
      message:
        'must be a model name: "/"-separated parts of letters, digits and _ . - : @ +, each starting with a letter, digit or _ (e.g. Qwen/Qwen3-8B)',
    },
  ],
});

export const modelSource = obj(
  {
    uri: str({
      maxLength: 2048,
      description:
        'Where KServe fetches the weights (hf://, s3://, gs://, pvc://); omit to let the engine fetch them itself.',
    }),
    name: modelName,
  },
  { description: 'The model: where its weights come from and the name it is served under.' },
);

export const poolName = str({ maxLength: 40, pattern: DNS_LABEL_PATTERN });
