import { serveMain } from '../../lib/runtime/server.js';
import { composeInferenceClass } from './fn.js';

await serveMain(composeInferenceClass);
