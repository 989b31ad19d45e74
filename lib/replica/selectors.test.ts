import { describe, expect, it } from 'vitest';
import {
  inferenceClass,
  inferenceClassSpec,
  type InferenceClass,
  type InferenceClassSpec,
} from '../apis/inference-class.js';
import { compileSelector } from '../cel/index.js';
import { deviceSelectors, MAX_SELECTORS } from './selectors.js';

function cls(
  attributes: Record<string, unknown>,
  capacity: Record<string, unknown> = {},
): InferenceClassSpec {
  return inferenceClassSpec.parse({
    resources: { gpu: { count: 8, memory: '141Gi' } },
    attributes,
    capacity,
  });
}

const TYPED: readonly [string, InferenceClassSpec, string[]][] = [
  [
    'a string attribute compares as a string',
    cls({ 'gpu.nvidia.com/architecture': { string: 'Hopper' } }),
    ['device.attributes["gpu.nvidia.com"].architecture == "Hopper"'],
  ],
  [
    'an int attribute compares as an int',
    cls({ 'gpu.nvidia.com/pcieGeneration': { int: 5 } }),
    ['device.attributes["gpu.nvidia.com"].pcieGeneration == 5'],
  ],
  [
    'a bool attribute compares as a bool, false included',
    cls({ 'gpu.nvidia.com/migCapable': { bool: false } }),
    ['device.attributes["gpu.nvidia.com"].migCapable == false'],
  ],
  [
    'a version attribute compares as a semantic version',
    cls({ 'gpu.nvidia.com/cudaComputeCapability': { version: '9.0.0' } }),
    ['device.attributes["gpu.nvidia.com"].cudaComputeCapability.compareTo(semver("9.0.0")) == 0'],
  ],
  [
    'a capacity is a floor compared as a Quantity',
    cls({}, { 'gpu.nvidia.com/memory': { value: '141Gi' } }),
    ['device.capacity["gpu.nvidia.com"].memory.compareTo(quantity("141Gi")) >= 0'],
  ],
  [
    'modelplane.ai facts are for the fleet scheduler and never pinned',
    cls(
      { 'modelplane.ai/interconnect': { string: 'infiniband' } },
      { 'modelplane.ai/networkBandwidth': { value: '3200G' } },
    ),
    [],
  ],
  [
    'attributes come first, then capacities, each sorted by key',
    cls(
      {
        'z.example.com/zone': { string: 'a' },
        'gpu.nvidia.com/architecture': { string: 'Hopper' },
        'gpu.nvidia.com/brand': { string: 'Nvidia' },
      },
      { 'gpu.nvidia.com/memory': { value: '80Gi' }, 'a.example.com/slots': { value: '2' } },
    ),
    [
      'device.attributes["gpu.nvidia.com"].architecture == "Hopper"',
      'device.attributes["gpu.nvidia.com"].brand == "Nvidia"',
      'device.attributes["z.example.com"].zone == "a"',
      'device.capacity["a.example.com"].slots.compareTo(quantity("2")) >= 0',
      'device.capacity["gpu.nvidia.com"].memory.compareTo(quantity("80Gi")) >= 0',
    ],
  ],
  [
    'quotes and backslashes in a string value stay inside the CEL string literal',
    cls({ 'gpu.nvidia.com/productName': { string: 'H100 "SXM" \\ 80GB' } }),
    ['device.attributes["gpu.nvidia.com"].productName == "H100 \\"SXM\\" \\\\ 80GB"'],
  ],
];

describe('deviceSelectors', () => {
  for (const [name, spec, expected] of TYPED) {
    it(name, () => {
      expect(deviceSelectors(spec)).toEqual(expected);
    });
  }

  it('more than 32 facts are joined into at most 32 selectors, none lost, order kept', () => {
    const attributes: Record<string, unknown> = {};
    const capacity: Record<string, unknown> = {};
    for (let i = 10; i < 42; i++) attributes[`a.example.com/attr${i}`] = { int: i };
    for (let i = 10; i < 14; i++) capacity[`a.example.com/cap${i}`] = { value: `${i}Gi` };
    const selectors = deviceSelectors(cls(attributes, capacity));
    expect(selectors.length).toBe(18);
    expect(selectors.length).toBeLessThanOrEqual(MAX_SELECTORS);
    expect(selectors[0]).toBe(
      'device.attributes["a.example.com"].attr10 == 10 && device.attributes["a.example.com"].attr11 == 11',
    );
    expect(selectors[17]).toBe(
      'device.capacity["a.example.com"].cap12.compareTo(quantity("12Gi")) >= 0 && ' +
        'device.capacity["a.example.com"].cap13.compareTo(quantity("13Gi")) >= 0',
    );
    expect(selectors.join(' && ').split(' && ').length).toBe(36);
  });

  it('exactly 32 facts keep one selector each', () => {
    const attributes: Record<string, unknown> = {};
    for (let i = 10; i < 42; i++) attributes[`a.example.com/attr${i}`] = { bool: true };
    const selectors = deviceSelectors(cls(attributes));
    expect(selectors.length).toBe(32);
    expect(selectors.every((s) => !s.includes('&&'))).toBe(true);
  });
});

describe('deviceSelectors in the CEL environment nodeSelectors use (lib/cel, the DRA selector dialect)', () => {
  const typedClass = inferenceClass.parse({
    apiVersion: 'modelplane.ai/v1alpha1',
    kind: 'InferenceClass',
    metadata: { name: 'b200-8x' },
    spec: {
      resources: { gpu: { count: 8, memory: '180Gi' } },
      attributes: {
        'gpu.nvidia.com/architecture': { string: 'Blackwell "B200"' },
        'gpu.nvidia.com/cudaComputeCapability': { version: '10.0.0' },
        'gpu.nvidia.com/migCapable': { bool: true },
        'gpu.nvidia.com/pcieGeneration': { int: 6 },
        'modelplane.ai/interconnect': { string: 'nvlink' },
      },
      capacity: { 'gpu.nvidia.com/memory': { value: '180Gi' } },
    },
  });
  const selectors = deviceSelectors(typedClass.spec);

  it('every generated selector compiles to a bool expression', () => {
    expect(selectors.map((s) => compileSelector(s).ok)).toEqual([true, true, true, true, true]);
  });

  it('each selector matches the device the class describes, so its types line up with the view', () => {
    expect(selectors.map((s) => matches(s, typedClass))).toEqual([true, true, true, true, true]);
  });

  const MUTATIONS: readonly [string, Record<string, unknown>, Record<string, unknown>, boolean[]][] = [
    [
      'another architecture',
      { 'gpu.nvidia.com/architecture': { string: 'Hopper' } },
      {},
      [false, true, true, true, true],
    ],
    [
      'another compute capability',
      { 'gpu.nvidia.com/cudaComputeCapability': { version: '10.0.1' } },
      {},
      [true, false, true, true, true],
    ],
    [
      'MIG not capable',
      { 'gpu.nvidia.com/migCapable': { bool: false } },
      {},
      [true, true, false, true, true],
    ],
    [
      'another PCIe generation',
      { 'gpu.nvidia.com/pcieGeneration': { int: 5 } },
      {},
      [true, true, true, false, true],
    ],
    ['less memory', {}, { 'gpu.nvidia.com/memory': { value: '141Gi' } }, [true, true, true, true, false]],
    [
      'more memory (a capacity is a floor)',
      {},
      { 'gpu.nvidia.com/memory': { value: '192Gi' } },
      [true, true, true, true, true],
    ],
    [
      'another modelplane.ai fact (never pinned)',
      { 'modelplane.ai/interconnect': { string: 'pcie' } },
      {},
      [true, true, true, true, true],
    ],
  ];
  for (const [name, attributes, capacity, expected] of MUTATIONS) {
    it(`a device with ${name} fails exactly the selector pinning it`, () => {
      const device = inferenceClass.parse({
        ...typedClass,
        spec: {
          ...typedClass.spec,
          attributes: { ...typedClass.spec.attributes, ...attributes },
          capacity: { ...typedClass.spec.capacity, ...capacity },
        },
      });
      expect(selectors.map((s) => matches(s, device))).toEqual(expected);
    });
  }
});

function matches(expression: string, cls: InferenceClass): boolean {
  const compiled = compileSelector(expression);
  if (!compiled.ok) throw new Error(`${expression}: ${compiled.error}`);
  return compiled.selector.matches(cls).matched;
}
