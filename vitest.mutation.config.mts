import { defineConfig } from 'vitest/config';

/**
 * Vitest for mutation testing (`npm run mutate`): only the unit tests, which are the ones that exercise
 * the domain core directly and need no database, browser or network. Stryker runs them in its own
 * workers; see stryker.config.mjs.
 */
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
