// How a role's engine starts on KServe, decided once per role from the replica's spec alone:
// which preset pod it runs as (one node, or the leader and workers of a multi-node group), where
// its model comes from (model-source.ts), the port and names KServe serves it under, the flags the
// single-node preset does not pass, and every setting that would fight KServe (engine-conflicts.ts).
//
// KServe v0.20's single-node presets pass only `--tensor-parallel-size`; a worker on one node with
// data parallelism (data = dataLocal > 1) or expert parallelism would silently run without it. The
// missing flags are appended to the engine's args (they arrive as "$@", after the preset's own), and
// any the user wrote already agree with the topology (engine-args.ts checks that first).

import type { Topology } from '../apis/serving.js';
import { DECODE_ENGINE_PORT, ENGINE_PORT, type ServeKind } from '../kserve/serve-command.js';
import type { RoleShape } from '../scheduling/topology.js';
import { engineTokens, parseEngineParallelism } from './engine-args.js';
import { engineConflicts, engineLocation } from './engine-conflicts.js';
import { modelSource, type ModelSource } from './model-source.js';
import type { ReplicaRole } from './roles.js';

export interface EnginePlan {
  /** The pod KServe's `template` becomes (the only pod, or the group leader). */
  readonly leader: ServeKind;
  /** The pod KServe's `worker` becomes, when one worker spans several nodes. */
  readonly worker: ServeKind | undefined;
  readonly source: ModelSource;
  readonly port: number;
  /** The names KServe serves the model under: "<model.name>", "publishers/<ns>/models/<model.name>". */
  readonly servedNames: readonly [string, string];
  /** Flags the single-node preset does not pass, appended to the engine's args. */
  readonly extraArgs: readonly string[];
}

export type EnginePlanResult =
  | { readonly ok: true; readonly plan: EnginePlan }
  | {
      readonly ok: false;
      readonly reason: 'NoModelSource' | 'ConflictingEngineArgs';
      readonly messages: string[];
    };

/** The KServe pods of a role: single node, or a data- or pipeline-parallel LeaderWorkerSet group. */
function podKinds(t: Topology, shape: RoleShape): { leader: ServeKind; worker: ServeKind | undefined } {
  if (shape.nodesPerWorker <= 1) return { leader: 'single', worker: undefined };
  if (t.data > t.dataLocal) return { leader: 'data-leader', worker: 'data-worker' };
  return { leader: 'pipeline-leader', worker: 'pipeline-worker' };
}

function singleNodeFlags(t: Topology, tokens: readonly string[]): string[] {
  const given = parseEngineParallelism(tokens);
  const out: string[] = [];
  if (t.data > 1 && given.data === undefined) out.push(`--data-parallel-size=${t.data}`);
  if (t.data > 1 && given.dataLocal === undefined) out.push(`--data-parallel-size-local=${t.dataLocal}`);
  if (t.expert && given.expert === undefined) out.push('--enable-expert-parallel');
  return out;
}

export interface PlanContext {
  readonly role: ReplicaRole;
  readonly shape: RoleShape;
  readonly modelUri: string | undefined;
  /** KServe's model.name: spec.model.name, else the deployment (servedModelName). */
  readonly modelName: string;
  readonly namespace: string;
}

export function enginePlan(ctx: PlanContext): EnginePlanResult {
  const { role, shape } = ctx;
  const t = role.workers.topology;
  const kinds = podKinds(t, shape);
  const port = role.role === 'decode' ? DECODE_ENGINE_PORT : ENGINE_PORT;
  const servedNames = [ctx.modelName, `publishers/${ctx.namespace}/models/${ctx.modelName}`] as const;
  const engine = engineLocation(role.workers, role.workersPath);
  const conflicts = engineConflicts({
    workers: role.workers,
    workersPath: role.workersPath,
    port,
    multiNode: kinds.worker !== undefined,
    servedAs: `"${servedNames[0]}" and "${servedNames[1]}"`,
  });
  const source = modelSource(ctx.modelUri, engine.container, `${engine.path}.args`, 'spec.model.uri');
  if (!source.ok) {
    const conflict = conflicts.length > 0 || source.problem === 'conflict';
    const reason = conflict ? 'ConflictingEngineArgs' : 'NoModelSource';
    return { ok: false, reason, messages: [...conflicts, source.message] };
  }
  if (conflicts.length > 0) return { ok: false, reason: 'ConflictingEngineArgs', messages: conflicts };
  return {
    ok: true,
    plan: {
      ...kinds,
      source: source.source,
      port,
      servedNames,
      extraArgs: kinds.worker === undefined ? singleNodeFlags(t, engineTokens(role.workers)) : [],
    },
  };
}
