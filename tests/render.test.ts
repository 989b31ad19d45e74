// Every fixture in examples/render/<kind>/<case>/ goes through the real `crossplane composition
// render` against the bundled function, is compared with its expected.yaml, and everything it
// renders (the XR and the composed resources) is validated against our XRDs and the real CRDs.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGolden } from './support/golden.js';
import { render, renderCases, renderedObjects } from './support/render.js';
import { startFunction, type FunctionProcess } from './support/servers.js';
import { schemaProblems } from './support/validate.js';

const FUNCTION_OF_KIND: Record<string, string> = {
  inferenceclasses: 'compose-inference-class',
  inferenceclusters: 'compose-inference-cluster',
  modeldeployments: 'compose-model-deployment',
  modelreplicas: 'compose-model-replica',
  modelendpoints: 'compose-model-endpoint',
  modelservices: 'compose-model-service',
};

const servers = new Map<string, FunctionProcess>();

beforeAll(async () => {
  for (const [name, p] of await Promise.all(
    Object.values(FUNCTION_OF_KIND).map(async (fn) => [fn, await startFunction(fn)] as const),
  )) {
    servers.set(name, p);
  }
});

afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.stop()));
});

const cases = renderCases();

describe('crossplane composition render', () => {
  it('has fixtures only for known kinds, and at least for InferenceClass', () => {
    const kinds = [...new Set(cases.map((c) => c.kind))];
    expect(kinds.filter((k) => !(k in FUNCTION_OF_KIND))).toEqual([]);
    expect(kinds).toContain('inferenceclasses');
  });

  for (const c of cases) {
    it(`${c.kind}/${c.name} renders as expected and validates against the real schemas`, () => {
      const server = servers.get(FUNCTION_OF_KIND[c.kind] ?? '');
      if (server === undefined) throw new Error(`no function for ${c.kind}`);
      const out = render(c, server.target);
      expect(out.stderr, 'render stderr').toBe('');
      expect(out.code, out.stderr).toBe(0);
      expectGolden(join(c.dir, 'expected.yaml'), out.stdout);
      // Fixtures of objects that admission rejects keep the validator's verdict in validation.txt;
      // everything else must validate cleanly.
      const problems = schemaProblems(renderedObjects(out.stdout));
      if (
        existsSync(join(c.dir, 'validation.txt')) ||
        (process.env.UPDATE_GOLDEN === '1' && problems.length > 0)
      ) {
        expectGolden(join(c.dir, 'validation.txt'), problems.map((p) => `${p}\n`).join(''));
      } else {
        expect(problems).toEqual([]);
      }
    });
  }
});
