import { defineConfig } from 'vitest/config';

/** Browser end-to-end suite: real host, real engine, Debian's Chromium driven by playwright-core. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/e2e.json' },
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // The test process itself stays on loopback too (the host and Chromium are checked separately).
    setupFiles: ['test/support/noNetwork.ts'],
  },
});
