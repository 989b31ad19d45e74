import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorityOf, expandIPv6, parseEndpointUrl, type UrlResult } from './url.js';

// The Backend CRD's patterns (gateway.envoyproxy.io_backends.yaml): every host we emit must match.
const BACKEND_IP =
  /^((25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}(25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)$|^(([0-9a-fA-F]{1,4}:){1,7}[0-9a-fA-F]{1,4}|::|(([0-9a-fA-F]{1,4}:){0,5})?(:[0-9a-fA-F]{1,4}){1,2})$/;
const BACKEND_FQDN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\.?$/;

const ok = (value: Extract<UrlResult, { ok: true }>['value']): UrlResult => ({ ok: true, value });
const bad = (why: string): UrlResult => ({ ok: false, why });

const cases: { name: string; url: string; want: UrlResult }[] = [
  {
    name: 'a fleet replica URL keeps its IPv4 address, the default http port and its path',
    url: 'http://203.0.113.10/ml-team/qwen-5ab63/v1',
    want: ok({
      scheme: 'http',
      host: { kind: 'ipv4', address: '203.0.113.10' },
      port: 80,
      path: '/ml-team/qwen-5ab63/v1',
    }),
  },
  {
    name: 'an https provider defaults to port 443, lower-cases its host and gets path /',
    url: 'HTTPS://API.Together.XYZ',
    want: ok({ scheme: 'https', host: { kind: 'dns', hostname: 'api.together.xyz' }, port: 443, path: '/' }),
  },
  {
    name: 'an explicit port is kept',
    url: 'http://10.0.0.7:8000/v1',
    want: ok({ scheme: 'http', host: { kind: 'ipv4', address: '10.0.0.7' }, port: 8000, path: '/v1' }),
  },
  {
    name: 'an explicit default port is the same as none',
    url: 'https://models.example.com:443/openai/',
    want: ok({
      scheme: 'https',
      host: { kind: 'dns', hostname: 'models.example.com' },
      port: 443,
      path: '/openai/',
    }),
  },
  {
    name: 'an IPv6 host loses its brackets and is written out in full',
    url: 'http://[2001:DB8::10]:8080/v1',
    want: ok({
      scheme: 'http',
      host: { kind: 'ipv6', address: '2001:db8:0:0:0:0:0:10' },
      port: 8080,
      path: '/v1',
    }),
  },
  {
    name: 'an IPv6 host the Backend pattern rejects in compressed form is accepted written out',
    url: 'http://[fd00::a:b:c]/',
    want: ok({ scheme: 'http', host: { kind: 'ipv6', address: 'fd00:0:0:0:0:a:b:c' }, port: 80, path: '/' }),
  },
  {
    name: 'an internationalised host name becomes punycode',
    url: 'https://modelle.münchen.de/v1',
    want: ok({
      scheme: 'https',
      host: { kind: 'dns', hostname: 'modelle.xn--mnchen-3ya.de' },
      port: 443,
      path: '/v1',
    }),
  },
  {
    name: 'a fully qualified name keeps its trailing dot',
    url: 'http://llm.internal.example./v1',
    want: ok({
      scheme: 'http',
      host: { kind: 'dns', hostname: 'llm.internal.example.' },
      port: 80,
      path: '/v1',
    }),
  },
  {
    name: 'dot segments in the path are resolved',
    url: 'http://llm.example.com/a/../v1/./',
    want: ok({ scheme: 'http', host: { kind: 'dns', hostname: 'llm.example.com' }, port: 80, path: '/v1/' }),
  },
  {
    name: 'other schemes are refused',
    url: 'ftp://models.example.com/',
    want: bad('scheme must be http or https, not ftp'),
  },
  {
    name: 'a URL without a scheme is refused',
    url: 'models.example.com/v1',
    want: bad('has no scheme (want http:// or https://)'),
  },
  {
    name: 'a scheme without // is refused',
    url: 'http:models.example.com',
    want: bad('want http:// followed by a host'),
  },
  {
    name: 'an empty host is refused instead of reading the path as the host',
    url: 'http:///v1',
    want: bad('the host is empty'),
  },
  { name: 'whitespace is refused', url: 'http://models.example.com/v1 ', want: bad('contains whitespace') },
  { name: 'a backslash is refused', url: 'http://models.example.com\\v1', want: bad('contains a backslash') },
  {
    name: 'credentials in the URL are refused',
    url: 'https://user:secret@models.example.com/',
    want: bad('credentials (user:password@) are not supported in a URL'),
  },
  {
    name: 'a query string is refused',
    url: 'https://models.example.com/v1?key=1',
    want: bad('a query string is not supported: the gateway rewrites the path only'),
  },
  {
    name: 'a fragment is refused',
    url: 'https://models.example.com/v1#top',
    want: bad('a fragment is not supported in a base URL'),
  },
  { name: 'port 0 is refused', url: 'http://10.0.0.7:0/', want: bad('port 0 is not a usable port') },
  {
    name: 'a port above 65535 is refused',
    url: 'http://10.0.0.7:65536/',
    want: bad('the port must be a number from 1 to 65535'),
  },
  {
    name: 'a non-numeric port is refused',
    url: 'http://10.0.0.7:http/',
    want: bad('the port must be a number from 1 to 65535'),
  },
  {
    name: 'a host with an underscore is refused as the Backend CRD would',
    url: 'http://my_models.example.com/',
    want: bad(
      "the host my_models.example.com is not a valid DNS name (lower-case letters, digits, '-' and '.', labels of at most 63 characters)",
    ),
  },
  {
    name: 'a wildcard host is refused',
    url: 'http://*.example.com/',
    want: bad(
      "the host *.example.com is not a valid DNS name (lower-case letters, digits, '-' and '.', labels of at most 63 characters)",
    ),
  },
  {
    name: 'a DNS label longer than 63 characters is refused',
    url: `http://${'a'.repeat(64)}.example.com/`,
    want: bad(
      `the host ${'a'.repeat(64)}.example.com is not a valid DNS name (lower-case letters, digits, '-' and '.', labels of at most 63 characters)`,
    ),
  },
  {
    name: 'an octal IPv4 host is refused because it means another address',
    url: 'http://010.0.0.1/',
    want: bad('the host 010.0.0.1 is read as the IPv4 address 8.0.0.1; write it as four decimal numbers'),
  },
  {
    name: 'a shortened IPv4 host is refused',
    url: 'http://10.1/',
    want: bad('the host 10.1 is read as the IPv4 address 10.0.0.1; write it as four decimal numbers'),
  },
  {
    name: 'an impossible IPv4 host is refused',
    url: 'http://1.2.3.4.5/',
    want: bad('the host 1.2.3.4.5 is not a valid IP address or DNS name'),
  },
  {
    name: 'a loopback address is refused',
    url: 'http://127.0.0.1:19000/',
    want: bad(
      '127.0.0.1 is a loopback, unspecified or link-local address: from the gateway it reaches the gateway itself or the cloud metadata service, not a model server',
    ),
  },
  {
    name: 'the cloud metadata address is refused',
    url: 'http://169.254.169.254/latest/',
    want: bad(
      '169.254.169.254 is a loopback, unspecified or link-local address: from the gateway it reaches the gateway itself or the cloud metadata service, not a model server',
    ),
  },
  {
    name: 'IPv6 loopback is refused',
    url: 'http://[::1]/',
    want: bad(
      '0:0:0:0:0:0:0:1 is a loopback, unspecified or link-local address: from the gateway it reaches the gateway itself or the cloud metadata service, not a model server',
    ),
  },
  {
    name: 'loopback hidden in an IPv4-mapped IPv6 address is refused',
    url: 'http://[::ffff:127.0.0.1]/',
    want: bad(
      '0:0:0:0:0:ffff:7f00:1 is a loopback, unspecified or link-local address: from the gateway it reaches the gateway itself or the cloud metadata service, not a model server',
    ),
  },
  {
    name: 'localhost is refused',
    url: 'http://localhost:8000/v1',
    want: bad('localhost names the gateway itself, not a model server'),
  },
  {
    name: 'a path longer than an HTTPRoute rewrite allows is refused',
    url: `http://10.0.0.7/${'a'.repeat(1024)}`,
    want: bad('the path is longer than 1024 characters'),
  },
];

describe('parseEndpointUrl', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(parseEndpointUrl(c.url)).toEqual(c.want);
    });
  }

  it('every IPv6 address outside loopback and link-local is accepted in a form the Backend CRD accepts', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const r = parseEndpointUrl(`http://[${ip}]/`);
        if (!r.ok) {
          expect(r.why).toContain('loopback, unspecified or link-local');
          return;
        }
        expect(r.value.host.kind).toBe('ipv6');
        expect(r.value.host.kind === 'ipv6' && r.value.host.address).toMatch(BACKEND_IP);
      }),
    );
  });

  it('every dotted-decimal IPv4 address outside loopback and link-local is accepted as written', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const r = parseEndpointUrl(`http://${ip}/`);
        if (!r.ok) {
          expect(r.why).toContain('loopback, unspecified or link-local');
          return;
        }
        expect(r.value.host).toEqual({ kind: 'ipv4', address: ip });
        expect(ip).toMatch(BACKEND_IP);
      }),
    );
  });

  it('every DNS name but localhost is accepted and matches the Backend CRD fqdn pattern', () => {
    fc.assert(
      fc.property(fc.domain(), (domain) => {
        const r = parseEndpointUrl(`https://${domain}/`);
        if (!r.ok) {
          expect(r.why).toContain('names the gateway itself');
          return;
        }
        expect(r.value.host.kind === 'dns' && r.value.host.hostname).toMatch(BACKEND_FQDN);
      }),
    );
  });
});

describe('expandIPv6', () => {
  const table: [string, string][] = [
    ['::', '0:0:0:0:0:0:0:0'],
    ['::1', '0:0:0:0:0:0:0:1'],
    ['2001:db8::', '2001:db8:0:0:0:0:0:0'],
    ['2001:db8::10', '2001:db8:0:0:0:0:0:10'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2:3:4:5:6'],
    ['fd00::a:b:c', 'fd00:0:0:0:0:a:b:c'],
  ];
  for (const [compressed, full] of table) {
    it(`writes ${compressed} as ${full}`, () => {
      expect(expandIPv6(compressed)).toBe(full);
    });
  }
});

describe('authorityOf', () => {
  const table: [string, string][] = [
    ['http://203.0.113.10/v1', '203.0.113.10'],
    ['https://api.together.xyz/', 'api.together.xyz'],
    ['http://10.0.0.7:8000/', '10.0.0.7:8000'],
    ['https://[2001:db8::10]:8443/', '[2001:db8:0:0:0:0:0:10]:8443'],
  ];
  for (const [url, want] of table) {
    it(`shows ${url} as ${want}`, () => {
      const r = parseEndpointUrl(url);
      if (!r.ok) throw new Error(r.why);
      expect(authorityOf(r.value)).toBe(want);
    });
  }
});
