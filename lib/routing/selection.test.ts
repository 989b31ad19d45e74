import { describe, expect, it } from 'vitest';
import type { EndpointSelector } from '../apis/model-service.js';
import type { KubeObject } from '../runtime/request.js';
import { endpointRoute, type EndpointRoute } from './endpoint.js';
import {
  readyEndpoints,
  selectEndpoints,
  serviceRequirements,
  withinLimit,
  type SelectedEntry,
} from './selection.js';

function endpoint(
  name: string,
  opts: { namespace?: string; labels?: Record<string, string>; ready?: boolean; url?: string } = {},
): KubeObject {
  return {
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'ModelEndpoint',
    metadata: { name, namespace: opts.namespace ?? 'ml-team', labels: opts.labels ?? {} },
    spec: { url: opts.url ?? `http://203.0.113.10/ml-team/${name}/v1`, protocol: 'OpenAI' },
    status: {
      conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True', reason: 'Available' }],
    },
  };
}

function routeOf(url: string): EndpointRoute {
  const r = endpointRoute({ url });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const entry = (selector: EndpointSelector['selector'], weight = 1): EndpointSelector => ({
  selector,
  weight,
});

describe('serviceRequirements', () => {
  it('asks for the Gateway by name and, per entry, the ModelEndpoints of its own namespace by matchLabels', () => {
    expect(
      serviceRequirements(
        'ml-team',
        [
          entry({ matchLabels: { 'modelplane.ai/deployment': 'qwen' } }, 80),
          entry({ matchExpressions: [{ key: 'provider', operator: 'Exists' }] }, 20),
        ],
        { name: 'modelplane', namespace: 'modelplane-system' },
      ),
    ).toEqual({
      gateway: {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        matchName: 'modelplane',
        namespace: 'modelplane-system',
      },
      'endpoints-0': {
        apiVersion: 'modelplane.ai/v1alpha1',
        kind: 'ModelEndpoint',
        matchLabels: { 'modelplane.ai/deployment': 'qwen' },
        namespace: 'ml-team',
      },
      'endpoints-1': {
        apiVersion: 'modelplane.ai/v1alpha1',
        kind: 'ModelEndpoint',
        matchLabels: {},
        namespace: 'ml-team',
      },
    });
  });
});

describe('selectEndpoints', () => {
  it('keeps only endpoints of the service namespace, whatever the fetch returned', () => {
    expect(
      selectEndpoints(
        'ml-team',
        [entry({ matchLabels: { app: 'qwen' } })],
        [
          [
            endpoint('a', { labels: { app: 'qwen' } }),
            endpoint('b', { namespace: 'other-team', labels: { app: 'qwen' } }),
          ],
        ],
      ),
    ).toEqual([
      { weight: 1, endpoints: [{ name: 'a', route: routeOf('http://203.0.113.10/ml-team/a/v1') }] },
    ]);
  });

  it('applies matchExpressions that the fetch could not', () => {
    expect(
      selectEndpoints(
        'ml-team',
        [entry({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['canary'] }] })],
        [
          [
            endpoint('a', { labels: { tier: 'canary' } }),
            endpoint('b', { labels: { tier: 'stable' } }),
            endpoint('c'),
          ],
        ],
      ),
    ).toEqual([
      {
        weight: 1,
        endpoints: [
          { name: 'b', route: routeOf('http://203.0.113.10/ml-team/b/v1') },
          { name: 'c', route: routeOf('http://203.0.113.10/ml-team/c/v1') },
        ],
      },
    ]);
  });

  it('gives an endpoint matched by two entries to the first, and sorts each entry by name', () => {
    const shared = endpoint('m', { labels: { app: 'qwen', provider: 'hosted' } });
    expect(
      selectEndpoints(
        'ml-team',
        [entry({ matchLabels: { provider: 'hosted' } }, 3), entry({ matchLabels: { app: 'qwen' } }, 5)],
        [
          [shared, endpoint('h', { labels: { provider: 'hosted' } })],
          [endpoint('z', { labels: { app: 'qwen' } }), shared],
        ],
      ),
    ).toEqual([
      {
        weight: 3,
        endpoints: [
          { name: 'h', route: routeOf('http://203.0.113.10/ml-team/h/v1') },
          { name: 'm', route: routeOf('http://203.0.113.10/ml-team/m/v1') },
        ],
      },
      { weight: 5, endpoints: [{ name: 'z', route: routeOf('http://203.0.113.10/ml-team/z/v1') }] },
    ]);
  });

  it('matches but does not route an endpoint that is not Ready or whose URL no longer parses', () => {
    expect(
      selectEndpoints(
        'ml-team',
        [entry({})],
        [[endpoint('a', { ready: false }), endpoint('b', { url: 'ftp://x/' }), endpoint('c')]],
      ),
    ).toEqual([
      {
        weight: 1,
        endpoints: [
          { name: 'a', route: undefined },
          { name: 'b', route: undefined },
          { name: 'c', route: routeOf('http://203.0.113.10/ml-team/c/v1') },
        ],
      },
    ]);
  });
});

describe('readyEndpoints and withinLimit', () => {
  const r = routeOf('http://203.0.113.10/v1');
  const sel = (weight: number, names: string[], notReady: string[] = []): SelectedEntry => ({
    weight,
    endpoints: names.map((name) => ({ name, route: notReady.includes(name) ? undefined : r })),
  });
  const readyWithinLimit = (entries: SelectedEntry[], limit: number) =>
    withinLimit(readyEndpoints(entries), limit);
  const names = (kept: ReturnType<typeof readyWithinLimit>) => kept.map((es) => es.map((e) => e.name));

  it('keeps every ready endpoint when they fit', () => {
    expect(names(readyWithinLimit([sel(1, ['a', 'b'], ['a']), sel(1, ['c'])], 16))).toEqual([['b'], ['c']]);
  });

  it('lets entries take turns when they do not fit, so every entry keeps a share', () => {
    const many = Array.from({ length: 20 }, (_, i) => `r${String(i).padStart(2, '0')}`);
    expect(names(readyWithinLimit([sel(80, many), sel(20, ['hosted'])], 16))).toEqual([
      many.slice(0, 15),
      ['hosted'],
    ]);
  });

  it('takes turns in entry order and stops at the limit', () => {
    expect(names(readyWithinLimit([sel(1, ['a1', 'a2', 'a3']), sel(1, ['b1', 'b2', 'b3'])], 3))).toEqual([
      ['a1', 'a2'],
      ['b1'],
    ]);
  });
});
