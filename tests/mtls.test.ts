// mTLS as Crossplane does it: certificates made the way Crossplane v2.3.4 makes them (the root CA,
// the client certificate of `crossplane core init`, a function server certificate; all with the
// subject C=Earth, ST=Earth, L=Earth, O=Crossplane, CN=Crossplane) and grpc-go dialling the real
// bundle, both from tests/mtls-peer. The core-init certificate is served; every other client is
// refused before any HTTP/2, with a reason in the log. A certs directory whose ca.crt is empty,
// garbage or a leaf stops the function at start-up in one line.

import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeInferenceClass } from '../functions/compose-inference-class/fn.js';
import { runFunction } from '../lib/runtime/handler.js';
import { parseAuthorities, verifyClientCertificate } from '../lib/runtime/x509.js';
import { goTool } from './support/go-tool.js';
import { runFunctionProcess, startFunction, type FunctionProcess } from './support/servers.js';

const CROSSPLANE_SUBJECT = 'C=Earth, ST=Earth, L=Earth, O=Crossplane, CN=Crossplane';

const request = RunFunctionRequest.fromPartial({
  meta: { tag: 'mtls' },
  observed: {
    composite: {
      resource: {
        apiVersion: 'modelplane.ai/v1alpha1',
        kind: 'InferenceClass',
        metadata: { name: 'l4' },
        spec: { resources: { gpu: { count: 1, memory: '24Gi' } } },
      },
    },
  },
});

interface GoCall {
  readonly target: string;
  readonly ca?: string;
  readonly clientDir?: string;
  readonly plaintext?: boolean;
  readonly request: string;
}

interface GoResult {
  readonly code: string;
  readonly message?: string;
  readonly response?: string;
}

/** Makes each call with grpc-go (one process, calls in order). */
function callWithGo(peer: string, calls: readonly GoCall[]): GoResult[] {
  const run = spawnSync(peer, ['call'], {
    input: calls.map((c) => JSON.stringify(c)).join('\n') + '\n',
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`mtls-peer call failed: ${run.stderr.toString()}`);
  return run.stdout
    .toString()
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as GoResult);
}

const CLIENTS = [
  'core-init',
  'other-ca',
  'expired',
  'not-yet-valid',
  'self-signed',
  'server-usage',
  'no-digital-signature',
  'ca-itself',
] as const;

describe('mTLS with the certificates `crossplane core init` issues, over grpc-go', () => {
  let peer: string;
  let dir: string;
  let fn: FunctionProcess;

  beforeAll(async () => {
    peer = goTool('mtls-peer');
    dir = mkdtempSync(join(tmpdir(), 'modelplane-crossplane-certs-'));
    execFileSync(peer, ['certs', dir]);
    fn = await startFunction('compose-inference-class', ['--tls-server-certs-dir', join(dir, 'server')]);
  });
  afterAll(async () => {
    await fn.stop();
  });

  it('serves the core-init client certificate and refuses every other client before HTTP/2', async () => {
    const encoded = Buffer.from(RunFunctionRequest.encode(request).finish()).toString('base64');
    const ca = join(dir, 'ca.crt');
    const calls: GoCall[] = [
      ...CLIENTS.map((c) => ({
        target: fn.target,
        ca,
        clientDir: join(dir, 'clients', c),
        request: encoded,
      })),
      { target: fn.target, ca, clientDir: '', request: encoded },
      { target: fn.target, plaintext: true, request: encoded },
    ];
    const results = callWithGo(peer, calls);
    const labels = [...CLIENTS, 'no certificate', 'plaintext'];
    expect(Object.fromEntries(results.map((r, i) => [labels[i], r.code]))).toEqual({
      'core-init': 'OK',
      'other-ca': 'Unavailable',
      expired: 'Unavailable',
      'not-yet-valid': 'Unavailable',
      'self-signed': 'Unavailable',
      'server-usage': 'Unavailable',
      'no-digital-signature': 'Unavailable',
      'ca-itself': 'Unavailable',
      'no certificate': 'Unavailable',
      plaintext: 'Unavailable',
    });
    const served = RunFunctionResponse.decode(Buffer.from(results[0]?.response ?? '', 'base64'));
    const inProcess = runFunction(composeInferenceClass, request);
    expect(served).toEqual(RunFunctionResponse.decode(RunFunctionResponse.encode(inProcess).finish()));

    const refusals = await fn.waitForLogs((l) => l.includes('"msg":"refused a '), labels.length - 1);
    const subject = `subject "${CROSSPLANE_SUBJECT}", serial 07E6`;
    expect(
      refusals.map((l) => JSON.parse(l) as { msg: string; reason: string }).map((l) => [l.msg, l.reason]),
    ).toEqual([
      // OpenSSL calls these self-signed; our own check finds the signature is not the CA's.
      ['refused a client certificate', `not signed by a CA in ca.crt: ${subject}`],
      // OpenSSL's verdict stands wherever it found a real problem.
      ['refused a client certificate', `CERT_HAS_EXPIRED: ${subject}`],
      ['refused a client certificate', `CERT_NOT_YET_VALID: ${subject}`],
      ['refused a client certificate', `not signed by a CA in ca.crt: ${subject}`],
      ['refused a client certificate', `INVALID_PURPOSE: ${subject}`],
      ['refused a client certificate', `INVALID_PURPOSE: ${subject}`],
      ['refused a client certificate', `INVALID_PURPOSE: ${subject}`],
      ['refused a client certificate', 'no client certificate'],
      ['refused a TLS handshake', 'ERR_SSL_WRONG_VERSION_NUMBER'],
    ]);
    expect(fn.child.exitCode).toBeNull();
  });

  it('verifies every certificate OpenSSL calls self-signed the way OpenSSL verifies a TLS client', () => {
    const authorities = parseAuthorities(readFileSync(join(dir, 'ca.crt'), 'latin1'), 'ca.crt');
    const now = new Date();
    const cert = (c: string): X509Certificate =>
      new X509Certificate(readFileSync(join(dir, 'clients', c, 'tls.crt')));
    const subject = `subject "${CROSSPLANE_SUBJECT}", serial 07E6`;
    const depthZero = { authorized: false, error: 'DEPTH_ZERO_SELF_SIGNED_CERT' };
    const verdicts = Object.fromEntries(
      CLIENTS.map((c) => [c, verifyClientCertificate(cert(c), depthZero, authorities, now)]),
    );
    const iso = (d: string): string => new Date(d).toISOString();
    expect(verdicts).toEqual({
      'core-init': { ok: true },
      'other-ca': { ok: false, reason: `not signed by a CA in ca.crt: ${subject}` },
      expired: {
        ok: false,
        reason: `certificate expired (valid until ${iso(cert('expired').validTo)}): ${subject}`,
      },
      'not-yet-valid': {
        ok: false,
        reason: `certificate not yet valid (valid from ${iso(cert('not-yet-valid').validFrom)}): ${subject}`,
      },
      'self-signed': { ok: false, reason: `not signed by a CA in ca.crt: ${subject}` },
      'server-usage': {
        ok: false,
        reason: `extendedKeyUsage does not allow client authentication (1.3.6.1.5.5.7.3.1): ${subject}`,
      },
      'no-digital-signature': {
        ok: false,
        reason: `keyUsage allows neither digitalSignature nor keyAgreement: ${subject}`,
      },
      'ca-itself': { ok: false, reason: `a CA certificate is not a client certificate: ${subject}` },
    });
    // No certificate at all, and OpenSSL's own refusals, are never second-guessed.
    expect([
      verifyClientCertificate(undefined, { authorized: false }, authorities, now),
      verifyClientCertificate(
        cert('expired'),
        { authorized: false, error: 'CERT_HAS_EXPIRED' },
        authorities,
        now,
      ),
    ]).toEqual([
      { ok: false, reason: 'no client certificate' },
      { ok: false, reason: `CERT_HAS_EXPIRED: ${subject}` },
    ]);
  });

  describe('a certs directory the function cannot use stops it at start-up, in one line', () => {
    /** A copy of the server certs directory with `ca.crt` (or another file) replaced. */
    function certsDirWith(files: Record<string, string | Buffer>): string {
      const out = mkdtempSync(join(tmpdir(), 'modelplane-bad-certs-'));
      mkdirSync(out, { recursive: true });
      for (const f of ['ca.crt', 'tls.crt', 'tls.key']) copyFileSync(join(dir, 'server', f), join(out, f));
      for (const [f, content] of Object.entries(files)) writeFileSync(join(out, f), content);
      return out;
    }
    const cases: { name: string; files: () => Record<string, string | Buffer>; want: string }[] = [
      { name: 'an empty ca.crt', files: () => ({ 'ca.crt': '' }), want: 'ca.crt holds no PEM certificate' },
      {
        name: 'a garbage ca.crt',
        files: () => ({ 'ca.crt': 'not a certificate\n' }),
        want: 'ca.crt holds no PEM certificate',
      },
      {
        name: 'a ca.crt whose PEM block is garbage',
        files: () => ({ 'ca.crt': '-----BEGIN CERTIFICATE-----\nZ2FyYmFnZQ==\n-----END CERTIFICATE-----\n' }),
        want: 'ca.crt: certificate 1 is not a valid X.509 certificate',
      },
      {
        name: 'a leaf certificate as ca.crt',
        files: () => ({ 'ca.crt': readFileSync(join(dir, 'clients', 'core-init', 'tls.crt')) }),
        want: `ca.crt: certificate 1 (${CROSSPLANE_SUBJECT}) is not a CA certificate (basicConstraints CA:TRUE is missing)`,
      },
      {
        name: 'a tls.key that is not the key of tls.crt',
        files: () => ({ 'tls.key': readFileSync(join(dir, 'clients', 'core-init', 'tls.key')) }),
        want: 'tls.key is not the key of the first certificate in tls.crt',
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const certs = certsDirWith(c.files());
        const r = await runFunctionProcess('compose-inference-class', [
          '--address',
          '127.0.0.1:0',
          '--tls-server-certs-dir',
          certs,
        ]);
        expect(r).toEqual({
          code: 1,
          stdout: '',
          stderr: `compose-inference-class: invalid TLS certificates in ${certs}: ${c.want}\n`,
        });
      });
    }
  });
});
