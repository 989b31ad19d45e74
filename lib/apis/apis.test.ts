// The zod schemas agree with the XRD admission rules on the same objects (tests/xrd-cases.ts), apply
// the same defaults, and report problems as "<field path>: <problem>".

import { describe, expect, it } from 'vitest';
import { CASES, VALID } from '../../tests/xrd-cases.js';
import { EXPECTED_PROBLEMS } from '../../tests/xrd-expected.js';
import {
  inferenceClass,
  inferenceCluster,
  modelDeployment,
  modelEndpoint,
  modelReplica,
  modelService,
  parseWith,
  servedModelName,
} from './index.js';

const SCHEMAS = {
  InferenceClass: inferenceClass,
  InferenceCluster: inferenceCluster,
  ModelDeployment: modelDeployment,
  ModelReplica: modelReplica,
  ModelEndpoint: modelEndpoint,
  ModelService: modelService,
} as const;

function parse(obj: Record<string, unknown>) {
  return parseWith(SCHEMAS[obj.kind as keyof typeof SCHEMAS], obj);
}

// The ModelEndpoint function parses URLs itself, so that a bad one gets its own reason (InvalidURL)
// and a message saying why; its schema only bounds the length.
const CHECKED_BY_FUNCTION = new Set(['an endpoint URL that is not http(s)']);

describe('zod schemas and XRD rules agree', () => {
  for (const c of CASES.filter((x) => !CHECKED_BY_FUNCTION.has(x.name))) {
    const rejected = (EXPECTED_PROBLEMS[c.name] ?? []).length > 0;
    it(`${c.name}: ${rejected ? 'rejected' : 'accepted'} by both`, () => {
      expect(parse(c.object).ok).toBe(!rejected);
    });
  }
});

describe('defaults', () => {
  it('fill a minimal ModelDeployment like the XRD does', () => {
    const r = parse({
      apiVersion: 'modelplane.ai/v1alpha1',
      kind: 'ModelDeployment',
      metadata: { name: 'm', namespace: 'ml' },
      spec: {
        workers: { resources: {}, template: { spec: { containers: [{ name: 'engine', image: 'i' }] } } },
      },
    });
    expect(r).toEqual({
      ok: true,
      value: {
        apiVersion: 'modelplane.ai/v1alpha1',
        kind: 'ModelDeployment',
        metadata: { name: 'm', namespace: 'ml' },
        spec: {
          replicas: 1,
          workers: {
            count: 1,
            topology: { tensor: 1, pipeline: 1, data: 1, dataLocal: 1, expert: false },
            resources: {},
            template: { spec: { containers: [{ name: 'engine', image: 'i' }] } },
          },
        },
      },
    });
  });

  it('fill an InferenceCluster, InferenceClass and ModelService', () => {
    const cluster = parse(VALID.inferenceCluster);
    const cls = parse({
      ...VALID.inferenceClass,
      spec: { resources: { gpu: { count: 1, memory: '24Gi' } } },
    });
    const svc = parse({ ...VALID.modelService, spec: { endpoints: [{ selector: {} }] } });
    expect([cluster.ok && cluster.value.spec, cls.ok && cls.value.spec, svc.ok && svc.value.spec]).toEqual([
      {
        source: 'GKE',
        gke: {
          project: 'p',
          location: 'us-east1',
          releaseChannel: 'REGULAR',
          providerConfigRef: { kind: 'ClusterProviderConfig', name: 'default' },
        },
        nodePools: [{ name: 'h200', class: 'h200', nodeCount: 2, minNodeCount: 0, maxNodeCount: 4 }],
        scheduler: { type: 'None', queueName: 'modelplane' },
        taints: [{ key: 'maintenance', value: 'true', effect: 'NoSchedule' }],
      },
      {
        resources: { gpu: { count: 1, memory: '24Gi', deviceClassName: 'gpu.nvidia.com' } },
        attributes: {},
        capacity: {},
      },
      {
        endpoints: [{ selector: {}, weight: 1 }],
        gatewayRef: { name: 'modelplane', namespace: 'modelplane-system' },
      },
    ]);
  });
});

describe('problems read "<field path>: <problem>"', () => {
  const cases: { name: string; obj: Record<string, unknown>; want: string[] }[] = [
    {
      name: 'a bad capacity Quantity names spec.capacity.<key>.value',
      obj: {
        ...VALID.inferenceClass,
        spec: {
          resources: { gpu: { count: 8, memory: '141Gi' } },
          capacity: { 'modelplane.ai/bw': { value: '3200Gbps' } },
        },
      },
      want: [
        'spec.capacity.modelplane.ai/bw.value: invalid Quantity "3200Gbps": want a number with an optional suffix (Ki Mi Gi Ti Pi Ei, n u m k M G T P E, or e<exponent>), like 141Gi or 3200G',
      ],
    },
    {
      name: 'missing required fields and list indices',
      obj: { ...VALID.inferenceCluster, spec: { source: 'Existing', nodePools: [{ name: 'Bad_Name' }] } },
      want: [
        'spec.nodePools[0].class: Required value',
        "spec.nodePools[0].name: must be a DNS label (lower-case letters, digits and '-', at most 40 characters)",
      ],
    },
    {
      name: 'duplicate pool names, which admission cannot see',
      obj: {
        ...VALID.inferenceCluster,
        spec: {
          source: 'GKE',
          gke: { project: 'p', location: 'l' },
          nodePools: [
            { name: 'a', class: 'x' },
            { name: 'a', class: 'y' },
          ],
        },
      },
      want: ['spec.nodePools[1].name: duplicate pool name a'],
    },
    {
      name: 'a disaggregated deployment missing decode',
      obj: {
        ...VALID.modelDeployment,
        spec: {
          prefill: {
            workers: { resources: {}, template: { spec: { containers: [{ name: 'engine', image: 'i' }] } } },
          },
        },
      },
      want: ['spec.decode: prefill and decode must both be set'],
    },
    {
      name: 'a model name KServe’s engine command would split',
      obj: { ...VALID.modelDeployment, spec: { ...VALID.modelDeployment.spec, model: { name: 'Qwen 3' } } },
      want: [
        'spec.model.name: must be a model name: "/"-separated parts of letters, digits and _ . - : @ +, each starting with a letter, digit or _ (e.g. Qwen/Qwen3-8B)',
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(parse(c.obj)).toEqual({ ok: false, issues: c.want });
    });
  }
});

describe('servedModelName', () => {
  it('is spec.model.name when set, slashes and all, else the deployment’s name', () => {
    expect([
      servedModelName({ name: 'Qwen/Qwen3-8B' }, 'qwen3-8b'),
      servedModelName({ uri: 'hf://Qwen/Qwen3-8B', name: 'Qwen/Qwen3-8B' }, 'qwen3-8b'),
      servedModelName({ uri: 'hf://Qwen/Qwen3-8B' }, 'qwen3-8b'),
      servedModelName(undefined, 'qwen3-8b'),
    ]).toEqual(['Qwen/Qwen3-8B', 'Qwen/Qwen3-8B', 'qwen3-8b', 'qwen3-8b']);
  });
});
