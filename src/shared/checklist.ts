/**
 * The document checklist's one rule (issue #16 defect 2): a required paper counts as handed in only
 * when enough copies were given IN A FORM THE CATALOGUE ACCEPTS. A copy where the original is
 * required is missing, and says so ("cần bản chính, đã nộp bản sao"), on screen, in the dossier's
 * missing list and on the printed list of papers to bring.
 *
 * Which handed-in form satisfies which required form:
 *  - original:          only an original;
 *  - certified_copy:    a certified copy, or the original (the agency copies and certifies it);
 *  - copy:              anything (an original or a certified copy is at least as good);
 *  - original_or_copy:  anything.
 *
 * Pure TypeScript: no platform imports.
 */
export type RequiredForm = 'original' | 'copy' | 'original_or_copy' | 'certified_copy';
export type HandedForm = 'original' | 'copy' | 'certified_copy';

const ACCEPTS: Readonly<Record<RequiredForm, readonly HandedForm[]>> = {
  original: ['original'],
  certified_copy: ['certified_copy', 'original'],
  copy: ['copy', 'certified_copy', 'original'],
  original_or_copy: ['original', 'copy', 'certified_copy'],
};

/** How a handed-in form is written in a missing-paper note. */
export const HANDED_FORM_LABELS: Readonly<Record<HandedForm, string>> = { original: 'bản chính', copy: 'bản sao', certified_copy: 'bản sao có chứng thực' };
const REQUIRED_FORM_LABELS: Readonly<Record<RequiredForm, string>> = { original: 'bản chính', copy: 'bản sao', certified_copy: 'bản sao có chứng thực (hoặc bản chính)', original_or_copy: 'bản chính hoặc bản sao' };

/** True when a paper handed in as `handed` meets a requirement for `required`; no form given counts as the required one. */
export function formSatisfies(required: RequiredForm, handed: HandedForm | null | undefined): boolean {
  return handed == null || ACCEPTS[required].includes(handed);
}

/** The handed-in form a checklist row starts at: the one the catalogue asks for. */
export function defaultHandedForm(required: RequiredForm): HandedForm {
  return required === 'copy' ? 'copy' : required === 'certified_copy' ? 'certified_copy' : 'original';
}

export interface ChecklistRow {
  name: string;
  form: RequiredForm;
  requiredCount: number;
  providedCount: number;
  providedForm?: HandedForm | null;
  required: boolean;
}

/**
 * Whether one row is missing: 'form' when papers were handed in but not in a form the catalogue
 * accepts (all of them must come again), 'count' when too few were handed in, null when it is
 * satisfied (optional rows never are missing).
 */
export function missingKind(d: ChecklistRow): 'form' | 'count' | null {
  if (!d.required) return null;
  if (d.providedCount > 0 && !formSatisfies(d.form, d.providedForm)) return 'form';
  if (d.providedCount < d.requiredCount) return 'count';
  return null;
}

/** Why one row is missing, or null when it is satisfied. */
export function missingReason(d: ChecklistRow): string | null {
  const kind = missingKind(d);
  if (kind === 'form') return `${d.name} (cần ${REQUIRED_FORM_LABELS[d.form]}, đã nộp ${HANDED_FORM_LABELS[d.providedForm!]})`;
  return kind === 'count' ? d.name : null;
}

/** The missing papers of a checklist, each with why when it is not simply absent. */
export function missingDocuments(docs: readonly ChecklistRow[]): string[] {
  return docs.map(missingReason).filter((m): m is string => m !== null);
}
