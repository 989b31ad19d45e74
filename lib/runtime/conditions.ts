// Conditions and results: the TypeScript SDK has builders for neither, so these mirror the Go SDK's
// response/condition.go and response/result.go as plain values. Functions build them in their pure
// core; `emit` is the only place that turns them into protobuf.

export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** Where a condition or result lands: the XR only (the default) or also its claim (legacy v1 XRs). */
export type Target = 'Composite' | 'CompositeAndClaim';

export interface Condition {
  readonly type: string;
  readonly status: ConditionStatus;
  readonly reason: string;
  readonly message?: string;
  readonly target?: Target;
}

export function conditionTrue(type: string, reason: string, message?: string): Condition {
  return message === undefined ? { type, status: 'True', reason } : { type, status: 'True', reason, message };
}

export function conditionFalse(type: string, reason: string, message?: string): Condition {
  return message === undefined
    ? { type, status: 'False', reason }
    : { type, status: 'False', reason, message };
}

export function conditionUnknown(type: string, reason: string, message?: string): Condition {
  return message === undefined
    ? { type, status: 'Unknown', reason }
    : { type, status: 'Unknown', reason, message };
}

export type Severity = 'Normal' | 'Warning' | 'Fatal';

/** A result becomes a Kubernetes event on the XR; Fatal also stops the pipeline. */
export interface Result {
  readonly severity: Severity;
  readonly message: string;
  readonly reason?: string;
  readonly target?: Target;
}

export function normal(message: string, reason?: string): Result {
  return reason === undefined ? { severity: 'Normal', message } : { severity: 'Normal', message, reason };
}

export function warning(message: string, reason?: string): Result {
  return reason === undefined ? { severity: 'Warning', message } : { severity: 'Warning', message, reason };
}

export function fatal(message: string, reason?: string): Result {
  return reason === undefined ? { severity: 'Fatal', message } : { severity: 'Fatal', message, reason };
}

/** The `status.conditions[]` entry Kubernetes stores for a condition (what an observed XR carries). */
export interface ObservedCondition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
}

/** Finds a condition by type in an observed object's `status.conditions`, tolerating any shape. */
export function findCondition(obj: unknown, type: string): ObservedCondition | undefined {
  const conditions = (obj as { status?: { conditions?: unknown } } | undefined)?.status?.conditions;
  if (!Array.isArray(conditions)) return undefined;
  for (const c of conditions as unknown[]) {
    if (typeof c !== 'object' || c === null) continue;
    const cond = c as Record<string, unknown>;
    if (cond.type === type && typeof cond.status === 'string') {
      return {
        type,
        status: cond.status,
        ...(typeof cond.reason === 'string' ? { reason: cond.reason } : {}),
        ...(typeof cond.message === 'string' ? { message: cond.message } : {}),
      };
    }
  }
  return undefined;
}

/** True when the observed object has condition `type` (default Ready) with status True. */
export function isConditionTrue(obj: unknown, type = 'Ready'): boolean {
  return findCondition(obj, type)?.status === 'True';
}
