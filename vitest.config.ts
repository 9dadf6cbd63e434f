import { defineConfig } from 'vitest/config';

// Tests start real servers and real sockets: give them time, and run files in parallel
// only as far as this 2-core machine allows. The time limits are for a machine whose cores are
// both busy with other work (the suite must pass there): they catch a hang, not a slow run. The guard project runs after every other file and
// fails if the run changed the user's data/ folder (test/guard).
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['test/guard/setup.ts'],
    projects: [
      { extends: true, test: { name: 'callcue', include: ['test/**/*.test.ts'], exclude: ['test/guard/**'], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'guard', include: ['test/guard/*.test.ts'], sequence: { groupOrder: 1 } } },
    ],
  },
});
