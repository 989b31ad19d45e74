import { describe, expect, it } from 'vitest';
import { workers as workersSchema } from '../apis/serving.js';
import { rolePod } from './pod.js';

const TOLERATION = { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' };
const CLAIMS = [{ name: 'gpu', resourceClaimTemplateName: 'q-unified-gpus' }];

describe('rolePod', () => {
  it('without shmSize adds no /dev/shm volume (KServe’s preset keeps its own) and no empty requests', () => {
    const workers = workersSchema.parse({
      resources: {},
      template: { spec: { containers: [{ name: 'engine', image: 'vllm' }] } },
    });
    expect(rolePod({ workers, pool: 'l4', claimTemplate: 'q-unified-gpus' })).toEqual({
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
      rolePod({ workers, pool: 'h200', claimTemplate: 'q-unified-gpus', schedulerName: 'kai-scheduler' }),
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
    rolePod({ workers, pool: 'l4', claimTemplate: 'x' });
    expect(workers).toEqual(before);
  });
});
