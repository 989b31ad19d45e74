import { serveMain } from '../../lib/runtime/server.js';
import { composeInferenceCluster } from './fn.js';

await serveMain(composeInferenceCluster);
