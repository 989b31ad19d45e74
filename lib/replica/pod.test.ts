import { describe, expect, it } from 'vitest';
import { workers as workersSchema } from '../apis/serving.js';
import { AKS_SPOT_TAINT, poolNodeTaints } from '../labels.js';
import { rolePod } from './pod.js';

const GPU_ONLY = poolNodeTaints(undefined);

const TOLERATION = { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' };
const CLAIMS = [{ name: 'gpu', resourceClaimTemplateName: 'q-unified-gpus' }];

describe('rolePod', () => {
  it('without shmSize adds no /dev/shm volume (KServe’s preset keeps its own) and no empty requests', () => {
    const workers = workersSchema.parse({
      resources: {},
      template: { spec: { containers: [{ name: 'engine', image: 'vllm' }] } },
    });
    expect(rolePod({ workers, pool: 'l4', claimTemplate: 'q-unified-gpus', nodeTaints: GPU_ONLY })).toEqual({
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
    rolePod({ workers, pool: 'l4', claimTemplate: 'x', nodeTaints: GPU_ONLY });
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
      pod: rolePod({ workers, pool: 'h100', claimTemplate: 'x', nodeTaints: taints }).tolerations,
    }).toEqual({
      taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }, AKS_SPOT_TAINT],
      pod: [
        TOLERATION,
        { key: 'kubernetes.azure.com/scalesetpriority', operator: 'Exists', effect: 'NoSchedule' },
      ],
    });
  });
});
