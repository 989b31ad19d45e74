// The real bundle's lifecycle: SIGTERM stops an idle function at once, and one holding a client
// that sent half a request and went quiet after a short grace (SHUTDOWN_GRACE_MS), over plain
// gRPC and over mTLS. Before, such a client kept the process alive forever.

import http2 from 'node:http2';
import { afterAll, describe, expect, it } from 'vitest';
import { SHUTDOWN_GRACE_MS } from '../lib/runtime/server.js';
import { makeTestCerts } from './support/certs.js';
import { startFunction, type FunctionProcess } from './support/servers.js';

const RUN_FUNCTION = '/apiextensions.fn.proto.v1.FunctionRunnerService/RunFunction';

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly ms: number;
}

/** SIGTERM, then how the process ended (SIGKILL after 20 s, reported as such). */
function terminate(p: FunctionProcess): Promise<Exit> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const killer = setTimeout(() => p.child.kill('SIGKILL'), 20_000);
    p.child.once('exit', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, ms: Date.now() - t0 });
    });
    p.child.kill('SIGTERM');
  });
}

/** Opens a RunFunction stream and sends 8 of the 105 bytes its message announces, then nothing. */
async function halfSend(session: http2.ClientHttp2Session): Promise<void> {
  session.on('error', () => undefined);
  const stream = session.request({
    ':method': 'POST',
    ':path': RUN_FUNCTION,
    'content-type': 'application/grpc',
    te: 'trailers',
  });
  stream.on('error', () => undefined);
  await new Promise<void>((resolve) => {
    stream.write(Buffer.from([0, 0, 0, 0, 100, 0x0a, 0x02, 0x0a]), () => {
      resolve();
    });
  });
}

const messages = (p: FunctionProcess): unknown[] =>
  p.logs.map((l) => JSON.parse(l) as { msg: string; how?: string }).map(({ msg, how }) => [msg, how]);

describe('SIGTERM', () => {
  const sessions: http2.ClientHttp2Session[] = [];
  afterAll(() => {
    for (const s of sessions) s.destroy();
  });

  /** Half-sends a request on `session`, sends SIGTERM, and expects a forced stop after the grace. */
  async function expectForcedStop(
    p: Awaited<ReturnType<typeof startFunction>>,
    session: http2.ClientHttp2Session,
  ): Promise<void> {
    sessions.push(session);
    await halfSend(session);
    const exit = await terminate(p);
    expect({
      code: exit.code,
      signal: exit.signal,
      afterGrace: exit.ms >= SHUTDOWN_GRACE_MS,
      promptly: exit.ms < SHUTDOWN_GRACE_MS + 3_000,
    }).toEqual({ code: 0, signal: null, afterGrace: true, promptly: true });
    expect(messages(p)).toEqual([
      ['listening', undefined],
      ['shutting down', undefined],
      ['stopped', 'forced'],
    ]);
  }

  it('stops an idle function at once', async () => {
    const p = await startFunction('compose-model-endpoint');
    const exit = await terminate(p);
    expect({ code: exit.code, signal: exit.signal, fast: exit.ms < 2_000 }).toEqual({
      code: 0,
      signal: null,
      fast: true,
    });
    expect(messages(p)).toEqual([
      ['listening', undefined],
      ['shutting down', undefined],
      ['stopped', 'drained'],
    ]);
  });

  it('stops a function holding a half-sent request after the grace period (plain gRPC)', async () => {
    const p = await startFunction('compose-model-service');
    const session = http2.connect(`http://${p.target}`);
    await expectForcedStop(p, session);
  });

  it('stops a function holding a half-sent request after the grace period (mTLS)', async () => {
    const certs = makeTestCerts();
    const p = await startFunction('compose-model-replica', ['--tls-server-certs-dir', certs.serverDir]);
    const session = http2.connect(`https://localhost:${p.port}`, {
      ca: certs.ca,
      key: certs.client.key,
      cert: certs.client.cert,
    });
    await expectForcedStop(p, session);
  });
});
