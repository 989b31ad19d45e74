// Admission of the plan's input: the same objects `kubectl apply` would refuse are refused, each
// problem names its file, object and field, and accepted objects are stored as the API server
// stores them.

import { describe, expect, it } from 'vitest';
import { CASES, VALID } from '../../tests/xrd-cases.js';
import { EXPECTED_PROBLEMS } from '../../tests/xrd-expected.js';
import { formatProblem, type InputDocument } from './input.js';
import { admit } from './validate.js';

function doc(value: unknown, document = 1, file = 'fleet.yaml'): InputDocument {
  return { origin: { file, document }, value };
}

function problems(...docs: InputDocument[]): string[] {
  return admit(docs).problems.map(formatProblem);
}

describe('admission agrees with the XRDs', () => {
  // tests/xrd-expected.ts holds the real API server validator's verdicts on tests/xrd-cases.ts.
  for (const c of CASES) {
    const rejected = (EXPECTED_PROBLEMS[c.name] ?? []).length > 0;
    it(`${c.name}: ${rejected ? 'refused' : 'accepted'}`, () => {
      expect(admit([doc(c.object)]).problems.length > 0).toBe(rejected);
    });
  }
});

describe('problems', () => {
  const md = VALID.modelDeployment as Record<string, unknown>;
  const cases: { name: string; docs: InputDocument[]; want: string[] }[] = [
    {
      name: 'a document that is not a mapping',
      docs: [doc(['a', 'list'], 3)],
      want: [
        'fleet.yaml:document 3: not a Kubernetes object: want a mapping with apiVersion, kind and metadata',
      ],
    },
    {
      name: 'a document without apiVersion and kind',
      docs: [doc({ metadata: { name: 'x' } }, 2)],
      want: [
        'fleet.yaml:document 2: apiVersion: Required value',
        'fleet.yaml:document 2: kind: Required value',
      ],
    },
    {
      name: 'an unknown kind within modelplane.ai',
      docs: [doc({ ...md, kind: 'ModelDeploymnet' })],
      want: [
        'fleet.yaml:ModelDeploymnet/ml/qwen: unknown kind "modelplane.ai/v1alpha1, Kind=ModelDeploymnet": modelplane.ai/v1alpha1 has InferenceClass, InferenceCluster, ModelDeployment, ModelReplica, ModelEndpoint, ModelService',
      ],
    },
    {
      name: 'a kind the plan does not model with metadata the API server refuses',
      docs: [doc({ apiVersion: 'v1', kind: 'Secret', metadata: { namespace: 'shop' } })],
      want: ['fleet.yaml:document 1: metadata.name: Required value'],
    },
    {
      name: 'a known kind in another version',
      docs: [doc({ ...md, apiVersion: 'modelplane.ai/v1beta1' })],
      want: [
        'fleet.yaml:ModelDeployment/ml/qwen: unknown apiVersion "modelplane.ai/v1beta1" for ModelDeployment: use modelplane.ai/v1alpha1',
      ],
    },
    {
      name: 'metadata the API server refuses',
      docs: [
        doc({
          ...md,
          metadata: { name: 'Qwen', namespace: 'ml', labels: { 'replica-index': 0 }, annotation: {} },
        }),
      ],
      want: [
        `fleet.yaml:ModelDeployment/ml/Qwen: metadata.annotation: unknown field (did you mean "annotations"?)`,
        `fleet.yaml:ModelDeployment/ml/Qwen: metadata.labels.replica-index: Invalid value: 0: must be of type string (quote it in YAML)`,
        `fleet.yaml:ModelDeployment/ml/Qwen: metadata.name: Invalid value: "Qwen": must be a lowercase RFC 1123 subdomain (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)`,
      ],
    },
    {
      name: 'a schema problem and an unknown field in the spec',
      docs: [doc({ ...md, spec: { ...(md.spec as object), replicas: -1, replica: 2 } })],
      want: [
        'fleet.yaml:ModelDeployment/ml/qwen: spec.replica: unknown field (did you mean "replicas"?)',
        'fleet.yaml:ModelDeployment/ml/qwen: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      ],
    },
    {
      name: 'a rule only the zod type (the XRD CEL mirror) checks',
      docs: [
        doc({
          ...md,
          spec: {
            ...(md.spec as object),
            workers: { ...(md.spec as { workers: object }).workers, topology: { data: 3, dataLocal: 2 } },
          },
        }),
      ],
      want: [
        'fleet.yaml:ModelDeployment/ml/qwen: spec.workers.topology.data: must be a multiple of dataLocal (3 % 2 != 0)',
      ],
    },
    {
      name: 'the same object twice, differently',
      docs: [
        doc(md, 1, 'a.yaml'),
        doc({ ...md, spec: { ...(md.spec as object), replicas: 7 } }, 4, 'b.yaml'),
      ],
      want: ['b.yaml:ModelDeployment/ml/qwen: defined twice, differently: also in a.yaml (document 1)'],
    },
  ];
  for (const c of cases) {
    it(`reports ${c.name}`, () => {
      expect(problems(...c.docs).sort()).toEqual(c.want);
    });
  }
});

describe('stored objects', () => {
  it('merge copies stored identically (the same Namespace in two folders), and keep kinds the plan does not model, namespace as written', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ml' } };
    const { objects, problems: found } = admit([
      doc(ns, 1, 'platform/ns.yaml'),
      doc({ ...ns, metadata: { name: 'ml', namespace: 'ignored' } }, 1, 'team/ns.yaml'),
      doc({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'kubeconfig' }, data: { k: 'eA==' } }, 2),
      doc({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } }, 3),
    ]);
    expect({
      found,
      objects: objects.map((o) => ({ file: o.origin.file, modelled: o.info.modelled, object: o.object })),
    }).toEqual({
      found: [],
      objects: [
        { file: 'platform/ns.yaml', modelled: true, object: ns },
        {
          file: 'fleet.yaml',
          modelled: false,
          object: { apiVersion: 'v1', data: { k: 'eA==' }, kind: 'Secret', metadata: { name: 'kubeconfig' } },
        },
        {
          file: 'fleet.yaml',
          modelled: false,
          object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } },
        },
      ],
    });
  });

  it('get the XRD defaults and kubectl’s default namespace; cluster-scoped ones lose a namespace', () => {
    const { objects, problems: found } = admit([
      doc({
        apiVersion: 'modelplane.ai/v1alpha1',
        kind: 'ModelService',
        metadata: { name: 'qwen' },
        spec: { endpoints: [{ selector: { matchLabels: { app: 'qwen' } } }] },
      }),
      doc({
        apiVersion: 'modelplane.ai/v1alpha1',
        kind: 'InferenceClass',
        metadata: { name: 'l4', namespace: 'ignored' },
        spec: { resources: { gpu: { count: 1, memory: '24Gi' } } },
      }),
    ]);
    expect({ found, objects: objects.map((o) => o.object) }).toEqual({
      found: [],
      objects: [
        {
          apiVersion: 'modelplane.ai/v1alpha1',
          kind: 'ModelService',
          metadata: { name: 'qwen', namespace: 'default' },
          spec: {
            endpoints: [{ selector: { matchLabels: { app: 'qwen' } }, weight: 1 }],
            gatewayRef: { name: 'modelplane', namespace: 'modelplane-system' },
          },
        },
        {
          apiVersion: 'modelplane.ai/v1alpha1',
          kind: 'InferenceClass',
          metadata: { name: 'l4' },
          spec: { resources: { gpu: { count: 1, memory: '24Gi', deviceClassName: 'gpu.nvidia.com' } } },
        },
      ],
    });
  });

  it('accept what a live control plane adds to an exported object', () => {
    const exported = {
      ...(VALID.modelReplica as Record<string, unknown>),
      metadata: {
        name: 'qwen-5ab63',
        namespace: 'ml',
        uid: '0b1c',
        resourceVersion: '42',
        generation: 3,
        creationTimestamp: '2026-11-02T09:14:07Z',
        ownerReferences: [
          {
            apiVersion: 'modelplane.ai/v1alpha1',
            kind: 'ModelDeployment',
            name: 'qwen',
            uid: 'a',
            controller: true,
          },
        ],
        finalizers: ['composite.apiextensions.crossplane.io'],
      },
      spec: {
        ...(VALID.modelReplica as { spec: object }).spec,
        crossplane: { compositionRef: { name: 'x' } },
      },
      status: {
        url: 'http://203.0.113.10/ml/qwen-5ab63',
        conditions: [{ type: 'Ready', status: 'True', reason: 'Available' }],
      },
    };
    expect(problems(doc(exported))).toEqual([]);
  });
});
