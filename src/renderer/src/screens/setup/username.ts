/** The username suggested for a new account (pure, so the unit tests reach it without the DOM). */
import { foldVi } from '../../../../shared/text';

/** "Nguyễn Thị Lan" → "lannt": the given name, then the initials of the others (a common office habit). */
export function suggestUsername(fullName: string): string {
  const words = foldVi(fullName).toLowerCase().replace(/[^a-z0-9 ]/g, '').split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const given = words[words.length - 1]!;
  return `${given}${words.slice(0, -1).map((w) => w[0]).join('')}`.slice(0, 32);
}
