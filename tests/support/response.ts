// Expected RunFunctionResponses for whole-response tables, written directly in protobuf terms
// (not through lib/runtime's emit), so a test compares a function against an independent value.
// Every function's tests build their expectations with this one builder.

import {
  Ready,
  Severity,
  Status,
  Target,
  type ResourceSelector,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';

export interface ExpectedResource {
  readonly resource: object;
  /** Reported readiness; undefined is READY_UNSPECIFIED. */
  readonly ready?: boolean | undefined;
}

export interface ExpectedCondition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message?: string | undefined;
}

export interface ExpectedResult {
  readonly severity: 'Normal' | 'Warning' | 'Fatal';
  readonly message: string;
  readonly reason?: string | undefined;
}

export interface ExpectedResponse {
  /** The request's tag, echoed; default "tag". */
  readonly tag?: string;
  /** The desired XR (apiVersion and kind echoed, status, readiness); omitted when the function sets none. */
  readonly composite?: {
    readonly apiVersion: string;
    readonly kind: string;
    readonly status?: object | undefined;
    readonly ready?: boolean | undefined;
  };
  readonly resources?: Readonly<Record<string, ExpectedResource>>;
  readonly conditions?: readonly ExpectedCondition[];
  readonly results?: readonly ExpectedResult[];
  /** As they go on the wire (matchLabels: {labels}). */
  readonly requirements?: Readonly<Record<string, ResourceSelector>>;
}

const readyOf = (r: boolean | undefined): Ready =>
  r === undefined ? Ready.READY_UNSPECIFIED : r ? Ready.READY_TRUE : Ready.READY_FALSE;

const STATUS = {
  True: Status.STATUS_CONDITION_TRUE,
  False: Status.STATUS_CONDITION_FALSE,
  Unknown: Status.STATUS_CONDITION_UNKNOWN,
};
const SEVERITY = {
  Normal: Severity.SEVERITY_NORMAL,
  Warning: Severity.SEVERITY_WARNING,
  Fatal: Severity.SEVERITY_FATAL,
};

export function expectedResponse(e: ExpectedResponse): RunFunctionResponse {
  const c = e.composite;
  return {
    meta: { tag: e.tag ?? 'tag', ttl: { seconds: 60, nanos: 0 } },
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
              ready: readyOf(c.ready),
            },
      resources: Object.fromEntries(
        Object.entries(e.resources ?? {}).map(([k, r]) => [
          k,
          { resource: r.resource as Record<string, unknown>, connectionDetails: {}, ready: readyOf(r.ready) },
        ]),
      ),
    },
    results: (e.results ?? []).map((r) => ({
      severity: SEVERITY[r.severity],
      message: r.message,
      ...(r.reason === undefined ? {} : { reason: r.reason }),
      target: Target.TARGET_COMPOSITE,
    })),
    context: undefined,
    requirements: { extraResources: {}, resources: { ...(e.requirements ?? {}) }, schemas: {} },
    conditions: (e.conditions ?? []).map((x) => ({
      type: x.type,
      status: STATUS[x.status],
      reason: x.reason,
      ...(x.message === undefined ? {} : { message: x.message }),
      target: Target.TARGET_COMPOSITE,
    })),
  };
}
