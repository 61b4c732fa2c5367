/**
 * A print document as one line per block (kind, text, style), so a test can compare a whole slip,
 * or one section of it, with a readable list: `kv Label = value [b]`, `text … [b] [inv] [center] [small] [>16]`.
 */
import type { Block, PrintDocument } from '../../src/shared/print-model';

export function blockLine(b: Block): string {
  if (b.t === 'kv') return `kv ${b.label} = ${b.value}${b.bold ? ' [b]' : ''}${b.size ? ` [${b.size}]` : ''}`;
  if (b.t === 'text') return `text ${b.text}${b.bold ? ' [b]' : ''}${b.invert ? ' [inv]' : ''}${b.align ? ` [${b.align}]` : ''}${b.size ? ` [${b.size}]` : ''}${b.indent ? ` [>${b.indent}]` : ''}`;
  if (b.t === 'rule') return `rule${b.style ? ` ${b.style}` : ''}`;
  if (b.t === 'signatures') return `signatures ${b.left} | ${b.right}${b.leftName !== undefined ? ` (${b.leftName} | ${b.rightName ?? ''})` : ''}`;
  return b.t;
}

export const docLines = (d: PrintDocument): string[] => d.blocks.map(blockLine);
