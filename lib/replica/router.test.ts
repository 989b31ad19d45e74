import { describe, expect, it } from 'vitest';
import { kserveChildName, replicaEndpoint, replicaRouter } from './router.js';

describe('kserveChildName', () => {
  // Expected values computed with knative.dev/pkg/kmeta.ChildName (the version KServe v0.20.0 pins).
  const CASES: readonly [string, string, string][] = [
    ['qwen3-4b-0b120', '-inference-pool', 'qwen3-4b-0b120-inference-pool'],
    ['qwen3-4b-0b120', '-kserve-workload-svc', 'qwen3-4b-0b120-kserve-workload-svc'],
    [
      'a-deployment-name-that-is-long-enough-to-be-cut-0b120',
      '-inference-pool',
      'a-deployment-namadcec8c908b9174d20ad508424437ccf-inference-pool',
    ],
    [
      'llama-3-1-8b-instruct-for-the-research-team-in-eu-west-a1b2c',
      '-kserve-workload-svc',
      'llama-3-1-8fef3d73e242ec91fc693f4ce8944e11f-kserve-workload-svc',
    ],
  ];
  for (const [parent, suffix, want] of CASES) {
    it(`${parent} + ${suffix}`, () => {
      expect(kserveChildName(parent, suffix)).toBe(want);
    });
  }
});

describe('replicaRouter', () => {
  it('attaches to the inference gateway, selects the replica by header for the fleet, and keeps its own paths', () => {
    const header = { type: 'Exact', name: 'x-modelplane-replica', value: 'ml-team/qwen3-4b-0b120' };
    const pool = {
      group: 'inference.networking.k8s.io',
      kind: 'InferencePool',
      name: 'qwen3-4b-0b120-inference-pool',
      port: 8000,
      weight: 1,
    };
    const service = { kind: 'Service', name: 'qwen3-4b-0b120-kserve-workload-svc', port: 8000, weight: 1 };
    const timeouts = { request: '0s', backendRequest: '0s' };
    const rewrite = (to: string) => [
      { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: to } } },
    ];
    const pathRule = (name: string, api: string) => ({
      name,
      matches: [{ path: { type: 'PathPrefix', value: `/ml-team/qwen3-4b-0b120/v1/${api}` } }],
      filters: rewrite(`/v1/${api}`),
      backendRefs: [pool],
      timeouts,
    });
    expect(replicaRouter('ml-team', 'qwen3-4b-0b120')).toEqual({
      gateway: { refs: [{ name: 'inference-gateway', namespace: 'modelplane-system' }] },
      route: {
        http: {
          spec: {
            rules: [
              {
                name: 'fleet-inference',
                matches: [
                  { path: { type: 'PathPrefix', value: '/v1/completions' }, headers: [header] },
                  { path: { type: 'PathPrefix', value: '/v1/chat/completions' }, headers: [header] },
                  { path: { type: 'PathPrefix', value: '/v1/responses' }, headers: [header] },
                  { path: { type: 'PathPrefix', value: '/v1/messages' }, headers: [header] },
                ],
                backendRefs: [pool],
                timeouts,
              },
              {
                name: 'fleet-catch-all',
                matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [header] }],
                backendRefs: [service],
                timeouts,
              },
              pathRule('v1-completions-path', 'completions'),
              pathRule('v1-chat-completions-path', 'chat/completions'),
              pathRule('v1-responses-path', 'responses'),
              pathRule('v1-messages-path', 'messages'),
              {
                name: 'v1-catch-all-path',
                matches: [{ path: { type: 'PathPrefix', value: '/ml-team/qwen3-4b-0b120' } }],
                filters: rewrite('/'),
                backendRefs: [service],
                timeouts,
              },
            ],
          },
        },
      },
      scheduler: {},
    });
  });
});

describe('replicaEndpoint', () => {
  it("is the origin of KServe's URL and the header of the replica", () => {
    expect(
      [
        'http://203.0.113.10/ml-team/qwen-5ab63',
        'https://[fd00::a]:8443/ml-team/qwen-5ab63',
        'not a url',
      ].map((url) => replicaEndpoint(url, 'ml-team', 'qwen-5ab63')),
    ).toEqual([
      {
        url: 'http://203.0.113.10',
        headers: [{ name: 'x-modelplane-replica', value: 'ml-team/qwen-5ab63' }],
      },
      {
        url: 'https://[fd00::a]:8443',
        headers: [{ name: 'x-modelplane-replica', value: 'ml-team/qwen-5ab63' }],
      },
      undefined,
    ]);
  });
});
