import { defineConfig } from 'vitest/config';

// Tests start real servers and real sockets: give them time, and run files in parallel
// only as far as this 2-core machine allows.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
