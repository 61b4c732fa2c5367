import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SAMPLE_PATH = fileURLToPath(new URL('../../../resources/reference/catalogue-son-la.sample.json', import.meta.url));
/**
 * The 2025 administrative units: the copy bundled under resources/reference when present
 * (a clean clone), otherwise the shared original the task names. Missing both fails the tests.
 */
export const ADMIN_UNITS_PATH =
  [
    fileURLToPath(new URL('../../../resources/reference/vn-admin-units-2026-07.json', import.meta.url)),
    '/work/shared/data/vn-admin-units-2026-07.json',
  ].find((p) => existsSync(p)) ?? '/work/shared/data/vn-admin-units-2026-07.json';

/** Raw text of the sample catalogue, as committed (no normalisation). */
export function sampleText(): string {
  return readFileSync(SAMPLE_PATH, 'utf8');
}

/** A fresh, mutable parse of the sample catalogue (for feeding broken copies). */
export function sampleJson(): SampleDoc {
  return JSON.parse(sampleText()) as SampleDoc;
}

// Loose, mutable view of the JSON so tests can break it in any way.
export interface SampleDoc {
  [k: string]: unknown;
  agencies: Array<Record<string, unknown>>;
  procedures: Array<
    Record<string, unknown> & {
      code: string;
      documents: Array<Record<string, unknown>>;
      fees: Array<Record<string, unknown>>;
      processing: Record<string, unknown>;
    }
  >;
}
