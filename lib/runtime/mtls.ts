// The function server's mTLS listener. We terminate TLS ourselves (node:tls) instead of letting
// grpc-js do it, because a grpc-js TLS server only knows OpenSSL's verdict on the client
// certificate, and OpenSSL refuses the one `crossplane core init` issues (see x509.ts). Each
// connection's certificate is checked once the handshake completes; a refused connection is closed
// before any HTTP/2 is spoken, and an accepted one is handed to grpc-js through its connection
// injector, which serves it exactly like a connection it accepted itself.

import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { createPrivateKey, type X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { StartupError } from './startup-error.js';
import { parseAuthorities, parsePemCertificates, verifyClientCertificate, type PeerVerdict } from './x509.js';

export interface TlsMaterial {
  readonly ca: Buffer;
  readonly cert: Buffer;
  readonly key: Buffer;
  /** The CA certificates in ca.crt: client certificates must chain to one of them. */
  readonly authorities: readonly X509Certificate[];
}

/** Reads and checks ca.crt, tls.crt and tls.key; every problem is a one-line StartupError. */
export function loadTlsMaterial(dir: string): TlsMaterial {
  const read = (file: string): Buffer => {
    const path = join(dir, file);
    try {
      return readFileSync(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new StartupError(
        `cannot read TLS certificate ${path}: ${code} (use --insecure for local development)`,
        1,
      );
    }
  };
  const ca = read('ca.crt');
  const cert = read('tls.crt');
  const key = read('tls.key');
  const fail = (err: unknown): never => {
    throw new StartupError(
      `invalid TLS certificates in ${dir}: ${err instanceof Error ? err.message : String(err)}`,
      1,
    );
  };
  let authorities: X509Certificate[] = [];
  try {
    authorities = parseAuthorities(ca.toString('latin1'), 'ca.crt');
    const [leaf] = parsePemCertificates(cert.toString('latin1'), 'tls.crt');
    let privateKey;
    try {
      privateKey = createPrivateKey(key);
    } catch (err) {
      throw new Error(`tls.key cannot be parsed: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    }
    if (leaf !== undefined && !leaf.checkPrivateKey(privateKey))
      throw new Error('tls.key is not the key of the first certificate in tls.crt');
  } catch (err) {
    fail(err);
  }
  return { ca, cert, key, authorities };
}

export interface MtlsListener {
  readonly server: Server;
  /** Closes every connection at once, served or still in its handshake (the end of a shutdown). */
  readonly destroyConnections: () => void;
}

export type ConnectionLog = (msg: string, fields: Record<string, unknown>) => void;

/**
 * A TLS server that asks every client for a certificate, accepts only those `verify` passes, and
 * hands each accepted connection to `accept` (grpc-js's injector). ALPN offers h2 only: gRPC
 * clients (grpc-go enforces it) negotiate it.
 */
export function mtlsServer(
  material: TlsMaterial,
  accept: (socket: TLSSocket) => void,
  log: ConnectionLog,
  now: () => Date = () => new Date(),
): MtlsListener {
  const connections = new Set<Socket>();
  const server = createServer({
    ca: material.ca,
    cert: material.cert,
    key: material.key,
    requestCert: true,
    // We decide after the handshake (verifyPeer); OpenSSL's verdict is one input.
    rejectUnauthorized: false,
    ALPNProtocols: ['h2'],
    minVersion: 'TLSv1.2',
    // The cipher list grpc-js would use for its own TLS server.
    ...(process.env.GRPC_SSL_CIPHER_SUITES === undefined
      ? {}
      : { ciphers: process.env.GRPC_SSL_CIPHER_SUITES }),
  });
  server.on('connection', (raw: Socket) => {
    connections.add(raw);
    raw.on('close', () => connections.delete(raw));
    raw.on('error', () => undefined);
  });
  server.on('secureConnection', (socket: TLSSocket) => {
    socket.on('error', () => undefined);
    const verdict = verifyPeer(socket, material.authorities, now());
    if (!verdict.ok) {
      log('refused a client certificate', { peer: peerAddress(socket), reason: verdict.reason });
      socket.destroy();
      return;
    }
    accept(socket);
  });
  server.on('tlsClientError', (err, socket) => {
    const code = (err as NodeJS.ErrnoException).code;
    log('refused a TLS handshake', { peer: peerAddress(socket), reason: code ?? err.message.split('\n')[0] });
    socket.destroy();
  });
  return {
    server,
    destroyConnections: () => {
      for (const raw of connections) raw.destroy();
    },
  };
}

function verifyPeer(socket: TLSSocket, authorities: readonly X509Certificate[], now: Date): PeerVerdict {
  const authorizationError = socket.authorizationError as Error | string | null | undefined;
  const error =
    authorizationError === null || authorizationError === undefined
      ? undefined
      : typeof authorizationError === 'string'
        ? authorizationError
        : ((authorizationError as NodeJS.ErrnoException).code ?? authorizationError.message);
  return verifyClientCertificate(
    socket.getPeerX509Certificate(),
    { authorized: socket.authorized, error },
    authorities,
    now,
  );
}

function peerAddress(socket: TLSSocket): string {
  return `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
}
