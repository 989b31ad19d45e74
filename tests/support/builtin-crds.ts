// `crossplane resource validate` validates against CRDs. Kubernetes built-in kinds we compose on
// workload clusters (Namespace, DRA ResourceClaimTemplate) have no CRD, so this turns their
// schemas in the Kubernetes OpenAPI v3 documents (.crds/kubernetes) into equivalent
// CRDs at test time: $refs inlined, Kubernetes' special types (Quantity, IntOrString, Time)
// mapped to their CRD spellings, everything else kept.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { requireUpstreamCrds } from './paths.js';

type Schema = Record<string, unknown>;

interface BuiltinKind {
  readonly file: string;
  readonly schema: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly scope: 'Namespaced' | 'Cluster';
}

export const BUILTIN_KINDS: readonly BuiltinKind[] = [
  {
    file: 'api__v1_openapi.json',
    schema: 'io.k8s.api.core.v1.Namespace',
    group: '',
    version: 'v1',
    kind: 'Namespace',
    plural: 'namespaces',
    scope: 'Cluster',
  },
  {
    file: 'api__v1_openapi.json',
    schema: 'io.k8s.api.core.v1.Secret',
    group: '',
    version: 'v1',
    kind: 'Secret',
    plural: 'secrets',
    scope: 'Namespaced',
  },
  {
    file: 'apis__resource.k8s.io__v1_openapi.json',
    schema: 'io.k8s.api.resource.v1.ResourceClaimTemplate',
    group: 'resource.k8s.io',
    version: 'v1',
    kind: 'ResourceClaimTemplate',
    plural: 'resourceclaimtemplates',
    scope: 'Namespaced',
  },
];

const SPECIAL: Record<string, Schema> = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': {
    'x-kubernetes-int-or-string': true,
    anyOf: [{ type: 'integer' }, { type: 'string' }],
  },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    'x-kubernetes-int-or-string': true,
    anyOf: [{ type: 'integer' }, { type: 'string' }],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': { type: 'object' },
  'io.k8s.apimachinery.pkg.runtime.RawExtension': {
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
  },
};

function inline(node: unknown, schemas: Record<string, Schema>, depth: number): unknown {
  if (depth > 40) return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  if (Array.isArray(node)) return node.map((n) => inline(n, schemas, depth));
  if (typeof node !== 'object' || node === null) return node;
  const obj = node as Schema;
  const ref =
    (obj.$ref as string | undefined) ??
    ((obj.allOf as Schema[] | undefined)?.[0]?.$ref as string | undefined);
  if (ref !== undefined) {
    const name = ref.replace('#/components/schemas/', '');
    const special = SPECIAL[name];
    const target = special ?? (inline(schemas[name], schemas, depth + 1) as Schema);
    const rest: Schema = { ...obj };
    delete rest.$ref;
    delete rest.allOf;
    delete rest.default;
    return { ...target, ...(inline(rest, schemas, depth) as Schema) };
  }
  const out: Schema = {};
  for (const [k, v] of Object.entries(obj)) {
    if (
      k === 'x-kubernetes-group-version-kind' ||
      k === 'x-kubernetes-patch-strategy' ||
      k === 'x-kubernetes-patch-merge-key' ||
      k === 'x-kubernetes-unions'
    )
      continue;
    if (k === 'description') continue;
    out[k] =
      k === 'properties'
        ? Object.fromEntries(Object.entries(v as Schema).map(([p, s]) => [p, inline(s, schemas, depth + 1)]))
        : inline(v, schemas, depth + 1);
  }
  return out;
}

let cached: string | undefined;

/** A directory of CRDs equivalent to the built-in kinds' schemas (made once per process). */
export function builtinCrdsDir(): string {
  if (cached !== undefined) return cached;
  const dir = join(tmpdir(), `modelplane-builtin-crds-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const docs = new Map<string, Record<string, Schema>>();
  for (const k of BUILTIN_KINDS) {
    let schemas = docs.get(k.file);
    if (schemas === undefined) {
      const doc = JSON.parse(readFileSync(join(requireUpstreamCrds(), 'kubernetes', k.file), 'utf8')) as {
        components: { schemas: Record<string, Schema> };
      };
      schemas = doc.components.schemas;
      docs.set(k.file, schemas);
    }
    const root = inline(schemas[k.schema], schemas, 0) as Schema;
    const group = k.group === '' ? 'core.builtin.k8s.io' : k.group;
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${k.plural}.${group}` },
      spec: {
        group: k.group,
        names: { kind: k.kind, plural: k.plural, singular: k.kind.toLowerCase(), listKind: `${k.kind}List` },
        scope: k.scope,
        versions: [{ name: k.version, served: true, storage: true, schema: { openAPIV3Schema: root } }],
      },
    };
    writeFileSync(join(dir, `${group}_${k.plural}.yaml`), stringify(crd, { lineWidth: 0 }));
  }
  cached = dir;
  return dir;
}
