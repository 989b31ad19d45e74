// One XR reconcile, as Crossplane's composite controller does it for a one-step Pipeline
// composition (every modelplane Composition is one step). See engine.ts for the whole picture.
//
// Request: the observed XR (spec plus the status the last reconcile wrote, conditions included),
// the observed composed resources keyed by composition-resource-name, an empty desired state, and
// the required resources resolved from the world.
// Requirements loop (Crossplane's FetchingFunctionRunner): call, resolve what the response asks
// for, call again until two consecutive calls ask for the same thing, at most five calls. The
// first call of a reconcile carries the requirements that were stable last time (Crossplane v2
// seeds them the same way), so a settled XR costs one call; a function that asks for nothing is
// done after one call.
// Response: a Fatal result changes nothing but Synced (ReconcileError). Otherwise
// desired.composite.resource.status replaces the function-written status fields (server-side
// apply with one field owner), the custom conditions are set, Ready is derived as Crossplane does
// (desired.composite.ready, else "every composed resource ready": True Available / False
// Creating), and each desired composed resource is applied under its key with Crossplane's
// composite label and composition-resource-name annotation; keys no longer desired are deleted
// with everything they composed.

import {
  Ready,
  RunFunctionRequest,
  Severity,
  Status,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import { ANNOTATION_COMPOSITION_RESOURCE_NAME } from '../labels.js';
import { shortHash } from '../names.js';
import { runFunction, type CompositionFunction } from '../runtime/handler.js';
import { canonical, isObject, type JsonObject } from '../runtime/json.js';
import type { Requirement } from '../runtime/requirements.js';
import { assumeRequired, observeComposed, simulationInputs } from './simulate.js';
import { describeRef, idOf, refOf, type Entry, type ObjectId, type World } from './world.js';

export const LABEL_COMPOSITE = 'crossplane.io/composite';
/** Crossplane's MaxRequirementsIterations. */
export const MAX_REQUIREMENT_CALLS = 5;

/** A composite kind and the function its Composition runs. */
export interface CompositeKind {
  readonly apiVersion: string;
  readonly kind: string;
  readonly fn: CompositionFunction;
  /** The object as the API server stores it on create (schema defaults filled in). */
  readonly defaults?: (obj: JsonObject) => JsonObject;
}

export interface FunctionResult {
  readonly severity: 'Normal' | 'Warning' | 'Fatal';
  readonly message: string;
}

/** What the engine remembers about one XR between reconciles. */
export interface XrState {
  readonly id: ObjectId;
  readonly kind: CompositeKind;
  /** Composed resources by composition-resource-name. */
  readonly composed: Map<string, ObjectId>;
  /** Requirements that were stable in the last reconcile, and their canonical text. */
  requirements: Record<string, Requirement> | undefined;
  /** Identifies the last request the function answered (see fingerprint). */
  fingerprint: string | undefined;
  /** Results of the last reconcile. */
  results: readonly FunctionResult[];
}

export interface Cluster {
  readonly world: World;
  readonly xrs: Map<ObjectId, XrState>;
  readonly kinds: readonly CompositeKind[];
  /** RunFunction calls per function name. */
  readonly calls: Map<string, number>;
  /** What the last re-simulation read (see simulate.ts simulationInputs). */
  readonly simulated: { inputs: string };
}

export function compositeKindOf(kinds: readonly CompositeKind[], apiVersion: string, kind: string) {
  return kinds.find((k) => k.apiVersion === apiVersion && k.kind === kind);
}

export function newXrState(id: ObjectId, kind: CompositeKind): XrState {
  return { id, kind, composed: new Map(), requirements: undefined, fingerprint: undefined, results: [] };
}

// ---------------------------------------------------------------------------------------------
// Required resources

/** The objects a requirement selects, sorted by (namespace, name), as Crossplane's fetcher does. */
export function resolve(cluster: Cluster, req: Requirement): Entry[] {
  const found = cluster.world.list(req.apiVersion, req.kind).filter((e) => {
    if (req.matchName !== undefined)
      return e.ref.name === req.matchName && e.ref.namespace === (req.namespace ?? '');
    if (req.namespace !== undefined && e.ref.namespace !== req.namespace) return false;
    return Object.entries(req.matchLabels ?? {}).every(([k, v]) => e.labels[k] === v);
  });
  if (found.length > 0) return found;
  const assumed = assumeRequired(req);
  if (assumed === undefined) return [];
  const { id } = cluster.world.put({
    provenance: 'assumed',
    observed: assumed,
    applied: undefined,
    owner: undefined,
  });
  const entry = cluster.world.get(id);
  return entry === undefined ? [] : [entry];
}

function resolveAll(cluster: Cluster, reqs: Record<string, Requirement>): Map<string, Entry[]> {
  const out = new Map<string, Entry[]>();
  for (const name of Object.keys(reqs).sort()) {
    const r = reqs[name];
    if (r !== undefined) out.set(name, resolve(cluster, r));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fingerprints: the same fingerprint means the same request, so the same (deterministic) response.

function observedComposed(cluster: Cluster, xr: XrState): [string, Entry][] {
  const out: [string, Entry][] = [];
  for (const key of [...xr.composed.keys()].sort()) {
    const entry = cluster.world.get(xr.composed.get(key) ?? '');
    if (entry !== undefined) out.push([key, entry]);
  }
  return out;
}

/**
 * Identifies a request by the revisions of everything in it. Revisions come from one clock, so a
 * revision names one object in one state, and a list of them names the list of objects.
 */
function fingerprintOf(
  self: Entry,
  observed: readonly [string, Entry][],
  requirements: string,
  required: Map<string, Entry[]>,
): string {
  const parts = [
    `${self.revision}`,
    observed.map(([key, e]) => `${key}@${e.revision}`).join(','),
    requirements,
  ];
  for (const [name, items] of required) parts.push(`${name}=${items.map((e) => e.revision).join(',')}`);
  return parts.join('|');
}

/** Asking for nothing and not having asked yet make the same request. */
function requirementsText(requirements: Record<string, Requirement> | undefined): string {
  return JSON.stringify(canonical(requirements ?? {}));
}

/** A request about to be made: what it observes, what it is given, and its fingerprint. */
export interface Prepared {
  readonly self: Entry;
  readonly observed: readonly [string, Entry][];
  readonly required: Map<string, Entry[]>;
  readonly fingerprint: string;
}

/** The XR's next request, or undefined when it would be the one its function last answered. */
export function prepare(cluster: Cluster, xr: XrState): Prepared | undefined {
  const self = cluster.world.get(xr.id);
  if (self === undefined) return undefined;
  const observed = observedComposed(cluster, xr);
  const required = resolveAll(cluster, xr.requirements ?? {});
  const fingerprint = fingerprintOf(self, observed, requirementsText(xr.requirements), required);
  return fingerprint === xr.fingerprint ? undefined : { self, observed, required, fingerprint };
}

// ---------------------------------------------------------------------------------------------
// The reconcile

/** What one reconcile changed: "status.placements", "resource replica-a-0", … (empty: nothing). */
export type Changes = string[];

export function reconcile(cluster: Cluster, xr: XrState, prepared: Prepared): Changes {
  const { self, observed } = prepared;
  let requirements = xr.requirements;
  let required = prepared.required;
  let context: JsonObject | undefined;
  for (let call = 1; call <= MAX_REQUIREMENT_CALLS; call++) {
    const fingerprint =
      call === 1
        ? prepared.fingerprint
        : fingerprintOf(self, observed, requirementsText(requirements), required);
    const rsp = callFunction(cluster, xr.kind.fn, request(self, observed, required, context));
    const fatal = rsp.results.find((r) => r.severity === Severity.SEVERITY_FATAL);
    if (fatal !== undefined) {
      xr.fingerprint = fingerprint;
      xr.results = resultsOf(rsp);
      return setSynced(
        cluster,
        self,
        false,
        `pipeline step "${xr.kind.fn.name}" returned a fatal result: ${fatal.message}`,
      );
    }
    const asked = requirementsOf(rsp);
    if (requirementsText(asked) === requirementsText(requirements)) {
      xr.requirements = asked;
      xr.fingerprint = fingerprint;
      xr.results = resultsOf(rsp);
      return applyResponse(cluster, xr, self, rsp);
    }
    requirements = asked;
    required = resolveAll(cluster, asked);
    context = isObject(rsp.context) ? (rsp.context as JsonObject) : undefined;
  }
  xr.fingerprint = fingerprintOf(self, observed, requirementsText(requirements), required);
  xr.results = [];
  return setSynced(
    cluster,
    self,
    false,
    `step "${xr.kind.fn.name}" requirements didn't stabilize after the maximum number of iterations (${MAX_REQUIREMENT_CALLS})`,
  );
}

function callFunction(
  cluster: Cluster,
  fn: CompositionFunction,
  req: RunFunctionRequest,
): RunFunctionResponse {
  cluster.calls.set(fn.name, (cluster.calls.get(fn.name) ?? 0) + 1);
  return runFunction(fn, req);
}

function request(
  self: Entry,
  observed: readonly [string, Entry][],
  required: Map<string, Entry[]>,
  context: JsonObject | undefined,
): RunFunctionRequest {
  return RunFunctionRequest.fromPartial({
    meta: { tag: '' },
    observed: {
      composite: { resource: self.observed, connectionDetails: {} },
      resources: Object.fromEntries(
        observed.map(([key, e]) => [key, { resource: e.observed, connectionDetails: {} }]),
      ),
    },
    desired: { resources: {} },
    requiredResources: Object.fromEntries(
      [...required].map(([name, items]) => [
        name,
        { items: items.map((e) => ({ resource: e.observed, connectionDetails: {} })) },
      ]),
    ),
    ...(context === undefined ? {} : { context }),
  });
}

function requirementsOf(rsp: RunFunctionResponse): Record<string, Requirement> {
  const out: Record<string, Requirement> = {};
  for (const [name, sel] of Object.entries(rsp.requirements?.resources ?? {})) {
    out[name] = {
      apiVersion: sel.apiVersion,
      kind: sel.kind,
      ...(sel.matchName === undefined ? {} : { matchName: sel.matchName }),
      ...(sel.matchLabels === undefined ? {} : { matchLabels: { ...sel.matchLabels.labels } }),
      ...(sel.namespace === undefined ? {} : { namespace: sel.namespace }),
    };
  }
  return out;
}

const SEVERITIES: Partial<Record<Severity, FunctionResult['severity']>> = {
  [Severity.SEVERITY_NORMAL]: 'Normal',
  [Severity.SEVERITY_WARNING]: 'Warning',
  [Severity.SEVERITY_FATAL]: 'Fatal',
};

function resultsOf(rsp: RunFunctionResponse): FunctionResult[] {
  return rsp.results.map((r) => ({ severity: SEVERITIES[r.severity] ?? 'Normal', message: r.message }));
}

const STATUSES: Partial<Record<Status, string>> = {
  [Status.STATUS_CONDITION_TRUE]: 'True',
  [Status.STATUS_CONDITION_FALSE]: 'False',
  [Status.STATUS_CONDITION_UNKNOWN]: 'Unknown',
};

/** Crossplane ignores the system condition types a function returns. */
const SYSTEM_CONDITIONS = new Set(['Ready', 'Synced']);

function conditionsOf(rsp: RunFunctionResponse): JsonObject[] {
  return rsp.conditions
    .filter((c) => !SYSTEM_CONDITIONS.has(c.type))
    .map((c) => ({
      type: c.type,
      status: STATUSES[c.status] ?? 'Unknown',
      reason: c.reason,
      ...(c.message === undefined || c.message === '' ? {} : { message: c.message }),
    }));
}

function statusOf(obj: JsonObject): JsonObject {
  return isObject(obj.status) ? obj.status : {};
}

function conditionList(obj: JsonObject): JsonObject[] {
  const list = statusOf(obj).conditions;
  return Array.isArray(list) ? (list.filter(isObject) as JsonObject[]) : [];
}

/** Sets Synced (and only Synced) on the XR: a failed reconcile keeps everything else. */
function setSynced(cluster: Cluster, self: Entry, ok: boolean, message?: string): Changes {
  const synced: JsonObject = ok
    ? { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' }
    : {
        type: 'Synced',
        status: 'False',
        reason: 'ReconcileError',
        message: `cannot compose resources: ${message ?? ''}`,
      };
  const conditions = [...conditionList(self.observed).filter((c) => c.type !== 'Synced'), synced];
  const observed = { ...self.observed, status: { ...statusOf(self.observed), conditions } };
  const { changed } = cluster.world.put({ ...self, observed });
  return changed ? ['status.conditions'] : [];
}

function applyResponse(cluster: Cluster, xr: XrState, self: Entry, rsp: RunFunctionResponse): Changes {
  const changes: Changes = [];
  const desired = rsp.desired?.resources ?? {};
  const keys = Object.keys(desired).sort();

  // Readiness: the function's verdict, else Crossplane's "every composed resource is ready".
  const explicit = rsp.desired?.composite?.ready ?? Ready.READY_UNSPECIFIED;
  const unready = keys.filter((k) => desired[k]?.ready !== Ready.READY_TRUE);
  const ready = explicit === Ready.READY_UNSPECIFIED ? unready.length === 0 : explicit === Ready.READY_TRUE;
  const readyCondition: JsonObject = ready
    ? { type: 'Ready', status: 'True', reason: 'Available' }
    : {
        type: 'Ready',
        status: 'False',
        reason: 'Creating',
        ...(explicit === Ready.READY_UNSPECIFIED ? { message: `Unready resources: ${someOf(unready)}` } : {}),
      };

  const written: unknown = rsp.desired?.composite?.resource?.status;
  const status: JsonObject = {
    ...(isObject(written) ? (canonical(written) as JsonObject) : {}),
    conditions: [
      ...conditionsOf(rsp),
      { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
      readyCondition,
    ],
  };
  const before = statusOf(self.observed);
  for (const field of new Set([...Object.keys(before), ...Object.keys(status)])) {
    if (
      JSON.stringify(canonical(before[field] ?? null)) !== JSON.stringify(canonical(status[field] ?? null))
    ) {
      changes.push(`status.${field}`);
    }
  }
  cluster.world.put({ ...self, observed: { ...self.observed, status } });

  for (const key of keys) {
    const resource = desired[key]?.resource;
    if (!isObject(resource)) continue;
    const change = applyComposed(cluster, xr, self, key, applied(self, key, resource as JsonObject));
    if (change !== undefined) changes.push(change);
  }
  for (const [key, id] of [...xr.composed]) {
    if (Object.hasOwn(desired, key)) continue;
    deleteObject(cluster, id);
    xr.composed.delete(key);
    changes.push(`resource ${key} deleted`);
  }
  return changes.sort();
}

/** Crossplane's "a, b, c, and 2 more". */
function someOf(keys: readonly string[]): string {
  const first = keys.slice(0, 3).join(', ');
  return keys.length > 3 ? `${first}, and ${keys.length - 3} more` : first;
}

/** A desired composed resource as Crossplane applies it. */
function applied(xr: Entry, key: string, resource: JsonObject): JsonObject {
  // Status is not applied with the resource (it is a subresource).
  const rest = { ...(canonical(resource) as JsonObject) };
  delete rest.status;
  const meta: JsonObject = isObject(rest.metadata) ? { ...rest.metadata } : {};
  // A namespaced XR's composed resources always live in its namespace.
  if (xr.ref.namespace !== '') meta.namespace = xr.ref.namespace;
  // Crossplane sets generateName "<xr>-" and the API server a random suffix; a stable one instead.
  if (typeof meta.name !== 'string' || meta.name === '') meta.name = `${xr.ref.name}-${shortHash(key)}`;
  meta.labels = { ...(isObject(meta.labels) ? meta.labels : {}), [LABEL_COMPOSITE]: xr.ref.name };
  meta.annotations = {
    ...(isObject(meta.annotations) ? meta.annotations : {}),
    [ANNOTATION_COMPOSITION_RESOURCE_NAME]: key,
  };
  return canonical({ ...rest, metadata: meta }) as JsonObject;
}

function applyComposed(
  cluster: Cluster,
  xr: XrState,
  parent: Entry,
  key: string,
  obj: JsonObject,
): string | undefined {
  const id = idOf(refOf(obj));
  const previousId = xr.composed.get(key);
  let change: string | undefined;
  if (previousId !== undefined && previousId !== id) {
    deleteObject(cluster, previousId);
    change = `resource ${key} replaced`;
  }
  const existing = cluster.world.get(id);
  if (existing?.owner !== undefined && existing.owner.id !== parent.id) {
    // Crossplane refuses to take over a resource another XR controls; the owner keeps it.
    xr.composed.delete(key);
    return `resource ${key} conflicts with ${describeRef(existing.ref)}`;
  }
  const ref = refOf(obj);
  const composite = compositeKindOf(cluster.kinds, ref.apiVersion, ref.kind);
  let observed: JsonObject;
  if (composite !== undefined) {
    // A composed XR: stored as the API server would (defaults), its status is its own function's.
    const stored = composite.defaults === undefined ? obj : composite.defaults(obj);
    observed =
      existing?.observed.status === undefined ? stored : { ...stored, status: existing.observed.status };
    if (!cluster.xrs.has(id)) cluster.xrs.set(id, newXrState(id, composite));
  } else {
    observed = observeComposed(obj, cluster.world);
  }
  const { changed } = cluster.world.put({
    provenance: existing?.provenance ?? 'composed',
    observed,
    applied: obj,
    owner: { id: parent.id, key },
  });
  xr.composed.set(key, id);
  return change ?? (changed ? `resource ${key}` : undefined);
}

/** Deletes an object and, when it is an XR, everything it composed (Crossplane's garbage collection). */
export function deleteObject(cluster: Cluster, id: ObjectId): void {
  const xr = cluster.xrs.get(id);
  if (xr !== undefined) {
    for (const child of xr.composed.values()) deleteObject(cluster, child);
    cluster.xrs.delete(id);
  }
  cluster.world.remove(id);
}

/**
 * Re-simulates every composed resource that is not an XR when what the simulation reads from the
 * world changed since the last time; returns what changed.
 */
export function resimulate(cluster: Cluster): string[] {
  const inputs = simulationInputs(cluster.world);
  if (inputs === cluster.simulated.inputs) return [];
  cluster.simulated.inputs = inputs;
  const changed: string[] = [];
  for (const entry of cluster.world.all()) {
    if (entry.applied === undefined || cluster.xrs.has(entry.id)) continue;
    const r = cluster.world.put({ ...entry, observed: observeComposed(entry.applied, cluster.world) });
    if (r.changed) changed.push(describeRef(entry.ref));
  }
  return changed;
}
