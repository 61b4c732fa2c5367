/**
 * The bundled font (Be Vietnam Pro, SIL OFL 1.1, resources/fonts). Every Vietnamese glyph on a
 * receipt is drawn with it, never with the printer's own code pages.
 */
import { GlobalFonts } from '@napi-rs/canvas';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FONT_REGULAR = 'QHCC Sans Medium';
export const FONT_BOLD = 'QHCC Sans Bold';

const FILES: Record<string, string> = {
  [FONT_REGULAR]: 'BeVietnamPro_500Medium.ttf',
  [FONT_BOLD]: 'BeVietnamPro_700Bold.ttf',
};

/** Where resources/ lives: QHCC_RESOURCES_DIR, Electron's resourcesPath, or the working tree. */
export function resourcesDir(): string {
  const candidates = [
    process.env.QHCC_RESOURCES_DIR,
    (process as { resourcesPath?: string }).resourcesPath ? join((process as { resourcesPath?: string }).resourcesPath!, 'resources') : undefined,
    resolve(process.cwd(), 'resources'),
    resolve(__dirname, '../../../resources'),
  ];
  for (const c of candidates) if (c && existsSync(join(c, 'fonts', FILES[FONT_REGULAR]!))) return c;
  throw new Error('resources/fonts not found (set QHCC_RESOURCES_DIR)');
}

export function fontPath(family: string): string {
  return join(resourcesDir(), 'fonts', FILES[family]!);
}

let registered = false;
/** Registers the bundled fonts once per process. */
export function ensureFonts(): void {
  if (registered) return;
  for (const family of Object.keys(FILES)) {
    const res = GlobalFonts.registerFromPath(fontPath(family), family);
    if (!res) throw new Error(`cannot register font ${family}`);
  }
  registered = true;
}
