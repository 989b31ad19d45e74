import { serveMain } from '../../lib/runtime/server.js';
import { composeModelService } from './fn.js';

await serveMain(composeModelService);
