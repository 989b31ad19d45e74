// The fleet-scale compose-model-deployment request the benchmarks send: 200 clusters × 4 pools,
// 2,000 existing ModelReplicas of other deployments (10 per cluster) and a deployment of 10
// replicas in steady state (placed on the first ten east clusters, Ready): about 1.5 MiB encoded.

import { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { replicaKey } from '../lib/names.js';
import {
  inferenceClass,
  inferenceCluster,
  modelDeployment,
  modelReplica,
  pool,
} from '../tests/builders/fleet.js';

export const CLUSTERS = 200;
const REPLICAS_PER_CLUSTER = 10;

export interface FleetRequestOptions {
  /** 2 shared classes (default), or one pair of classes per cluster index mod 100 (200 classes). */
  readonly classesPerFleet?: 2 | 200;
  /** The deployment's nodeSelector.cel; none by default. */
  readonly cel?: string;
  readonly tag?: string;
}

export interface FleetRequest {
  readonly request: RunFunctionRequest;
  readonly bytes: Uint8Array;
  readonly replicas: number;
  readonly classes: number;
}

const name = (i: number): string => `c${String(i).padStart(3, '0')}`;

export function fleetRequest(o: FleetRequestOptions = {}): FleetRequest {
  const many = o.classesPerFleet === 200;
  const h100 = (i: number): string => (many ? `h100-8x-${i % 100}` : 'h100-8x');
  const l40s = (i: number): string => (many ? `l40s-4x-${i % 100}` : 'l40s-4x');
  const classNames = many
    ? Array.from({ length: 100 }, (_, i) => [h100(i), l40s(i)]).flat()
    : [h100(0), l40s(0)];
  const classes = classNames.map((c) => inferenceClass(c, { gpus: c.startsWith('h100') ? 8 : 4 }));
  const clusters = Array.from({ length: CLUSTERS }, (_, i) =>
    inferenceCluster(name(i), {
      labels: { region: i % 2 === 0 ? 'east' : 'west' },
      pools: [
        pool('h100', h100(i), { nodeCount: 8 }),
        pool('h100b', h100(i), { nodeCount: 8 }),
        pool('l40s', l40s(i), { nodeCount: 8 }),
        pool('spare', l40s(i), { nodeCount: 4 }),
      ],
    }),
  );
  const others = clusters.flatMap((c) =>
    Array.from({ length: REPLICAS_PER_CLUSTER }, (_, k) =>
      modelReplica(`model-${k}`, c.metadata.name, 0, {
        namespace: `team-${k % 4}`,
        pool: k % 2 === 0 ? 'h100' : 'l40s',
        topology: { tensor: k % 2 === 0 ? 8 : 4 },
        ready: true,
      }),
    ),
  );
  const md = modelDeployment('qwen', {
    replicas: 10,
    topology: { tensor: 8 },
    clusterSelector: { matchLabels: { region: 'east' } },
    ...(o.cel === undefined ? {} : { cel: o.cel }),
  });
  const ours = Array.from({ length: 10 }, (_, i) =>
    modelReplica('qwen', name(i * 2), 0, { pool: 'h100b', topology: { tensor: 8 }, ready: true }),
  );
  const items = (objs: readonly object[]) => ({
    items: objs.map((resource) => ({ resource: resource as Record<string, unknown> })),
  });
  const request = RunFunctionRequest.fromPartial({
    meta: { tag: o.tag ?? 'bench' },
    observed: {
      composite: { resource: md },
      resources: Object.fromEntries(ours.map((r, i) => [replicaKey(name(i * 2), 0), { resource: r }])),
    },
    requiredResources: {
      clusters: items(clusters),
      classes: items(classes),
      replicas: items([...others, ...ours]),
    },
  });
  return {
    request,
    bytes: RunFunctionRequest.encode(request).finish(),
    replicas: others.length + ours.length,
    classes: classes.length,
  };
}

/** A nodeSelector that runs over the CEL cost limit on every class: a million and more steps. */
export const EXPENSIVE_SELECTOR = (() => {
  const hundred = `[${Array.from({ length: 100 }, (_, i) => i).join(',')}]`;
  return `${hundred}.all(a, ${hundred}.all(b, ${hundred}.all(c, a + b + c >= 0)))`;
})();
