/** Golden PNG comparison for 1-bit rasters; UPDATE_GOLDEN=1 rewrites the files. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bitsToPng, pngToBits } from '../../helpers/escpos-decoder';

export const GOLDEN_DIR = join(process.cwd(), 'tests/fixtures/printing');

/** Returns the number of differing dots (0 when equal); throws when sizes differ. */
export function compareGolden(name: string, img: { width: number; height: number; bits: Uint8Array }): number {
  const file = join(GOLDEN_DIR, `${name}.png`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== '1' && process.env.CI) throw new Error(`golden ${name}.png missing (run with UPDATE_GOLDEN=1)`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bitsToPng(img));
    return 0;
  }
  const golden = pngToBits(readFileSync(file));
  if (golden.width !== img.width || golden.height !== img.height) {
    writeFileSync(join(GOLDEN_DIR, `${name}.actual.png`), bitsToPng(img));
    throw new Error(`golden ${name}: size ${img.width}x${img.height}, expected ${golden.width}x${golden.height}`);
  }
  let diff = 0;
  for (let i = 0; i < img.bits.length; i++) {
    let x = img.bits[i]! ^ golden.bits[i]!;
    while (x) {
      diff += x & 1;
      x >>= 1;
    }
  }
  if (diff > 0) writeFileSync(join(GOLDEN_DIR, `${name}.actual.png`), bitsToPng(img));
  return diff;
}
