import { serveMain } from '../../lib/runtime/server.js';
import { composeModelDeployment } from './fn.js';

await serveMain(composeModelDeployment);
