// compose-model-deployment: schedules a ModelDeployment's replicas across the fleet and composes a
// ModelReplica per placement and a ModelEndpoint per Ready replica (SPEC 4.3, section 5).
// Parse → pure lib/deployment call → output; lib/deployment/compose.ts explains the rules.

import { modelDeployment } from '../../lib/apis/index.js';
import {
  anyUnresolved,
  composeDeployment,
  DEPLOYMENT_REQUIREMENTS,
  holdEverything,
  readFleet,
  Reason,
  REQUIRE_CLASSES,
  REQUIRE_CLUSTERS,
  REQUIRE_REPLICAS,
  SCHEDULED,
} from '../../lib/deployment/index.js';
import {
  conditionFalse,
  isObject,
  itemsOf,
  namespacedName,
  observedComposed,
  observedComposite,
  parseComposite,
  requiredResources,
  warning,
  type CompositionFunction,
  type FunctionOutput,
  type KubeObject,
} from '../../lib/runtime/index.js';

export const composeModelDeployment: CompositionFunction = {
  name: 'compose-model-deployment',
  compose(req): FunctionOutput {
    const observed = observedComposed(req);
    const parsed = parseComposite(req, modelDeployment);
    if (!parsed.ok) {
      // Keep everything; the API server rejects most of this at admission, so it is rare.
      const xr = observedComposite(req);
      const message = parsed.issues.join('; ');
      const reason = invalidSpecReason(parsed.issues);
      return holdEverything(
        namespacedName(xr).name,
        desiredReplicas(xr),
        observed,
        conditionFalse(SCHEDULED, reason, message),
        [warning(`Invalid ModelDeployment: ${message}`, reason)],
      );
    }
    const md = parsed.value;
    const clusters = requiredResources(req, REQUIRE_CLUSTERS);
    const classes = requiredResources(req, REQUIRE_CLASSES);
    const replicas = requiredResources(req, REQUIRE_REPLICAS);
    if (anyUnresolved(clusters, classes, replicas)) {
      return holdEverything(
        md.metadata.name,
        md.spec.replicas,
        observed,
        conditionFalse(
          SCHEDULED,
          Reason.WaitingForInputs,
          'Waiting for the InferenceClusters, InferenceClasses and ModelReplicas to be fetched',
        ),
        [],
      );
    }
    return composeDeployment({
      md,
      fleet: readFleet(clusters, classes),
      replicas: itemsOf(replicas),
      observed,
    });
  },
};

/** spec.replicas of an XR whose spec did not parse, for the conditions (default 1). */
function desiredReplicas(xr: KubeObject | undefined): number {
  const r = isObject(xr?.spec) ? xr.spec.replicas : undefined;
  return typeof r === 'number' && Number.isInteger(r) && r >= 0 ? r : 1;
}

/** The most specific reason for schema problems: topology and nodeSelector have their own. */
function invalidSpecReason(issues: readonly string[]): string {
  if (issues.some((i) => i.includes('.topology'))) return Reason.InvalidTopology;
  if (issues.some((i) => i.includes('nodeSelector'))) return Reason.InvalidNodeSelector;
  return Reason.InvalidSpec;
}

export { DEPLOYMENT_REQUIREMENTS };
