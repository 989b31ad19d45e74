// Stand-in for Crossplane's Deployment package runtime (core runs with --package-runtime=External).
// For each active FunctionRevision of one of our functions it does what the real runtime does for a
// Deployment (crossplane v2.3.4 internal/controller/pkg/runtime/runtime_function.go, FunctionHooks):
//   - a server certificate signed by Crossplane's root CA (Secret crossplane-root-ca, from
//     `crossplane core init`) in the Secret <function>-tls-server (the name Function's
//     GetTLSServerSecretName gives; with the External runtime nothing copies it to the revision's
//     spec, apis/pkg/v1/interfaces.go);
//   - runs the function (node dist/<function>.js) as a process on 127.0.0.1 with those certificates,
//     instead of a Deployment and a headless Service;
//   - sets status.endpoint, status.tlsServerSecretName and the RuntimeHealthy condition from whether the process runs and has accepted a connection
//     (a readiness probe).
// Usage: node --import tsx package-runtime.ts KUBECONFIG STATE_DIR FIRST_PORT

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KubeError, kubeFromKubeconfig, loop } from '../kube.js';

const [kubeconfig = '', stateDir = '', firstPort = ''] = process.argv.slice(2);
if (!kubeconfig || !stateDir || !firstPort) {
  console.error('usage: package-runtime.ts KUBECONFIG STATE_DIR FIRST_PORT');
  process.exit(2);
}
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const namespace = 'crossplane-system';
const kube = kubeFromKubeconfig(kubeconfig);

// Our functions, each on its own port in name order; Crossplane names each Function after the
// package's repository (crossplane.yaml): modelplane-<folder>.
const functions = new Map(
  readdirSync(join(repo, 'functions'))
    .sort()
    .map((folder, i) => [`modelplane-${folder}`, { folder, port: Number(firstPort) + i }]),
);

interface Condition {
  type: string;
  status: string;
  reason: string;
  lastTransitionTime?: string;
  message?: string;
}
interface Revision {
  metadata: { name: string; resourceVersion: string; labels?: Record<string, string> };
  spec: { desiredState?: string; tlsServerSecretName?: string };
  status?: { endpoint?: string; tlsServerSecretName?: string; conditions?: Condition[] };
}

function pidAlive(pidFile: string): boolean {
  if (!existsSync(pidFile)) return false;
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = connect({ host: '127.0.0.1', port, timeout: 1000 });
    s.on('connect', () => {
      s.destroy();
      res(true);
    });
    s.on('error', () => {
      res(false);
    });
    s.on('timeout', () => {
      s.destroy();
      res(false);
    });
  });
}

/** tls.crt, tls.key and ca.crt for the function, signed by Crossplane's root CA. */
async function serverCertificates(fn: string, dir: string): Promise<Record<string, string>> {
  const files = ['tls.crt', 'tls.key', 'ca.crt'];
  if (!files.every((f) => existsSync(join(dir, f)))) {
    const root = await kube.get<{ data: Record<string, string> }>(
      `/api/v1/namespaces/${namespace}/secrets/crossplane-root-ca`,
    );
    mkdirSync(dir, { recursive: true });
    const ca = Buffer.from(root.data['tls.crt'] ?? '', 'base64');
    writeFileSync(join(dir, 'ca.crt'), ca);
    writeFileSync(join(dir, 'root-ca.key'), Buffer.from(root.data['tls.key'] ?? '', 'base64'), {
      mode: 0o600,
    });
    // The DNS names the real runtime gives the function's Service, plus the loopback address it is
    // dialled at here.
    const sans = `DNS:${fn},DNS:${fn}.${namespace},DNS:${fn}.${namespace}.svc,DNS:${fn}.${namespace}.svc.cluster.local,IP:127.0.0.1`;
    writeFileSync(
      join(dir, 'ext.cnf'),
      `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${sans}\n`,
    );
    const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    run([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/O=Crossplane/CN=${fn}`,
      '-keyout',
      'tls.key',
      '-out',
      'tls.csr',
    ]);
    run([
      'x509',
      '-req',
      '-in',
      'tls.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'root-ca.key',
      '-CAcreateserial',
      '-days',
      '365',
      '-extfile',
      'ext.cnf',
      '-out',
      'tls.crt',
    ]);
  }
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f)).toString('base64')]));
}

async function ensureSecret(name: string, data: Record<string, string>): Promise<void> {
  const path = `/api/v1/namespaces/${namespace}/secrets`;
  try {
    await kube.mergePatch(`${path}/${name}`, { data });
  } catch (err) {
    if (!(err instanceof KubeError && err.status === 404)) throw err;
    await kube.create(path, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace },
      type: 'Opaque',
      data,
    });
  }
}

// Processes whose port has accepted a connection since they started: after that, liveness is the
// process itself (a TCP probe every round would fill the function's log with refused handshakes).
const serving = new Set<string>();

async function healthy(fn: string, port: number): Promise<boolean> {
  if (!pidAlive(join(stateDir, `${fn}.pid`))) {
    serving.delete(fn);
    return false;
  }
  if (!serving.has(fn) && (await accepts(port))) serving.add(fn);
  return serving.has(fn);
}

function ensureProcess(fn: string, folder: string, port: number, certDir: string): void {
  const pidFile = join(stateDir, `${fn}.pid`);
  if (pidAlive(pidFile)) return;
  serving.delete(fn);
  const log = openSync(join(stateDir, `${fn}.log`), 'a');
  const child = spawn(
    process.execPath,
    [join(repo, 'dist', `${folder}.js`), '--address', `127.0.0.1:${port}`, '--tls-server-certs-dir', certDir],
    { detached: true, stdio: ['ignore', log, log] },
  );
  child.unref();
  writeFileSync(pidFile, `${child.pid}\n`);
  console.log(`started ${fn} (pid ${child.pid}) on 127.0.0.1:${port}`);
}

async function reconcile(rev: Revision): Promise<void> {
  const fn = rev.metadata.labels?.['pkg.crossplane.io/package'] ?? '';
  const ours = functions.get(fn);
  if (!ours || rev.spec.desiredState !== 'Active') return;
  const secretName = rev.spec.tlsServerSecretName ?? `${fn}-tls-server`;
  const certDir = join(stateDir, fn, 'tls');
  await ensureSecret(secretName, await serverCertificates(fn, certDir));
  ensureProcess(fn, ours.folder, ours.port, certDir);

  const up = await healthy(fn, ours.port);
  const conditions = [...(rev.status?.conditions ?? [])];
  const i = conditions.findIndex((c) => c.type === 'RuntimeHealthy');
  const want = up
    ? { type: 'RuntimeHealthy', status: 'True', reason: 'HealthyPackageRevision' }
    : { type: 'RuntimeHealthy', status: 'False', reason: 'UnhealthyPackageRevision' };
  const current = i >= 0 ? conditions[i] : undefined;
  const endpoint = `dns:///127.0.0.1:${ours.port}`;
  const upToDate =
    current?.status === want.status &&
    current.reason === want.reason &&
    rev.status?.endpoint === endpoint &&
    rev.status.tlsServerSecretName === secretName;
  if (upToDate) return;
  const condition = {
    ...want,
    lastTransitionTime:
      current?.status === want.status && current.lastTransitionTime
        ? current.lastTransitionTime
        : new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
  if (i >= 0) conditions[i] = condition;
  else conditions.push(condition);
  await kube.mergePatch(`/apis/pkg.crossplane.io/v1/functionrevisions/${rev.metadata.name}/status`, {
    metadata: { resourceVersion: rev.metadata.resourceVersion },
    status: { endpoint, tlsServerSecretName: secretName, conditions },
  });
  console.log(`${rev.metadata.name}: endpoint ${endpoint}, RuntimeHealthy=${want.status}`);
}

mkdirSync(stateDir, { recursive: true });
loop('package-runtime', 1000, async () => {
  const list = await kube.get<{ items: Revision[] }>('/apis/pkg.crossplane.io/v1/functionrevisions');
  for (const rev of list.items) {
    try {
      await reconcile(rev);
    } catch (err) {
      // A conflict means Crossplane updated the revision meanwhile: the next round sees it.
      if (!(err instanceof KubeError && err.status === 409)) throw err;
    }
  }
});
