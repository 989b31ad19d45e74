// `npm run generate:docs`: writes the CLI's generated files, docs/api.md (from the XRDs) and
// lib/plan/default-fleet.ts (from examples/quickstart). cli/generated.test.ts fails when either
// is stale.

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiReference } from './api-docs.js';
import { DEFAULT_FLEET_MODULE, defaultFleetModule } from './default-fleet.js';

export const API_REFERENCE = 'docs/api.md';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, API_REFERENCE), apiReference());
console.log(`wrote ${API_REFERENCE}`);
writeFileSync(join(root, DEFAULT_FLEET_MODULE), await defaultFleetModule(root));
console.log(`wrote ${DEFAULT_FLEET_MODULE}`);
