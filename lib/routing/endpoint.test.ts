import { describe, expect, it } from 'vitest';
import { endpointRoute, type EndpointRouteResult, type EndpointSpecInput } from './endpoint.js';

const noExtras = { protocol: 'OpenAI', headers: [], credentialsHeader: undefined } as const;

const cases: { name: string; spec: EndpointSpecInput; want: EndpointRouteResult }[] = [
  {
    name: "the default rewritePath is the URL's path, ending with '/'",
    spec: { url: 'https://inference.example.com/openai' },
    want: {
      ok: true,
      value: {
        url: {
          scheme: 'https',
          host: { kind: 'dns', hostname: 'inference.example.com' },
          port: 443,
          path: '/openai',
        },
        ...noExtras,
        rewritePath: '/openai/',
      },
    },
  },
  {
    name: 'a URL without a path rewrites to /',
    spec: { url: 'https://api.together.xyz' },
    want: {
      ok: true,
      value: {
        url: { scheme: 'https', host: { kind: 'dns', hostname: 'api.together.xyz' }, port: 443, path: '/' },
        ...noExtras,
        rewritePath: '/',
      },
    },
  },
  {
    name: "an explicit rewritePath wins over the URL's path and is kept when it ends with '/'",
    spec: { url: 'http://203.0.113.10/ml-team/qwen-5ab63/v1', rewritePath: '/ml-team/qwen-5ab63/' },
    want: {
      ok: true,
      value: {
        url: {
          scheme: 'http',
          host: { kind: 'ipv4', address: '203.0.113.10' },
          port: 80,
          path: '/ml-team/qwen-5ab63/v1',
        },
        ...noExtras,
        rewritePath: '/ml-team/qwen-5ab63/',
      },
    },
  },
  {
    name: "an explicit rewritePath without a trailing '/' gets one",
    spec: { url: 'http://203.0.113.10/', rewritePath: '/team/model' },
    want: {
      ok: true,
      value: {
        url: { scheme: 'http', host: { kind: 'ipv4', address: '203.0.113.10' }, port: 80, path: '/' },
        ...noExtras,
        rewritePath: '/team/model/',
      },
    },
  },
  {
    name: 'protocol, headers and the credentials header are carried to the route',
    spec: {
      url: 'http://203.0.113.10',
      protocol: 'Anthropic',
      headers: [{ name: 'anthropic-version', value: '2023-06-01' }],
      credentials: { secretRef: { name: 'key' }, header: 'x-api-key' },
    },
    want: {
      ok: true,
      value: {
        url: { scheme: 'http', host: { kind: 'ipv4', address: '203.0.113.10' }, port: 80, path: '/' },
        protocol: 'Anthropic',
        rewritePath: '/',
        headers: [{ name: 'anthropic-version', value: '2023-06-01' }],
        credentialsHeader: 'x-api-key',
      },
    },
  },
  {
    name: 'an invalid URL is reported on spec.url in the SPEC message shape',
    spec: { url: 'ftp://models.example.com/', rewritePath: '/' },
    want: {
      ok: false,
      field: 'spec.url',
      message: 'Invalid spec.url: ftp://models.example.com/: scheme must be http or https, not ftp',
    },
  },
  {
    name: 'a URL path with characters a route cannot carry is reported on spec.url',
    spec: { url: 'http://models.example.com/a|b' },
    want: {
      ok: false,
      field: 'spec.url',
      message:
        "Invalid spec.url: http://models.example.com/a|b: the path may contain only letters, digits, '/', \"-._~!$&'()*+,;=:@\" and %XX escapes",
    },
  },
  {
    name: "a rewritePath not starting with '/' is reported on spec.rewritePath",
    spec: { url: 'http://models.example.com/', rewritePath: 'v1/' },
    want: {
      ok: false,
      field: 'spec.rewritePath',
      message: "Invalid spec.rewritePath: v1/: must start with '/'",
    },
  },
  {
    name: 'a rewritePath with a space is reported on spec.rewritePath',
    spec: { url: 'http://models.example.com/', rewritePath: '/my model/' },
    want: {
      ok: false,
      field: 'spec.rewritePath',
      message:
        "Invalid spec.rewritePath: /my model/: may contain only letters, digits, '/', \"-._~!$&'()*+,;=:@\" and %XX escapes",
    },
  },
  {
    name: 'a rewritePath that would exceed 1024 characters with its slash is reported',
    spec: { url: 'http://models.example.com/', rewritePath: `/${'a'.repeat(1023)}` },
    want: {
      ok: false,
      field: 'spec.rewritePath',
      message: `Invalid spec.rewritePath: /${'a'.repeat(1023)}: is longer than 1024 characters`,
    },
  },
];

describe('endpointRoute', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(endpointRoute(c.spec)).toEqual(c.want);
    });
  }
});
