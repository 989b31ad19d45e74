// The quickstart, applied as the README says, through every real controller: Crossplane and our
// functions compose ModelReplicas, provider-kubernetes applies their Objects to the workload
// cluster, KServe serves them, and Envoy Gateway accepts the ModelService's route.

import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEPLOYMENT,
  NAMESPACE,
  deployment,
  isTrue,
  placement,
  quickstartAt3,
  remoteServices,
  replicaNames,
} from './support/fleet.js';
import {
  WORKLOAD_CLUSTER,
  assertTwinUp,
  condition,
  conditions,
  eventually,
  get,
  hubKubeconfig,
  list,
  workloadKubeconfig,
  type KubeObject,
} from './support/twin.js';

/** The ModelReplica that composed an object (its controller reference). */
function ownerReplica(o: KubeObject): string {
  const refs = (o.metadata as { ownerReferences?: { kind: string; name: string; controller?: boolean }[] })
    .ownerReferences;
  return refs?.find((r) => r.controller === true && r.kind === 'ModelReplica')?.name ?? '';
}

/** What a replica's readiness depends on, for the failure message. */
function readiness(r: KubeObject) {
  return {
    name: r.metadata.name,
    url: r.status?.url,
    conditions: conditions(r).map((c) => `${c.type}=${c.status} ${c.reason ?? ''} ${c.message ?? ''}`.trim()),
  };
}

const want = [0, 1, 2]
  .map((i) => placement(WORKLOAD_CLUSTER, i))
  .sort((a, b) => a.replica.localeCompare(b.replica));
const wantNames = want.map((p) => p.replica).sort();
let workload: string;

beforeAll(async () => {
  assertTwinUp();
  workload = workloadKubeconfig();
  await quickstartAt3();
});

describe('the quickstart on the twin', () => {
  it('registers onprem-dc1, the workload cluster, as a Ready Existing cluster with its L4 pool', async () => {
    const ic = await eventually(
      'InferenceCluster onprem-dc1 Ready',
      () => get(hubKubeconfig, 'inferencecluster', WORKLOAD_CLUSTER),
      (c: KubeObject) => isTrue(c, 'Ready'),
    );
    expect({
      ready: condition(ic, 'Ready')?.status,
      clusterReady: condition(ic, 'ClusterReady')?.reason,
      classes: condition(ic, 'ClassesResolved')?.status,
      pools: condition(ic, 'NodePoolsValid')?.status,
      providerConfigRef: ic.status?.providerConfigRef,
    }).toEqual({
      ready: 'True',
      clusterReady: 'Existing',
      classes: 'True',
      pools: 'True',
      providerConfigRef: { kind: 'ClusterProviderConfig', name: WORKLOAD_CLUSTER },
    });
    const pc = get(hubKubeconfig, 'clusterproviderconfigs.kubernetes.m.crossplane.io', WORKLOAD_CLUSTER);
    expect(pc.spec?.credentials).toEqual({
      source: 'Secret',
      secretRef: {
        name: `${WORKLOAD_CLUSTER}-kubeconfig`,
        namespace: 'crossplane-system',
        key: 'kubeconfig',
      },
    });
  });

  it('keeps gke-us-east, which nothing provisions here, out of the placement', () => {
    const gke = get(hubKubeconfig, 'inferencecluster', 'gke-us-east');
    expect(condition(gke, 'Ready')?.status).not.toBe('True');
  });

  it('schedules all three replicas on onprem-dc1 and composes a ModelReplica for each', () => {
    const md = deployment();
    expect({
      replicas: md.status?.replicas,
      gpus: md.status?.gpus,
      selector: md.status?.selector,
      unschedulable: md.status?.unschedulable,
      scheduled: condition(md, 'Scheduled'),
      placements: ((md.status?.placements ?? []) as { replica: string }[])
        .map((p) => ({ ...p, ready: undefined }))
        .sort((a, b) => a.replica.localeCompare(b.replica)),
    }).toEqual({
      replicas: 3,
      gpus: 3,
      selector: `modelplane.ai/deployment=${DEPLOYMENT}`,
      unschedulable: { replicas: 0, message: '' },
      scheduled: {
        type: 'Scheduled',
        status: 'True',
        reason: 'AllReplicasScheduled',
        message: 'Scheduled 3 of 3 replicas on 1 cluster',
      },
      placements: want.map((p) => ({ ...p, ready: undefined })),
    });
    const replicas = list(hubKubeconfig, 'modelreplicas', NAMESPACE).map((r) => ({
      name: r.metadata.name,
      cluster: (r.spec?.inferenceClusterRef as { name: string }).name,
      deployment: (r.spec?.deploymentRef as { name: string }).name,
      pool: r.spec?.nodePool,
    }));
    expect(replicas).toEqual(
      wantNames.map((name) => ({ name, cluster: WORKLOAD_CLUSTER, deployment: DEPLOYMENT, pool: 'l4' })),
    );
  });

  it("has provider-kubernetes apply each replica's LLMInferenceService to the workload cluster", async () => {
    const objects = await eventually(
      'every provider-kubernetes Object of the replicas Synced',
      () =>
        list(hubKubeconfig, 'objects.kubernetes.m.crossplane.io', NAMESPACE).filter((o) =>
          wantNames.includes(ownerReplica(o)),
        ),
      (os) => os.length > 0 && os.every((o) => isTrue(o, 'Synced')),
      180_000,
    );
    const services = objects
      .map((o) => (o.spec?.forProvider as { manifest: KubeObject }).manifest)
      .filter((m) => m.kind === 'LLMInferenceService')
      .map((m) => ({ apiVersion: m.apiVersion, name: m.metadata.name, namespace: m.metadata.namespace }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(services).toEqual(
      wantNames.map((name) => ({ apiVersion: 'serving.kserve.io/v1alpha2', name, namespace: NAMESPACE })),
    );
    // Every Object of every replica goes through the workload cluster's ProviderConfig.
    expect(objects.map((o) => o.spec?.providerConfigRef)).toEqual(
      objects.map(() => ({ kind: 'ClusterProviderConfig', name: WORKLOAD_CLUSTER })),
    );
    expect(remoteServices(workload)).toEqual(wantNames);
  });

  it('serves: KServe Ready → ModelReplica Ready with a URL → ModelEndpoint → Backend → ModelService RoutingReady from the route status', async () => {
    await eventually(
      'every ModelReplica Ready with a URL',
      () => list(hubKubeconfig, 'modelreplicas', NAMESPACE).map(readiness),
      (rs) =>
        rs.length === 3 &&
        rs.every((r) => r.conditions.some((c) => c.startsWith('Ready=True')) && typeof r.url === 'string'),
      300_000,
    );
    const replicas = list(hubKubeconfig, 'modelreplicas', NAMESPACE);
    const endpoints = await eventually(
      'a ModelEndpoint RoutingReady per replica',
      () => list(hubKubeconfig, 'modelendpoints', NAMESPACE),
      (es) => es.length === 3 && es.every((e) => isTrue(e, 'RoutingReady')),
      180_000,
    );
    // Each ModelEndpoint reaches its replica through the cluster's inference gateway: the gateway's
    // origin plus the header KServe's route for that replica matches (lib/replica/router.ts).
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(
      endpoints
        .map((e) => ({ name: e.metadata.name, url: e.spec?.url, headers: e.spec?.headers }))
        .sort(byName),
    ).toEqual(
      replicas
        .map((r) => ({
          name: r.metadata.name,
          url: new URL(r.status?.url as string).origin,
          headers: [{ name: 'x-modelplane-replica', value: `${NAMESPACE}/${r.metadata.name}` }],
        }))
        .sort(byName),
    );
    expect(replicas.map((r) => r.status?.endpoint)).toEqual(
      endpoints.map((e) => ({ url: e.spec?.url, headers: e.spec?.headers })),
    );
    const service = await eventually(
      'ModelService ml-team/qwen RoutingReady over all three endpoints',
      () => get(hubKubeconfig, 'modelservice', 'qwen', NAMESPACE),
      // Over all three: a file run before this one may have left it RoutingReady over fewer.
      (s: KubeObject) => {
        const counted = s.status?.endpoints as { matched?: number; ready?: number } | undefined;
        return isTrue(s, 'RoutingReady') && counted?.matched === 3 && counted.ready === 3;
      },
      180_000,
    );
    expect({
      endpoints: service.status?.endpoints,
      routingReady: condition(service, 'RoutingReady'),
    }).toEqual({
      endpoints: { matched: 3, ready: 3 },
      routingReady: expect.objectContaining({
        type: 'RoutingReady',
        status: 'True',
        reason: 'RouteAccepted',
      }) as unknown,
    });
    // The route status Envoy Gateway wrote, which ModelService lifted.
    const route = list(hubKubeconfig, 'httproutes.gateway.networking.k8s.io', NAMESPACE).find(
      (r) => r.metadata.labels?.['crossplane.io/composite'] === 'qwen',
    );
    const parents = (route?.status?.parents ?? []) as {
      parentRef: { name: string; namespace?: string };
      controllerName: string;
      conditions: { type: string; status: string }[];
    }[];
    expect(
      parents.map((p) => ({
        gateway: `${p.parentRef.namespace ?? NAMESPACE}/${p.parentRef.name}`,
        controllerName: p.controllerName,
        conditions: p.conditions.map((c) => `${c.type}=${c.status}`).sort(),
      })),
    ).toEqual([
      {
        gateway: 'modelplane-system/modelplane',
        controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
        conditions: ['Accepted=True', 'ResolvedRefs=True'],
      },
    ]);
    const backends = list(hubKubeconfig, 'backends.gateway.envoyproxy.io', NAMESPACE).map(
      (b) => b.metadata.name,
    );
    expect(backends).toHaveLength(3);
    expect(replicaNames()).toEqual(wantNames);
  });
});
