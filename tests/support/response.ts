// Expected RunFunctionResponses for whole-response tables, written directly in protobuf terms
// (not through lib/runtime's emit), so a test compares the function against an independent value.

import {
  Ready,
  Severity,
  Status,
  Target,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import type { Requirement } from '../../lib/runtime/requirements.js';

export interface ExpectedResource {
  readonly resource: Record<string, unknown>;
  readonly ready?: boolean;
}

export interface ExpectedCondition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message?: string;
}

export interface ExpectedResult {
  readonly severity: 'Normal' | 'Warning' | 'Fatal';
  readonly message: string;
  readonly reason?: string;
}

export interface ExpectedResponse {
  readonly tag?: string;
  /** The XR's apiVersion and kind, echoed on the desired composite. */
  readonly composite: { readonly apiVersion: string; readonly kind: string };
  readonly status?: Record<string, unknown>;
  readonly ready?: boolean;
  readonly resources?: Readonly<Record<string, ExpectedResource>>;
  readonly conditions?: readonly ExpectedCondition[];
  readonly results?: readonly ExpectedResult[];
  readonly requirements?: Readonly<Record<string, Requirement>>;
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
  const composite =
    e.status === undefined && e.ready === undefined
      ? undefined
      : {
          resource: { ...e.composite, ...(e.status === undefined ? {} : { status: e.status }) },
          connectionDetails: {},
          ready: readyOf(e.ready),
        };
  return {
    meta: { tag: e.tag ?? 'tag', ttl: { seconds: 60, nanos: 0 } },
    desired: {
      composite,
      resources: Object.fromEntries(
        Object.entries(e.resources ?? {}).map(([k, r]) => [
          k,
          { resource: r.resource, connectionDetails: {}, ready: readyOf(r.ready) },
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
    requirements: {
      extraResources: {},
      resources: Object.fromEntries(
        Object.entries(e.requirements ?? {}).map(([k, r]) => [
          k,
          {
            apiVersion: r.apiVersion,
            kind: r.kind,
            ...(r.matchName === undefined ? {} : { matchName: r.matchName }),
            ...(r.matchLabels === undefined ? {} : { matchLabels: { labels: { ...r.matchLabels } } }),
            ...(r.namespace === undefined ? {} : { namespace: r.namespace }),
          },
        ]),
      ),
      schemas: {},
    },
    conditions: (e.conditions ?? []).map((c) => ({
      type: c.type,
      status: STATUS[c.status],
      reason: c.reason,
      ...(c.message === undefined ? {} : { message: c.message }),
      target: Target.TARGET_COMPOSITE,
    })),
  };
}
