import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'lib/**/*.test.ts',
      'functions/**/*.test.ts',
      'tests/**/*.test.ts',
      'cli/**/*.test.ts',
      'apis/**/*.test.ts',
    ],
    // Builds dist/ once: the protocol and render tests run the real bundles.
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
