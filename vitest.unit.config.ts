import { defineConfig } from 'vitest/config';

/** Unit tests of the pure domain code and of the console's pure logic (web/src): no servers, no global setup. */
export default defineConfig({
  test: {
    include: ['domain/**/*.test.ts', 'web/src/**/*.test.ts'],
    environment: 'node',
  },
});
