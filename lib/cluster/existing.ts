// Existing: the platform team brings the cluster and its kubeconfig; only the ClusterProviderConfig
// is composed, and the cluster is reachable at once (SPEC 4.2).

import { providerConfig } from './access.js';
import { REASON_EXISTING } from './conditions.js';
import { KEY_PROVIDER_CONFIG } from './names.js';
import type { ClusterInput, SourcePlan } from './plan.js';

export function composeExisting(input: ClusterInput): SourcePlan {
  const { cluster } = input;
  const existing = cluster.spec.existing;
  if (existing === undefined) throw new Error('spec.existing is missing for source Existing');
  const ref = existing.kubeconfigSecretRef;
  return {
    children: { [KEY_PROVIDER_CONFIG]: providerConfig(cluster.metadata.name, ref) },
    invalidPools: [],
    reachable: {
      ready: true,
      reason: REASON_EXISTING,
      message: `Uses the kubeconfig in Secret ${ref.namespace}/${ref.name} (key ${ref.key})`,
    },
  };
}
