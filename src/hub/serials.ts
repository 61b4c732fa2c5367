/**
 * S10 serial ranges (domain.md 3.1). Each counter issues item numbers only from blocks the hub gave
 * it, so two offline counters never issue the same number.
 *
 * Decisions:
 * - One service prefix per hub, `HUB_SERIAL_PREFIX`, default 'RR' (the registered-item indicator: a
 *   dossier travels as a registered item with proof of delivery). The province replaces it with the
 *   series Vietnam Post actually allocates to public-administration items; country is always 'VN'.
 * - The 8-digit serial space of a prefix is cut into fixed blocks of `HUB_SERIAL_BLOCK` serials
 *   (default 100,000: years of intake for one counter, room for 999 counters per prefix). Block 0 is
 *   never handed out (no all-zero serial). The primary key (prefix, block_no) of `serial_blocks`
 *   makes an overlap impossible, whatever the concurrency; `serial_prefixes.next_block` is bumped
 *   with an UPDATE, which row-locks it, so two allocations never pick the same block.
 * - A counter gets its first block at enrollment; when the hub accepts a dossier whose item number is
 *   at 80% of the counter's newest block, it allocates the next one in the same transaction. Ranges
 *   travel down on pull as `serial_range` changes addressed to that counter only.
 */
import type { Conn } from './db';
import { s10CheckDigit } from '../shared/s10';
import type { SerialRange } from '../shared/sync-protocol';

export interface SerialConfig {
  prefix: string;
  blockSize: number;
  /** Fraction of the newest block used at which the next block is allocated. */
  topUpAt: number;
}

export const DEFAULT_SERIALS: SerialConfig = { prefix: 'RR', blockSize: 100_000, topUpAt: 0.8 };

interface BlockRow {
  id: string;
  prefix: string;
  block_no: number;
  counter_id: string;
}

export function rangeOf(row: BlockRow, cfg: SerialConfig): SerialRange {
  const first = row.block_no * cfg.blockSize;
  return { id: Number(row.id), counterId: row.counter_id, prefix: row.prefix, country: 'VN', firstSerial: first, lastSerial: first + cfg.blockSize - 1 };
}

/** Allocates the next free block of the prefix to `counterId` and queues it for that counter's pull. */
export async function allocateBlock(c: Conn, cfg: SerialConfig, counterId: string, now: number, changeKey: string): Promise<SerialRange> {
  const maxBlock = Math.floor(100_000_000 / cfg.blockSize) - 1;
  const { rows } = await c.query<{ b: number }>(
    `INSERT INTO serial_prefixes (prefix, next_block) VALUES ($1, 2)
     ON CONFLICT (prefix) DO UPDATE SET next_block = serial_prefixes.next_block + 1
     RETURNING next_block - 1 AS b`,
    [cfg.prefix],
  );
  const blockNo = rows[0]!.b;
  if (blockNo > maxBlock) throw new Error(`serial prefix ${cfg.prefix} is exhausted (block ${blockNo} > ${maxBlock})`);
  const ins = await c.query<BlockRow>(
    `INSERT INTO serial_blocks (prefix, block_no, counter_id, allocated_at) VALUES ($1, $2, $3, $4)
     RETURNING id::text AS id, prefix, block_no, counter_id`,
    [cfg.prefix, blockNo, counterId, now],
  );
  const range = rangeOf(ins.rows[0]!, cfg);
  await c.query(
    `INSERT INTO changes (change_key, branch_code, kind, target_counter_id, hub_at, payload)
     SELECT $1::xid8, branch_code, 'serial_range', id, $3, $4::jsonb FROM counters WHERE id = $2`,
    [changeKey, counterId, now, JSON.stringify({ range })],
  );
  return range;
}

/** The counter's newest block, or null. */
export async function newestBlock(c: Conn, cfg: SerialConfig, counterId: string): Promise<SerialRange | null> {
  const { rows } = await c.query<BlockRow>(
    `SELECT id::text AS id, prefix, block_no, counter_id FROM serial_blocks WHERE counter_id = $1 AND prefix = $2 ORDER BY block_no DESC LIMIT 1`,
    [counterId, cfg.prefix],
  );
  return rows[0] ? rangeOf(rows[0], cfg) : null;
}

/** Every block of the counter, oldest first. */
export async function countersBlocks(c: Conn, cfg: SerialConfig, counterId: string): Promise<SerialRange[]> {
  const { rows } = await c.query<BlockRow>(`SELECT id::text AS id, prefix, block_no, counter_id FROM serial_blocks WHERE counter_id = $1 ORDER BY id`, [counterId]);
  return rows.map((r) => rangeOf(r, cfg));
}

/** True when `itemNumber` uses the newest block at or past the top-up threshold. */
export function needsTopUp(range: SerialRange, itemNumber: string, cfg: SerialConfig): boolean {
  if (!itemNumber.startsWith(range.prefix)) return false;
  const serial = Number(itemNumber.slice(2, 10));
  if (serial < range.firstSerial || serial > range.lastSerial) return false;
  return serial - range.firstSerial >= Math.floor(cfg.blockSize * cfg.topUpAt);
}

/** The key of block `blockNo` of `prefix` in a set of a counter's blocks. */
export const blockKey = (prefix: string, blockNo: number): string => `${prefix}:${blockNo}`;

export type ItemNumberProblem = 'BAD_CHECK_DIGIT' | 'ITEM_NUMBER_NOT_ISSUED';

/**
 * Whether a counter may take in a dossier under `itemNumber`: a well-formed S10 number of country VN
 * with the right check digit (the counter issues only such numbers, domain.md 3.1), lying in one of
 * the counter's own blocks (`ownBlocks`, keys of blockKey). A number of another counter's block is
 * refused, so a counter cannot take another branch's numbers and make its real dossiers fail as
 * duplicates. Null when it may.
 */
export function itemNumberProblem(itemNumber: string, ownBlocks: ReadonlySet<string>, cfg: SerialConfig): ItemNumberProblem | null {
  const m = /^([A-Z]{2})(\d{8})(\d)VN$/.exec(itemNumber);
  if (!m) return 'ITEM_NUMBER_NOT_ISSUED';
  if (s10CheckDigit(m[2]!) !== Number(m[3])) return 'BAD_CHECK_DIGIT';
  return ownBlocks.has(blockKey(m[1]!, Math.floor(Number(m[2]) / cfg.blockSize))) ? null : 'ITEM_NUMBER_NOT_ISSUED';
}
