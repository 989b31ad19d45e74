// Small builders for the OpenAPI v3 (structural) schemas of our XRDs. The XRDs in apis/*/definition.yaml
// are generated from these files (`npm run generate`); a test fails when they are out of date.

export type Schema = Record<string, unknown>;

export interface Rule {
  readonly rule: string;
  readonly message: string;
  readonly fieldPath?: string;
  readonly reason?:
    'FieldValueInvalid' | 'FieldValueForbidden' | 'FieldValueRequired' | 'FieldValueDuplicate';
}

interface Common {
  description?: string | undefined;
  default?: unknown;
  rules?: readonly Rule[] | undefined;
}

function withCommon(schema: Schema, c: Common): Schema {
  const out: Schema = { ...schema };
  if (c.description !== undefined) out.description = c.description;
  if (c.default !== undefined) out.default = c.default;
  if (c.rules !== undefined && c.rules.length > 0) out['x-kubernetes-validations'] = c.rules;
  return out;
}

export function str(
  o: Common & {
    minLength?: number;
    maxLength?: number;
    pattern?: string;
    enum?: readonly string[];
    format?: string;
  } = {},
): Schema {
  const { description, default: def, rules, ...rest } = o;
  const s: Schema = { type: 'string' };
  if (rest.enum !== undefined) s.enum = rest.enum;
  if (rest.format !== undefined) s.format = rest.format;
  if (rest.minLength !== undefined) s.minLength = rest.minLength;
  // Every string is bounded so that CEL rules over it have a known cost.
  s.maxLength = rest.maxLength ?? (rest.enum ? Math.max(...rest.enum.map((e) => e.length)) : 253);
  if (rest.pattern !== undefined) s.pattern = rest.pattern;
  return withCommon(s, { description, default: def, rules });
}

export function int(
  o: Common & { minimum?: number; maximum?: number; format?: 'int32' | 'int64' } = {},
): Schema {
  const s: Schema = { type: 'integer' };
  if (o.format !== undefined) s.format = o.format;
  if (o.minimum !== undefined) s.minimum = o.minimum;
  if (o.maximum !== undefined) s.maximum = o.maximum;
  return withCommon(s, o);
}

export function bool(o: Common = {}): Schema {
  return withCommon({ type: 'boolean' }, o);
}

export function obj(
  properties: Record<string, Schema>,
  o: Common & { required?: readonly string[]; maxProperties?: number } = {},
): Schema {
  const s: Schema = { type: 'object', properties };
  if (o.required !== undefined && o.required.length > 0) s.required = o.required;
  return withCommon(s, o);
}

/** A map with bounded size (so CEL over its keys fits the cost budget). */
export function map(values: Schema, o: Common & { maxProperties: number; keyRule?: Rule }): Schema {
  const rules = [...(o.keyRule ? [o.keyRule] : []), ...(o.rules ?? [])];
  return withCommon(
    { type: 'object', maxProperties: o.maxProperties, additionalProperties: values },
    { ...o, rules },
  );
}

export function arr(
  items: Schema,
  o: Common & {
    minItems?: number;
    maxItems: number;
    listType?: 'atomic' | 'set' | 'map';
    mapKeys?: readonly string[];
  },
): Schema {
  const s: Schema = { type: 'array' };
  if (o.minItems !== undefined) s.minItems = o.minItems;
  s.maxItems = o.maxItems;
  s.items = items;
  if (o.listType !== undefined) s['x-kubernetes-list-type'] = o.listType;
  if (o.mapKeys !== undefined) s['x-kubernetes-list-map-keys'] = o.mapKeys;
  return withCommon(s, o);
}

/** An object kept as given (subsets of Kubernetes types we pass through unchanged). */
export function opaque(description: string): Schema {
  return { type: 'object', description, 'x-kubernetes-preserve-unknown-fields': true };
}

/** The pattern Kubernetes CRDs use for resource.Quantity. */
export const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

export function quantity(o: Common = {}): Schema {
  return withCommon(
    {
      anyOf: [{ type: 'integer' }, { type: 'string' }],
      pattern: QUANTITY_PATTERN,
      'x-kubernetes-int-or-string': true,
    },
    o,
  );
}

/** Strict semantic versions (semver.org's recommended expression). */
export const SEMVER_PATTERN =
  '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$';

export const DNS_LABEL_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

export interface PrinterColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  readonly jsonPath: string;
  readonly description?: string;
  readonly priority?: number;
}

export interface XrdSpec {
  readonly kind: string;
  readonly plural: string;
  readonly shortName: string;
  readonly scope: 'Cluster' | 'Namespaced';
  readonly description: string;
  readonly spec: Schema;
  readonly status: Schema;
  readonly printerColumns: readonly PrinterColumn[];
  readonly scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath: string };
}

export const GROUP = 'modelplane.ai';
export const VERSION = 'v1alpha1';

/** The whole CompositeResourceDefinition object. */
export function xrd(x: XrdSpec): Schema {
  const version: Schema = {
    name: VERSION,
    served: true,
    referenceable: true,
    additionalPrinterColumns: x.printerColumns,
    schema: {
      openAPIV3Schema: {
        type: 'object',
        description: x.description,
        properties: { spec: x.spec, status: x.status },
        required: ['spec'],
      },
    },
  };
  if (x.scale) version.subresources = { scale: x.scale };
  return {
    apiVersion: 'apiextensions.crossplane.io/v2',
    kind: 'CompositeResourceDefinition',
    metadata: { name: `${x.plural}.${GROUP}` },
    spec: {
      group: GROUP,
      names: {
        kind: x.kind,
        listKind: `${x.kind}List`,
        plural: x.plural,
        singular: x.kind.toLowerCase(),
        shortNames: [x.shortName],
        categories: ['crossplane', 'modelplane'],
      },
      scope: x.scope,
      defaultCompositionRef: { name: `${x.plural}.${GROUP}` },
      versions: [version],
    },
  };
}
