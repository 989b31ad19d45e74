import { describe, expect, it } from 'vitest';
import { workers as workersSchema } from '../apis/serving.js';
import { AKS_SPOT_TAINT, poolNodeTaints } from '../labels.js';
import type { EnginePlan } from './engine-plan.js';
import { rolePod } from './pod.js';

/** KServe serves the model from spec.model.uri; nothing to add to the engine. */
const STORAGE: EnginePlan = {
  leader: 'single',
  worker: undefined,
  source: { kind: 'storage', uri: 'hf://Qwen/Qwen3-8B', credentials: [] },
  port: 8000,
  servedNames: ['q', 'publishers/ml-team/models/q'],
  extraArgs: [],
};
const SINGLE = { plan: STORAGE, kind: 'single' } as const;

const GPU_ONLY = poolNodeTaints(undefined);

const TOLERATION = { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' };
const CLAIMS = [{ name: 'gpu', resourceClaimTemplateName: 'q-unified-gpus' }];

describe('rolePod', () => {
  it('without shmSize adds no /dev/shm volume (KServe’s preset keeps its own) and no empty requests', () => {
    const workers = workersSchema.parse({
      resources: {},
      template: { spec: { containers: [{ name: 'engine', image: 'vllm' }] } },
    });
    expect(
      rolePod({ workers, pool: 'l4', claimTemplate: 'q-unified-gpus', nodeTaints: GPU_ONLY, ...SINGLE }),
    ).toEqual({
      containers: [{ name: 'main', image: 'vllm', resources: { claims: [{ name: 'gpu' }] } }],
      nodeSelector: { 'modelplane.ai/pool': 'l4' },
      tolerations: [TOLERATION],
      resourceClaims: CLAIMS,
    });
  });

  it('replaces a user /dev/shm volume and mount with the sized one, keeps the others and the pod fields the template allows', () => {
    const workers = workersSchema.parse({
      resources: { memory: '64Gi' },
      template: {
        spec: {
          containers: [
            { name: 'sidecar', image: 'proxy' },
            {
              name: 'engine',
              image: 'vllm',
              volumeMounts: [
                { name: 'cache', mountPath: '/models' },
                { name: 'old-shm', mountPath: '/dev/shm' },
              ],
            },
          ],
          volumes: [
            { name: 'cache', persistentVolumeClaim: { claimName: 'models' } },
            { name: 'dshm', emptyDir: {} },
          ],
          shmSize: '16Gi',
          serviceAccountName: 'reader',
          securityContext: { runAsNonRoot: true },
          imagePullSecrets: [{ name: 'creds' }],
        },
      },
    });
    expect(
      rolePod({
        workers,
        pool: 'h200',
        claimTemplate: 'q-unified-gpus',
        nodeTaints: GPU_ONLY,
        schedulerName: 'kai-scheduler',
        ...SINGLE,
      }),
    ).toEqual({
      containers: [
        {
          name: 'main',
          image: 'vllm',
          resources: { requests: { memory: '64Gi' }, claims: [{ name: 'gpu' }] },
          volumeMounts: [
            { name: 'cache', mountPath: '/models' },
            { name: 'dshm', mountPath: '/dev/shm' },
          ],
        },
        { name: 'sidecar', image: 'proxy' },
      ],
      imagePullSecrets: [{ name: 'creds' }],
      serviceAccountName: 'reader',
      securityContext: { runAsNonRoot: true },
      schedulerName: 'kai-scheduler',
      nodeSelector: { 'modelplane.ai/pool': 'h200' },
      tolerations: [TOLERATION],
      resourceClaims: CLAIMS,
      volumes: [
        { name: 'cache', persistentVolumeClaim: { claimName: 'models' } },
        { name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: '16Gi' } },
      ],
    });
  });

  it('never changes the workers it was given', () => {
    const workers = workersSchema.parse({
      resources: { cpu: '4' },
      template: {
        spec: {
          containers: [{ name: 'engine', image: 'vllm', volumeMounts: [{ name: 'a', mountPath: '/a' }] }],
          shmSize: '1Gi',
        },
      },
    });
    const before = structuredClone(workers);
    rolePod({ workers, pool: 'l4', claimTemplate: 'x', nodeTaints: GPU_ONLY, ...SINGLE });
    expect(workers).toEqual(before);
  });

  it('tolerates every taint of its pool: an AKS Spot pool adds the scale-set priority taint', () => {
    const workers = workersSchema.parse({
      resources: {},
      template: { spec: { containers: [{ name: 'engine', image: 'vllm' }] } },
    });
    const taints = poolNodeTaints({ provider: 'AKS', aks: { priority: 'Spot' } });
    expect({
      taints,
      pod: rolePod({ workers, pool: 'h100', claimTemplate: 'x', nodeTaints: taints, ...SINGLE }).tolerations,
    }).toEqual({
      taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }, AKS_SPOT_TAINT],
      pod: [
        TOLERATION,
        { key: 'kubernetes.azure.com/scalesetpriority', operator: 'Exists', effect: 'NoSchedule' },
      ],
    });
  });
});

describe('rolePod: how the engine starts', () => {
  const TLS =
    '{{ if .GlobalConfig.EnableTLS }}--enable-ssl-refresh --ssl-certfile /var/run/kserve/tls/tls.crt ' +
    '--ssl-keyfile /var/run/kserve/tls/tls.key{{ end }}';
  const PROBE = { httpGet: { path: '/health', port: 8000 } };
  const workers = workersSchema.parse({
    topology: { tensor: 8, pipeline: 2 },
    resources: {},
    template: {
      spec: {
        containers: [
          {
            name: 'engine',
            image: 'vllm',
            args: ['--max-model-len=8192'],
            env: [{ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf', key: 'token' } } }],
            readinessProbe: PROBE,
          },
        ],
      },
    },
  });
  const common = { workers, pool: 'h200', claimTemplate: 'k-unified-1a2b3', nodeTaints: GPU_ONLY };
  const engineFetches: EnginePlan = {
    leader: 'pipeline-leader',
    worker: 'pipeline-worker',
    source: { kind: 'engine', model: 'moonshotai/Kimi-K2-Instruct', args: ['--max-model-len=8192'] },
    port: 8000,
    servedNames: ['kimi', 'publishers/ml-team/models/kimi'],
    extraArgs: [],
  };
  const RANK =
    'exec vllm serve moonshotai/Kimi-K2-Instruct --served-model-name kimi publishers/ml-team/models/kimi --port 8000 ' +
    '--tensor-parallel-size 8 --pipeline-parallel-size 2 --nnodes 2 --node-rank "${LWS_WORKER_INDEX:-0}" --master-addr "$ADDR"';
  const RESOLVE =
    'for i in $(seq 1 30); do\n  ADDR=$(getent hosts "$LWS_LEADER_ADDRESS" | cut -d" " -f1)\n' +
    '  [ -n "$ADDR" ] && break\n  sleep 1\ndone\nADDR=${ADDR:-$LWS_LEADER_ADDRESS}\n';

  it('without spec.model.uri the leader serves the model it downloads, with KServe’s names, port and TLS', () => {
    const pod = rolePod({ ...common, plan: engineFetches, kind: 'pipeline-leader' });
    expect(pod.containers).toEqual([
      {
        name: 'main',
        image: 'vllm',
        command: ['/bin/bash', '-c', `${RESOLVE}${RANK} ${TLS} "$@"`, '--'],
        args: ['--max-model-len=8192'],
        env: [{ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf', key: 'token' } } }],
        readinessProbe: PROBE,
        resources: { claims: [{ name: 'gpu' }] },
      },
    ]);
  });

  it('the headless workers of the group run the worker command and carry no HTTP probes', () => {
    const pod = rolePod({ ...common, plan: engineFetches, kind: 'pipeline-worker' });
    expect(pod.containers).toEqual([
      {
        name: 'main',
        image: 'vllm',
        command: ['/bin/bash', '-c', `${RESOLVE}${RANK} --headless ${TLS} "$@"`, '--'],
        args: ['--max-model-len=8192'],
        env: [{ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf', key: 'token' } } }],
        resources: { claims: [{ name: 'gpu' }] },
      },
    ]);
  });

  it('with spec.model.uri the storage initializer gets the engine’s credentials; the preset keeps its command', () => {
    const token = { name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf', key: 'token' } } };
    const plan: EnginePlan = {
      ...engineFetches,
      source: { kind: 'storage', uri: 'hf://moonshotai/Kimi-K2-Instruct', credentials: [token] },
    };
    const pod = rolePod({ ...common, plan, kind: 'pipeline-worker' });
    expect({ initContainers: pod.initContainers, containers: pod.containers }).toEqual({
      initContainers: [{ name: 'storage-initializer', env: [token] }],
      containers: [
        {
          name: 'main',
          image: 'vllm',
          args: ['--max-model-len=8192'],
          env: [token],
          resources: { claims: [{ name: 'gpu' }] },
        },
      ],
    });
  });

  it('flags the single-node preset does not pass are appended to the args', () => {
    const plan: EnginePlan = {
      ...STORAGE,
      extraArgs: ['--data-parallel-size=2', '--enable-expert-parallel'],
    };
    const pod = rolePod({ ...common, plan, kind: 'single' });
    expect((pod.containers as Record<string, unknown>[])[0]?.args).toEqual([
      '--max-model-len=8192',
      '--data-parallel-size=2',
      '--enable-expert-parallel',
    ]);
  });
});

describe('rolePod: args under KServe’s eval', () => {
  const KV = '--kv-transfer-config={"kv_connector":"NixlConnector","kv_role":"kv_both"}';
  const workers = workersSchema.parse({
    resources: {},
    template: {
      spec: { containers: [{ name: 'engine', image: 'vllm', args: ['--max-model-len=8192', KV] }] },
    },
  });
  const common = { workers, pool: 'h100', claimTemplate: 'x', nodeTaints: GPU_ONLY };
  const args = (pod: Record<string, unknown>) => (pod.containers as Record<string, unknown>[])[0]?.args;

  it('KServe’s presets eval "$@": args that need it are shell-quoted, so vLLM gets them as written', () => {
    expect(args(rolePod({ ...common, ...SINGLE }))).toEqual([
      '--max-model-len=8192',
      `'--kv-transfer-config={"kv_connector":"NixlConnector","kv_role":"kv_both"}'`,
    ]);
  });

  it('modelplane’s own commands pass "$@" as is', () => {
    const pipeline: EnginePlan = { ...STORAGE, leader: 'pipeline-leader', worker: 'pipeline-worker' };
    const engine: EnginePlan = {
      ...STORAGE,
      source: { kind: 'engine', model: 'm', args: ['--max-model-len=8192', KV] },
    };
    expect([
      args(rolePod({ ...common, plan: pipeline, kind: 'pipeline-leader' })),
      args(rolePod({ ...common, plan: engine, kind: 'single' })),
    ]).toEqual([
      ['--max-model-len=8192', KV],
      ['--max-model-len=8192', KV],
    ]);
  });
});
