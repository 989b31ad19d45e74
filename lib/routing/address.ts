// A ModelService's public address (SPEC 4.6): the Gateway's first address plus the service's path.
//
// - Host: the first `status.addresses` entry of type IPAddress (the default) or Hostname; other
//   types (NamedAddress, implementation-specific) name no reachable host. IPv6 goes in brackets.
// - Scheme and port: from the first listener (in spec order) whose protocol is HTTP or HTTPS, since
//   the route attaches to every such listener; the port is shown only when it is not the scheme's
//   default. A Gateway without such a listener gives plain http on the default port.
// - Path: `/<namespace>/<name>`, without the trailing '/', so clients append `/v1/...` to it.

import { z } from 'zod';
import { isIP } from 'node:net';

const gatewaySchema = z.object({
  spec: z
    .object({
      listeners: z.array(z.object({ protocol: z.string(), port: z.number() })).optional(),
    })
    .optional(),
  status: z
    .object({
      addresses: z.array(z.object({ type: z.string().optional(), value: z.string() })).optional(),
    })
    .optional(),
});

/** The service's address, or undefined while the Gateway has no usable address. */
export function serviceAddress(gateway: unknown, namespace: string, name: string): string | undefined {
  const parsed = gatewaySchema.safeParse(gateway);
  if (!parsed.success) return undefined;
  const address = (parsed.data.status?.addresses ?? []).find(
    (a) => (a.type ?? 'IPAddress') === 'IPAddress' || a.type === 'Hostname',
  );
  if (address === undefined || address.value === '') return undefined;
  const host = isIP(address.value) === 6 ? `[${address.value}]` : address.value;
  const listener = (parsed.data.spec?.listeners ?? []).find(
    (l) => l.protocol === 'HTTP' || l.protocol === 'HTTPS',
  );
  const scheme = listener?.protocol === 'HTTPS' ? 'https' : 'http';
  const defaultPort = scheme === 'https' ? 443 : 80;
  const port = listener === undefined || listener.port === defaultPort ? '' : `:${listener.port}`;
  return `${scheme}://${host}${port}/${namespace}/${name}`;
}
