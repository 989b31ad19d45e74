import { serveMain } from '../../lib/runtime/server.js';
import { composeModelEndpoint } from './fn.js';

await serveMain(composeModelEndpoint);
