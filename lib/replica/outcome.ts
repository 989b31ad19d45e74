// The parts of the answer that come from what is observed, the same on every path: the readiness
// of each child, the XR's url and Serving/lifted conditions, and "keep what exists" for the paths
// that compose nothing new (never tear down on error, SPEC 3).

import { conditionFalse, isConditionTrue, warning, type Result } from '../runtime/conditions.js';
import { reemitAll } from '../runtime/reemit.js';
import type { KubeObject } from '../runtime/request.js';
import type { Requirement } from '../runtime/requirements.js';
import type { FunctionOutput } from '../runtime/response.js';
import { KEY_SERVICE } from './keys.js';
import { CONDITION_DEPLOYED, REASON_INVALID } from './reasons.js';
import {
  isServing,
  liftedConditions,
  remoteEndpoint,
  remoteManifest,
  remoteUrl,
  servingCondition,
} from './status.js';

export type Observed = Readonly<Record<string, KubeObject>>;

/** A composed resource is ready only when observed and its own Ready condition is True (SPEC 3). */
export function readiness(observed: KubeObject | undefined): boolean {
  return observed !== undefined && isConditionTrue(observed);
}

/** What the workload cluster reports through the observed LLMInferenceService Object. */
export function remoteOutcome(observed: Observed) {
  const remote = remoteManifest(observed[KEY_SERVICE]);
  const url = remoteUrl(remote);
  return {
    serving: isServing(remote),
    url,
    endpoint: url === undefined ? undefined : remoteEndpoint(remote, url),
    conditions: [servingCondition(remote), ...liftedConditions(remote)],
  };
}

/** status.url and status.endpoint, as far as the remote service reports them. */
export function urlStatus(remote: ReturnType<typeof remoteOutcome>): Record<string, unknown> {
  return {
    ...(remote.url === undefined ? {} : { url: remote.url }),
    ...(remote.endpoint === undefined ? {} : { endpoint: remote.endpoint }),
  };
}

export interface Kept {
  readonly reason: string;
  readonly message: string;
  readonly results: readonly Result[];
  /** status.gpus, when the topology could be computed. */
  readonly gpus?: number | undefined;
  /** The XR's requirements, when it parsed (they must not change between calls). */
  readonly requirements?: Readonly<Record<string, Requirement>> | undefined;
}

/** Nothing new is composed: the observed children are re-emitted unchanged, and Deployed says why. */
export function keepObserved(observed: Observed, kept: Kept): FunctionOutput {
  const remote = remoteOutcome(observed);
  const resources = reemitAll(observed, readiness);
  return {
    status: {
      ...(kept.gpus === undefined ? {} : { gpus: kept.gpus }),
      ...urlStatus(remote),
    },
    ready: remote.serving,
    resources,
    conditions: [conditionFalse(CONDITION_DEPLOYED, kept.reason, kept.message), ...remote.conditions],
    results: kept.results,
    ...(kept.requirements === undefined ? {} : { requirements: kept.requirements }),
  };
}

/** An XR that does not parse: name the fields, ask for nothing, keep everything. */
export function invalidReplica(issues: readonly string[], observed: Observed): FunctionOutput {
  const message = issues.join('; ');
  return keepObserved(observed, {
    reason: REASON_INVALID,
    message,
    results: [warning(`Invalid ModelReplica: ${message}`, REASON_INVALID)],
  });
}
