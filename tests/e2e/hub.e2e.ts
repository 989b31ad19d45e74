// The hub as `make twin-up` leaves it: Crossplane core v2.3.4 serving our six XRDs, our six
// functions installed from packages and called with Crossplane's own client certificate, and Envoy
// Gateway's controller programming the fleet Gateway.

import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';
import {
  assertTwinUp,
  condition,
  eventually,
  get,
  hubKubeconfig,
  list,
  type KubeObject,
} from './support/twin.js';

const FUNCTIONS = [
  'compose-inference-class',
  'compose-inference-cluster',
  'compose-model-deployment',
  'compose-model-endpoint',
  'compose-model-replica',
  'compose-model-service',
];
const port = (i: number) => Number(process.env.TWIN_PORT_BASE ?? 20000) + 10 + i;

beforeAll(assertTwinUp);

describe('the hub', () => {
  it('establishes the six XRDs', () => {
    // Namespaced and cluster-scoped v2 XRDs have no claims, so no Offered condition.
    const xrds = list(hubKubeconfig, 'compositeresourcedefinitions').map((x) => ({
      name: x.metadata.name,
      established: condition(x, 'Established')?.status,
    }));
    expect(xrds).toEqual(
      [
        'inferenceclasses',
        'inferenceclusters',
        'modeldeployments',
        'modelendpoints',
        'modelreplicas',
        'modelservices',
      ].map((plural) => ({ name: `${plural}.modelplane.ai`, established: 'True' })),
    );
  });

  it('installs the six functions from the local registry and runs each Healthy on its loopback endpoint', () => {
    const registry = `127.0.0.1:${Number(process.env.TWIN_PORT_BASE ?? 20000) + 6}`;
    const functions = list(hubKubeconfig, 'functions.pkg.crossplane.io').map((f) => ({
      name: f.metadata.name,
      package: f.spec?.package,
      installed: condition(f, 'Installed')?.status,
      healthy: condition(f, 'Healthy')?.status,
    }));
    expect(functions).toEqual(
      FUNCTIONS.map((f) => ({
        name: `modelplane-${f}`,
        package: `${registry}/modelplane/${f}:v0.1.0`,
        installed: 'True',
        healthy: 'True',
      })),
    );
    const revisions = list(hubKubeconfig, 'functionrevisions.pkg.crossplane.io')
      .map((r) => ({
        function: r.metadata.labels?.['pkg.crossplane.io/package'],
        desiredState: r.spec?.desiredState,
        endpoint: r.status?.endpoint,
        tlsServerSecretName: r.status?.tlsServerSecretName,
        runtimeHealthy: condition(r, 'RuntimeHealthy'),
        revisionHealthy: condition(r, 'RevisionHealthy')?.status,
      }))
      .sort((a, b) => String(a.function).localeCompare(String(b.function)));
    expect(revisions).toEqual(
      FUNCTIONS.map((f, i) => ({
        function: `modelplane-${f}`,
        desiredState: 'Active',
        endpoint: `dns:///127.0.0.1:${port(i)}`,
        tlsServerSecretName: `modelplane-${f}-tls-server`,
        runtimeHealthy: { type: 'RuntimeHealthy', status: 'True', reason: 'HealthyPackageRevision' },
        revisionHealthy: 'True',
      })),
    );
  });

  it("dials the functions with the client certificate Crossplane's own `core init` issued, whose subject is its CA's", () => {
    const secret = get(hubKubeconfig, 'secret', 'crossplane-tls-client', 'crossplane-system');
    const decode = (key: string) => Buffer.from(secret.data?.[key] ?? '', 'base64');
    const client = new X509Certificate(decode('tls.crt'));
    const ca = new X509Certificate(decode('ca.crt'));
    // The certificate OpenSSL's default verification calls self-signed (issue 11): same subject as
    // its issuer, signed by the CA's key, not by its own.
    expect({
      subject: client.subject,
      issuer: client.issuer,
      caSubject: ca.subject,
      signedByCa: client.verify(ca.publicKey),
      selfSigned: client.verify(client.publicKey),
      isCa: client.ca,
    }).toEqual({
      subject: 'C=Earth\nST=Earth\nL=Earth\nO=Crossplane\nCN=Crossplane',
      issuer: 'C=Earth\nST=Earth\nL=Earth\nO=Crossplane\nCN=Crossplane',
      caSubject: 'C=Earth\nST=Earth\nL=Earth\nO=Crossplane\nCN=Crossplane',
      signedByCa: true,
      selfSigned: false,
      isCa: false,
    });
    // ...and it is the one Crossplane runs with (core start --tls-client-certs-dir).
    const inUse = readFileSync(join(repoRoot, '.twin', 'hub', 'crossplane', 'tls-client', 'tls.crt'));
    expect(new X509Certificate(inUse).fingerprint256).toBe(client.fingerprint256);
  });

  it('has the fleet Gateway accepted and programmed by Envoy Gateway at its load balancer address', async () => {
    const gateway = await eventually(
      'Gateway modelplane-system/modelplane Programmed',
      () => get(hubKubeconfig, 'gateway', 'modelplane', 'modelplane-system'),
      (g: KubeObject) => condition(g, 'Programmed')?.status === 'True',
      180_000,
    );
    const service = list(hubKubeconfig, 'services', 'envoy-gateway-system').find(
      (s) => s.metadata.labels?.['gateway.envoyproxy.io/owning-gateway-name'] === 'modelplane',
    );
    const lb = (service?.status?.loadBalancer as { ingress?: { ip: string }[] } | undefined)?.ingress ?? [];
    expect({
      accepted: condition(gateway, 'Accepted')?.status,
      programmed: condition(gateway, 'Programmed')?.status,
      addresses: gateway.status?.addresses,
      serviceType: service?.spec?.type,
    }).toEqual({
      accepted: 'True',
      programmed: 'True',
      addresses: lb.map((i) => ({ type: 'IPAddress', value: i.ip })),
      serviceType: 'LoadBalancer',
    });
    expect(lb).toHaveLength(1);
  });
});
