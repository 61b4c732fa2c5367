// @ts-check
/**
 * One file at a time while strengthening its tests: `npx stryker run stryker.triage.config.mjs --mutate
 * src/shared/<file>.ts[:from-to]`. Same as stryker.config.mjs without string-literal mutants (the goal
 * of every file but dossier.ts and people.ts leaves them out), with its own incremental file so a
 * partial run never stands in for the full one. Measured on the shared 2-core machine (load average
 * 26-38): 3 to 7 mutants a minute plus about 2.5 minutes of start-up, so a run of more than about 60
 * mutants should be split by line range to stay under 15 minutes. `npx tsx scripts/mutation-check.ts`
 * reads the report it writes (reports/mutation/mutation.json), which holds every file run so far.
 */
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  ...base,
  mutator: { excludedMutations: ['StringLiteral'] },
  incrementalFile: 'reports/mutation/triage-incremental.json',
};
export default config;
