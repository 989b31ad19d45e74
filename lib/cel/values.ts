// Kubernetes' CEL value types on @bufbuild/cel: kubernetes.Quantity and kubernetes.Semver. bufbuild
// accepts custom types only as protobuf messages, so both are message descriptors built at runtime;
// the fields carry the full value (Quantity's fast/slow-path representation matters to
// asApproximateFloat and isInteger) and a WeakMap keeps the parsed value so methods do not re-parse.

import { create, createFileRegistry, type DescMessage, type Message } from '@bufbuild/protobuf';
import { isReflectMessage, reflect, type ReflectMessage } from '@bufbuild/protobuf/reflect';
import {
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  FileDescriptorProtoSchema,
} from '@bufbuild/protobuf/wkt';
import { objectType } from '@bufbuild/cel';
import type { Quantity, QuantityFormat } from '../quantity/quantity.js';
import { parseSemver, type Semver } from '../semver/semver.js';

const { STRING: TYPE_STRING, INT32: TYPE_INT32, BOOL: TYPE_BOOL } = FieldDescriptorProto_Type;

function field(name: string, number: number, type: FieldDescriptorProto_Type) {
  return { name, number, type, label: FieldDescriptorProto_Label.OPTIONAL, jsonName: name };
}

export const registry = createFileRegistry(
  create(FileDescriptorProtoSchema, {
    name: 'modelplane/cel/kubernetes.proto',
    package: 'kubernetes',
    syntax: 'proto3',
    messageType: [
      {
        name: 'Quantity',
        field: [
          field('unscaled', 1, TYPE_STRING),
          field('exp10', 2, TYPE_INT32),
          field('small', 3, TYPE_BOOL),
          field('format', 4, TYPE_STRING),
          // Set on results of add/sub: Kubernetes returns those as *Quantity, and its Quantity.Equal
          // only accepts a Quantity value on the right, so `q == x.add(y)` is an error there.
          field('derived', 5, TYPE_BOOL),
        ],
      },
      { name: 'Semver', field: [field('text', 1, TYPE_STRING)] },
    ],
  }),
  () => undefined,
);

function message(name: string): DescMessage {
  const desc = registry.getMessage(name);
  if (desc === undefined) throw new Error(`${name} is missing from the CEL registry`);
  return desc;
}

const QUANTITY_DESC = message('kubernetes.Quantity');
const SEMVER_DESC = message('kubernetes.Semver');
export const QUANTITY_TYPE = objectType(QUANTITY_DESC);
export const SEMVER_TYPE = objectType(SEMVER_DESC);

const quantities = new WeakMap<Message, Quantity>();
const derivedQuantities = new WeakSet<Message>();
const semvers = new WeakMap<Message, Semver>();

export function quantityValue(q: Quantity, derived = false): ReflectMessage {
  // A message is a plain object; building it directly skips create()'s generic field setup, which
  // dominated the cost of a class's device view.
  const msg: Message = {
    $typeName: QUANTITY_DESC.typeName,
    unscaled: q.unscaled.toString(),
    exp10: q.exp10,
    small: q.small,
    format: q.format,
    derived,
  } as Message;
  quantities.set(msg, q);
  if (derived) derivedQuantities.add(msg);
  return reflect(QUANTITY_DESC, msg, false);
}

export function semverValue(v: Semver, text: string): ReflectMessage {
  const msg = { $typeName: SEMVER_DESC.typeName, text } as Message;
  semvers.set(msg, v);
  return reflect(SEMVER_DESC, msg, false);
}

export function isQuantityValue(v: unknown): v is ReflectMessage {
  return isMessageOf(v, QUANTITY_DESC);
}

export function isSemverValue(v: unknown): v is ReflectMessage {
  return isMessageOf(v, SEMVER_DESC);
}

function isMessageOf(v: unknown, desc: DescMessage): v is ReflectMessage {
  return isReflectMessage(v) && v.desc === desc;
}

export function isDerivedQuantity(v: ReflectMessage): boolean {
  return derivedQuantities.has(v.message);
}

/** The Quantity a kubernetes.Quantity value holds (from the cache, else from its fields). */
export function quantityOf(v: ReflectMessage): Quantity {
  const cached = quantities.get(v.message);
  if (cached !== undefined) return cached;
  const get = (name: string): unknown => {
    const f = v.desc.fields.find((x) => x.name === name);
    return f === undefined ? undefined : v.get(f);
  };
  const q: Quantity = {
    unscaled: BigInt(String(get('unscaled'))),
    exp10: Number(get('exp10')),
    small: get('small') === true,
    format: String(get('format')) as QuantityFormat,
  };
  quantities.set(v.message, q);
  return q;
}

export function semverOf(v: ReflectMessage): Semver {
  const cached = semvers.get(v.message);
  if (cached !== undefined) return cached;
  const f = v.desc.fields.find((x) => x.name === 'text');
  const text = f === undefined ? undefined : v.get(f);
  const parsed = parseSemver(typeof text === 'string' ? text : '');
  if (!parsed.ok) throw new Error(`invalid kubernetes.Semver value: ${parsed.error}`);
  semvers.set(v.message, parsed.version);
  return parsed.version;
}
