// The XRDs: generated files are current, every admission rule compiles and bites (checked with the
// real `crossplane resource validate`, which runs the API server's schema and CEL validation), and
// the XRDs and Compositions themselves are valid Crossplane objects (the ModelDeployment XRD with
// its scale subresource).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../apis/schema/generate.js';
import { CASES } from './xrd-cases.js';
import { EXPECTED_PROBLEMS } from './xrd-expected.js';
import { repoRoot } from './support/paths.js';
import { schemaProblems } from './support/validate.js';

describe('generated XRDs and Compositions', () => {
  it('are up to date with apis/schema (run `npm run generate`)', () => {
    const files = generatedFiles();
    const onDisk = Object.fromEntries(
      Object.keys(files).map((p) => [p, readFileSync(join(repoRoot, p), 'utf8')]),
    );
    expect(onDisk).toEqual(files);
  });

  it('are valid CompositeResourceDefinitions and Compositions', () => {
    const objects = Object.entries(generatedFiles()).map(
      ([, text]) => parse(text) as Record<string, unknown>,
    );
    expect(schemaProblems(objects)).toEqual([]);
  });

  it('give ModelDeployment the scale subresource kubectl scale and KEDA need', () => {
    const xrd = parse(generatedFiles()['apis/modeldeployments/definition.yaml'] ?? '') as {
      spec: { versions: { subresources?: unknown }[] };
    };
    expect(xrd.spec.versions.map((v) => v.subresources)).toEqual([
      {
        scale: {
          specReplicasPath: '.spec.replicas',
          statusReplicasPath: '.status.replicas',
          labelSelectorPath: '.status.selector',
        },
      },
    ]);
  });
});

describe('printer columns', () => {
  // Crossplane appends its own columns to every XR's CRD (crossplane-runtime v2.3.3
  // pkg/xcrd/schemas.go: SYNCED, READY, COMPOSITION, COMPOSITIONREVISION, AGE); one of ours with the
  // same name would show twice in `kubectl get`.
  const CROSSPLANE_COLUMNS = ['SYNCED', 'READY', 'COMPOSITION', 'COMPOSITIONREVISION', 'AGE'];

  it('never repeat a column Crossplane adds (ModelDeployment counts ready replicas as AVAILABLE)', () => {
    const columns = Object.entries(generatedFiles())
      .filter(([path]) => path.endsWith('definition.yaml'))
      .map(([, text]) => {
        const xrd = parse(text) as {
          spec: { names: { kind: string }; versions: { additionalPrinterColumns?: { name: string }[] }[] };
        };
        return [
          xrd.spec.names.kind,
          xrd.spec.versions.flatMap((v) => (v.additionalPrinterColumns ?? []).map((c) => c.name)),
        ];
      });
    expect(Object.fromEntries(columns)).toEqual({
      InferenceClass: ['GPUS', 'GPU-MEMORY', 'PRODUCT', 'PROVIDER'],
      InferenceCluster: ['SOURCE', 'GPUS', 'FREE', 'GATEWAY'],
      ModelDeployment: ['DESIRED', 'SCHEDULED', 'AVAILABLE', 'GPUS'],
      ModelReplica: ['CLUSTER', 'POOL', 'GPUS', 'URL'],
      ModelEndpoint: ['URL', 'PROTOCOL', 'BACKEND'],
      ModelService: ['ADDRESS', 'ENDPOINTS'],
    });
    expect(
      columns.flatMap(([, names]) => names).filter((n) => CROSSPLANE_COLUMNS.includes(n as string)),
    ).toEqual([]);
  });
});

describe('admission rules', () => {
  it('every case has an expectation', () => {
    expect(CASES.map((c) => c.name).sort()).toEqual(Object.keys(EXPECTED_PROBLEMS).sort());
  });

  // One validator run for all cases (each run costs ~0.3 s); problems are prefixed with kind and name.
  it('accept the valid objects and reject each broken rule with its message', () => {
    const got = schemaProblems(CASES.map((c) => c.object));
    const want = CASES.flatMap((c) => EXPECTED_PROBLEMS[c.name] ?? []).sort();
    expect(got).toEqual(want);
  });
});
