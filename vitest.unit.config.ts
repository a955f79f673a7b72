import { defineConfig } from 'vitest/config';

/** Unit tests of the pure domain code: no Temporal server, no database, no global setup. */
export default defineConfig({
  test: {
    include: ['domain/**/*.test.ts'],
    environment: 'node',
  },
});
