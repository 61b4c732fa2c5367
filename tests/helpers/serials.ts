/**
 * Item numbers a test counter may really issue: the hub only accepts an intake whose item number
 * lies in a serial block it issued to that counter (push-decide.ts). This reads the counter's blocks
 * from the hub's database and hands out their serials in order, allocating the next block (as the
 * hub's own top-up does) when they run out.
 */
import type { HubDb } from '../../src/hub/db';
import { allocateBlock, DEFAULT_SERIALS, type SerialConfig } from '../../src/hub/serials';
import { makeItemNumber } from '../../src/shared/s10';

export interface NumberSource {
  (): string;
}

/** Serials of `counterId`'s blocks, read now (call after the counter enrolled). */
export async function issuedNumbers(db: HubDb, counterId: string, serials: SerialConfig = DEFAULT_SERIALS, need = 0): Promise<NumberSource> {
  const blocks = async () =>
    (await db.query<{ prefix: string; block_no: number }>('SELECT prefix, block_no FROM serial_blocks WHERE counter_id = $1 ORDER BY id', [counterId])).rows;
  let rows = await blocks();
  // Enough blocks up front for `need` numbers (the source itself is synchronous).
  while (rows.length * serials.blockSize < need || rows.length === 0) {
    await db.tx(async (c) => {
      const k = await c.query<{ k: string }>('SELECT pg_current_xact_id()::text AS k');
      await allocateBlock(c, serials, counterId, Date.now(), k.rows[0]!.k);
    });
    rows = await blocks();
  }
  const all = rows.map((r) => ({ prefix: r.prefix, first: r.block_no * serials.blockSize }));
  // A counter enrolled again (a replacement machine) carries on after the numbers it already used.
  const used = await db.query<{ n: string }>('SELECT item_number AS n FROM dossiers WHERE origin_counter_id = $1', [counterId]);
  let b = 0;
  let i = 0;
  for (const { n } of used.rows) {
    const serial = Number(n.slice(2, 10));
    const at = all.findIndex((x) => x.prefix === n.slice(0, 2) && serial >= x.first && serial < x.first + serials.blockSize);
    if (at > b || (at === b && serial - all[at]!.first >= i)) {
      b = at;
      i = serial - all[at]!.first + 1;
    }
  }
  return () => {
    if (i >= serials.blockSize) {
      b++;
      i = 0;
    }
    const block = all[b];
    if (!block) throw new Error(`counter ${counterId} has used every serial of its ${all.length} blocks`);
    return makeItemNumber(block.prefix, block.first + i++);
  };
}
