import { describe, expect, it } from 'vitest';
import { compatibleEndpoints } from './compatibility.js';
import { endpointRoute, type EndpointSpecInput } from './endpoint.js';
import type { ReadyEndpoint } from './selection.js';

function ready(entry: number, name: string, spec: EndpointSpecInput): ReadyEndpoint {
  const r = endpointRoute(spec);
  if (!r.ok) throw new Error(r.message);
  return { entry, name, route: r.value };
}

const replica = (name: string) =>
  ready(0, name, {
    url: 'http://203.0.113.10',
    headers: [{ name: 'x-modelplane-replica', value: `ml-team/${name}` }],
  });
const names = (kept: ReadyEndpoint[][]) => kept.map((es) => es.map((e) => e.name));

describe('compatibleEndpoints', () => {
  it('keeps everything when all endpoints share path and protocol (fleet replicas and a provider under /)', () => {
    const got = compatibleEndpoints([
      [replica('qwen-a'), replica('qwen-b')],
      [ready(1, 'together', { url: 'https://api.together.xyz' })],
    ]);
    expect({ shape: got.shape, kept: names(got.kept), refused: got.refused }).toEqual({
      shape: { rewritePath: '/', protocol: 'OpenAI', from: { name: 'qwen-a', entry: 0 } },
      kept: [['qwen-a', 'qwen-b'], ['together']],
      refused: [],
    });
  });

  it('refuses a provider under another path; the first ready endpoint in spec order sets the shape', () => {
    const got = compatibleEndpoints([
      [replica('qwen-a')],
      [ready(1, 'groq', { url: 'https://api.groq.com/openai' })],
    ]);
    expect({ shape: got.shape, kept: names(got.kept), refused: got.refused }).toEqual({
      shape: { rewritePath: '/', protocol: 'OpenAI', from: { name: 'qwen-a', entry: 0 } },
      kept: [['qwen-a'], []],
      refused: [
        {
          entry: 1,
          name: 'groq',
          message:
            'ModelEndpoint groq (spec.endpoints[1]) serves OpenAI under /openai/, but the route serves OpenAI under / ' +
            '(set by ModelEndpoint qwen-a, spec.endpoints[0]); one route sends every request to the same path and ' +
            'protocol, so groq receives no traffic',
        },
      ],
    });
  });

  it('refuses an endpoint of another protocol, and lets a later entry set the shape when the first has none ready', () => {
    const got = compatibleEndpoints([
      [],
      [ready(1, 'claude', { url: 'https://api.anthropic.com', protocol: 'Anthropic' })],
      [ready(2, 'together', { url: 'https://api.together.xyz' })],
    ]);
    expect({ shape: got.shape, kept: names(got.kept), refused: got.refused.map((r) => r.name) }).toEqual({
      shape: { rewritePath: '/', protocol: 'Anthropic', from: { name: 'claude', entry: 1 } },
      kept: [[], ['claude'], []],
      refused: ['together'],
    });
  });

  it('has no shape when nothing is ready', () => {
    expect(compatibleEndpoints([[], []])).toEqual({ shape: undefined, kept: [[], []], refused: [] });
  });
});
