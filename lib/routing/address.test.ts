import { describe, expect, it } from 'vitest';
import { serviceAddress } from './address.js';

const gateway = (
  addresses: unknown[],
  listeners: unknown[] = [{ name: 'http', protocol: 'HTTP', port: 80 }],
) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'modelplane', namespace: 'modelplane-system' },
  spec: { gatewayClassName: 'eg', listeners },
  status: { addresses },
});

const cases: { name: string; gateway: unknown; want: string | undefined }[] = [
  {
    name: "SPEC: the Gateway's first IP address plus /<namespace>/<name>",
    gateway: gateway([
      { type: 'IPAddress', value: '198.51.100.7' },
      { type: 'IPAddress', value: '198.51.100.8' },
    ]),
    want: 'http://198.51.100.7/ml-team/qwen',
  },
  {
    name: 'an address without a type is an IP address',
    gateway: gateway([{ value: '198.51.100.7' }]),
    want: 'http://198.51.100.7/ml-team/qwen',
  },
  {
    name: 'a Hostname address is used as is',
    gateway: gateway([{ type: 'Hostname', value: 'a1b2.elb.us-east-1.amazonaws.com' }]),
    want: 'http://a1b2.elb.us-east-1.amazonaws.com/ml-team/qwen',
  },
  {
    name: 'an IPv6 address goes in brackets',
    gateway: gateway([{ type: 'IPAddress', value: '2001:db8::7' }]),
    want: 'http://[2001:db8::7]/ml-team/qwen',
  },
  {
    name: 'a named address is skipped for the next reachable one',
    gateway: gateway([
      { type: 'NamedAddress', value: 'reserved-ip' },
      { type: 'IPAddress', value: '198.51.100.7' },
    ]),
    want: 'http://198.51.100.7/ml-team/qwen',
  },
  {
    name: 'the first HTTP or HTTPS listener decides scheme and a non-default port',
    gateway: gateway(
      [{ type: 'IPAddress', value: '198.51.100.7' }],
      [
        { name: 'grpc', protocol: 'TCP', port: 9000 },
        { name: 'https', protocol: 'HTTPS', port: 8443 },
        { name: 'http', protocol: 'HTTP', port: 80 },
      ],
    ),
    want: 'https://198.51.100.7:8443/ml-team/qwen',
  },
  {
    name: 'an HTTPS listener on 443 shows no port',
    gateway: gateway(
      [{ type: 'IPAddress', value: '198.51.100.7' }],
      [{ name: 'https', protocol: 'HTTPS', port: 443 }],
    ),
    want: 'https://198.51.100.7/ml-team/qwen',
  },
  { name: 'a Gateway without addresses gives no address yet', gateway: gateway([]), want: undefined },
  {
    name: 'a Gateway without status gives no address yet',
    gateway: { metadata: { name: 'modelplane' }, spec: { listeners: [] } },
    want: undefined,
  },
];

describe('serviceAddress', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(serviceAddress(c.gateway, 'ml-team', 'qwen')).toBe(c.want);
    });
  }
});
