// Test support for the routing functions' whole-response tables: a request builder, and the
// expected RunFunctionResponse through the shared builder in ./response.ts (independent of
// lib/runtime/response.ts, so a regression in `emit` fails these tables too).

import {
  RunFunctionRequest,
  type ResourceSelector,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import { expectedResponse, type ExpectedCondition } from './response.js';

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

const READY: Record<ReadyFlag, boolean | undefined> = { True: true, False: false, Unspecified: undefined };

export interface ExpectedParts {
  /** The desired XR: absent when the function sets neither status nor readiness. */
  readonly composite?: {
    readonly apiVersion: string;
    readonly kind: string;
    readonly status?: object;
    readonly ready: ReadyFlag;
  };
  readonly resources?: Readonly<Record<string, { readonly resource: object; readonly ready: ReadyFlag }>>;
  readonly conditions?: readonly ExpectedCondition[];
  readonly warnings?: readonly { readonly reason: string; readonly message: string }[];
  readonly requirements?: Readonly<Record<string, ResourceSelector>>;
}

/** The routing tables' expectations in their own vocabulary, built by the shared expectedResponse. */
export function response(parts: ExpectedParts): RunFunctionResponse {
  const c = parts.composite;
  return expectedResponse({
    tag: 'test',
    ...(c === undefined
      ? {}
      : { composite: { apiVersion: c.apiVersion, kind: c.kind, status: c.status, ready: READY[c.ready] } }),
    resources: Object.fromEntries(
      Object.entries(parts.resources ?? {}).map(([key, r]) => [
        key,
        { resource: r.resource, ready: READY[r.ready] },
      ]),
    ),
    conditions: parts.conditions ?? [],
    results: (parts.warnings ?? []).map((w) => ({
      severity: 'Warning' as const,
      message: w.message,
      reason: w.reason,
    })),
    requirements: parts.requirements ?? {},
  });
}
