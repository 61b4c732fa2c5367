/**
 * scripts/mutation-check.ts, the per-file goals of issue 19 read from a StrykerJS report: every file
 * ≥ 90% without string-literal mutants, dossier.ts and people.ts ≥ 90% with them too.
 */
import { describe, expect, it } from 'vitest';
import { disabledMutants, fileScores, GOAL, STRICT_FILES, table } from '../../scripts/mutation-check';

type M = { mutatorName: string; status: string; statusReason?: string; location?: { start: { line: number } } };
const many = (n: number, m: M): M[] => Array.from({ length: n }, () => m);
const killed = (mutatorName = 'ConditionalExpression'): M => ({ mutatorName, status: 'Killed' });
const survived = (mutatorName = 'ConditionalExpression'): M => ({ mutatorName, status: 'Survived' });

describe('mutation-check', () => {
  it('the goal is 90% and the strict files are dossier.ts and people.ts', () => {
    expect(GOAL).toBe(90);
    expect(STRICT_FILES).toEqual(['src/shared/dossier.ts', 'src/shared/people.ts']);
  });

  it('a file passes at exactly 90% without strings and fails just below; strings count only for the strict files', () => {
    const report = {
      files: {
        // 9 of 10 detected (a timeout counts as detected), plus 5 surviving string literals: passes.
        'src/shared/a.ts': { mutants: [...many(8, killed()), { mutatorName: 'EqualityOperator', status: 'Timeout' }, survived(), ...many(5, survived('StringLiteral'))] },
        // 89 of 100: fails.
        'src/shared/b.ts': { mutants: [...many(89, killed()), ...many(11, { mutatorName: 'ArithmeticOperator', status: 'NoCoverage' })] },
        // 9 of 10 without strings but 9 of 12 with them: a strict file fails.
        'src/shared/people.ts': { mutants: [...many(9, killed()), survived(), ...many(2, survived('StringLiteral'))] },
        // Compile errors and ignored mutants are no valid mutants.
        'src/shared/c.ts': {
          mutants: [
            killed(),
            { mutatorName: 'BlockStatement', status: 'CompileError' },
            { mutatorName: 'BlockStatement', status: 'Ignored', statusReason: 'Static mutant (and "ignoreStatic" was enabled)' },
            { mutatorName: 'EqualityOperator', status: 'Ignored', statusReason: 'never 0', location: { start: { line: 7 } } },
          ],
        },
      },
    };
    const scores = Object.fromEntries(fileScores(report).map((s) => [s.file, s]));
    expect(scores['src/shared/a.ts']).toMatchObject({ valid: 15, survived: 6, withoutStrings: 90, pass: true, strict: false });
    expect(scores['src/shared/a.ts']!.withStrings).toBeCloseTo(60, 9);
    expect(scores['src/shared/b.ts']).toMatchObject({ valid: 100, survived: 11, withoutStrings: 89, pass: false });
    expect(scores['src/shared/people.ts']).toMatchObject({ withoutStrings: 90, withStrings: 75, strict: true, pass: false });
    expect(scores['src/shared/c.ts']).toMatchObject({ valid: 1, survived: 0, static: 1, withoutStrings: 100, pass: true });
    expect(disabledMutants(report)).toEqual(['src/shared/c.ts:7 EqualityOperator — never 0']);
    expect(table(fileScores(report))).toMatch(/src\/shared\/b\.ts +100 +11 +0 +89\.0% +89\.0% +BELOW GOAL/);
  });

  it('a file without valid mutants has no score and passes', () => {
    const [s] = fileScores({ files: { 'src/shared/types.ts': { mutants: [{ mutatorName: 'BlockStatement', status: 'CompileError' }] } } });
    expect(s).toMatchObject({ valid: 0, withStrings: null, withoutStrings: null, pass: true });
  });
});
