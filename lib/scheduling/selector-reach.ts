// A hold rule of the ModelDeployment (issue 12): a nodeSelector that matches no InferenceClass of
// the candidate clusters' node pools is far more likely a typo than a wish to move every replica,
// like a clusterSelector that matches no cluster. This finds such selectors, whatever the reason
// each class gave (false, an error at run time, over the cost limit, left undecided by the
// reconcile's CEL budget), so the caller can hold instead of re-placing or removing replicas.

import type { InferenceClass } from '../apis/index.js';
import {
  CostBudget,
  SELECTOR_COST_LIMIT,
  type CompiledSelector,
  type SelectorOutcome,
} from '../cel/index.js';
import { compareStrings } from '../runtime/request.js';
import { clusterViews } from './clusters.js';
import { deploymentDemand } from './roles.js';
import type { ScheduleInput } from './types.js';

export interface UnmatchedSelector {
  /** "spec.nodeSelector.cel", "spec.decode.nodeSelector.cel". */
  readonly path: string;
  /** "matches none of the 2 InferenceClasses the candidate clusters' node pools use: 2 evaluated to false". */
  readonly message: string;
}

/**
 * Each role whose nodeSelector matches none of the existing classes that a node pool of a
 * candidate cluster uses. Roles without a selector, a deployment whose spec is in error (the
 * scheduler reports that) and candidates whose classes do not exist are not reported here.
 */
export function selectorsMatchingNothing(input: ScheduleInput): UnmatchedSelector[] {
  const demand = deploymentDemand(input.deployment);
  if (!demand.ok) return [];
  const byName = new Map<string, InferenceClass>();
  for (const cls of input.classes) if (!byName.has(cls.metadata.name)) byName.set(cls.metadata.name, cls);
  const used = new Set<string>();
  for (const view of clusterViews(input.clusters, input.deployment)) {
    if (!view.selected) continue;
    for (const pool of view.cluster.spec.nodePools) if (byName.has(pool.class)) used.add(pool.class);
  }
  const classes = [...used].sort(compareStrings).map((n) => byName.get(n) as InferenceClass);
  if (classes.length === 0) return [];
  const budget = input.celBudget ?? new CostBudget();
  const out: UnmatchedSelector[] = [];
  for (const role of demand.demand.roles) {
    if (role.selector === undefined) continue;
    const message = matchesNothing(role.selector, classes, budget);
    if (message !== undefined) out.push({ path: role.selectorPath, message });
  }
  return out;
}

/** Undefined as soon as one class matches; else why none did, counted by outcome. */
function matchesNothing(
  selector: CompiledSelector,
  classes: readonly InferenceClass[],
  budget: CostBudget,
): string | undefined {
  const outcomes: [InferenceClass, SelectorOutcome][] = [];
  for (const cls of classes) {
    const outcome = selector.explain(cls, budget);
    if (outcome.result === 'match') return undefined;
    outcomes.push([cls, outcome]);
  }
  const count = (result: SelectorOutcome['result']) => outcomes.filter(([, o]) => o.result === result);
  const parts: string[] = [];
  const noMatch = count('no-match').length;
  if (noMatch > 0) parts.push(`${noMatch} evaluated to false`);
  const errors = count('error');
  const [firstClass, firstError] = errors[0] ?? [];
  if (firstClass !== undefined && firstError?.result === 'error') {
    const others = errors.length > 1 ? ', and others' : '';
    parts.push(
      `${errors.length} failed at run time (InferenceClass ${firstClass.metadata.name}: ${firstError.error}${others})`,
    );
  }
  const overLimit = count('cost-exceeded').length;
  if (overLimit > 0) parts.push(`${overLimit} ran over the cost limit of ${SELECTOR_COST_LIMIT} units`);
  const undecided = count('budget-exhausted').length;
  if (undecided > 0)
    parts.push(
      `${undecided} were left undecided when this reconcile's CEL budget of ${budget.limit} units ran out`,
    );
  const n = classes.length;
  return `matches none of the ${n} ${n === 1 ? 'InferenceClass' : 'InferenceClasses'} the candidate clusters' node pools use: ${parts.join(', ')}`;
}
