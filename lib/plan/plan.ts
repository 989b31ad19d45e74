// `modelplane plan` as one function: YAML texts in; the plan, the replica diff, or the problems out.
// Read → parse → admit (kinds.ts, validate.ts) → converge (engine.ts) → read the result (model.ts).

import { canonicalObject, type JsonObject } from '../runtime/json.js';
import type { CompositeKind } from './crossplane.js';
import { replicaChanges, type ReplicaChange } from './diff.js';
import { runEngine, type EngineOptions } from './engine.js';
import { sortProblems, type InputProblem } from './input.js';
import { MODELPLANE_KINDS } from './kinds.js';
import { parseTexts, type SourceText } from './load.js';
import { planView, type PlanView } from './model.js';
import { applyDefaults } from './schema.js';
import { admit } from './validate.js';
import { describeRef, refOf } from './world.js';

export type PlanOutcome =
  /** The input cannot be planned; every problem, sorted by file and position. */
  | { readonly kind: 'invalid'; readonly problems: readonly InputProblem[] }
  /** The functions did not settle. */
  | { readonly kind: 'diverged'; readonly message: string }
  | { readonly kind: 'planned'; readonly view: PlanView; readonly changes: readonly ReplicaChange[] };

export function planTexts(
  texts: readonly SourceText[],
  composites: readonly CompositeKind[],
  options: EngineOptions = {},
): PlanOutcome {
  const parsed = parseTexts(texts);
  const admitted = admit(parsed.documents);
  const problems = sortProblems([...parsed.problems, ...admitted.problems]);
  if (problems.length > 0) return { kind: 'invalid', problems };

  // Kinds the plan does not model (a Secret, an AppProject) stay out of the simulated world and
  // are listed as not planned.
  const input = admitted.objects.filter((o) => o.info.modelled).map((o) => o.object);
  const notModelled = admitted.objects
    .filter((o) => !o.info.modelled)
    .map((o) => ({ object: describeRef(refOf(o.object)) }));
  const result = runEngine(input, composites, options);
  if (!result.ok) return { kind: 'diverged', message: result.message };
  const replicasOf = (objects: readonly JsonObject[]) =>
    objects.filter((o) => o.apiVersion === 'modelplane.ai/v1alpha1' && o.kind === 'ModelReplica');
  const after = result.world.list('modelplane.ai/v1alpha1', 'ModelReplica').map((e) => e.observed);
  return {
    kind: 'planned',
    view: planView(result, notModelled),
    changes: replicaChanges(replicasOf(input), after),
  };
}

/** The function-independent half of a composite kind: how the API server stores a new object of it. */
export function storedAs(apiVersion: string, kind: string): ((obj: JsonObject) => JsonObject) | undefined {
  const info = MODELPLANE_KINDS.find((k) => k.apiVersion === apiVersion && k.kind === kind);
  if (info === undefined) return undefined;
  return (obj) => canonicalObject(applyDefaults(info.schema, obj) as object);
}
