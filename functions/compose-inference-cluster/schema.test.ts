// The real validators: `crossplane resource validate` with our XRD (admission rules) and with the
// Upbound and provider-kubernetes CRDs (everything the function composes). Each describe block
// validates all its objects in one run of the validator (it takes seconds to load the CRDs).

import { beforeAll, describe, expect, it } from 'vitest';
import { runFunction } from '../../lib/runtime/handler.js';
import { schemaProblems } from '../../tests/support/validate.js';
import { composeInferenceCluster } from './fn.js';
import {
  inferenceClassObj,
  inferenceClusterXR,
  observedChild,
  READY_STATUS,
  request,
} from './test-builders.js';
import { AKS_CLASSES, AKS_XR, EKS_CLASSES, EKS_XR } from './test-fixtures.js';

type Obj = Record<string, unknown>;

const GKE_SPEC = {
  source: 'GKE',
  gke: { project: 'my-proj', location: 'us-east1' },
  nodePools: [{ name: 'h200', class: 'h200-8x-gke', nodeCount: 2, zones: ['us-east1-b'] }],
};

describe('InferenceCluster admission (our XRD, real validator)', () => {
  const cases: { name: string; xr: string; spec: Obj; want: string[] }[] = [
    { name: 'a GKE cluster with one pool is accepted', xr: 'valid', spec: GKE_SPEC, want: [] },
    {
      name: 'a cluster without pools is rejected',
      xr: 'no-pools',
      spec: { ...GKE_SPEC, nodePools: [] },
      want: [
        'InferenceCluster no-pools: spec.nodePools: Invalid value: 0: spec.nodePools in body should have at least 1 items',
      ],
    },
    {
      name: 'a cluster that omits nodePools is rejected',
      xr: 'pools-omitted',
      spec: { source: 'GKE', gke: GKE_SPEC.gke },
      want: ['InferenceCluster pools-omitted: spec.nodePools: Required value'],
    },
    {
      name: 'an unknown source is rejected (and its block then matches no source)',
      xr: 'unknown-source',
      spec: { ...GKE_SPEC, source: 'Nebius' },
      want: [
        'InferenceCluster unknown-source: spec.source: Unsupported value: "Nebius": supported values: "GKE", "EKS", "AKS", "Existing"',
        'InferenceCluster unknown-source: spec: Invalid value: set exactly the block of the source: gke for GKE, eks for EKS, aks for AKS, existing for Existing',
      ],
    },
    {
      name: 'a source without its block is rejected',
      xr: 'wrong-block',
      spec: { source: 'EKS', gke: GKE_SPEC.gke, nodePools: [{ name: 'h100', class: 'h100' }] },
      want: [
        'InferenceCluster wrong-block: spec: Invalid value: set exactly the block of the source: gke for GKE, eks for EKS, aks for AKS, existing for Existing',
      ],
    },
    {
      name: 'zones on an EKS cluster are rejected: EKS node groups take the cluster subnets',
      xr: 'eks-zones',
      spec: {
        source: 'EKS',
        eks: { region: 'us-west-2', roleArn: 'arn:r', nodeRoleArn: 'arn:n', subnetIds: ['subnet-1'] },
        nodePools: [{ name: 'h100', class: 'h100', zones: ['us-west-2a'] }],
      },
      want: [
        'InferenceCluster eks-zones: spec: Invalid value: nodePools[].zones is not supported on EKS: node groups use the subnets in spec.eks.subnetIds',
      ],
    },
  ];

  let problems: string[] = [];
  beforeAll(() => {
    problems = schemaProblems(cases.map((c) => inferenceClusterXR(c.xr, c.spec)));
  });
  for (const tc of cases) {
    it(tc.name, () => {
      expect(problems.filter((p) => p.startsWith(`InferenceCluster ${tc.xr}:`))).toEqual(tc.want);
    });
  }
});

/** Every desired child of one response, by key. */
function composed(
  xr: Obj,
  classes: Record<string, Obj>,
  observed: Record<string, Obj> = {},
): Record<string, Obj> {
  const rsp = runFunction(composeInferenceCluster, request({ xr, classes, replicas: [], observed }));
  return Object.fromEntries(
    Object.entries(rsp.desired?.resources ?? {}).map(([k, r]) => [k, r.resource as Obj]),
  );
}

describe('composed resources against the real provider CRDs', () => {
  it('every child of Existing, GKE, EKS and AKS clusters validates, the KServe presets against KServe’s CRD (the Upbound kinds have no schema here: tools/crds/sources.json)', () => {
    const existing = inferenceClusterXR('gpu-east', {
      source: 'Existing',
      existing: { kubeconfigSecretRef: { name: 'gpu-east', namespace: 'crossplane-system' } },
      nodePools: [{ name: 'h200', class: 'h200-8x' }],
    });
    const gkeClass = inferenceClassObj(
      'h200-8x-gke',
      { count: 8, memory: '141Gi' },
      {
        provider: 'GKE',
        gke: {
          machineType: 'a3-ultragpu-8g',
          accelerator: { type: 'nvidia-h200-141gb', count: 8 },
          spot: true,
        },
      },
    );
    const gkeXR = inferenceClusterXR('gke-east', {
      ...GKE_SPEC,
      gke: { ...GKE_SPEC.gke, identitySecretRef: { name: 'sa', namespace: 'crossplane-system' } },
      nodePools: [...GKE_SPEC.nodePools, { name: 'l4', class: 'h200-8x-gke', maxNodeCount: 3 }],
    });
    // Once everything is observed Ready the GKE cluster also composes its gateway observer.
    const gkeReady = Object.fromEntries(
      Object.entries(composed(gkeXR, { 'h200-8x-gke': gkeClass })).map(([key, o]) => [
        key,
        observedChild(key, o, READY_STATUS),
      ]),
    );
    const objects = [
      ...Object.values(
        composed(existing, { 'h200-8x': inferenceClassObj('h200-8x', { count: 8, memory: '141Gi' }) }),
      ),
      ...Object.values(composed(gkeXR, { 'h200-8x-gke': gkeClass }, gkeReady)),
      ...Object.values(composed(EKS_XR, EKS_CLASSES)),
      ...Object.values(composed(AKS_XR, AKS_CLASSES)),
    ];
    expect(objects.map((o) => `${String(o.kind)} ${String((o.metadata as Obj).name)}`).sort()).toEqual([
      'Cluster eks-west',
      'Cluster gke-east',
      'ClusterAuth eks-west-auth',
      'ClusterProviderConfig aks-east',
      'ClusterProviderConfig eks-west',
      'ClusterProviderConfig gke-east',
      'ClusterProviderConfig gpu-east',
      'KubernetesCluster aks-east',
      'KubernetesClusterNodePool aks-east-gpu-a100-spot',
      'KubernetesClusterNodePool aks-east-gpu-h100',
      'NodeGroup eks-west-gpu-h100',
      'NodeGroup eks-west-gpu-l40s',
      'NodeGroup eks-west-system',
      'NodePool gke-east-gpu-h200',
      'NodePool gke-east-gpu-l4',
      'NodePool gke-east-system',
      'Object gke-east-gateway',
      'Object gke-east-kserve-preset-decode-pipeline-parallel',
      'Object gke-east-kserve-preset-pipeline-parallel',
      'Object gke-east-kserve-preset-prefill-pipeline-parallel',
      'Object gpu-east-gateway',
      'Object gpu-east-kserve-preset-decode-pipeline-parallel',
      'Object gpu-east-kserve-preset-pipeline-parallel',
      'Object gpu-east-kserve-preset-prefill-pipeline-parallel',
    ]);
    expect(schemaProblems(objects)).toEqual([]);
  });
});
