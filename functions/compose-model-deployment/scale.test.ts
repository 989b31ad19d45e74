// `kubectl scale md/qwen --replicas=N` writes spec.replicas through the /scale subresource; the
// function must answer with status.replicas (scheduled) and status.selector, which /scale reads
// back (and which an HPA needs). Each resulting XR is validated against the real XRD.

import { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { runFunction } from '../../lib/runtime/handler.js';
import { inferenceClass, inferenceCluster, modelDeployment } from '../../tests/builders/fleet.js';
import { schemaProblems } from '../../tests/support/validate.js';
import { composeModelDeployment } from './fn.js';

type Obj = Record<string, unknown>;

describe('the /scale path', () => {
  it('answers every spec.replicas with the matching status.replicas and status.selector, valid against the XRD', () => {
    const clusters = [inferenceCluster('a'), inferenceCluster('b')];
    const classes = [inferenceClass('gpu-8x')];
    const items = (objs: readonly Obj[]) => ({ items: objs.map((resource) => ({ resource })) });
    const xrs: Obj[] = [];
    const seen = [0, 1, 2, 3].map((replicas) => {
      const md = modelDeployment('qwen', { replicas, topology: { tensor: 8 } });
      const rsp = runFunction(
        composeModelDeployment,
        RunFunctionRequest.fromPartial({
          observed: { composite: { resource: md } },
          requiredResources: { clusters: items(clusters), classes: items(classes), replicas: items([]) },
        }),
      );
      const status = rsp.desired?.composite?.resource?.status as { replicas: number; selector: string };
      xrs.push({ ...md, metadata: { ...md.metadata, name: `qwen-${replicas}` }, status });
      return { spec: replicas, status: status.replicas, selector: status.selector };
    });
    expect(seen).toEqual([
      { spec: 0, status: 0, selector: 'modelplane.ai/deployment=qwen' },
      { spec: 1, status: 1, selector: 'modelplane.ai/deployment=qwen' },
      { spec: 2, status: 2, selector: 'modelplane.ai/deployment=qwen' },
      // Two clusters with one 8-GPU node each: the third replica does not fit.
      { spec: 3, status: 2, selector: 'modelplane.ai/deployment=qwen' },
    ]);
    expect(schemaProblems(xrs)).toEqual([]);
  });
});
