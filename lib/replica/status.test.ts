import { describe, expect, it } from 'vitest';
import {
  isServing,
  liftedConditions,
  MAX_LIFTED,
  remoteManifest,
  remoteUrl,
  servingCondition,
} from './status.js';

const observedObject = (status: unknown) => ({
  apiVersion: 'kubernetes.m.crossplane.io/v1alpha1',
  kind: 'Object',
  status: { atProvider: { manifest: { kind: 'LLMInferenceService', status } } },
});

describe('remoteManifest', () => {
  it('reads the remote object from status.atProvider.manifest, and nothing before the first observation', () => {
    expect(remoteManifest(observedObject({ url: 'http://x' }))).toEqual({
      kind: 'LLMInferenceService',
      status: { url: 'http://x' },
    });
    expect(remoteManifest(undefined)).toBeUndefined();
    expect(remoteManifest({ status: { atProvider: {} } })).toBeUndefined();
    expect(remoteManifest({ status: 'garbage' })).toBeUndefined();
  });
});

describe('servingCondition', () => {
  const CASES: readonly [string, unknown, ReturnType<typeof servingCondition>][] = [
    [
      'no status yet: waiting for the service',
      undefined,
      {
        type: 'Serving',
        status: 'False',
        reason: 'WaitingForService',
        message: 'The LLMInferenceService has not reported Ready yet',
      },
    ],
    [
      'Ready True without a reason: Serving',
      { conditions: [{ type: 'Ready', status: 'True' }] },
      { type: 'Serving', status: 'True', reason: 'Serving' },
    ],
    [
      'Ready False: KServe’s reason and message lifted',
      { conditions: [{ type: 'Ready', status: 'False', reason: 'RouterNotReady', message: 'no Gateway' }] },
      { type: 'Serving', status: 'False', reason: 'RouterNotReady', message: 'no Gateway' },
    ],
    [
      'Ready Unknown without a reason is not serving',
      { conditions: [{ type: 'Ready', status: 'Unknown' }] },
      { type: 'Serving', status: 'False', reason: 'NotServing' },
    ],
  ];
  for (const [name, status, expected] of CASES) {
    it(name, () => {
      const remote = remoteManifest(observedObject(status));
      expect(servingCondition(remote)).toEqual(expected);
      expect(isServing(remote)).toBe(expected.status === 'True');
    });
  }
});

describe('liftedConditions', () => {
  it('lifts every other remote condition under its own type, sorted, skipping types we or Crossplane own and malformed ones', () => {
    const remote = remoteManifest(
      observedObject({
        conditions: [
          { type: 'RouterReady', status: 'False', reason: 'GatewayMissing', message: 'no gateway' },
          { type: 'Ready', status: 'False' },
          { type: 'Synced', status: 'True' },
          { type: 'Responsive', status: 'True' },
          { type: 'Deployed', status: 'True' },
          { type: 'Serving', status: 'True' },
          { type: 'MainWorkloadReady', status: 'True', reason: '', message: '' },
          { type: 'Broken', status: 'Yes' },
          { status: 'True' },
          'not a condition',
        ],
      }),
    );
    expect(liftedConditions(remote)).toEqual([
      { type: 'MainWorkloadReady', status: 'True', reason: 'MainWorkloadReady' },
      { type: 'RouterReady', status: 'False', reason: 'GatewayMissing', message: 'no gateway' },
    ]);
  });

  it(`keeps at most ${MAX_LIFTED}`, () => {
    const conditions = Array.from({ length: 20 }, (_, i) => ({
      type: `C${String(i).padStart(2, '0')}`,
      status: 'True',
    }));
    const lifted = liftedConditions(remoteManifest(observedObject({ conditions })));
    expect(lifted.map((c) => c.type)).toEqual(conditions.slice(0, MAX_LIFTED).map((c) => c.type));
  });
});

describe('remoteUrl', () => {
  it('is the remote status.url when it is a non-empty string', () => {
    expect(remoteUrl(remoteManifest(observedObject({ url: 'http://203.0.113.10/ml-team/q' })))).toBe(
      'http://203.0.113.10/ml-team/q',
    );
    expect(remoteUrl(remoteManifest(observedObject({ url: '' })))).toBeUndefined();
    expect(remoteUrl(remoteManifest(observedObject({ url: 42 })))).toBeUndefined();
  });
});
