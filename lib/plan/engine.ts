/**
 * The plan engine: a small, deterministic Crossplane in one process.
 *
 * `modelplane plan` must show what the real control plane would converge to, so it runs the real
 * composition functions (through `runFunction`, the code path of their gRPC servers) the way
 * Crossplane runs them, against a simulated world in which every provider and remote controller
 * is Ready at once. Nothing here knows what a function does: the engine is driven by the kinds it
 * is given (each with its function), by the requirements functions return and by the resources
 * they compose.
 *
 * Simulating Crossplane (crossplane.ts):
 * - Every object of a composite kind is an XR with its own reconcile: the input's and every XR
 *   a function composes (a ModelDeployment's ModelReplicas run through their own function, with
 *   the name, namespace and labels the parent gave them, the XRD's defaults filled in).
 * - A request carries the observed XR (spec plus the status and conditions its last reconcile
 *   wrote), the observed composed resources (what was applied, with the simulated status), and the
 *   required resources resolved from the world: by apiVersion and kind, then matchName (in the
 *   given namespace, '' for cluster-scoped) or matchLabels (all labels equal; none = every object)
 *   in the given namespace or every namespace. The function is called again until its requirements
 *   stop changing, at most five calls, as Crossplane's FetchingFunctionRunner does.
 * - The response: desired.composite.resource.status replaces the function-written status fields;
 *   custom conditions are set; Ready comes from desired.composite.ready or, when unspecified, from
 *   every composed resource being READY_TRUE (True Available / False Creating, Crossplane's
 *   reasons); composed resources are keyed by crossplane.io/composition-resource-name, forced into
 *   a namespaced XR's namespace, labelled crossplane.io/composite; keys no longer desired are
 *   deleted with everything they composed. A Fatal result keeps the XR's previous state, sets
 *   Synced=False and is reported.
 * - Input objects exported from a live control plane keep their place: one carrying a
 *   composition-resource-name annotation and its composite's label (or controller reference) is
 *   observed by that composite from the first reconcile; a matching object without them is adopted
 *   when a composite first desires it, as Crossplane adopts an uncontrolled object.
 *
 * Simulating the outside world (simulate.ts): each composed resource that is not an XR is observed
 * as applied plus Ready and Synced, with per-kind status where a function reads it (a
 * provider-kubernetes Object's remote manifest, an LLMInferenceService's URL, a Gateway's address,
 * an HTTPRoute's accepted parents); required objects the input lacks but the world would have (the
 * fleet Gateway) are assumed. Each assumption is reported.
 *
 * The fixpoint: rounds visit every XR in kind order (the order of `kinds`), then by namespace and
 * name; an XR is reconciled only when its next request would differ from the last one its
 * function answered (same request, same response: functions are deterministic), and again at once
 * while its own reconcile changes what it observes (up to five times per round), so a provider
 * that is Ready at once is seen at once. A round that changes nothing is the fixpoint; if the
 * twenty-first round still changes something, the plan stops with an error naming what kept
 * changing. The result does not
 * depend on the order of the input: every list is sorted; when two deployments compete for the
 * last free GPUs, the one first by (namespace, name) reconciles first and wins (on a live control
 * plane, whichever reconciles first).
 */

import { ANNOTATION_COMPOSITION_RESOURCE_NAME } from '../labels.js';
import { isObject, type JsonObject } from '../runtime/json.js';
import {
  compositeKindOf,
  LABEL_COMPOSITE,
  newXrState,
  prepare,
  reconcile,
  resimulate,
  type Cluster,
  type CompositeKind,
  type FunctionResult,
  type XrState,
} from './crossplane.js';
import { observeInput, worldAssumptions } from './simulate.js';
import { compareRefs, describeRef, refOf, World, type Entry, type ObjectId } from './world.js';

export const MAX_ROUNDS = 20;
/** Reconciles of one XR in a row within a round while it keeps changing what it observes. */
export const MAX_RECONCILES_PER_ROUND = 5;

export interface EngineOptions {
  readonly maxRounds?: number;
}

export interface Reported {
  /** Kind/namespace/name of the XR. */
  readonly object: string;
  readonly message: string;
}

export interface Converged {
  readonly ok: true;
  readonly world: World;
  readonly xrs: ReadonlyMap<ObjectId, XrState>;
  /** Rounds that changed something (the quiet round that proves the fixpoint is not counted). */
  readonly rounds: number;
  /** RunFunction calls per function name, sorted by name. */
  readonly calls: Readonly<Record<string, number>>;
  /** Warning results of every XR's last reconcile, sorted. */
  readonly warnings: readonly Reported[];
  /** Fatal results (the XR kept its previous state), sorted. */
  readonly errors: readonly Reported[];
  /** What the simulation assumed about the world outside the input, sorted. */
  readonly assumptions: readonly string[];
}

export interface NotConverged {
  readonly ok: false;
  /** "no fixpoint after 20 rounds; still changing: ModelDeployment/ml-team/qwen (status.placements)". */
  readonly message: string;
  readonly calls: Readonly<Record<string, number>>;
}

export type EngineResult = Converged | NotConverged;

export function runEngine(
  input: readonly JsonObject[],
  kinds: readonly CompositeKind[],
  options: EngineOptions = {},
): EngineResult {
  const maxRounds = options.maxRounds ?? MAX_ROUNDS;
  const cluster: Cluster = {
    world: new World(),
    xrs: new Map(),
    kinds,
    calls: new Map(),
    simulated: { inputs: '' },
  };
  const inputAssumptions = load(cluster, input);

  let changes = new Map<string, Set<string>>();
  for (let round = 1; round <= maxRounds + 1; round++) {
    changes = new Map();
    for (const what of resimulate(cluster)) note(changes, what, 'status');
    for (const kind of kinds) {
      for (const entry of cluster.world.list(kind.apiVersion, kind.kind)) {
        for (let i = 0; i < MAX_RECONCILES_PER_ROUND; i++) {
          const xr = cluster.xrs.get(entry.id);
          const prepared = xr === undefined ? undefined : prepare(cluster, xr);
          if (xr === undefined || prepared === undefined) break;
          for (const what of reconcile(cluster, xr, prepared)) note(changes, describeRef(entry.ref), what);
        }
      }
    }
    // Nothing changed: every function answered exactly what it answered before.
    if (changes.size === 0) return converged(cluster, round - 1, inputAssumptions);
  }
  const still = [...changes]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([what, fields]) => `${what} (${[...fields].sort().join(', ')})`);
  return {
    ok: false,
    message: `no fixpoint after ${maxRounds} rounds; still changing: ${still.join('; ')}`,
    calls: callsOf(cluster),
  };
}

function note(changes: Map<string, Set<string>>, what: string, field: string): void {
  let fields = changes.get(what);
  if (fields === undefined) changes.set(what, (fields = new Set()));
  fields.add(field);
}

/** Puts the input in the world, registers its XRs, and attaches exported composed objects. */
function load(cluster: Cluster, input: readonly JsonObject[]): string[] {
  const assumptions: string[] = [];
  for (const obj of input) {
    const { observed, assumption } = observeInput(obj);
    if (assumption !== undefined) assumptions.push(assumption);
    const { id } = cluster.world.put({ provenance: 'input', observed, applied: undefined, owner: undefined });
    const ref = refOf(obj);
    const kind = compositeKindOf(cluster.kinds, ref.apiVersion, ref.kind);
    if (kind !== undefined) cluster.xrs.set(id, newXrState(id, kind));
  }
  for (const entry of cluster.world.all()) attachExported(cluster, entry);
  return assumptions;
}

/**
 * An object exported from a live control plane names its composite: the composition-resource-name
 * annotation gives the key, the controller owner reference (or the crossplane.io/composite label)
 * the XR, in the object's namespace or cluster-scoped.
 */
function attachExported(cluster: Cluster, entry: Entry): void {
  const meta = isObject(entry.observed.metadata) ? entry.observed.metadata : {};
  const annotations = isObject(meta.annotations) ? meta.annotations : {};
  const key = annotations[ANNOTATION_COMPOSITION_RESOURCE_NAME];
  if (typeof key !== 'string' || key === '') return;
  const controller = (Array.isArray(meta.ownerReferences) ? meta.ownerReferences : []).find(
    (r) => isObject(r) && r.controller === true,
  );
  const ownerName = isObject(controller) ? controller.name : entry.labels[LABEL_COMPOSITE];
  if (typeof ownerName !== 'string') return;
  const owners = [...cluster.xrs.values()]
    .map((xr) => cluster.world.get(xr.id))
    .filter((e): e is Entry => e !== undefined && e.id !== entry.id && e.ref.name === ownerName)
    .filter((e) => e.ref.namespace === entry.ref.namespace || e.ref.namespace === '')
    .filter(
      (e) =>
        !isObject(controller) ||
        (e.ref.kind === controller.kind && e.ref.apiVersion === controller.apiVersion),
    );
  const owner = owners.sort((a, b) => compareRefs(a.ref, b.ref))[0];
  const xr = owner === undefined ? undefined : cluster.xrs.get(owner.id);
  if (owner === undefined || xr === undefined || xr.composed.has(key)) return;
  xr.composed.set(key, entry.id);
  cluster.world.put({ ...entry, owner: { id: owner.id, key } });
}

function callsOf(cluster: Cluster): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of [...cluster.calls.keys()].sort()) out[name] = cluster.calls.get(name) ?? 0;
  return out;
}

function converged(cluster: Cluster, rounds: number, inputAssumptions: readonly string[]): Converged {
  const warnings: Reported[] = [];
  const errors: Reported[] = [];
  for (const xr of cluster.xrs.values()) {
    const entry = cluster.world.get(xr.id);
    if (entry === undefined) continue;
    const object = describeRef(entry.ref);
    const pick = (severity: FunctionResult['severity']) =>
      xr.results.filter((r) => r.severity === severity).map((r) => ({ object, message: r.message }));
    warnings.push(...pick('Warning'));
    errors.push(...pick('Fatal'));
  }
  return {
    ok: true,
    world: cluster.world,
    xrs: cluster.xrs,
    rounds,
    calls: callsOf(cluster),
    warnings: sortReported(warnings),
    errors: sortReported(errors),
    assumptions: [...new Set([...inputAssumptions, ...worldAssumptions(cluster.world)])].sort(),
  };
}

function sortReported(list: readonly Reported[]): Reported[] {
  const text = (r: Reported) => `${r.object}\n${r.message}`;
  return [...new Map(list.map((r) => [text(r), r])).values()].sort((a, b) =>
    text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0,
  );
}
