// A byte relay between a TCP port on loopback and a Unix socket. The workload cluster runs in its
// own network namespace (its controllers bind fixed ports such as Envoy Gateway's 18000 and 8081,
// which would clash with the hub's); a Unix socket is visible from every network namespace, so two
// relays carry the API server's port out of the cluster's namespace:
//   inside:  node --import tsx relay.ts unix:<socket> tcp:127.0.0.1:<port>   (socket → API server)
//   host:    node --import tsx relay.ts tcp:127.0.0.1:<port> unix:<socket>   (host loopback → socket)
// TLS passes through untouched: clients still verify the API server's own certificate.

import { rmSync } from 'node:fs';
import { createConnection, createServer, type NetConnectOpts } from 'node:net';

type Endpoint = { path: string } | { host: string; port: number };

function endpoint(spec: string): Endpoint {
  if (spec.startsWith('unix:')) return { path: spec.slice(5) };
  const match = /^tcp:([^:]+):(\d+)$/.exec(spec);
  if (match === null) throw new Error(`relay: bad endpoint ${spec} (unix:<path> or tcp:<host>:<port>)`);
  return { host: match[1] ?? '', port: Number(match[2]) };
}

const [listenSpec, targetSpec] = process.argv.slice(2);
if (listenSpec === undefined || targetSpec === undefined) {
  console.error('usage: relay.ts <listen: unix:path | tcp:host:port> <target: unix:path | tcp:host:port>');
  process.exit(2);
}
const listen = endpoint(listenSpec);
const target = endpoint(targetSpec) as NetConnectOpts;

const server = createServer({ pauseOnConnect: true }, (client) => {
  const upstream = createConnection(target);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  upstream.on('connect', () => {
    client.pipe(upstream).pipe(client);
    client.resume();
  });
  for (const socket of [client, upstream]) {
    socket.on('error', close);
    socket.on('close', close);
  }
});
server.on('error', (err) => {
  console.error(`relay: ${err.message}`);
  process.exit(1);
});
if ('path' in listen) rmSync(listen.path, { force: true });
server.listen(listen, () => {
  console.error(`relay: ${listenSpec} -> ${targetSpec}`);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
