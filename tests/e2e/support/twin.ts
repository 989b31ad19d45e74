// The e2e suite's view of the fleet twin (`make twin-up`): kubectl against the hub and the workload
// cluster, and polling until the real controllers have converged. Every read goes to a real API
// server through the kubectl the twin builds (.tools/kubectl, Kubernetes v1.36.3), as a person would.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/paths.js';

export const hubKubeconfig = join(repoRoot, '.twin', 'hub', 'kubeconfig');
const kubectlBinary = join(repoRoot, '.tools', 'kubectl');

/** The quickstart's Existing cluster, which `make twin-up` backs with the twin's workload cluster. */
export const WORKLOAD_CLUSTER = 'onprem-dc1';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    deletionTimestamp?: string;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  data?: Record<string, string>;
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export function assertTwinUp(): void {
  if (!existsSync(hubKubeconfig) || !existsSync(kubectlBinary))
    throw new Error(`the fleet twin is not up (${hubKubeconfig}): run \`make twin-up\` or \`make e2e\``);
}

/** kubectl with the given kubeconfig; throws with kubectl's stderr. */
export function kubectl(kubeconfig: string, args: string[], input?: string): string {
  try {
    return execFileSync(kubectlBinary, ['--kubeconfig', kubeconfig, ...args], {
      encoding: 'utf8',
      input,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 60_000,
    });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`kubectl ${args.join(' ')}: ${e.stderr?.trim() || e.message}`, { cause: err });
  }
}

export const hub = (args: string[], input?: string): string => kubectl(hubKubeconfig, args, input);

/** Every object of a resource (`-A` when namespace is omitted), sorted by namespace/name. */
export function list(kubeconfig: string, resource: string, namespace?: string): KubeObject[] {
  const scope = namespace === undefined ? ['-A'] : ['-n', namespace];
  const out = JSON.parse(kubectl(kubeconfig, ['get', resource, ...scope, '-o', 'json'])) as {
    items: KubeObject[];
  };
  return out.items.sort((a, b) =>
    `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(
      `${b.metadata.namespace ?? ''}/${b.metadata.name}`,
    ),
  );
}

export function get(kubeconfig: string, resource: string, name: string, namespace?: string): KubeObject {
  const scope = namespace === undefined ? [] : ['-n', namespace];
  return JSON.parse(kubectl(kubeconfig, ['get', resource, name, ...scope, '-o', 'json'])) as KubeObject;
}

export function conditions(obj: KubeObject): Condition[] {
  return ((obj.status?.conditions ?? []) as Condition[]).map(({ type, status, reason, message }) => ({
    type,
    status,
    ...(reason === undefined ? {} : { reason }),
    ...(message === undefined ? {} : { message }),
  }));
}

/** The condition of a type, without its timestamps. */
export function condition(obj: KubeObject, type: string): Condition | undefined {
  return conditions(obj).find((c) => c.type === type);
}

/** The workload cluster's kubeconfig, exactly as the hub holds it in the InferenceCluster's Secret. */
export function workloadKubeconfig(cluster = WORKLOAD_CLUSTER): string {
  const secret = get(hubKubeconfig, 'secret', `${cluster}-kubeconfig`, 'crossplane-system');
  const file = join(mkdtempSync(join(tmpdir(), 'modelplane-e2e-')), 'kubeconfig');
  writeFileSync(file, Buffer.from(secret.data?.kubeconfig ?? '', 'base64'));
  return file;
}

/**
 * Polls `observe` until `done` accepts what it returns, then returns it. On timeout it fails with
 * the last observation, so a failing e2e test shows what the real system reported.
 */
export async function eventually<T>(
  what: string,
  observe: () => T,
  done: (value: T) => boolean,
  timeoutMs = 120_000,
  intervalMs = 1_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = observe();
      lastError = undefined;
      if (done(last)) return last;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const seen = lastError instanceof Error ? lastError.message : JSON.stringify(last, null, 2);
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}; last seen:\n${seen}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Whether two JSON values are equal (deep, key order ignored). */
export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([k, x]) => [k, canonical(x)]),
    );
  return v;
}
