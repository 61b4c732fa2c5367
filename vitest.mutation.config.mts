import { defineConfig } from 'vitest/config';

/**
 * Vitest for mutation testing (`npm run mutate`): the unit tests of the domain core itself, which call
 * src/shared directly and need no database, browser, font or network. Stryker re-runs, for each
 * mutant, every test that executed its code; tests that build a whole counter (SQLite, services,
 * HTTP bridge) or rasterise print-outs also execute much of src/shared, so with them each mutant cost
 * tens of seconds on a shared machine and the run took hours. Leaving them out can only lower a
 * score (fewer tests to kill a mutant): the goals are met by the domain's own tests. See
 * stryker.config.mjs.
 */
export default defineConfig({
  test: {
    include: [
      'tests/unit/domain/**/*.test.ts',
      'tests/unit/lifecycle/**/*.test.ts',
      'tests/unit/catalogue/**/*.test.ts',
      'tests/unit/reference/**/*.test.ts',
      'tests/unit/sync/protocol.test.ts',
      'tests/unit/sync/app-update.test.ts',
      'tests/unit/sync/enrollment.test.ts',
      'tests/unit/sync/enrollment-bounds.test.ts',
      'tests/unit/sync/schema-identity.test.ts',
      'tests/unit/printing/print-model.test.ts',
      'tests/unit/printing/print-model-branches.test.ts',
      'tests/unit/printing/print-model-exact.test.ts',
      'tests/unit/ipc/vi-errors.test.ts',
      'tests/unit/ipc/channels.test.ts',
      'tests/unit/ipc/parsed.test.ts',
      'tests/unit/ipc/fast-parse.test.ts',
      'tests/unit/sign-in-policy.test.ts',
    ],
    // Generous: instrumented code under per-test coverage runs several times slower, and the exhaustive
    // checks (every S10 corruption, every lunar month 1968–2199) must not fail the initial run on a loaded
    // machine. Stryker times out a mutant by its own measure, not by this.
    testTimeout: 300_000,
  },
});
