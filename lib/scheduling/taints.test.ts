import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from '../apis/index.js';
import { describeTaint, drainingTaint, repellingTaint, toleratesTaint } from './taints.js';

const maintenance: Taint = { key: 'maintenance', value: 'true', effect: 'NoExecute' };

describe('toleratesTaint', () => {
  const cases: { name: string; toleration: Toleration; taint: Taint; want: boolean }[] = [
    {
      name: 'Equal with the same key, value and effect tolerates',
      toleration: { key: 'maintenance', operator: 'Equal', value: 'true', effect: 'NoExecute' },
      taint: maintenance,
      want: true,
    },
    {
      name: 'Equal is the default operator',
      toleration: { key: 'maintenance', value: 'true' },
      taint: maintenance,
      want: true,
    },
    {
      name: 'Equal with another value does not tolerate',
      toleration: { key: 'maintenance', value: 'false' },
      taint: maintenance,
      want: false,
    },
    {
      name: 'Equal without a value matches a taint without a value',
      toleration: { key: 'dedicated' },
      taint: { key: 'dedicated', effect: 'NoSchedule' },
      want: true,
    },
    {
      name: 'Exists ignores the value',
      toleration: { key: 'maintenance', operator: 'Exists' },
      taint: maintenance,
      want: true,
    },
    {
      name: 'Exists with another key does not tolerate',
      toleration: { key: 'dedicated', operator: 'Exists' },
      taint: maintenance,
      want: false,
    },
    {
      name: 'Exists without a key tolerates every taint',
      toleration: { operator: 'Exists' },
      taint: maintenance,
      want: true,
    },
    {
      name: 'an effect on the toleration must equal the taint effect',
      toleration: { key: 'maintenance', operator: 'Exists', effect: 'NoSchedule' },
      taint: maintenance,
      want: false,
    },
  ];
  it.each(cases)('$name', ({ toleration, taint, want }) => {
    expect(toleratesTaint(toleration, taint)).toBe(want);
  });
});

describe('repellingTaint and drainingTaint', () => {
  const noSchedule: Taint = { key: 'dedicated', value: 'batch', effect: 'NoSchedule' };
  const prefer: Taint = { key: 'spot', effect: 'PreferNoSchedule' };
  const cases: {
    name: string;
    taints: Taint[] | undefined;
    tolerations: Toleration[] | undefined;
    repelling: Taint | undefined;
    draining: Taint | undefined;
  }[] = [
    {
      name: 'no taints neither repel nor drain',
      taints: undefined,
      tolerations: undefined,
      repelling: undefined,
      draining: undefined,
    },
    {
      name: 'PreferNoSchedule never repels',
      taints: [prefer],
      tolerations: undefined,
      repelling: undefined,
      draining: undefined,
    },
    {
      name: 'NoSchedule repels but does not drain',
      taints: [noSchedule],
      tolerations: [],
      repelling: noSchedule,
      draining: undefined,
    },
    {
      name: 'NoExecute repels and drains',
      taints: [maintenance],
      tolerations: [],
      repelling: maintenance,
      draining: maintenance,
    },
    {
      name: 'the first untolerated taint in cluster order is named',
      taints: [prefer, noSchedule, maintenance],
      tolerations: [],
      repelling: noSchedule,
      draining: maintenance,
    },
    {
      name: 'a tolerated NoSchedule taint lets the next one repel',
      taints: [noSchedule, maintenance],
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'batch' }],
      repelling: maintenance,
      draining: maintenance,
    },
    {
      name: 'a toleration for NoSchedule only does not stop a NoExecute drain',
      taints: [maintenance],
      tolerations: [{ key: 'maintenance', operator: 'Exists', effect: 'NoSchedule' }],
      repelling: maintenance,
      draining: maintenance,
    },
    {
      name: 'tolerating everything leaves nothing',
      taints: [noSchedule, maintenance],
      tolerations: [{ operator: 'Exists' }],
      repelling: undefined,
      draining: undefined,
    },
  ];
  it.each(cases)('$name', ({ taints, tolerations, repelling, draining }) => {
    expect({
      repelling: repellingTaint(taints, tolerations),
      draining: drainingTaint(taints, tolerations),
    }).toEqual({
      repelling,
      draining,
    });
  });
});

describe('describeTaint', () => {
  it('prints key and value like kube-scheduler, and only the key when there is no value', () => {
    expect([describeTaint(maintenance), describeTaint({ key: 'gpu-drain', effect: 'NoSchedule' })]).toEqual([
      '{maintenance: true}',
      '{gpu-drain}',
    ]);
  });
});
