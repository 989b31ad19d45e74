// The workload cluster as KServe, LWS, kube-scheduler, the DRA allocator and the kubelet stand-in
// leave it: what one replica's LLMInferenceService became, read back from the workload API server.
// The names and labels are KServe v0.20's (pkg/controller/v1alpha2/llmisvc: workload_single_node.go
// mainDeploymentName "-kserve", prefillDeploymentName "-kserve-prefill"; workload_multi_node.go
// "-kserve-mn", "-kserve-mn-prefill"; scheduler.go "-kserve-router-scheduler", "-inference-pool";
// router.go "-kserve-route"; pkg/constants LLMComponentWorkload*).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { repoRoot } from '../../support/paths.js';
import {
  condition,
  conditions,
  get,
  hub,
  hubKubeconfig,
  kubectl,
  list,
  type Condition,
  type KubeObject,
} from './twin.js';

export const INFERENCE_GATEWAY = { namespace: 'modelplane-system', name: 'inference-gateway' };
const WORKLOAD_COMPONENT = 'llminferenceservice-workload';

interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  volumeMounts?: { name: string; mountPath: string }[];
  securityContext?: Record<string, unknown>;
  resources?: { claims?: { name: string; request?: string }[] };
  readinessProbe?: { httpGet?: { port?: number | string } };
}

export type Pod = KubeObject & {
  spec: {
    nodeName?: string;
    schedulerName?: string;
    containers: Container[];
    initContainers?: Container[];
    volumes?: ({ name: string } & Record<string, unknown>)[];
    resourceClaims?: { name: string; resourceClaimTemplateName?: string; resourceClaimName?: string }[];
    securityContext?: Record<string, unknown>;
  };
  status?: {
    phase?: string;
    conditions?: Condition[];
    containerStatuses?: {
      name: string;
      ready: boolean;
      state: Record<string, { reason?: string; message?: string }>;
    }[];
    resourceClaimStatuses?: { name: string; resourceClaimName: string }[];
  };
};

/** The LLMInferenceService conditions that matter, without timestamps and severities. */
export function serviceConditions(svc: KubeObject): Record<string, string> {
  return Object.fromEntries(
    conditions(svc).map((c) => [
      c.type,
      c.status === 'True' ? 'True' : `${c.status} ${c.reason ?? ''}: ${c.message ?? ''}`,
    ]),
  );
}

/** What KServe created for one LLMInferenceService, by kind, as `<kind>/<name>` (sorted). */
export function workloadShape(kubeconfig: string, namespace: string, name: string): string[] {
  const owned = (o: KubeObject) =>
    (o.metadata as { ownerReferences?: { kind: string; name: string }[] }).ownerReferences?.some(
      (r) => r.kind === 'LLMInferenceService' && r.name === name,
    ) === true;
  const kinds: [string, string][] = [
    ['Deployment', 'deployments.apps'],
    ['LeaderWorkerSet', 'leaderworkersets.leaderworkerset.x-k8s.io'],
    ['HTTPRoute', 'httproutes.gateway.networking.k8s.io'],
    ['InferencePool', 'inferencepools.inference.networking.k8s.io'],
  ];
  return kinds
    .flatMap(([kind, resource]) =>
      list(kubeconfig, resource, namespace)
        .filter(owned)
        .map((o) => `${kind}/${o.metadata.name}`),
    )
    .sort();
}

/** The workload pods of one LLMInferenceService (leaders, workers, prefill and decode). */
export function workloadPods(kubeconfig: string, namespace: string, name: string): Pod[] {
  return (list(kubeconfig, 'pods', namespace) as Pod[]).filter(
    (p) =>
      p.metadata.labels?.['app.kubernetes.io/name'] === name &&
      (p.metadata.labels['app.kubernetes.io/component'] ?? '').startsWith(WORKLOAD_COMPONENT) &&
      p.metadata.deletionTimestamp === undefined,
  );
}

// --- the engine's invocation -------------------------------------------------------------------

// vLLM flags that take no value (vllm/engine/arg_utils.py store_true flags the examples and
// KServe's presets use); every other `--flag` takes the next word unless written `--flag=value`.
const BOOLEAN_FLAGS = new Set([
  '--trust-remote-code',
  '--enable-expert-parallel',
  '--enable-prefix-caching',
  '--enforce-eager',
  '--disable-uvicorn-access-log',
  '--enable-ssl-refresh',
  '--headless',
  '--disable-log-requests',
  '--enable-auto-tool-choice',
]);

/**
 * The `vllm serve` words a container runs: KServe's preset runs `/bin/bash -c '<script>' --` with
 * our args as "$@", the script ending in `exec vllm serve /mnt/models ... $@`; a container may also
 * run `vllm serve ...` directly, or rely on the vllm/vllm-openai image's ENTRYPOINT ["vllm", "serve"].
 */
export function serveWords(c: Container): string[] | undefined {
  const command = c.command ?? [];
  const args = c.args ?? [];
  if (command.length >= 3 && /(^|\/)(ba)?sh$/.test(command[0] ?? '') && command[1] === '-c') {
    const script = command[2] ?? '';
    const at = script.lastIndexOf('vllm serve');
    if (at < 0) return undefined;
    const end = script.indexOf('$@', at);
    const line = script.slice(at + 'vllm serve'.length, end < 0 ? undefined : end);
    const words = line
      .replace(/\\\n/g, ' ')
      .replace(/\$\{[A-Z_]+(:-[^}]*)?\}/g, ' ') // runtime-computed flags (access log, shutdown timeout, TLS)
      .replace(/"/g, ' ')
      .split(/\s+/)
      .filter((w) => w !== '');
    return [...words, ...(end < 0 ? [] : args)];
  }
  const serve = command.findIndex((w, i) => /(^|\/)vllm$/.test(w) && command[i + 1] === 'serve');
  if (serve >= 0) return [...command.slice(serve + 2), ...args];
  if (command.length === 0 && /(^|\/)vllm\/vllm-openai(:|@|$)/.test(c.image)) return args;
  return undefined;
}

export interface EngineCall {
  /** The positional model, or --model: vLLM takes the positional one when both are given. */
  model: string | undefined;
  port: number | undefined;
  servedModelNames: string[];
}

export function parseServe(words: string[]): EngineCall {
  const flags = new Map<string, string[]>();
  let positional: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (!w.startsWith('-')) {
      positional ??= w;
      continue;
    }
    const eq = w.indexOf('=');
    const name = eq < 0 ? w : w.slice(0, eq);
    let values: string[] = [];
    if (eq >= 0) values = [w.slice(eq + 1)];
    else if (name === '--served-model-name') {
      while (i + 1 < words.length && !(words[i + 1] ?? '').startsWith('-')) values.push(words[++i] ?? '');
    } else if (!BOOLEAN_FLAGS.has(name) && i + 1 < words.length && !(words[i + 1] ?? '').startsWith('-')) {
      values = [words[++i] ?? ''];
    }
    flags.set(name, values); // argparse: the last occurrence wins
  }
  const port = flags.get('--port')?.[0];
  return {
    model: positional ?? flags.get('--model')?.[0],
    port: port === undefined ? undefined : Number(port),
    servedModelNames: flags.get('--served-model-name') ?? [],
  };
}

export interface ModelSource {
  /** Where the weights come from: `hf://<repo>` or the storage initializer's source URI. */
  source: string | undefined;
  /** How they reach the engine: downloaded by the engine itself, or by KServe's storage initializer. */
  loader: 'engine' | 'storage-initializer' | 'nothing fills the path';
  /** Whether the process that downloads sees the engine's HF_TOKEN (gated models need it). */
  hfTokenForDownload: boolean;
  /** The engine listens on the port of the container's readiness probe (KServe's preset sets both). */
  listensWhereProbed: boolean;
  servesModelName: boolean;
}

/**
 * Where the main container's engine gets its model. A path is loadable only when a volume is
 * mounted there that an init container (KServe's storage-initializer: args [uri, path]) fills; a
 * Hugging Face repo id is fetched by the engine itself.
 */
export function modelSource(pod: Pod, modelName: string): ModelSource | { error: string } {
  const main = pod.spec.containers.find((c) => c.name === 'main');
  if (main === undefined) return { error: 'no container named main' };
  const words = serveWords(main);
  if (words === undefined)
    return {
      error: `main does not run vllm serve: ${JSON.stringify({ command: main.command, args: main.args })}`,
    };
  const call = parseServe(words);
  const hasToken = (c: Container) => (c.env ?? []).some((e) => e.name === 'HF_TOKEN');
  const probed = main.readinessProbe?.httpGet?.port;
  const common = {
    listensWhereProbed: call.port !== undefined && call.port === Number(probed),
    servesModelName: call.servedModelNames.includes(modelName),
  };
  if (call.model === undefined) return { error: `vllm serve without a model: ${words.join(' ')}` };
  if (!call.model.startsWith('/')) {
    return { source: `hf://${call.model}`, loader: 'engine', hfTokenForDownload: hasToken(main), ...common };
  }
  const mount = (main.volumeMounts ?? []).find(
    (m) => call.model === m.mountPath || call.model?.startsWith(`${m.mountPath}/`),
  );
  const filler = (pod.spec.initContainers ?? []).find((c) =>
    (c.volumeMounts ?? []).some((m) => m.name === mount?.name && (c.args ?? []).includes(m.mountPath)),
  );
  if (mount === undefined || filler === undefined) {
    return { source: undefined, loader: 'nothing fills the path', hfTokenForDownload: false, ...common };
  }
  return {
    source: filler.args?.[0],
    loader: 'storage-initializer',
    hfTokenForDownload: hasToken(filler),
    ...common,
  };
}

// --- scheduling and DRA ------------------------------------------------------------------------

export interface Allocation {
  pod: string;
  node: string | undefined;
  scheduler: string | undefined;
  scheduled: string | undefined;
  /** The pod's claim: the template it came from and the devices the allocator picked. */
  claims: { name: string; template: string | undefined; devices: string[]; reservedForPod: boolean }[];
  /** resources.claims of the main container. */
  mainClaims: string[];
}

/** How a pod was scheduled and which devices the DRA allocator gave its claims. */
export function allocation(kubeconfig: string, pod: Pod): Allocation {
  const ns = pod.metadata.namespace ?? '';
  const claims = (pod.spec.resourceClaims ?? []).map((rc) => {
    const generated = pod.status?.resourceClaimStatuses?.find((s) => s.name === rc.name)?.resourceClaimName;
    const claim =
      generated === undefined ? undefined : get(kubeconfig, 'resourceclaims.resource.k8s.io', generated, ns);
    const status = claim?.status as
      | {
          allocation?: { devices?: { results?: { driver: string; pool: string; device: string }[] } };
          reservedFor?: { resource: string; name: string; uid: string }[];
        }
      | undefined;
    return {
      name: rc.name,
      template: rc.resourceClaimTemplateName,
      devices: (status?.allocation?.devices?.results ?? [])
        .map((r) => `${r.driver}/${r.pool}/${r.device}`)
        .sort(),
      reservedForPod: (status?.reservedFor ?? []).some(
        (r) => r.resource === 'pods' && r.uid === pod.metadata.uid,
      ),
    };
  });
  return {
    pod: pod.metadata.name,
    node: pod.spec.nodeName,
    scheduler: pod.spec.schedulerName,
    scheduled: condition(pod, 'PodScheduled')?.status,
    claims,
    mainClaims: (pod.spec.containers.find((c) => c.name === 'main')?.resources?.claims ?? []).map(
      (c) => c.name,
    ),
  };
}

/** A pod's containers as the kubelet (stand-in) reports them: ready, or why they wait. */
export function containerStates(pod: Pod): Record<string, string> {
  return Object.fromEntries(
    (pod.status?.containerStatuses ?? []).map((s) => {
      const [state, detail] = Object.entries(s.state)[0] ?? ['unknown', {}];
      return [s.name, s.ready ? 'ready' : `${state} ${detail.reason ?? ''}: ${detail.message ?? ''}`.trim()];
    }),
  );
}

/** The GPUs one ResourceClaimTemplate asks for: count per request. */
export function claimTemplateCount(kubeconfig: string, namespace: string, name: string): number {
  const t = get(kubeconfig, 'resourceclaimtemplates.resource.k8s.io', name, namespace);
  const requests = ((t.spec?.spec as { devices?: { requests?: { exactly?: { count?: number } }[] } }).devices
    ?.requests ?? []) as { exactly?: { count?: number } }[];
  return requests.reduce((n, r) => n + (r.exactly?.count ?? 1), 0);
}

// --- the hub side --------------------------------------------------------------------------------

/** provider-kubernetes Objects of the hub that are not Synced, as `<name>: <reason> <message>`. */
export function unsyncedObjects(namespace: string): string[] {
  return list(hubKubeconfig, 'objects.kubernetes.m.crossplane.io', namespace)
    .filter((o) => condition(o, 'Synced')?.status === 'False')
    .map(
      (o) =>
        `${o.metadata.name}: ${condition(o, 'Synced')?.reason ?? ''} ${condition(o, 'Synced')?.message ?? ''}`,
    );
}

/**
 * Registers one more Existing InferenceCluster backed by the twin's workload cluster (the same
 * kubeconfig Secret contents as `from`), and gives the workload cluster that cluster's GPU nodes
 * (scripts/twin/workload.sh nodes). The examples' own clusters are GKE/EKS/AKS ones nothing
 * provisions here: this stands in for them with the same labels and pools.
 */
export function registerTwinCluster(
  from: string,
  workloadName: string,
  cluster: { name: string; labels: Record<string, string>; nodePools: unknown[] },
  classes: KubeObject[],
): void {
  const secret = get(hubKubeconfig, 'secret', `${from}-kubeconfig`, 'crossplane-system');
  const inferenceCluster = {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'InferenceCluster',
    metadata: { name: cluster.name, labels: cluster.labels },
    spec: {
      source: 'Existing',
      existing: {
        kubeconfigSecretRef: { name: `${cluster.name}-kubeconfig`, namespace: 'crossplane-system' },
      },
      nodePools: cluster.nodePools,
    },
  };
  hub(
    ['apply', '-f', '-'],
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: `${cluster.name}-kubeconfig`, namespace: 'crossplane-system' },
          data: secret.data,
        },
        inferenceCluster,
      ],
    }),
  );
  const file = join(mkdtempSync(join(tmpdir(), 'modelplane-e2e-')), 'fleet.yaml');
  writeFileSync(file, [...classes, inferenceCluster].map((o) => `---\n${stringify(o)}`).join(''));
  workloadScript(['nodes', workloadName, '--as', cluster.name, file]);
}

/** Removes a registered twin cluster and its simulated nodes. */
export function unregisterTwinCluster(workloadName: string, name: string): void {
  hub(['delete', 'inferencecluster', name, '--ignore-not-found']);
  hub(['delete', 'secret', `${name}-kubeconfig`, '-n', 'crossplane-system', '--ignore-not-found']);
  workloadScript(['nodes', workloadName, '--remove', name]);
}

export function workloadScript(args: string[]): string {
  return execFileSync(join(repoRoot, 'scripts', 'twin', 'workload.sh'), args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
}

export { kubectl, get, list, condition };
