// The one path for every provisioned source (GKE, EKS, AKS), driven by the provider's descriptor:
// the control plane, one GPU pool per node pool whose class has this provider's block, and the
// ClusterProviderConfig fed by the kubeconfig the provider writes.

import { asDesired } from '../runtime/reemit.js';
import type { KubeObject } from '../runtime/request.js';
import { providerConfig } from './access.js';
import { describeChild, isChildReady } from './children.js';
import { foundClasses } from './classes.js';
import { REASON_AVAILABLE, REASON_PROVISIONING } from './conditions.js';
import type { ProviderDescriptor } from './descriptor.js';
import { KEY_PROVIDER_CONFIG, poolKey } from './names.js';
import type { ClusterInput, InvalidPool, SourcePlan } from './plan.js';

export function composeProvisioned<Spec, Block>(
  input: ClusterInput,
  descriptor: ProviderDescriptor<Spec, Block>,
): SourcePlan {
  const { cluster, observed } = input;
  const name = cluster.metadata.name;
  const spec = descriptor.clusterSpec(cluster.spec);
  // The spec schema requires the block of the source, so this is a bug, not a user error.
  if (spec === undefined)
    throw new Error(`spec.${descriptor.block} is missing for source ${descriptor.source}`);

  const controlPlane = descriptor.controlPlane(name, spec);
  const children: Record<string, KubeObject> = { ...controlPlane.children };
  const invalidPools: InvalidPool[] = [];
  const classes = foundClasses(input.classes);
  for (const pool of cluster.spec.nodePools) {
    const cls = classes.get(pool.class);
    if (cls === undefined) continue; // reported by ClassesResolved
    const block = descriptor.classBlock(cls.spec.provisioning);
    const built =
      block === undefined
        ? {
            ok: false as const,
            problem: `InferenceClass ${pool.class} has no provisioning.${descriptor.block} block`,
          }
        : descriptor.gpuPool(name, spec, pool, block);
    const key = poolKey(pool.name);
    if (built.ok) {
      children[key] = built.resource;
      continue;
    }
    invalidPools.push({ pool: pool.name, class: pool.class, message: `pool ${pool.name}: ${built.problem}` });
    // A user error never deletes a running pool: what exists stays as it is.
    const existing = observed[key];
    if (existing !== undefined) children[key] = asDesired(existing);
  }
  children[KEY_PROVIDER_CONFIG] = providerConfig(name, controlPlane.kubeconfig, controlPlane.identity);

  const waitingFor = [...Object.keys(controlPlane.children).sort(), KEY_PROVIDER_CONFIG]
    .filter((key) => !isChildReady(observed[key]))
    .map((key) => describeChild(children[key] ?? {}));
  return {
    children,
    invalidPools,
    reachable:
      waitingFor.length === 0
        ? { ready: true, reason: REASON_AVAILABLE, message: `The ${descriptor.source} cluster is ready` }
        : {
            ready: false,
            reason: REASON_PROVISIONING,
            message: `Waiting for ${waitingFor.join(', ')} to become ready`,
          },
  };
}
