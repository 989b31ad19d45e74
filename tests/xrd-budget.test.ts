// The API server's own CRD validation (tests/xrd-budget, built from k8s.io/apiextensions-apiserver)
// accepts the CRD of every XRD: each x-kubernetes-validations rule compiles and its estimated cost
// fits the per-rule and per-CRD budgets, because every list, map and string under a rule is
// bounded. `crossplane resource validate` compiles rules but does not estimate their cost.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../apis/schema/generate.js';
import { tool } from './support/paths.js';

type Obj = Record<string, unknown>;

/** The CustomResourceDefinition Crossplane derives from an XRD (the parts the API server validates). */
function crdOf(xrd: Obj): Obj {
  const spec = xrd.spec as { group: string; names: Obj; scope: string; versions: Obj[] };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: (xrd.metadata as { name: string }).name },
    spec: {
      group: spec.group,
      names: spec.names,
      scope: spec.scope,
      versions: spec.versions.map((v) => ({
        name: v.name,
        served: true,
        storage: true,
        schema: v.schema,
        subresources: { status: {}, ...(v.subresources as Obj | undefined) },
        additionalPrinterColumns: v.additionalPrinterColumns,
      })),
    },
  };
}

function budgetProblems(crds: readonly Obj[]): { code: number | null; lines: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'modelplane-crds-'));
  const files = crds.map((crd, i) => {
    const f = join(dir, `crd-${i}.yaml`);
    writeFileSync(f, stringify(crd, { lineWidth: 0, version: '1.1' }));
    return f;
  });
  const r = spawnSync(tool('xrd-budget'), files, { encoding: 'utf8' });
  const lines = `${r.stdout}${r.stderr}`
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.replace(/^.*crd-\d+\.yaml: /, ''));
  return { code: r.status, lines };
}

describe('XRD rules fit the API server CEL cost budget', () => {
  it('accepts the CRD of every XRD', () => {
    const xrds = Object.entries(generatedFiles())
      .filter(([path]) => path.endsWith('definition.yaml'))
      .map(([, text]) => parse(text) as Obj);
    expect(xrds.length).toBe(6);
    expect(budgetProblems(xrds.map(crdOf))).toEqual({ code: 0, lines: [] });
  });

  it('rejects a rule over an unbounded list (the check can fail)', () => {
    const unbounded = crdOf({
      metadata: { name: 'things.example.org' },
      spec: {
        group: 'example.org',
        names: { kind: 'Thing', plural: 'things', singular: 'thing', listKind: 'ThingList' },
        scope: 'Namespaced',
        versions: [
          {
            name: 'v1',
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  spec: {
                    type: 'object',
                    properties: { items: { type: 'array', items: { type: 'string' } } },
                    'x-kubernetes-validations': [
                      {
                        rule: 'self.items.all(a, self.items.all(b, self.items.all(c, a + b + c != "")))',
                        message: 'costly',
                      },
                    ],
                  },
                },
              },
            },
          },
        ],
      },
    });
    const r = budgetProblems([unbounded]);
    expect(r.code).toBe(1);
    expect(r.lines.join('\n')).toMatch(/estimated rule cost exceeds budget/);
  });
});
