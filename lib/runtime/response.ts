// The one place that writes a RunFunctionResponse. A function's pure core returns a FunctionOutput
// (plain values); `emit` turns it into protobuf with replace semantics: each desired composed
// resource we return replaces whatever an earlier pipeline step put under the same key (the SDK's
// setDesiredComposedResources deep-merges and concatenates arrays), and the XR status fields we
// return replace the same fields wholesale.

import {
  Ready,
  Severity as PbSeverity,
  Status as PbStatus,
  Target as PbTarget,
  type Condition as PbCondition,
  type Resource,
  type ResourceSelector,
  type Result as PbResult,
  type RunFunctionRequest,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import type { Condition, ConditionStatus, Result, Severity, Target } from './conditions.js';
import { canonicalObject, isObject, sortedStruct } from './json.js';
import type { Requirement } from './requirements.js';

/** Crossplane re-runs a composition at most this long after a response, without any watch event. */
export const TTL_SECONDS = 60;

export interface DesiredResource {
  /** The complete object (apiVersion, kind, metadata, spec). */
  readonly resource: object;
  /** Reported readiness: true only when observed and, where it has one, its Ready condition is True. */
  readonly ready?: boolean;
}

/** Everything a function decides, as plain data. */
export interface FunctionOutput {
  /** XR status fields this function owns; each replaces the same top-level status field. */
  readonly status?: object;
  /** Overrides Crossplane's XR readiness (otherwise derived from composed resources). */
  readonly ready?: boolean;
  readonly resources?: Readonly<Record<string, DesiredResource>>;
  readonly conditions?: readonly Condition[];
  readonly results?: readonly Result[];
  readonly requirements?: Readonly<Record<string, Requirement>>;
}

/** Builds the whole response for `req` from `out`. Deterministic: sorted keys, no clocks. */
export function emit(req: RunFunctionRequest, out: FunctionOutput): RunFunctionResponse {
  const previous = req.desired;
  const resources: Record<string, Resource> = {};
  const merged: Record<string, Resource | undefined> = { ...(previous?.resources ?? {}) };
  for (const [key, value] of Object.entries(out.resources ?? {})) {
    merged[key] = {
      resource: canonicalObject(value.resource),
      connectionDetails: {},
      ready: readyOf(value.ready),
    };
  }
  for (const key of Object.keys(merged).sort()) {
    const r = merged[key];
    if (r !== undefined) resources[key] = structuredClone(r);
  }

  return {
    meta: { tag: req.meta?.tag ?? '', ttl: { seconds: TTL_SECONDS, nanos: 0 } },
    desired: { composite: desiredComposite(req, out), resources },
    results: (out.results ?? []).map(toPbResult),
    context: contextOf(req),
    requirements: {
      extraResources: {},
      resources: toPbRequirements(out.requirements ?? {}),
      schemas: {},
    },
    conditions: (out.conditions ?? []).map(toPbCondition),
  };
}

/**
 * A response that only carries one Fatal result: Crossplane stops the pipeline and changes nothing.
 * It is the answer of last resort, so it is built from the request without any conversion that can
 * throw: the earlier steps' desired state and the context pass through as they arrived.
 */
export function fatalResponse(req: RunFunctionRequest, message: string): RunFunctionResponse {
  return {
    meta: {
      tag: typeof req.meta?.tag === 'string' ? req.meta.tag : '',
      ttl: { seconds: TTL_SECONDS, nanos: 0 },
    },
    desired: {
      composite: req.desired?.composite,
      resources: sortedRecordOf(req.desired?.resources ?? {}),
    },
    results: [toPbResult({ severity: 'Fatal', message })],
    context: contextOf(req),
    requirements: { extraResources: {}, resources: {}, schemas: {} },
    conditions: [],
  };
}

/** The pipeline context, passed on (keys sorted, values untouched). */
function contextOf(req: RunFunctionRequest): RunFunctionResponse['context'] {
  return req.context === undefined
    ? undefined
    : (sortedStruct(req.context) as RunFunctionResponse['context']);
}

function sortedRecordOf<T>(rec: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(rec).sort()) {
    const v = rec[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function desiredComposite(req: RunFunctionRequest, out: FunctionOutput): Resource | undefined {
  const previous = req.desired?.composite;
  if (out.status === undefined && out.ready === undefined) return previous && structuredClone(previous);
  const observed = req.observed?.composite?.resource;
  const base: Record<string, unknown> = isObject(previous?.resource)
    ? structuredClone(previous.resource)
    : {};
  if (isObject(observed)) {
    base.apiVersion = observed.apiVersion;
    base.kind = observed.kind;
  }
  if (out.status !== undefined) {
    const prevStatus = isObject(base.status) ? base.status : {};
    base.status = { ...prevStatus, ...out.status };
  }
  return {
    resource: canonicalObject(base),
    connectionDetails: { ...(previous?.connectionDetails ?? {}) },
    ready: out.ready === undefined ? (previous?.ready ?? Ready.READY_UNSPECIFIED) : readyOf(out.ready),
  };
}

function readyOf(ready: boolean | undefined): Ready {
  if (ready === undefined) return Ready.READY_UNSPECIFIED;
  return ready ? Ready.READY_TRUE : Ready.READY_FALSE;
}

const SEVERITY: Record<Severity, PbSeverity> = {
  Normal: PbSeverity.SEVERITY_NORMAL,
  Warning: PbSeverity.SEVERITY_WARNING,
  Fatal: PbSeverity.SEVERITY_FATAL,
};

const STATUS: Record<ConditionStatus, PbStatus> = {
  True: PbStatus.STATUS_CONDITION_TRUE,
  False: PbStatus.STATUS_CONDITION_FALSE,
  Unknown: PbStatus.STATUS_CONDITION_UNKNOWN,
};

const TARGET: Record<Target, PbTarget> = {
  Composite: PbTarget.TARGET_COMPOSITE,
  CompositeAndClaim: PbTarget.TARGET_COMPOSITE_AND_CLAIM,
};

function toPbResult(r: Result): PbResult {
  return {
    severity: SEVERITY[r.severity],
    message: r.message,
    ...(r.reason === undefined ? {} : { reason: r.reason }),
    target: TARGET[r.target ?? 'Composite'],
  };
}

function toPbCondition(c: Condition): PbCondition {
  return {
    type: c.type,
    status: STATUS[c.status],
    reason: c.reason,
    ...(c.message === undefined ? {} : { message: c.message }),
    target: TARGET[c.target ?? 'Composite'],
  };
}

function toPbRequirements(reqs: Readonly<Record<string, Requirement>>): Record<string, ResourceSelector> {
  const out: Record<string, ResourceSelector> = {};
  for (const name of Object.keys(reqs).sort()) {
    const r = reqs[name];
    if (r === undefined) continue;
    out[name] = {
      apiVersion: r.apiVersion,
      kind: r.kind,
      ...(r.matchName === undefined ? {} : { matchName: r.matchName }),
      ...(r.matchLabels === undefined ? {} : { matchLabels: { labels: sortedRecord(r.matchLabels) } }),
      ...(r.namespace === undefined ? {} : { namespace: r.namespace }),
    };
  }
  return out;
}

function sortedRecord(rec: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(rec).sort()) out[k] = rec[k] ?? '';
  return out;
}
