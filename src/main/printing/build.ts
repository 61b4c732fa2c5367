/** Model to bytes for one printer: layout at the printer's dot width, raster text, ESC/POS. */
import type { PrintDocument } from '../../shared/print-model';
import { encode } from './escpos';
import type { PrinterProfile } from './profiles';
import { renderDocument } from './raster';

export function buildJobBytes(doc: PrintDocument, profile: Pick<PrinterProfile, 'widthMm' | 'cutter' | 'drawer'> & { dots: number }): Uint8Array {
  const segments = renderDocument(doc, { dots: profile.dots, widthMm: profile.widthMm });
  return encode(segments, { cut: profile.cutter, drawer: profile.drawer && doc.drawer === true });
}
