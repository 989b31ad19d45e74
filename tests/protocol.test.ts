// The real bundles speak Crossplane's protocol over loopback gRPC: plain (--insecure) and mTLS,
// answer exactly what the in-process function answers, refuse clients without a valid
// certificate, survive garbage, and fail to start in one line when they cannot serve.

import { createServer } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import {
  RunFunctionRequest,
  RunFunctionResponse,
  Severity,
  Target,
} from '@crossplane-org/function-sdk-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeInferenceClass } from '../functions/compose-inference-class/fn.js';
import { runFunction } from '../lib/runtime/handler.js';
import { makeTestCerts, type TestCerts } from './support/certs.js';
import { functionClient } from './support/client.js';
import { SAMPLES } from './support/samples.js';
import { runFunctionProcess, startFunction, type FunctionProcess } from './support/servers.js';

function request(xr: Record<string, unknown>, tag: string): RunFunctionRequest {
  return RunFunctionRequest.fromPartial({ meta: { tag }, observed: { composite: { resource: xr } } });
}

/** What a response looks like after the wire: the in-process value encoded and decoded. */
function overTheWire(rsp: RunFunctionResponse): RunFunctionResponse {
  return RunFunctionResponse.decode(RunFunctionResponse.encode(rsp).finish());
}

describe('each bundled function over loopback gRPC (--insecure)', () => {
  const running = new Map<string, FunctionProcess>();
  beforeAll(async () => {
    for (const [fn] of SAMPLES) running.set(fn.name, await startFunction(fn.name));
  });
  afterAll(async () => {
    await Promise.all([...running.values()].map((p) => p.stop()));
  });

  for (const [fn, xr] of SAMPLES) {
    it(`${fn.name} answers exactly what the in-process function answers`, async () => {
      const p = running.get(fn.name);
      if (p === undefined) throw new Error('not started');
      const client = functionClient(p.target);
      const req = request(xr, `tag-${fn.name}`);
      try {
        expect(await client.run(req)).toEqual(overTheWire(runFunction(fn, req)));
      } finally {
        client.close();
      }
    });

    it(`${fn.name} answers garbage bytes with a Fatal result and keeps serving`, async () => {
      const p = running.get(fn.name);
      if (p === undefined) throw new Error('not started');
      const client = functionClient(p.target);
      try {
        const garbage = await client.runRaw(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x7f, 0x01]));
        expect(garbage).toEqual(
          overTheWire({
            meta: { tag: '', ttl: { seconds: 60, nanos: 0 } },
            desired: { composite: undefined, resources: {} },
            results: [
              {
                severity: Severity.SEVERITY_FATAL,
                message: garbage.results[0]?.message ?? '',
                target: Target.TARGET_COMPOSITE,
              },
            ],
            context: undefined,
            requirements: { extraResources: {}, resources: {}, schemas: {} },
            conditions: [],
          }),
        );
        expect(garbage.results[0]?.message).toMatch(/^cannot decode RunFunctionRequest: /);
        const req = request(xr, 'after-garbage');
        expect(await client.run(req)).toEqual(overTheWire(runFunction(fn, req)));
        expect(p.child.exitCode).toBeNull();
      } finally {
        client.close();
      }
    });
  }
});

describe('mTLS', () => {
  let certs: TestCerts;
  let p: FunctionProcess;
  const req = request(SAMPLES[0]?.[1] ?? {}, 'mtls');

  beforeAll(async () => {
    certs = makeTestCerts();
    p = await startFunction('compose-inference-class', ['--tls-server-certs-dir', certs.serverDir]);
  });
  afterAll(async () => {
    await p.stop();
  });

  it('serves a client whose certificate the CA signed', async () => {
    const client = functionClient(
      p.target,
      grpc.credentials.createSsl(certs.ca, certs.client.key, certs.client.cert),
    );
    try {
      expect(await client.run(req)).toEqual(overTheWire(runFunction(composeInferenceClass, req)));
    } finally {
      client.close();
    }
  });

  it('refuses a client without a certificate', async () => {
    const client = functionClient(p.target, grpc.credentials.createSsl(certs.ca));
    try {
      await expect(client.run(req)).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    } finally {
      client.close();
    }
  });

  it('refuses a client whose certificate another CA signed', async () => {
    const client = functionClient(
      p.target,
      grpc.credentials.createSsl(certs.ca, certs.strangerClient.key, certs.strangerClient.cert),
    );
    try {
      await expect(client.run(req)).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    } finally {
      client.close();
    }
  });

  it('reads the certificates from TLS_SERVER_CERTS_DIR when no flag is given', async () => {
    const env = { ...process.env, TLS_SERVER_CERTS_DIR: certs.serverDir };
    // A bad address makes the process exit after reading its certificates: proof it found them.
    const r = await runFunctionProcess('compose-inference-class', ['--address', '256.0.0.1:1'], env);
    expect({ code: r.code, stdout: r.stdout, lines: r.stderr.trim().split('\n').length }).toEqual({
      code: 1,
      stdout: '',
      lines: 1,
    });
    expect(r.stderr).toMatch(/^compose-inference-class: cannot listen on 256\.0\.0\.1:1: /);
  });
});

describe('start-up failures exit non-zero with one line', () => {
  it('an unknown flag exits 2', async () => {
    const r = await runFunctionProcess('compose-model-service', ['--bogus']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "compose-model-service: Unknown option '--bogus'; usage: node dist/<function>.js [--address HOST:PORT] [--insecure] [--debug] [--tls-server-certs-dir DIR]\n",
    });
  });

  it('missing certificates exit 1', async () => {
    const r = await runFunctionProcess('compose-model-service', ['--tls-server-certs-dir', '/nonexistent']);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'compose-model-service: cannot read TLS certificate /nonexistent/ca.crt: ENOENT (use --insecure for local development)\n',
    });
  });

  it('a port already in use exits 1', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => {
      blocker.listen(0, '127.0.0.1', () => {
        resolve((blocker.address() as { port: number }).port);
      });
    });
    try {
      const r = await runFunctionProcess('compose-model-replica', [
        '--insecure',
        '--address',
        `127.0.0.1:${port}`,
      ]);
      expect({ code: r.code, stdout: r.stdout, lines: r.stderr.trim().split('\n').length }).toEqual({
        code: 1,
        stdout: '',
        lines: 1,
      });
      expect(r.stderr).toMatch(
        new RegExp(`^compose-model-replica: cannot listen on 127\\.0\\.0\\.1:${port}: `),
      );
    } finally {
      blocker.close();
    }
  });

  it('--help prints usage and exits 0', async () => {
    const r = await runFunctionProcess('compose-model-endpoint', ['--help']);
    expect(r).toEqual({
      code: 0,
      stdout:
        'compose-model-endpoint: usage: node dist/<function>.js [--address HOST:PORT] [--insecure] [--debug] [--tls-server-certs-dir DIR]\n',
      stderr: '',
    });
  });
});
