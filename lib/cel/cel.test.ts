// nodeSelector.cel over InferenceClasses: the device view, compile errors, evaluation outcomes, the
// cost limit. tests/cel-parity.test.ts checks the same behaviour against Kubernetes' DRA compiler.

import { describe, expect, it } from 'vitest';
import { inferenceClass, type InferenceClass } from '../apis/inference-class.js';
import { parseQuantity, type Quantity } from '../quantity/quantity.js';
import { parseSemver, type Semver } from '../semver/semver.js';
import { SELECTOR_COST_LIMIT, compileSelector, deviceView, type SelectorOutcome } from './index.js';

const h200 = inferenceClass.parse({
  apiVersion: 'modelplane.ai/v1alpha1',
  kind: 'InferenceClass',
  metadata: { name: 'h200' },
  spec: {
    resources: { gpu: { count: 8, memory: '141Gi', product: 'NVIDIA-H200' }, cpu: '192', memory: '2Ti' },
    attributes: {
      'gpu.nvidia.com/architecture': { string: 'Hopper' },
      'gpu.nvidia.com/cudaComputeCapability': { version: '9.0.0' },
      'modelplane.ai/interconnect': { string: 'infiniband' },
      'example.com/nvlink': { bool: true },
      'example.com/slots': { int: 4 },
    },
    capacity: { 'modelplane.ai/networkBandwidth': { value: '3200G' } },
  },
});

function quantity(text: string): Quantity {
  const r = parseQuantity(text);
  if (!r.ok) throw new Error(r.error);
  return r.quantity;
}

function version(text: string): Semver {
  const r = parseSemver(text);
  if (!r.ok) throw new Error(r.error);
  return r.version;
}

function explain(expression: string, cls: InferenceClass = h200): SelectorOutcome | string {
  const compiled = compileSelector(expression);
  return compiled.ok ? compiled.selector.explain(cls) : `compile error: ${compiled.error}`;
}

describe('deviceView', () => {
  it('groups attributes and capacity by domain and adds the modelplane.ai built-ins', () => {
    expect(deviceView(h200)).toEqual({
      attributes: {
        'gpu.nvidia.com': { architecture: 'Hopper', cudaComputeCapability: version('9.0.0') },
        'modelplane.ai': {
          interconnect: 'infiniband',
          gpuCount: 8n,
          gpuProduct: 'NVIDIA-H200',
          class: 'h200',
        },
        'example.com': { nvlink: true, slots: 4n },
      },
      capacity: {
        'modelplane.ai': {
          networkBandwidth: quantity('3200G'),
          gpuMemory: quantity('141Gi'),
          cpu: quantity('192'),
          memory: quantity('2Ti'),
        },
      },
    });
  });

  it('leaves out the built-ins a class does not set, and lets built-ins win over same-named entries', () => {
    const minimal = inferenceClass.parse({
      apiVersion: 'modelplane.ai/v1alpha1',
      kind: 'InferenceClass',
      metadata: { name: 'l4' },
      spec: {
        resources: { gpu: { count: 1, memory: '24Gi' } },
        attributes: { 'modelplane.ai/gpuCount': { int: 99 } },
      },
    });
    expect(deviceView(minimal)).toEqual({
      attributes: { 'modelplane.ai': { gpuCount: 1n, class: 'l4' } },
      capacity: { 'modelplane.ai': { gpuMemory: quantity('24Gi') } },
    });
  });
});

describe('compileSelector rejects', () => {
  const cases: [string, string, string][] = [
    ['a syntax error', 'device.attributes[', 'syntax error at 1:18: found [ but expecting end of input'],
    ['a non-bool expression', '"Hopper"', 'expression must evaluate to bool, not string'],
    [
      'a map that is not a bool',
      'device.attributes["a"]',
      'expression must evaluate to bool, not map(string, any)',
    ],
    ['an unknown function', 'gpus(device) > 1', "1:1: undeclared reference to 'gpus' (in container '')"],
    ['an unknown variable', 'node.labels == 1', "1:1: undeclared reference to 'node' (in container '')"],
    ['a field the device does not have', 'device.driver == "x"', "1:7: undefined field 'driver'"],
    [
      'comparison operators on quantities, as Kubernetes does',
      'quantity("1") > quantity("2")',
      "1:15: found no matching overload for '_>_' applied to '(kubernetes.Quantity, kubernetes.Quantity)'",
    ],
    [
      'sign() as a method (Kubernetes has it only as a function)',
      'quantity("1").sign() == 1',
      "1:14: found no matching overload for 'sign' applied to 'kubernetes.Quantity.()'",
    ],
    [
      'mixed numeric equality without dyn',
      '1 == 1.0',
      "1:3: found no matching overload for '_==_' applied to '(int, double)'",
    ],
    ['a list literal of mixed types', '[1, "a"].size() == 2', "1:5: expected type 'int' but found 'string'"],
    ['an invalid regular expression literal', '"a".matches("[")', '1:13: invalid matches argument'],
    [
      'a constant conversion that fails',
      'int("x") == 1',
      '1:1: strconv.ParseInt: parsing "x": invalid syntax',
    ],
    ['has() on an index', 'has(device.attributes["x"])', '1:1: invalid argument to has() macro'],
    [
      'a malformed cel.bind',
      'cel.bind(x.y, 1, true)',
      'cel.bind() variable names must be simple identifiers',
    ],
    ['message construction', 'Foo{a: 1}', "1:1: undeclared reference to 'Foo' (in container '')"],
    [
      'a predicate that is not a bool',
      'device.attributes.exists(d, d)',
      "1:29: expected type 'bool' but found 'string'",
    ],
    [
      'nesting deeper than cel-go allows',
      `${'['.repeat(260)}1${']'.repeat(260)} != []`,
      'expression nesting exceeds the limit of 250',
    ],
    [
      'an expression longer than DRA allows',
      `true${' || true'.repeat(1500)}`,
      'expression is longer than 10240 characters',
    ],
  ];
  for (const [name, expression, want] of cases) {
    it(name, () => {
      expect(compileSelector(expression)).toEqual({ ok: false, error: want });
    });
  }
});

describe('a compiled selector on a class', () => {
  const cases: [string, string, SelectorOutcome | string][] = [
    [
      'matches a string attribute',
      'device.attributes["gpu.nvidia.com"].architecture == "Hopper"',
      { result: 'match' },
    ],
    [
      'does not match another value',
      'device.attributes["gpu.nvidia.com"].architecture == "Ampere"',
      { result: 'no-match' },
    ],
    [
      'reads the GPU count built-in as an int',
      'device.attributes["modelplane.ai"].gpuCount >= 8',
      { result: 'match' },
    ],
    [
      'compares GPU memory as a quantity',
      'device.capacity["modelplane.ai"].gpuMemory.compareTo(quantity("80Gi")) >= 0',
      { result: 'match' },
    ],
    [
      'compares a version attribute as a semver',
      'device.attributes["gpu.nvidia.com"].cudaComputeCapability.isGreaterThan(semver("8.9.0"))',
      { result: 'match' },
    ],
    [
      'treats a missing key in a known domain as an error',
      'device.attributes["gpu.nvidia.com"].memoryBandwidth > 1',
      { result: 'error', error: 'field not found: memoryBandwidth' },
    ],
    [
      'treats a key in an unknown domain as an error, the domain itself as empty',
      'device.attributes["x.io"].y == 1',
      { result: 'error', error: 'field not found: y' },
    ],
    ['sees an unknown domain as empty', 'size(device.attributes["x.io"]) == 0', { result: 'match' }],
    ['does not list an unknown domain with `in`', '"x.io" in device.attributes', { result: 'no-match' }],
    ['lists a known domain with `in`', '"modelplane.ai" in device.attributes', { result: 'match' }],
    ['tests presence with has()', 'has(device.attributes["example.com"].slots)', { result: 'match' }],
    ['tests absence with has()', 'has(device.attributes["example.com"].missing)', { result: 'no-match' }],
    [
      'treats a type mismatch at run time as an error',
      'device.attributes["gpu.nvidia.com"].architecture > 1',
      { result: 'error', error: "found no matching overload for '_>_' applied to '(string, int)'" },
    ],
    [
      'treats comparing a version with a string as an error, as Kubernetes does',
      'device.attributes["gpu.nvidia.com"].cudaComputeCapability == "9.0.0"',
      { result: 'error', error: 'no such overload' },
    ],
    [
      'treats a non-bool attribute result as an error',
      'device.attributes["gpu.nvidia.com"].architecture',
      { result: 'error', error: 'expression evaluated to a non-bool value on InferenceClass h200' },
    ],
    [
      'accepts a bool attribute as the result',
      'device.attributes["example.com"].nvlink',
      { result: 'match' },
    ],
    [
      'treats integer overflow as an error',
      'device.attributes["example.com"].slots + 9223372036854775807 > 0',
      { result: 'error', error: 'int overflow during _+_' },
    ],
    [
      'treats an unparsable quantity as an error',
      'quantity("lots").isInteger()',
      {
        result: 'error',
        error: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      },
    ],
    ['evaluates all()', '[1, 2, 3].all(x, x > 0)', { result: 'match' }],
    ['evaluates exists()', 'device.attributes.exists(d, d == "example.com")', { result: 'match' }],
    ['evaluates exists_one()', '[1, 2, 3].exists_one(x, x > 1)', { result: 'no-match' }],
    ['evaluates map()', '[1, 2, 3].map(x, x * 2) == [2, 4, 6]', { result: 'match' }],
    ['evaluates map() with a filter', '[1, 2, 3].map(x, x > 1, x * 10) == [20, 30]', { result: 'match' }],
    ['evaluates filter()', '[1, 2, 3].filter(x, x > 1) == [2, 3]', { result: 'match' }],
    [
      'absorbs an error when exists() finds a match',
      '[1, 2, 3].exists(x, x / 0 == 1 || x == 2)',
      { result: 'match' },
    ],
    [
      'evaluates `in` on a list',
      'device.attributes["gpu.nvidia.com"].architecture in ["Hopper", "Blackwell"]',
      { result: 'match' },
    ],
    ['counts with size()', 'size(device.attributes["gpu.nvidia.com"]) == 2', { result: 'match' }],
    [
      'evaluates contains()',
      'device.attributes["modelplane.ai"].interconnect.contains("band")',
      { result: 'match' },
    ],
    [
      'evaluates startsWith() and endsWith()',
      '"infiniband".startsWith("infini") && "infiniband".endsWith("band")',
      { result: 'match' },
    ],
    [
      'evaluates matches() with RE2',
      'device.attributes["modelplane.ai"].gpuProduct.matches("^NVIDIA-H[0-9]+$")',
      { result: 'match' },
    ],
    [
      'binds a variable with cel.bind()',
      'cel.bind(nv, device.attributes["gpu.nvidia.com"], nv.architecture == "Hopper" && nv.cudaComputeCapability.major() == 9)',
      { result: 'match' },
    ],
  ];
  for (const [name, expression, want] of cases) {
    it(name, () => {
      expect(explain(expression)).toEqual(want);
    });
  }

  it('answers matches() from the same outcome', () => {
    const compiled = compileSelector('device.attributes["gpu.nvidia.com"].architecture == "Hopper"');
    if (!compiled.ok) throw new Error(compiled.error);
    expect(compiled.selector.matches(h200)).toEqual({ matched: true });
    const missing = compileSelector('device.attributes["gpu.nvidia.com"].nope == 1');
    if (!missing.ok) throw new Error(missing.error);
    expect(missing.selector.matches(h200)).toEqual({ matched: false });
  });

  it('does not match a class whose version attribute does not parse, as DRA rejects such a device', () => {
    // zod would refuse this class; the selector must still not crash on it.
    const broken = {
      ...h200,
      spec: { ...h200.spec, attributes: { 'gpu.nvidia.com/cudaComputeCapability': { version: '9.0' } } },
    } as InferenceClass;
    expect(explain('true', broken)).toEqual({
      result: 'error',
      error: 'cannot parse gpu.nvidia.com/cudaComputeCapability',
    });
  });
});

describe('the cost limit', () => {
  const ten = '[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]';
  const nested = (depth: number): string =>
    Array.from({ length: depth }, (_, i) => `${ten}.all(v${i}, `).join('') + 'true' + ')'.repeat(depth);

  it(`is DRA's ${SELECTOR_COST_LIMIT} units`, () => {
    expect(SELECTOR_COST_LIMIT).toBe(1_000_000);
  });

  it('lets a selector with ten thousand iterations through', () => {
    expect(explain(nested(4))).toEqual({ result: 'match' });
  });

  it('turns a million iterations into no match with a warning', () => {
    const compiled = compileSelector(nested(6));
    if (!compiled.ok) throw new Error(compiled.error);
    const warning = `evaluation on InferenceClass h200 exceeded the cost limit of ${SELECTOR_COST_LIMIT} units; treated as not matching`;
    expect(compiled.selector.matches(h200)).toEqual({ matched: false, warning });
    expect(compiled.selector.explain(h200)).toEqual({ result: 'cost-exceeded', warning });
  });

  it('charges strings by their size, so doubling a string cannot run away', () => {
    const doubling = Array.from({ length: 30 }, (_, i) => `cel.bind(s${i + 1}, s${i} + s${i}, `).join('');
    expect(explain(`cel.bind(s0, "0123456789", ${doubling}size(s30) > 0${')'.repeat(30)})`)).toEqual({
      result: 'cost-exceeded',
      warning: `evaluation on InferenceClass h200 exceeded the cost limit of ${SELECTOR_COST_LIMIT} units; treated as not matching`,
    });
  });
});

describe('reuse', () => {
  it('compiles an expression once and keeps one outcome per class object', () => {
    const a = compileSelector('device.attributes["modelplane.ai"].gpuCount == 8');
    const b = compileSelector('device.attributes["modelplane.ai"].gpuCount == 8');
    if (!a.ok || !b.ok) throw new Error('does not compile');
    expect(b.selector).toBe(a.selector);
    expect(a.selector.explain(h200)).toBe(a.selector.explain(h200));
  });
});
