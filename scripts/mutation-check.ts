/**
 * `npm run mutate` step two: reads reports/mutation/mutation.json (written by StrykerJS) and fails
 * unless every mutated file meets its own goal (issue 19). Stryker's `thresholds.break` is one score
 * for the whole run; the goals are per file:
 * - every file: ≥ 90% with string-literal mutants left out (messages and labels are checked by the
 *   tests that matter, not character by character);
 * - the files that decide what the law allows (dossier.ts, people.ts): ≥ 90% with them too.
 * Score = detected (killed + timeout) / valid (detected + survived + no coverage), as Stryker counts it;
 * ignored mutants (static ones, disabled ones) and compile or runtime errors are not valid mutants.
 *
 * `tsx scripts/mutation-check.ts [report.json]`
 */
import { readFileSync } from 'node:fs';

export const GOAL = 90;
/** Files whose goal counts string-literal mutants too. */
export const STRICT_FILES = ['src/shared/dossier.ts', 'src/shared/people.ts'];

interface Mutant {
  mutatorName: string;
  status: string;
  statusReason?: string;
  static?: boolean;
  location?: { start: { line: number } };
}
interface Report {
  files: Record<string, { mutants: Mutant[] }>;
}

export interface FileScore {
  file: string;
  valid: number;
  survived: number;
  /** Static mutants (module-level code) that ignoreStatic left out of the score. */
  static: number;
  withStrings: number | null;
  withoutStrings: number | null;
  strict: boolean;
  pass: boolean;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

function score(mutants: readonly Mutant[]): { valid: number; survived: number; score: number | null } {
  const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
  const survived = mutants.filter((m) => UNDETECTED.has(m.status)).length;
  const valid = detected + survived;
  return { valid, survived, score: valid === 0 ? null : (100 * detected) / valid };
}

export function fileScores(report: Report): FileScore[] {
  return Object.entries(report.files)
    .map(([file, { mutants }]) => {
      const all = score(mutants);
      const noStrings = score(mutants.filter((m) => m.mutatorName !== 'StringLiteral'));
      const strict = STRICT_FILES.includes(file.replace(/\\/g, '/'));
      const meets = (s: number | null): boolean => s === null || s >= GOAL;
      return {
        file,
        valid: all.valid,
        survived: all.survived,
        static: mutants.filter((m) => m.status === 'Ignored' && m.statusReason?.startsWith('Static mutant')).length,
        withStrings: all.score,
        withoutStrings: noStrings.score,
        strict,
        pass: meets(noStrings.score) && (!strict || meets(all.score)),
      };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

const pct = (s: number | null): string => (s === null ? 'n/a' : `${s.toFixed(1)}%`);

export function table(scores: readonly FileScore[]): string {
  const rows = scores.map((s) => [s.file, String(s.valid), String(s.survived), String(s.static), pct(s.withStrings) + (s.strict ? ' *' : ''), pct(s.withoutStrings), s.pass ? 'ok' : 'BELOW GOAL']);
  const head = ['file', 'valid', 'undetected', 'static (not run)', 'with strings', 'without strings', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), ...rows.map(line), `goal ${GOAL}% without string literals; * also with them`].join('\n');
}

/** Mutants switched off by a `// Stryker disable` comment, each with the reason the comment gives (not those of a mutator left out by the triage config). */
export function disabledMutants(report: Report): string[] {
  return Object.entries(report.files)
    .flatMap(([file, { mutants }]) =>
      mutants
        .filter((m) => m.status === 'Ignored' && !m.statusReason?.startsWith('Static mutant') && !m.statusReason?.includes('excluded mutation'))
        .map((m) => `${file}:${m.location?.start.line ?? '?'} ${m.mutatorName} — ${m.statusReason ?? '(no reason)'}`),
    )
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

if (process.argv[1]?.endsWith('mutation-check.ts')) {
  const path = process.argv[2] ?? 'reports/mutation/mutation.json';
  const scores = fileScores(JSON.parse(readFileSync(path, 'utf8')) as Report);
  console.log(table(scores));
  const disabled = disabledMutants(JSON.parse(readFileSync(path, 'utf8')) as Report);
  console.log(`\nDisabled by comment (${disabled.length}):${disabled.map((d) => `\n  ${d}`).join('')}`);
  const below = scores.filter((s) => !s.pass);
  if (below.length > 0) {
    console.error(`\n${below.length} file(s) below the mutation goal: ${below.map((s) => s.file).join(', ')}`);
    process.exit(1);
  }
}
