// The gRPC server every function runs. It replaces the SDK's serve(), which reads no
// TLS_SERVER_CERTS_DIR, makes client certificates optional and exits 0 when the port is taken.
// Here TLS means mTLS (client certificates required and verified, as the Go SDK does, including
// the certificate `crossplane core init` issues: see mtls.ts), and every start-up failure is one
// line on stderr and a non-zero exit.

import { parseArgs } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import {
  FunctionRunnerServiceService,
  RunFunctionRequest,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import { runFunction, type CompositionFunction } from './handler.js';
import { Admission, admissionInterceptor, busy, MAX_CONCURRENT_STREAMS, ticketId } from './admission.js';
import { loadTlsMaterial, mtlsServer } from './mtls.js';
import { fatalResponse } from './response.js';
import { StartupError } from './startup-error.js';

export { StartupError };

export const DEFAULT_ADDRESS = '0.0.0.0:9443';
export const DEFAULT_TLS_SERVER_CERTS_DIR = '/tls/server';

/** Requests carry every required resource (a fleet's ModelReplicas); grpc-js' 4 MiB default is too small. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export interface ServerOptions {
  readonly address: string;
  readonly insecure: boolean;
  readonly debug: boolean;
  readonly tlsServerCertsDir: string;
}

const USAGE = `usage: node dist/<function>.js [--address HOST:PORT] [--insecure] [--debug] [--tls-server-certs-dir DIR]`;

/** Parses command-line flags; TLS_SERVER_CERTS_DIR (set by Crossplane) is the certs dir default. */
export function parseServerArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ServerOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        address: { type: 'string' },
        insecure: { type: 'boolean' },
        debug: { type: 'boolean', short: 'd' },
        'tls-server-certs-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new StartupError(`${err instanceof Error ? err.message : String(err)}; ${USAGE}`, 2);
  }
  if (values.help === true) throw new StartupError(USAGE, 0);
  const address = values.address ?? DEFAULT_ADDRESS;
  if (!/^(\[[0-9a-fA-F:.]+\]|[^:\s]*):\d{1,5}$/.test(address)) {
    throw new StartupError(`invalid --address ${JSON.stringify(address)}: want HOST:PORT; ${USAGE}`, 2);
  }
  const envDir = env.TLS_SERVER_CERTS_DIR;
  return {
    address,
    insecure: values.insecure === true,
    debug: values.debug === true,
    tlsServerCertsDir:
      values['tls-server-certs-dir'] ??
      (envDir !== undefined && envDir !== '' ? envDir : DEFAULT_TLS_SERVER_CERTS_DIR),
  };
}

/**
 * The service with requests kept as bytes: they are decoded in their turn (admission.ts), and one
 * that cannot be decoded is answered with a Fatal result instead of a gRPC error.
 */
const lazyService = {
  runFunction: {
    ...FunctionRunnerServiceService.runFunction,
    requestDeserialize: (bytes: Buffer): Buffer => bytes,
  },
} as const;

/** Decodes and runs one request; never throws. */
function answer(fn: CompositionFunction, bytes: Buffer): RunFunctionResponse {
  let req: RunFunctionRequest;
  try {
    req = RunFunctionRequest.decode(bytes);
  } catch (err) {
    return fatalResponse(
      RunFunctionRequest.fromPartial({}),
      `cannot decode RunFunctionRequest: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return runFunction(fn, req);
}

/** How long calls in progress may take to finish after SIGTERM before their connections are closed. */
export const SHUTDOWN_GRACE_MS = 5_000;

export interface RunningServer {
  readonly port: number;
  /** Graceful for up to `graceMs` (default SHUTDOWN_GRACE_MS), then forced. */
  readonly close: (graceMs?: number) => Promise<'drained' | 'forced'>;
}

type Log = (level: 'debug' | 'info' | 'error', msg: string, fields?: Record<string, unknown>) => void;

/** A JSON-lines logger on stderr; debug lines only with --debug. */
export function stderrLogger(name: string, debug: boolean): Log {
  return (level, msg, fields) => {
    if (level === 'debug' && !debug) return;
    process.stderr.write(`${JSON.stringify({ level, function: name, msg, ...fields })}\n`);
  };
}

/** Binds and starts `fn` on `opts.address`; rejects with a StartupError when it cannot. The caller logs "listening". */
export async function startFunctionServer(
  fn: CompositionFunction,
  opts: ServerOptions,
  log: Log = () => undefined,
): Promise<RunningServer> {
  // Certificates first: a bad certs directory must fail before anything listens.
  const tls = opts.insecure ? undefined : loadTlsMaterial(opts.tlsServerCertsDir);
  const admission = new Admission();
  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_concurrent_streams': MAX_CONCURRENT_STREAMS,
    interceptors: [admissionInterceptor(admission, fn.name)],
  });
  server.addService(lazyService, {
    runFunction: (
      call: grpc.ServerUnaryCall<Buffer, RunFunctionResponse>,
      callback: grpc.sendUnaryData<RunFunctionResponse>,
    ) => {
      const id = ticketId(call.metadata);
      if (!admission.received(id, call.request.length)) {
        callback(busy(fn.name));
        return;
      }
      admission.enqueue(id, call.request.length, () => {
        // A client that gave up (deadline, disconnect) gets nothing: skip the work.
        if (call.cancelled) return;
        const started = performance.now();
        const rsp = answer(fn, call.request);
        log('debug', 'RunFunction', {
          tag: rsp.meta?.tag,
          bytes: call.request.length,
          ms: Math.round(performance.now() - started),
        });
        callback(null, rsp);
      });
    },
  });
  if (tls === undefined) {
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync(opts.address, grpc.ServerCredentials.createInsecure(), (err, boundPort) => {
        if (err) reject(new StartupError(`cannot listen on ${opts.address}: ${err.message}`, 1));
        else resolve(boundPort);
      });
    });
    return { port, close: (graceMs = SHUTDOWN_GRACE_MS) => shutdown(server, () => undefined, graceMs) };
  }
  // mTLS: our TLS server verifies each client, then grpc-js serves the decrypted connection.
  const injector = server.createConnectionInjector(grpc.ServerCredentials.createInsecure());
  const listener = mtlsServer(
    tls,
    (socket) => {
      injector.injectConnection(socket);
    },
    (msg, fields) => {
      log('info', msg, fields);
    },
  );
  const { host, port: wanted } = splitHostPort(opts.address);
  const port = await new Promise<number>((resolve, reject) => {
    listener.server.once('error', (err: Error) => {
      reject(new StartupError(`cannot listen on ${opts.address}: ${err.message}`, 1));
    });
    listener.server.listen({ port: wanted, ...(host === undefined ? {} : { host }) }, () => {
      const address = listener.server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : wanted);
    });
  });
  return {
    port,
    close: (graceMs = SHUTDOWN_GRACE_MS) => {
      listener.server.close();
      return shutdown(server, listener.destroyConnections, graceMs);
    },
  };
}

/** HOST:PORT (HOST may be [v6], empty for every interface); parseServerArgs checked the form. */
function splitHostPort(address: string): { host: string | undefined; port: number } {
  const colon = address.lastIndexOf(':');
  let host = address.slice(0, colon);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return { host: host === '' ? undefined : host, port: Number(address.slice(colon + 1)) };
}

/**
 * Stops taking calls, lets the calls in progress finish for up to `graceMs`, then closes every
 * connection whatever it is doing: a client that sent half a request and went quiet must not keep
 * the process from exiting. Resolves with how it ended.
 */
function shutdown(
  server: grpc.Server,
  destroyConnections: () => void,
  graceMs: number,
): Promise<'drained' | 'forced'> {
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      server.forceShutdown();
      destroyConnections();
      resolve('forced');
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(force);
      destroyConnections();
      resolve('drained');
    });
  });
}

/** The whole `main` of a function: parse flags, serve, stop on SIGINT/SIGTERM, fail in one line. */
export async function serveMain(
  fn: CompositionFunction,
  argv: readonly string[] = process.argv.slice(2),
): Promise<void> {
  try {
    const opts = parseServerArgs(argv);
    const log = stderrLogger(fn.name, opts.debug);
    // grpc-js prints its own errors (e.g. a failed bind) unless told not to; ours are one line.
    if (!opts.debug) grpc.setLogVerbosity(grpc.logVerbosity.NONE);
    const running = await startFunctionServer(fn, opts, log);
    // Signals are ours before anyone is told we listen.
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      // A second signal while draining means "now".
      if (stopping) process.exit(0);
      stopping = true;
      log('info', 'shutting down', { signal, graceMs: SHUTDOWN_GRACE_MS });
      void running.close().then((how) => {
        log('info', 'stopped', { how });
        process.exit(0);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    log('info', 'listening', { address: opts.address, port: running.port, tls: !opts.insecure });
  } catch (err) {
    const e = err instanceof StartupError ? err : new StartupError(String(err), 1);
    (e.exitCode === 0 ? process.stdout : process.stderr).write(`${fn.name}: ${e.message}\n`);
    process.exit(e.exitCode);
  }
}
