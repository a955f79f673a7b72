import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    // 2 cores and one shared Temporal dev server: files run one after another.
    fileParallelism: false,
    include: [
      'domain/**/*.test.ts',
      'activities/**/*.test.ts',
      'api/**/*.test.ts',
      'common/**/*.test.ts',
      'test/**/*.test.ts',
      'web/src/**/*.test.ts',
    ],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/runtime.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
