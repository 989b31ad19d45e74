// The API reference (docs/api.md), generated from the XRDs' schema sources so it cannot drift:
// every field with its type, bounds, default and description, and every admission rule with its
// message. `npm run generate:docs` writes it; cli/generated.test.ts fails when it is stale.

import { XRDS } from '../apis/schema/kinds.js';
import {
  DNS_LABEL_PATTERN,
  QUANTITY_PATTERN,
  SEMVER_PATTERN,
  type PrinterColumn,
  type Schema,
} from '../apis/schema/openapi.js';

interface Xrd {
  spec: {
    group: string;
    scope: string;
    names: { kind: string; plural: string; shortNames: string[]; categories: string[] };
    versions: {
      name: string;
      additionalPrinterColumns: PrinterColumn[];
      schema: { openAPIV3Schema: Schema };
      subresources?: { scale?: Record<string, string> };
    }[];
  };
}

const NAMED_PATTERNS: Readonly<Record<string, string>> = {
  [QUANTITY_PATTERN]: 'a Kubernetes Quantity, e.g. `141Gi`',
  [SEMVER_PATTERN]: 'a semantic version, e.g. `9.0.0`',
  [DNS_LABEL_PATTERN]: 'a DNS label',
};

function obj(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function code(value: unknown): string {
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

/** "integer, 1–64, default `1`": the type and every bound of one field. */
function typeText(s: Schema, required: boolean): string {
  const parts: string[] = [];
  if (s['x-kubernetes-int-or-string'] === true) parts.push('integer or string');
  else if (s['x-kubernetes-preserve-unknown-fields'] === true && s.properties === undefined)
    parts.push('object (any fields)');
  else if (s.additionalProperties !== undefined)
    parts.push(`map of ${text(obj(s.additionalProperties).type) || 'object'}`);
  else parts.push(typeof s.type === 'string' ? s.type : 'any');
  if (required) parts.push('**required**');
  if (Array.isArray(s.enum)) parts.push(`one of ${s.enum.map(code).join(', ')}`);
  const min = s.minimum;
  const max = s.maximum;
  if (typeof min === 'number' && typeof max === 'number') parts.push(`${min}–${max}`);
  else if (typeof min === 'number') parts.push(`≥ ${min}`);
  else if (typeof max === 'number') parts.push(`≤ ${max}`);
  const count = (n: number, what: string) =>
    n === 1 ? `1 ${what}` : `${n} ${what === 'entry' ? 'entries' : `${what}s`}`;
  if (typeof s.minItems === 'number') parts.push(`at least ${count(s.minItems, 'item')}`);
  if (typeof s.maxItems === 'number') parts.push(`at most ${count(s.maxItems, 'item')}`);
  if (typeof s.maxProperties === 'number') parts.push(`at most ${count(s.maxProperties, 'entry')}`);
  if (typeof s.minLength === 'number' && s.minLength > 0) parts.push(`non-empty`);
  if (typeof s.maxLength === 'number' && !Array.isArray(s.enum)) parts.push(`≤ ${s.maxLength} characters`);
  if (typeof s.pattern === 'string') parts.push(NAMED_PATTERNS[s.pattern] ?? `matching ${code(s.pattern)}`);
  if (s['x-kubernetes-list-type'] === 'map') {
    const keys = Array.isArray(s['x-kubernetes-list-map-keys']) ? s['x-kubernetes-list-map-keys'] : [];
    parts.push(`unique by ${keys.map(code).join(', ')}`);
  }
  if (s.default !== undefined) parts.push(`default ${code(s.default)}`);
  return parts.join(', ');
}

interface Row {
  readonly path: string;
  readonly type: string;
  readonly description: string;
}

interface Rule {
  readonly path: string;
  readonly message: string;
}

function walk(s: Schema, path: string, required: boolean, rows: Row[], rules: Rule[]): void {
  if (path !== '')
    rows.push({
      path,
      type: typeText(s, required),
      description: typeof s.description === 'string' ? s.description : '',
    });
  for (const r of Array.isArray(s['x-kubernetes-validations']) ? s['x-kubernetes-validations'] : []) {
    rules.push({ path: path === '' ? '.' : path, message: String(obj(r).message) });
  }
  const props = obj(s.properties);
  const req = new Set(Array.isArray(s.required) ? s.required : []);
  for (const key of Object.keys(props))
    walk(obj(props[key]), path === '' ? key : `${path}.${key}`, req.has(key), rows, rules);
  if (s.items !== undefined) walk(obj(s.items), `${path}[]`, false, rows, rules);
  const additional = obj(s.additionalProperties);
  if (
    Object.keys(additional).length > 0 &&
    (additional.properties !== undefined || additional['x-kubernetes-validations'] !== undefined)
  ) {
    walk(additional, `${path}.<key>`, false, rows, rules);
  }
}

function section(title: string, schema: Schema, prefix: string): string[] {
  const rows: Row[] = [];
  const rules: Rule[] = [];
  walk(schema, '', false, rows, rules);
  const lines = [`### ${title}`, ''];
  if (rows.length === 0) {
    lines.push('Only the conditions Crossplane writes (`Ready`, `Synced`) and those listed below.', '');
  } else {
    lines.push('| Field | Type | Description |', '|---|---|---|');
    for (const r of rows)
      lines.push(`| \`${prefix}.${r.path}\` | ${cell(r.type)} | ${cell(r.description)} |`);
    lines.push('');
  }
  if (rules.length > 0) {
    lines.push('Admission rules:', '');
    for (const r of rules)
      lines.push(`- \`${r.path === '.' ? prefix : `${prefix}.${r.path}`}\`: ${r.message}`);
    lines.push('');
  }
  return lines;
}

export function apiReference(): string {
  const xrds = Object.values(XRDS).map((x) => x as unknown as Xrd);
  const lines = [
    '# API reference',
    '',
    '<!-- Generated by `npm run generate:docs` from apis/schema/*.ts (the source of the XRDs). Do not edit by hand. -->',
    '',
    'Every kind is in group `modelplane.ai`, version `v1alpha1`. Its status carries the conditions Crossplane',
    "writes (`Ready`, `Synced`) and those its function sets (each function's doc comment lists them). Everything",
    'below is checked at admission by the XRD, so `kubectl apply` and `modelplane plan` refuse the same objects.',
    '',
    '| Kind | Scope | Short name | What it is |',
    '|---|---|---|---|',
  ];
  for (const x of xrds) {
    const { names, scope } = x.spec;
    const description = text(x.spec.versions[0]?.schema.openAPIV3Schema.description);
    lines.push(
      `| [${names.kind}](#${names.kind.toLowerCase()}) | ${scope} | \`${names.shortNames.join(', ')}\` | ${cell(description)} |`,
    );
  }
  lines.push('');
  for (const x of xrds) {
    const { names, scope, group } = x.spec;
    const version = x.spec.versions[0];
    if (version === undefined) continue;
    const root = version.schema.openAPIV3Schema;
    const props = obj(root.properties);
    lines.push(`## ${names.kind}`, '', text(root.description), '');
    lines.push(
      `\`apiVersion: ${group}/${version.name}\` · ${scope === 'Cluster' ? 'cluster-scoped' : 'namespaced'} · ` +
        `\`kubectl get ${names.plural}\` (short name \`${names.shortNames.join(', ')}\`, categories ${names.categories.map(code).join(', ')})`,
      '',
    );
    const columns = version.additionalPrinterColumns;
    if (columns.length > 0) {
      lines.push(`Columns: ${columns.map((c) => `${c.name} (\`${c.jsonPath}\`)`).join(', ')}.`, '');
    }
    const scale = version.subresources?.scale;
    if (scale !== undefined) {
      lines.push(
        `Scale subresource: \`${scale.specReplicasPath}\` ↔ \`${scale.statusReplicasPath}\`, selector \`${scale.labelSelectorPath}\` ` +
          '(`kubectl scale` and KEDA work on it).',
        '',
      );
    }
    lines.push(
      ...section('spec', obj(props.spec), 'spec'),
      ...section('status', obj(props.status), 'status'),
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
