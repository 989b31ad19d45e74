// Pool fit for a role (SPEC 5), capacity aside: the pool's class resolved, the role's nodeSelector
// is true for the class, the class has enough GPUs per node, and the class's per-node cpu/memory
// (when it declares them) cover one worker pod. Each (role, class) pair is decided once per call,
// so a CEL expression is evaluated at most once per class however many pools use the class, and
// every evaluation is charged to the call's CEL budget. A class the budget leaves undecided hosts
// no new replica (stage) and removes no existing one (retainStage).

import type { InferenceClass, NodePool } from '../apis/index.js';
import type { CostBudget } from '../cel/index.js';
import { compareQuantities, parseQuantity } from '../quantity/quantity.js';
import type { RoleDemand } from './roles.js';

/**
 * How far a class gets through the role's filters, in the order they are checked. The explanation
 * of a rejected cluster names the filter that its best pool failed at.
 */
export const FitStage = {
  ClassMissing: 0,
  SelectorMismatch: 1,
  TooFewGpus: 2,
  TooSmall: 3,
  Fits: 4,
} as const;
export type FitStage = (typeof FitStage)[keyof typeof FitStage];

export class PoolFit {
  private readonly memo = new Map<RoleDemand, Map<string, FitStage>>();
  private readonly retainMemo = new Map<RoleDemand, Map<string, FitStage>>();

  constructor(
    private readonly classes: ReadonlyMap<string, InferenceClass>,
    /** CEL warnings collected while evaluating; the caller sorts them. */
    private readonly warnings: Set<string>,
    private readonly budget?: CostBudget,
  ) {}

  classOf(pool: NodePool): InferenceClass | undefined {
    return this.classes.get(pool.class);
  }

  /** The stage the pool reaches for the role; FitStage.Fits means it can host a new replica. */
  stage(role: RoleDemand, pool: NodePool): FitStage {
    return this.memoized(this.memo, role, pool.class, false);
  }

  /** Like stage, for a replica already there: a nodeSelector the budget left undecided keeps it. */
  retainStage(role: RoleDemand, pool: NodePool): FitStage {
    return this.memoized(this.retainMemo, role, pool.class, true);
  }

  private memoized(
    memo: Map<RoleDemand, Map<string, FitStage>>,
    role: RoleDemand,
    className: string,
    undecidedMatches: boolean,
  ): FitStage {
    let byClass = memo.get(role);
    if (byClass === undefined) {
      byClass = new Map();
      memo.set(role, byClass);
    }
    let stage = byClass.get(className);
    if (stage === undefined) {
      stage = this.evaluate(role, className, undecidedMatches);
      byClass.set(className, stage);
    }
    return stage;
  }

  fits(role: RoleDemand, pool: NodePool): boolean {
    return this.stage(role, pool) === FitStage.Fits;
  }

  private evaluate(role: RoleDemand, className: string, undecidedMatches: boolean): FitStage {
    const cls = this.classes.get(className);
    if (cls === undefined) return FitStage.ClassMissing;
    if (role.selector !== undefined) {
      const match = role.selector.matches(cls, this.budget);
      if (match.warning !== undefined) {
        this.warnings.add(`${role.selectorPath}: ${match.warning}`);
      }
      if (!match.matched && !(undecidedMatches && match.undecided === true)) return FitStage.SelectorMismatch;
    }
    if (role.shape.gpusPerNode > cls.spec.resources.gpu.count) return FitStage.TooFewGpus;
    for (const request of role.resources) {
      const declared = cls.spec.resources[request.name];
      if (declared === undefined) continue;
      const allocatable = parseQuantity(declared);
      if (allocatable.ok && compareQuantities(request.quantity, allocatable.quantity) > 0)
        return FitStage.TooSmall;
    }
    return FitStage.Fits;
  }
}
