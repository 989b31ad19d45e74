// A minimal Kubernetes REST client for the twin's stand-ins: the kubeconfigs the twin writes carry
// one cluster, its CA and an admin client certificate (scripts/twin/lib.sh kubeconfig_write).

import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { parse } from 'yaml';

interface Kubeconfig {
  clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
  users: { user: { 'client-certificate-data': string; 'client-key-data': string } }[];
}

export class KubeError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Kube {
  get<T = Record<string, unknown>>(path: string): Promise<T>;
  /** JSON merge patch; `subresource` e.g. "status". */
  mergePatch(path: string, patch: unknown): Promise<unknown>;
  create(path: string, body: unknown): Promise<unknown>;
}

export function kubeFromKubeconfig(file: string): Kube {
  const config = parse(readFileSync(file, 'utf8')) as Kubeconfig;
  const cluster = config.clusters[0]?.cluster;
  const user = config.users[0]?.user;
  if (!cluster || !user) throw new Error(`${file}: want one cluster and one user`);
  const server = new URL(cluster.server);
  const tls = {
    ca: Buffer.from(cluster['certificate-authority-data'], 'base64'),
    cert: Buffer.from(user['client-certificate-data'], 'base64'),
    key: Buffer.from(user['client-key-data'], 'base64'),
  };

  function call(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          ...tls,
          host: server.hostname,
          port: server.port,
          method,
          path,
          headers: {
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': contentType }),
          },
          timeout: 15_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve(text ? JSON.parse(text) : {});
            else reject(new KubeError(status, `${method} ${path}: ${status} ${text.slice(0, 500)}`));
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on('error', reject);
      if (body !== undefined) req.write(JSON.stringify(body));
      req.end();
    });
  }

  return {
    get: (path) => call('GET', path) as Promise<never>,
    mergePatch: (path, patch) => call('PATCH', path, patch, 'application/merge-patch+json'),
    create: (path, body) => call('POST', path, body),
  };
}

/** Runs `step` every `intervalMs` until SIGTERM/SIGINT, which end the process at once (a stopped
 * stand-in must not finish a round beside its successor); a failing step is logged and retried. */
export function loop(name: string, intervalMs: number, step: () => Promise<void>): void {
  process.on('SIGTERM', () => process.exit(0));
  process.on('SIGINT', () => process.exit(0));
  const tick = async () => {
    try {
      await step();
    } catch (err) {
      console.error(`${name}: ${(err as Error).message}`);
    }
    setTimeout(() => void tick(), intervalMs);
  };
  void tick();
}
