export { composeDeployment, holdEverything, type DeploymentInputs } from './compose.js';
export {
  anyUnresolved,
  DEPLOYMENT_REQUIREMENTS,
  readFleet,
  REQUIRE_CLASSES,
  REQUIRE_CLUSTERS,
  REQUIRE_REPLICAS,
} from './inputs.js';
export { Reason, SCHEDULED, REPLICAS_READY } from './status.js';
