/**
 * The checklist rule (issue #16 defect 2): which handed-in form satisfies which required form, and
 * why a row is missing. Every pair of forms is tested, so a form dropped from or added to a list of
 * accepted forms is seen.
 */
import { describe, expect, it } from 'vitest';
import { defaultHandedForm, formSatisfies, HANDED_FORM_LABELS, missingDocuments, missingReason, type ChecklistRow, type HandedForm, type RequiredForm } from '../../../src/shared/checklist';

const HANDED: HandedForm[] = ['original', 'certified_copy', 'copy'];
const row = (over: Partial<ChecklistRow>): ChecklistRow => ({ name: 'Tờ khai', form: 'original', requiredCount: 1, providedCount: 1, providedForm: 'original', required: true, ...over });

describe('formSatisfies', () => {
  it.each<[RequiredForm, HandedForm[]]>([
    ['original', ['original']],
    ['certified_copy', ['original', 'certified_copy']],
    ['copy', ['original', 'certified_copy', 'copy']],
    ['original_or_copy', ['original', 'certified_copy', 'copy']],
  ])('required %s is met by exactly %j', (required, accepted) => {
    expect(HANDED.filter((h) => formSatisfies(required, h))).toEqual(accepted);
  });
  it('no form given counts as the required one (null and undefined alike)', () => {
    expect(formSatisfies('original', null)).toBe(true);
    expect(formSatisfies('original', undefined)).toBe(true);
  });
});

describe('defaultHandedForm', () => {
  it('starts each row at the form the catalogue asks for', () => {
    expect(defaultHandedForm('copy')).toBe('copy');
    expect(defaultHandedForm('certified_copy')).toBe('certified_copy');
    expect(defaultHandedForm('original')).toBe('original');
    expect(defaultHandedForm('original_or_copy')).toBe('original');
  });
});

describe('missingReason', () => {
  it('an optional row is never missing, even when nothing was handed in', () => {
    expect(missingReason(row({ required: false, providedCount: 0 }))).toBeNull();
    expect(missingReason(row({ required: false, providedForm: 'copy' }))).toBeNull();
  });
  it('a copy where the original is required is missing and says why', () => {
    expect(missingReason(row({ providedForm: 'copy' }))).toBe('Tờ khai (cần bản chính, đã nộp bản sao)');
    expect(missingReason(row({ form: 'certified_copy', providedForm: 'copy' }))).toBe('Tờ khai (cần bản sao có chứng thực (hoặc bản chính), đã nộp bản sao)');
    expect(missingReason(row({ providedForm: 'certified_copy' }))).toBe(`Tờ khai (cần bản chính, đã nộp ${HANDED_FORM_LABELS.certified_copy})`);
  });
  it('the form is judged only when something was handed in: none handed in is simply absent', () => {
    expect(missingReason(row({ providedCount: 0, providedForm: 'copy' }))).toBe('Tờ khai');
  });
  it('counts on both sides of the required number', () => {
    expect(missingReason(row({ requiredCount: 2, providedCount: 1 }))).toBe('Tờ khai');
    expect(missingReason(row({ requiredCount: 2, providedCount: 2 }))).toBeNull();
    expect(missingReason(row({ requiredCount: 2, providedCount: 3 }))).toBeNull();
  });
  it('enough copies in an accepted form is not missing', () => {
    expect(missingReason(row({ form: 'copy', providedForm: 'original' }))).toBeNull();
  });
});

describe('missingDocuments', () => {
  it('lists only the missing rows, in order, each with its reason', () => {
    const rows = [row({ name: 'A', providedCount: 0 }), row({ name: 'B' }), row({ name: 'C', providedForm: 'copy' }), row({ name: 'D', required: false, providedCount: 0 })];
    expect(missingDocuments(rows)).toEqual(['A', 'C (cần bản chính, đã nộp bản sao)']);
    expect(missingDocuments([])).toEqual([]);
  });
});
