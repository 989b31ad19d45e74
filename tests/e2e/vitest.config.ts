// The end-to-end suite against the fleet twin (`make e2e`; not part of `npm test`). Files run one
// at a time: they share one hub and one workload cluster. Each file brings the quickstart fleet to
// its starting state itself, so the order does not matter.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
