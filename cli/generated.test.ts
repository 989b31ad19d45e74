// The CLI's generated files are up to date: docs/api.md with the XRDs' schema sources, and the
// embedded default fleet with examples/quickstart. `npm run generate:docs` rewrites both.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../tests/support/paths.js';
import { apiReference } from './api-docs.js';
import { DEFAULT_FLEET_MODULE, defaultFleetModule } from './default-fleet.js';

const STALE = 'is stale: run `npm run generate:docs`';

describe('generated files', () => {
  it(`docs/api.md matches the XRDs (else it ${STALE})`, () => {
    expect(readFileSync(join(repoRoot, 'docs', 'api.md'), 'utf8'), `docs/api.md ${STALE}`).toBe(
      apiReference(),
    );
  });

  it(`the embedded default fleet is examples/quickstart (else ${DEFAULT_FLEET_MODULE} ${STALE})`, async () => {
    expect(
      readFileSync(join(repoRoot, DEFAULT_FLEET_MODULE), 'utf8'),
      `${DEFAULT_FLEET_MODULE} ${STALE}`,
    ).toBe(await defaultFleetModule(repoRoot));
  });
});
