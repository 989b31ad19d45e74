import { describe, expect, it } from 'vitest';
import type { LabelSelector } from './apis/common.js';
import { matchesSelector } from './selector.js';

const labels = { region: 'us-east1', tier: 'prod', gpu: 'h200' };

describe('matchesSelector (Kubernetes LabelSelector semantics)', () => {
  const cases: { name: string; selector: LabelSelector | undefined; want: boolean }[] = [
    { name: 'no selector matches everything', selector: undefined, want: true },
    { name: 'an empty selector matches everything', selector: {}, want: true },
    {
      name: 'matchLabels must all match',
      selector: { matchLabels: { region: 'us-east1', tier: 'prod' } },
      want: true,
    },
    {
      name: 'one differing label fails matchLabels',
      selector: { matchLabels: { region: 'us-east1', tier: 'dev' } },
      want: false,
    },
    {
      name: 'In matches a listed value',
      selector: {
        matchExpressions: [{ key: 'region', operator: 'In', values: ['us-central1', 'us-east1'] }],
      },
      want: true,
    },
    {
      name: 'In fails when the label is missing',
      selector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
      want: false,
    },
    {
      name: 'NotIn matches when the label is missing',
      selector: { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] },
      want: true,
    },
    {
      name: 'NotIn fails on a listed value',
      selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['prod'] }] },
      want: false,
    },
    {
      name: 'Exists needs the key, whatever the value',
      selector: { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] },
      want: true,
    },
    {
      name: 'DoesNotExist fails when the key is there',
      selector: { matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' }] },
      want: false,
    },
    {
      name: 'matchLabels and matchExpressions are ANDed',
      selector: {
        matchLabels: { tier: 'prod' },
        matchExpressions: [{ key: 'region', operator: 'In', values: ['eu-west1'] }],
      },
      want: false,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(matchesSelector(labels, c.selector)).toBe(c.want);
    });
  }

  it('does not treat inherited object properties as labels', () => {
    expect(matchesSelector({}, { matchExpressions: [{ key: 'toString', operator: 'Exists' }] })).toBe(false);
  });
});
