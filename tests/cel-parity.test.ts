// Parity with real Kubernetes: the Go oracle (tests/oracle/main.go, built from k8s.io/apimachinery,
// k8s.io/apiserver's CEL libraries and k8s.io/dynamic-resource-allocation's selector compiler) and
// our lib/quantity, lib/semver and lib/cel answer the same vectors (tests/oracle/vectors.json), and
// every answer must agree. If the oracle cannot be built the suite fails with the reason.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCelList, isCelMap, isCelUint, type CelValue } from '@bufbuild/cel';
import { beforeAll, describe, expect, it } from 'vitest';
import { inferenceClass, type InferenceClass } from '../lib/apis/inference-class.js';
import { compileSelector } from '../lib/cel/index.js';
import { evaluateExpression } from '../lib/cel/evaluate.js';
import { isQuantityValue, isSemverValue, quantityOf, semverOf } from '../lib/cel/values.js';
import {
  asApproximateFloat,
  compareQuantities,
  formatQuantity,
  parseQuantity,
  quantityAsInt64,
  quantitySign,
} from '../lib/quantity/quantity.js';
import { compareSemver, formatSemver, parseSemver, parseSemverWith } from '../lib/semver/semver.js';
import { askOracle } from './oracle/client.js';
import { repoRoot } from './support/paths.js';

interface Vectors {
  classes: Record<string, unknown>;
  quantity: string[];
  quantityCompare: [string, string][];
  semver: string[];
  semverNormalize: string[];
  semverCompare: [string, string][];
  eval: string[];
  select: string[];
}

const vectors = JSON.parse(
  readFileSync(join(repoRoot, 'tests', 'oracle', 'vectors.json'), 'utf8'),
) as Vectors;
const classes = Object.values(vectors.classes).map((c) => inferenceClass.parse(c));

/** The class as a DRA device: its attributes and capacity plus the modelplane.ai built-ins (SPEC 4.1). */
function draDevice(cls: InferenceClass): object {
  const { gpu, cpu, memory } = cls.spec.resources;
  return {
    attributes: {
      ...cls.spec.attributes,
      'modelplane.ai/gpuCount': { int: gpu.count },
      ...(gpu.product === undefined ? {} : { 'modelplane.ai/gpuProduct': { string: gpu.product } }),
      'modelplane.ai/class': { string: cls.metadata.name },
    },
    capacity: {
      ...cls.spec.capacity,
      'modelplane.ai/gpuMemory': { value: gpu.memory },
      ...(cpu === undefined ? {} : { 'modelplane.ai/cpu': { value: cpu } }),
      ...(memory === undefined ? {} : { 'modelplane.ai/memory': { value: memory } }),
    },
  };
}

function floatBits(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, f);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

/** A CEL value in the oracle's {type, value} encoding. */
function encode(v: CelValue): unknown {
  if (typeof v === 'boolean') return { type: 'bool', value: v };
  if (typeof v === 'bigint') return { type: 'int', value: v.toString() };
  if (typeof v === 'number') return { type: 'double', value: floatBits(v) };
  if (typeof v === 'string') return { type: 'string', value: v };
  if (v === null) return { type: 'null', value: null };
  if (isCelUint(v)) return { type: 'uint', value: v.value.toString() };
  if (isQuantityValue(v)) return { type: 'kubernetes.Quantity', value: formatQuantity(quantityOf(v)) };
  if (isSemverValue(v)) return { type: 'kubernetes.Semver', value: formatSemver(semverOf(v)) };
  if (isCelList(v)) return { type: 'list', value: [...v].map(encode) };
  if (isCelMap(v)) return { type: 'map', value: [...v].map(([k, x]) => [encode(k), encode(x)]) };
  return { type: 'unencodable', value: String(v) };
}

type Answer = Record<string, unknown>;
let answers: {
  quantity: Answer[];
  quantityCompare: Answer[];
  semver: Answer[];
  semverNormalize: Answer[];
  semverCompare: Answer[];
  eval: Answer[];
  select: Answer[];
};

beforeAll(() => {
  const groups = {
    quantity: vectors.quantity.map((input) => ({ op: 'quantity', input })),
    quantityCompare: vectors.quantityCompare.map(([a, b]) => ({ op: 'quantity-compare', a, b })),
    semver: vectors.semver.map((input) => ({ op: 'semver', input, normalize: false })),
    semverNormalize: vectors.semverNormalize.map((input) => ({ op: 'semver', input, normalize: true })),
    semverCompare: vectors.semverCompare.map(([a, b]) => ({ op: 'semver-compare', a, b })),
    eval: vectors.eval.map((expression) => ({ op: 'eval', expression })),
    select: classes.flatMap((cls) =>
      vectors.select.map((expression) => ({ op: 'select', expression, device: draDevice(cls) })),
    ),
  };
  const all = askOracle(Object.values(groups).flat());
  let at = 0;
  const take = (n: number): Answer[] => all.slice(at, (at += n));
  answers = {
    quantity: take(groups.quantity.length),
    quantityCompare: take(groups.quantityCompare.length),
    semver: take(groups.semver.length),
    semverNormalize: take(groups.semverNormalize.length),
    semverCompare: take(groups.semverCompare.length),
    eval: take(groups.eval.length),
    select: take(groups.select.length),
  };
}, 900_000);

describe('parity with the Kubernetes libraries', () => {
  it('has at least 150 vectors', () => {
    const total =
      vectors.quantity.length +
      vectors.quantityCompare.length +
      vectors.semver.length +
      vectors.semverNormalize.length +
      vectors.semverCompare.length +
      vectors.eval.length +
      vectors.select.length * classes.length;
    expect(total).toBeGreaterThanOrEqual(150);
  });

  it('parses every quantity as resource.ParseQuantity does: canonical text, float, int64, sign, error', () => {
    const theirs = vectors.quantity.map((input, i) => ({ input, ...answers.quantity[i] }));
    const ours = vectors.quantity.map((input) => {
      const r = parseQuantity(input);
      if (!r.ok) return { input, ok: false, error: r.error };
      const q = r.quantity;
      const int64 = quantityAsInt64(q);
      return {
        input,
        ok: true,
        canonical: formatQuantity(q),
        approx: floatBits(asApproximateFloat(q)),
        sign: quantitySign(q),
        ...(int64 === undefined ? {} : { int64: int64.toString() }),
      };
    });
    expect(ours).toEqual(theirs);
  });

  it('compares quantities as Quantity.Cmp does', () => {
    const theirs = vectors.quantityCompare.map((pair, i) => ({ pair, ...answers.quantityCompare[i] }));
    const ours = vectors.quantityCompare.map(([a, b]) => {
      const qa = parseQuantity(a);
      const qb = parseQuantity(b);
      if (!qa.ok || !qb.ok) throw new Error(`vector ${a} ${b} does not parse`);
      return { pair: [a, b], cmp: compareQuantities(qa.quantity, qb.quantity) };
    });
    expect(ours).toEqual(theirs);
  });

  for (const [group, normalize] of [
    ['semver', false],
    ['semverNormalize', true],
  ] as const) {
    it(`parses ${normalize ? 'with' : 'without'} normalization as the Kubernetes semver() does`, () => {
      // Error texts differ (strconv's vs ours) and are not compared; acceptance and the value are.
      const theirs = vectors[group].map((input, i) => {
        const rest = Object.entries(answers[group][i] ?? {}).filter(([key]) => key !== 'error');
        return { input, ...Object.fromEntries(rest) };
      });
      const ours = vectors[group].map((input) => {
        const r = parseSemverWith(input, normalize);
        if (!r.ok) return { input, ok: false };
        const v = r.version;
        return {
          input,
          ok: true,
          version: formatSemver(v),
          major: v.major.toString(),
          minor: v.minor.toString(),
          patch: v.patch.toString(),
        };
      });
      expect(ours).toEqual(theirs);
    });
  }

  it('orders versions as blang/semver does, prereleases included and build metadata ignored', () => {
    const theirs = vectors.semverCompare.map((pair, i) => ({ pair, ...answers.semverCompare[i] }));
    const ours = vectors.semverCompare.map(([a, b]) => {
      const va = parseSemver(a);
      const vb = parseSemver(b);
      if (!va.ok || !vb.ok) throw new Error(`vector ${a} ${b} does not parse`);
      return { pair: [a, b], cmp: compareSemver(va.version, vb.version) };
    });
    expect(ours).toEqual(theirs);
  });

  it('evaluates expressions to the values the Kubernetes CEL environment gives', () => {
    const theirs = vectors.eval.map((expression, i) => {
      const a = answers.eval[i] ?? {};
      return a.kind === 'value'
        ? { expression, kind: 'value', value: a.value }
        : { expression, kind: a.kind };
    });
    const ours = vectors.eval.map((expression) => {
      const r = evaluateExpression(expression);
      return r.kind === 'value'
        ? { expression, kind: 'value', value: encode(r.value) }
        : { expression, kind: r.kind };
    });
    expect(ours).toEqual(theirs);
  });

  it('matches classes as the DRA selector compiler matches the same devices', () => {
    const outcomes = {
      match: 'true',
      'no-match': 'false',
      error: 'eval-error',
      'cost-exceeded': 'cost-exceeded',
      // Never without a budget; Kubernetes has no per-reconcile budget.
      'budget-exhausted': 'budget-exhausted',
    };
    const theirs = classes.flatMap((cls, c) =>
      vectors.select.map((expression, i) => ({
        class: cls.metadata.name,
        expression,
        result: answers.select[c * vectors.select.length + i]?.result,
      })),
    );
    const ours = classes.flatMap((cls) =>
      vectors.select.map((expression) => {
        const compiled = compileSelector(expression);
        const result = compiled.ok ? outcomes[compiled.selector.explain(cls).result] : 'compile-error';
        return { class: cls.metadata.name, expression, result };
      }),
    );
    expect(ours).toEqual(theirs);
  });
});
