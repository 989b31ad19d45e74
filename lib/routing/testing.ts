// Test support for the routing functions' whole-response tables (imported by tests only): a
// request builder, and the expected RunFunctionResponse written out in protobuf terms, independent
// of lib/runtime/response.ts, so a regression in `emit` fails these tables too.

import {
  Ready,
  RunFunctionRequest,
  Severity,
  Status,
  Target,
  type ResourceSelector,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';

export interface RequestParts {
  readonly xr: object;
  /** Observed composed resources by key. */
  readonly observed?: Readonly<Record<string, object>>;
  /** Required resources by requirement key; a key that is absent is "not fetched yet". */
  readonly required?: Readonly<Record<string, readonly object[]>>;
}

export function request(parts: RequestParts): RunFunctionRequest {
  return RunFunctionRequest.fromPartial({
    meta: { tag: 'test' },
    observed: {
      composite: { resource: parts.xr },
      resources: Object.fromEntries(
        Object.entries(parts.observed ?? {}).map(([key, resource]) => [key, { resource }]),
      ),
    },
    requiredResources: Object.fromEntries(
      Object.entries(parts.required ?? {}).map(([key, items]) => [
        key,
        { items: items.map((resource) => ({ resource })) },
      ]),
    ),
  });
}

export type ReadyFlag = 'True' | 'False' | 'Unspecified';

const READY: Record<ReadyFlag, Ready> = {
  True: Ready.READY_TRUE,
  False: Ready.READY_FALSE,
  Unspecified: Ready.READY_UNSPECIFIED,
};

const CONDITION_STATUS = {
  True: Status.STATUS_CONDITION_TRUE,
  False: Status.STATUS_CONDITION_FALSE,
  Unknown: Status.STATUS_CONDITION_UNKNOWN,
} as const;

export interface ExpectedParts {
  /** The desired XR: absent when the function sets neither status nor readiness. */
  readonly composite?: {
    readonly apiVersion: string;
    readonly kind: string;
    readonly status?: object;
    readonly ready: ReadyFlag;
  };
  readonly resources?: Readonly<Record<string, { readonly resource: object; readonly ready: ReadyFlag }>>;
  readonly conditions?: readonly {
    readonly type: string;
    readonly status: keyof typeof CONDITION_STATUS;
    readonly reason: string;
    readonly message: string;
  }[];
  readonly warnings?: readonly { readonly reason: string; readonly message: string }[];
  readonly requirements?: Readonly<Record<string, ResourceSelector>>;
}

export function response(parts: ExpectedParts): RunFunctionResponse {
  const c = parts.composite;
  return {
    meta: { tag: 'test', ttl: { seconds: 60, nanos: 0 } },
    desired: {
      composite:
        c === undefined
          ? undefined
          : {
              resource: {
                apiVersion: c.apiVersion,
                kind: c.kind,
                ...(c.status === undefined ? {} : { status: c.status }),
              },
              connectionDetails: {},
              ready: READY[c.ready],
            },
      resources: Object.fromEntries(
        Object.entries(parts.resources ?? {}).map(([key, r]) => [
          key,
          { resource: r.resource, connectionDetails: {}, ready: READY[r.ready] },
        ]),
      ),
    },
    results: (parts.warnings ?? []).map((w) => ({
      severity: Severity.SEVERITY_WARNING,
      message: w.message,
      reason: w.reason,
      target: Target.TARGET_COMPOSITE,
    })),
    context: undefined,
    requirements: { extraResources: {}, resources: parts.requirements ?? {}, schemas: {} },
    conditions: (parts.conditions ?? []).map((x) => ({
      type: x.type,
      status: CONDITION_STATUS[x.status],
      reason: x.reason,
      message: x.message,
      target: Target.TARGET_COMPOSITE,
    })),
  };
}
