// The structural validator speaks the API server's language, keyword by keyword, and defaulting
// fills what the API server would.

import { describe, expect, it } from 'vitest';
import { applyDefaults, unknownField, validateSchema, type Schema } from './schema.js';

const schema: Schema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 5, pattern: '^[a-z]+$' },
    replicas: { type: 'integer', minimum: 0, maximum: 10, default: 1 },
    source: { type: 'string', enum: ['GKE', 'EKS'] },
    size: {
      'x-kubernetes-int-or-string': true,
      anyOf: [{ type: 'integer' }, { type: 'string' }],
      pattern: '^[0-9]+Gi$',
    },
    pools: {
      type: 'array',
      minItems: 1,
      maxItems: 2,
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, nodes: { type: 'integer', default: 1 } },
      },
    },
    labels: { type: 'object', maxProperties: 2, additionalProperties: { type: 'string' } },
    template: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    scheduler: {
      type: 'object',
      default: {},
      properties: {
        type: { type: 'string', default: 'None' },
        queue: { type: 'string', default: 'modelplane' },
      },
    },
  },
};

describe('validateSchema', () => {
  const cases: { name: string; value: unknown; want: { path: string; problem: string }[] }[] = [
    { name: 'accepts a valid object', value: { name: 'ab', replicas: 3, pools: [{ name: 'a' }] }, want: [] },
    {
      name: 'reports a missing required field',
      value: {},
      want: [{ path: 'name', problem: 'Required value' }],
    },
    {
      name: 'reports a wrong type and does not look further into it',
      value: { name: 'ab', replicas: 'two' },
      want: [{ path: 'replicas', problem: 'Invalid value: "two": must be of type integer' }],
    },
    {
      name: 'reports every string bound',
      value: { name: 'ABCDEF' },
      want: [
        { path: 'name', problem: 'Too long: may not be more than 5 characters' },
        { path: 'name', problem: `Invalid value: "ABCDEF": should match '^[a-z]+$'` },
      ],
    },
    {
      name: 'reports numbers out of range',
      value: { name: 'a', replicas: 11 },
      want: [{ path: 'replicas', problem: 'Invalid value: 11: must be less than or equal to 10' }],
    },
    {
      name: 'lists the supported values of an enum',
      value: { name: 'a', source: 'GCP' },
      want: [{ path: 'source', problem: 'Unsupported value: "GCP": supported values: "GKE", "EKS"' }],
    },
    {
      name: 'accepts an integer or a matching string for int-or-string, nothing else',
      value: { name: 'a', size: 0.5 },
      want: [{ path: 'size', problem: 'Invalid value: 0.5: must be an integer or a string' }],
    },
    {
      name: 'checks the pattern of an int-or-string string',
      value: { name: 'a', size: '4 GB' },
      want: [{ path: 'size', problem: `Invalid value: "4 GB": should match '^[0-9]+Gi$'` }],
    },
    {
      name: 'reports list bounds and duplicate list-map keys with the index',
      value: { name: 'a', pools: [{ name: 'x' }, { name: 'x' }, { name: 'y' }] },
      want: [
        { path: 'pools', problem: 'Too many: 3: must have at most 2 items' },
        { path: 'pools[1]', problem: 'Duplicate value: {"name":"x"}' },
      ],
    },
    {
      name: 'validates map values and bounds the number of entries',
      value: { name: 'a', labels: { a: 'x', b: 2, c: 'z' } },
      want: [
        { path: 'labels', problem: 'Too many: 3: must have at most 2 items' },
        { path: 'labels.b', problem: 'Invalid value: 2: must be of type string' },
      ],
    },
    {
      name: 'reports unknown fields, suggesting the closest known one',
      value: { name: 'a', replica: 2, colour: 'red' },
      want: [
        { path: 'replica', problem: 'unknown field (did you mean "replicas"?)' },
        { path: 'colour', problem: 'unknown field' },
      ],
    },
    {
      name: 'accepts anything under preserve-unknown-fields',
      value: { name: 'a', template: { spec: { anything: [1, { deep: true }] } } },
      want: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(validateSchema(schema, c.value)).toEqual(c.want);
    });
  }
});

describe('applyDefaults', () => {
  it('fills missing fields, inside defaulted objects and list items too, and keeps what is set', () => {
    expect(applyDefaults(schema, { name: 'a', pools: [{ name: 'x' }, { name: 'y', nodes: 3 }] })).toEqual({
      name: 'a',
      replicas: 1,
      pools: [
        { name: 'x', nodes: 1 },
        { name: 'y', nodes: 3 },
      ],
      scheduler: { type: 'None', queue: 'modelplane' },
    });
  });

  it('does not change its input', () => {
    const input = { name: 'a' };
    applyDefaults(schema, input);
    expect(input).toEqual({ name: 'a' });
  });
});

describe('unknownField', () => {
  it('suggests a field only when it is a near miss', () => {
    expect([
      unknownField('nodepools', ['nodePools', 'source']),
      unknownField('clusterSelecter', ['clusterSelector', 'replicas']),
      unknownField('foo', ['nodePools', 'source']),
    ]).toEqual([
      'unknown field (did you mean "nodePools"?)',
      'unknown field (did you mean "clusterSelector"?)',
      'unknown field',
    ]);
  });
});
