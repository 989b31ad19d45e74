// What one replica of a deployment asks for, role by role, checked once per call: the topology
// shape, the compiled nodeSelector and the per-pod resources. A topology the math refuses or a
// nodeSelector that does not compile is a user error that stops every new decision (SPEC 5).

import type { ModelDeployment, Workers } from '../apis/index.js';
import { compileSelector, type CompiledSelector } from '../cel/index.js';
import { parseQuantity, type Quantity } from '../quantity/quantity.js';
import { replicaShape, type ReplicaShape, type RoleName, type RoleShape } from './topology.js';
import type { ScheduleError } from './types.js';

/** A per-pod resource request the class's per-node allocatable must cover. */
export interface ResourceRequest {
  readonly name: 'cpu' | 'memory';
  /** As written, for messages ("32", "256Gi"). */
  readonly text: string;
  readonly quantity: Quantity;
}

export interface RoleDemand {
  readonly role: RoleName;
  readonly shape: RoleShape;
  /** Undefined when the role has no nodeSelector (every class matches). */
  readonly selector: CompiledSelector | undefined;
  /** Where the selector lives, for warnings: "spec.nodeSelector.cel", "spec.decode.nodeSelector.cel". */
  readonly selectorPath: string;
  readonly resources: readonly ResourceRequest[];
}

export interface Demand {
  /** [unified] or [decode, prefill]: the order roles are placed in. */
  readonly roles: readonly RoleDemand[];
  readonly shape: ReplicaShape;
}

export type DemandResult =
  { readonly ok: true; readonly demand: Demand } | { readonly ok: false; readonly error: ScheduleError };

interface RoleSource {
  readonly role: RoleName;
  readonly prefix: string;
  readonly cel: string | undefined;
  readonly workers: Workers;
}

function roleSources(spec: ModelDeployment['spec']): RoleSource[] {
  if (spec.workers !== undefined) {
    return [{ role: 'unified', prefix: 'spec', cel: spec.nodeSelector?.cel, workers: spec.workers }];
  }
  const out: RoleSource[] = [];
  if (spec.decode !== undefined) {
    out.push({
      role: 'decode',
      prefix: 'spec.decode',
      cel: spec.decode.nodeSelector?.cel,
      workers: spec.decode.workers,
    });
  }
  if (spec.prefill !== undefined) {
    out.push({
      role: 'prefill',
      prefix: 'spec.prefill',
      cel: spec.prefill.nodeSelector?.cel,
      workers: spec.prefill.workers,
    });
  }
  return out;
}

function resourceRequests(workers: Workers): ResourceRequest[] {
  const out: ResourceRequest[] = [];
  for (const name of ['cpu', 'memory'] as const) {
    const text = workers.resources[name];
    if (text === undefined) continue;
    const parsed = parseQuantity(text);
    // The schema already rejected malformed quantities; one that slips through asks for nothing.
    if (parsed.ok) out.push({ name, text, quantity: parsed.quantity });
  }
  return out;
}

/** The deployment's demand, or the first user error (topology first, then nodeSelectors in role order). */
export function deploymentDemand(deployment: ModelDeployment): DemandResult {
  const shape = replicaShape(deployment.spec);
  if (!shape.ok) return { ok: false, error: { reason: 'InvalidTopology', ...shape.error } };
  const roles: RoleDemand[] = [];
  for (const source of roleSources(deployment.spec)) {
    const roleShape = shape.value.roles[source.role];
    if (roleShape === undefined) continue; // replicaShape returned every role roleSources lists
    const selectorPath = `${source.prefix}.nodeSelector.cel`;
    let selector: CompiledSelector | undefined;
    if (source.cel !== undefined) {
      const compiled = compileSelector(source.cel);
      if (!compiled.ok) {
        return {
          ok: false,
          error: { reason: 'InvalidNodeSelector', path: selectorPath, message: compiled.error },
        };
      }
      selector = compiled.selector;
    }
    roles.push({
      role: source.role,
      shape: roleShape,
      selector,
      selectorPath,
      resources: resourceRequests(source.workers),
    });
  }
  return { ok: true, demand: { roles, shape: shape.value } };
}
