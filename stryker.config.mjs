// @ts-check
/**
 * Mutation testing of the domain core (`npm run mutate`; not in CI: on the shared 2-core machine a full run
 * takes hours, incremental runs only what changed).
 * While iterating on one file: `npx stryker run stryker.triage.config.mjs --mutate src/shared/people.ts`
 * (string literals left out, a line range for big files; see that file for the time it takes here).
 * The per-file goals (≥ 90% without string-literal mutants everywhere, ≥ 90% with them for dossier.ts
 * and people.ts) are checked afterwards by scripts/mutation-check.ts from reports/mutation/mutation.json.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
const config = {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.mts', related: true },
  checkers: ['typescript'],
  // Only the domain core: a mutant that does not compile there is a compile error; the smaller program
  // keeps the checker from being the bottleneck (the whole node project took seconds per mutant).
  tsconfigFile: 'tsconfig.stryker.json',
  coverageAnalysis: 'perTest',
  // Static mutants (module-level tables, labels and schemas) need the whole suite reloaded per mutant:
  // about 45% of the mutants for 98% of the time. They are ignored (not scored); the behaviour below
  // module level is what the goals measure. mutation-check prints how many each file has. To measure
  // them for one file: `npx stryker run --ignoreStatic false --concurrency 1 --mutate src/shared/schemas.ts`
  // (measured once for schemas.ts lines 9-40, the builders and closed lists every input schema is made
  // of: 33 of 33 non-string static mutants killed by tests/unit/domain/schemas.test.ts alone).
  ignoreStatic: true,
  mutate: [
    'src/shared/**/*.ts',
    // Only types and the IPC contract's declarations: no behaviour to mutate.
    '!src/shared/ports.ts',
  ],
  // Two cores, shared: one type-checker process and one test-runner process.
  concurrency: 2,
  // A mutant that outruns its time is scored as detected ("Timeout"), whether or not a test would have
  // failed. On this shared machine (load average 26-37 on 2 cores) Stryker's default allowance (1.5 x
  // the test's own time + 5 s) timed out 24 of the 34 mutants of day-report.ts, a function without a
  // loop: those were failing assertions whose diff is slow to print under load (real kills), but a
  // surviving mutant slowed the same way would have been counted as detected too. A generous allowance
  // keeps the score honest; a real endless loop costs a minute.
  timeoutMS: 60_000,
  timeoutFactor: 3,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 95, low: 90, break: 90 },
  tempDirName: '.stryker-tmp',
  // Scratch space of the tests and tools (7.3 GB in the main checkout, a symlink in a worktree, which made
  // the sandbox copy fail with EISDIR): nothing the mutation tests read. Stryker's own defaults
  // (node_modules, .git, reports, its temp dir) are ignored as well.
  ignorePatterns: ['.tmp'],
  cleanTempDir: true,
};
export default config;
