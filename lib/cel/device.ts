// The `device` variable a class shows to nodeSelector.cel (SPEC 4.1), shaped like a Kubernetes DRA
// device: attributes and capacity grouped by the domain of their "<domain>/<name>" key, plus the
// modelplane.ai built-ins taken from spec.resources and the class name. Built-ins win over an
// attribute or capacity entry with the same key, because they are what the scheduler acts on.

import { celMap, type CelMap, type CelValue } from '@bufbuild/cel';
import type { InferenceClass } from '../apis/index.js';
import { parseQuantity, type Quantity } from '../quantity/quantity.js';
import { formatSemver, parseSemver, type Semver } from '../semver/semver.js';
import { quantityValue, semverValue } from './values.js';

export const BUILTIN_DOMAIN = 'modelplane.ai';

export type AttributeValue = string | boolean | bigint | Semver;

export interface DeviceView {
  /** domain → name → value; a version attribute is a parsed semantic version, an int a bigint. */
  readonly attributes: Readonly<Record<string, Readonly<Record<string, AttributeValue>>>>;
  /** domain → name → Quantity. */
  readonly capacity: Readonly<Record<string, Readonly<Record<string, Quantity>>>>;
}

interface Built {
  readonly view: DeviceView;
  /** Keys whose value does not parse; like DRA, such a device matches nothing. */
  readonly invalid: readonly string[];
}

/** Splits "<domain>/<name>" at the first slash (DRA's parseQualifiedName). */
function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return slash < 0 ? ['', key] : [key.slice(0, slash), key.slice(slash + 1)];
}

function put<V>(into: Record<string, Record<string, V>>, domain: string, name: string, value: V): void {
  (into[domain] ??= {})[name] = value;
}

function build(cls: InferenceClass): Built {
  const attributes: Record<string, Record<string, AttributeValue>> = {};
  const capacity: Record<string, Record<string, Quantity>> = {};
  const invalid: string[] = [];
  for (const [key, attr] of Object.entries(cls.spec.attributes)) {
    const [domain, name] = splitKey(key);
    if (attr.string !== undefined) put(attributes, domain, name, attr.string);
    else if (attr.bool !== undefined) put(attributes, domain, name, attr.bool);
    else if (attr.int !== undefined) put(attributes, domain, name, BigInt(Math.trunc(attr.int)));
    else if (attr.version !== undefined) {
      const v = parseSemver(attr.version);
      if (v.ok) put(attributes, domain, name, v.version);
      else invalid.push(key);
    }
  }
  const quantity = (key: string, text: string): void => {
    const [domain, name] = splitKey(key);
    const q = parseQuantity(text);
    if (q.ok) put(capacity, domain, name, q.quantity);
    else invalid.push(key);
  };
  for (const [key, entry] of Object.entries(cls.spec.capacity)) quantity(key, entry.value);

  const { gpu, cpu, memory } = cls.spec.resources;
  put(attributes, BUILTIN_DOMAIN, 'gpuCount', BigInt(gpu.count));
  if (gpu.product !== undefined) put(attributes, BUILTIN_DOMAIN, 'gpuProduct', gpu.product);
  put(attributes, BUILTIN_DOMAIN, 'class', cls.metadata.name);
  quantity(`${BUILTIN_DOMAIN}/gpuMemory`, gpu.memory);
  if (cpu !== undefined) quantity(`${BUILTIN_DOMAIN}/cpu`, cpu);
  if (memory !== undefined) quantity(`${BUILTIN_DOMAIN}/memory`, memory);
  return { view: { attributes, capacity }, invalid: invalid.sort() };
}

/** The `device` variable for a class (SPEC 4.1). */
export function deviceView(cls: InferenceClass): DeviceView {
  return build(cls).view;
}

/** The device as a CEL value; like DRA, a class with an unparsable entry matches nothing. */
export type CelDevice =
  { readonly ok: true; readonly value: CelMap } | { readonly ok: false; readonly error: string };

const celDevices = new WeakMap<InferenceClass, CelDevice>();

/** The CEL form of a class's device, built once per class object. */
export function celDevice(cls: InferenceClass): CelDevice {
  let device = celDevices.get(cls);
  if (device === undefined) {
    const { view, invalid } = build(cls);
    device =
      invalid.length > 0
        ? { ok: false, error: `cannot parse ${invalid.join(', ')}` }
        : {
            ok: true,
            value: celMap(
              new Map<string, CelMap>([
                ['attributes', defaulting(domains(view.attributes, attributeValue))],
                ['capacity', defaulting(domains(view.capacity, (q) => quantityValue(q)))],
              ]),
            ),
          };
    celDevices.set(cls, device);
  }
  return device;
}

function attributeValue(v: AttributeValue): CelValue {
  return typeof v === 'object' ? semverValue(v, formatSemver(v)) : v;
}

function domains<V>(
  byDomain: Readonly<Record<string, Readonly<Record<string, V>>>>,
  toCel: (v: V) => CelValue,
): CelMap {
  const outer = new Map<string, CelMap>();
  for (const [domain, entries] of Object.entries(byDomain)) {
    outer.set(domain, celMap(new Map(Object.entries(entries).map(([name, v]) => [name, toCel(v)]))));
  }
  return celMap(outer);
}

type MapKey = Parameters<CelMap['get']>[0];

const EMPTY = celMap(new Map());
const realMaps = new WeakMap<CelMap, CelMap>();

/**
 * DRA's outer attribute and capacity maps: looking up an unknown domain gives an empty map (so
 * `device.attributes["x"].y` is a missing-key error, not a missing-domain one) and `has()` is true
 * for any domain, while `in`, size and iteration see only the real domains.
 */
function defaulting(real: CelMap): CelMap {
  const proxy = new Proxy(real, {
    get(target, prop) {
      if (prop === 'get') return (key: MapKey) => target.get(key) ?? EMPTY;
      if (prop === 'has') return () => true;
      return Reflect.get(target, prop, target) as unknown;
    },
  });
  realMaps.set(proxy, real);
  return proxy;
}

/** The map behind a defaulting map (for `in` and equality); any other map is itself. */
export function realMap(m: CelMap): CelMap {
  return realMaps.get(m) ?? m;
}
