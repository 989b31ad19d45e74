import { serveMain } from '../../lib/runtime/server.js';
import { composeModelReplica } from './fn.js';

await serveMain(composeModelReplica);
