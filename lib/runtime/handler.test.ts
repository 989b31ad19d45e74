import { RunFunctionRequest, Severity, Target } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { causeOf, describeComposite, runFunction, type CompositionFunction } from './handler.js';

const boom: CompositionFunction = {
  name: 'boom',
  compose: () => {
    throw new Error('the ledger went negative\nstack line');
  },
};

describe('runFunction', () => {
  it('turns any exception into one Fatal result "cannot compose <Kind> <ns/name>: <cause>"', () => {
    const req = RunFunctionRequest.fromPartial({
      meta: { tag: 'abc' },
      observed: {
        composite: { resource: { kind: 'ModelDeployment', metadata: { name: 'qwen', namespace: 'ml' } } },
      },
    });
    expect(runFunction(boom, req)).toEqual({
      meta: { tag: 'abc', ttl: { seconds: 60, nanos: 0 } },
      desired: { composite: undefined, resources: {} },
      results: [
        {
          severity: Severity.SEVERITY_FATAL,
          message: 'cannot compose ModelDeployment ml/qwen: the ledger went negative',
          target: Target.TARGET_COMPOSITE,
        },
      ],
      context: undefined,
      requirements: { extraResources: {}, resources: {}, schemas: {} },
      conditions: [],
    });
  });

  it('also catches failures while emitting (a value JSON cannot carry)', () => {
    const bad: CompositionFunction = {
      name: 'bad',
      compose: () => ({ status: { x: Number.POSITIVE_INFINITY } }),
    };
    const rsp = runFunction(
      bad,
      RunFunctionRequest.fromPartial({
        observed: { composite: { resource: { kind: 'ModelService', metadata: { name: 's' } } } },
      }),
    );
    expect(rsp.results).toEqual([
      {
        severity: Severity.SEVERITY_FATAL,
        message: 'cannot compose ModelService s: $.status.x: Infinity is not a finite number',
        target: Target.TARGET_COMPOSITE,
      },
    ]);
  });
});

describe('describeComposite and causeOf', () => {
  it('name the XR as precisely as the request allows', () => {
    const d = (resource?: Record<string, unknown>) =>
      describeComposite(
        RunFunctionRequest.fromPartial(
          resource === undefined ? {} : { observed: { composite: { resource } } },
        ),
      );
    expect([
      d(),
      d({ kind: 'InferenceClass', metadata: { name: 'h200' } }),
      d({ kind: 'InferenceClass' }),
      d({ metadata: { name: 'x' } }),
    ]).toEqual(['composite resource', 'InferenceClass h200', 'InferenceClass', 'composite resource x']);
  });
  it('keep the first line of any thrown value', () => {
    expect([causeOf(new Error('a\nb')), causeOf('plain'), causeOf(42)]).toEqual(['a', 'plain', '42']);
  });
});
