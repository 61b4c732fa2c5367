import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    // In CI a test that fails is tried once more (a real Chromium on a loaded 2-core machine can miss
    // a frame); one that fails twice fails the run. Locally nothing is retried, so flakiness shows.
    retry: process.env.CI ? 1 : 0,
    // ...and the first failure's cause is printed, so a retried test still tells what went wrong.
    setupFiles: ['tests/helpers/report-retries.ts'],
  },
});
