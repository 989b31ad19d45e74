import { describe, expect, it } from 'vitest';
import { parseServerArgs, StartupError } from './server.js';

describe('parseServerArgs', () => {
  const cases: { name: string; argv: string[]; env?: Record<string, string>; want: unknown }[] = [
    {
      name: 'defaults to 0.0.0.0:9443 with TLS certificates in /tls/server',
      argv: [],
      want: { address: '0.0.0.0:9443', insecure: false, debug: false, tlsServerCertsDir: '/tls/server' },
    },
    {
      name: 'takes the certificates directory from TLS_SERVER_CERTS_DIR, as Crossplane sets it',
      argv: [],
      env: { TLS_SERVER_CERTS_DIR: '/certs' },
      want: { address: '0.0.0.0:9443', insecure: false, debug: false, tlsServerCertsDir: '/certs' },
    },
    {
      name: 'prefers the flag over the environment',
      argv: ['--tls-server-certs-dir', '/flag'],
      env: { TLS_SERVER_CERTS_DIR: '/env' },
      want: { address: '0.0.0.0:9443', insecure: false, debug: false, tlsServerCertsDir: '/flag' },
    },
    {
      name: 'accepts --insecure, -d and an IPv6 address',
      argv: ['--insecure', '-d', '--address', '[::1]:9443'],
      want: { address: '[::1]:9443', insecure: true, debug: true, tlsServerCertsDir: '/tls/server' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(parseServerArgs(c.argv, c.env ?? {})).toEqual(c.want);
    });
  }

  const failures: { name: string; argv: string[]; want: { message: string; exitCode: number } }[] = [
    {
      name: 'rejects an address without a port',
      argv: ['--address', 'localhost'],
      want: {
        message:
          'invalid --address "localhost": want HOST:PORT; usage: node dist/<function>.js [--address HOST:PORT] [--insecure] [--debug] [--tls-server-certs-dir DIR]',
        exitCode: 2,
      },
    },
    {
      name: 'rejects positional arguments',
      argv: ['serve'],
      want: {
        message:
          "Unexpected argument 'serve'. This command does not take positional arguments; usage: node dist/<function>.js [--address HOST:PORT] [--insecure] [--debug] [--tls-server-certs-dir DIR]",
        exitCode: 2,
      },
    },
    {
      name: 'answers --help with the usage and exit code 0',
      argv: ['--help'],
      want: {
        message:
          'usage: node dist/<function>.js [--address HOST:PORT] [--insecure] [--debug] [--tls-server-certs-dir DIR]',
        exitCode: 0,
      },
    },
  ];
  for (const c of failures) {
    it(c.name, () => {
      let caught: unknown;
      try {
        parseServerArgs(c.argv, {});
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(StartupError);
      expect({
        message: (caught as StartupError).message,
        exitCode: (caught as StartupError).exitCode,
      }).toEqual(c.want);
    });
  }
});
