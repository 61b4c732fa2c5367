/**
 * The catalogue spreadsheet through the console API: the export of the catalogue in use reads back
 * unchanged (round trip), a workbook with bad rows is refused with each problem by sheet, row and
 * column and publishes nothing, a fixed one is published with its version and diff, and a counter's
 * pull receives it.
 */
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { createUser } from '../../../src/hub/console-api/accounts';
import { CONSOLE_CSRF_HEADER } from '../../../src/hub/console-api/routes';
import { describePg } from '../../helpers/pg';
import { call, enroll, freshHub, type TestHub } from './harness';

describePg('hub console: the catalogue spreadsheet', () => {
  let hub: TestHub;
  freshHub((h) => {
    hub = h;
  });
  let cookie = '';
  const headers = () => ({ cookie, [CONSOLE_CSRF_HEADER]: '1' });

  it('round trip, two bad rows refused, fix and publish, the counter pulls it', async () => {
    await createUser(hub.db, { username: 'it.admin', role: 'it_admin', password: 'Quan-tri-0123' }, Date.now());
    const login = await call(hub, '/console/api/login', { body: { username: 'it.admin', password: 'Quan-tri-0123' }, headers: { [CONSOLE_CSRF_HEADER]: '1' } });
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const counter = await enroll(hub, 'BC1', 'Q1');

    const r = await fetch(`${hub.url}/console/api/catalogue/export.xlsx`, { headers: { cookie } });
    expect(r.status).toBe(200);
    const bytes = Buffer.from(await r.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['thu_tuc', 'thanh_phan_ho_so', 'le_phi']);
    const procRows = wb.getWorksheet('thu_tuc')!.actualRowCount - 1;
    expect(procRows).toBe(46);

    const check = (buf: Buffer) => call<{ ok: boolean; problems: { sheet: string; row: number; column: string; message: string }[]; diff: { added: string[]; changed: string[]; removed: string[] }; token?: string }>(hub, '/console/api/catalogue/check', { body: { file: buf.toString('base64') }, headers: headers() });
    const same = await check(bytes);
    expect(same.body.ok).toBe(true);
    // Nothing published yet: against nothing, every procedure is new.
    expect(same.body.diff.added).toHaveLength(46);

    // Two bad rows: a day count that is not a number, a fee for a procedure that does not exist.
    const ws = wb.getWorksheet('thu_tuc')!;
    ws.getCell('F3').value = 'mười';
    ws.getCell('B5').value = 'Tên thủ tục đã sửa';
    wb.getWorksheet('le_phi')!.addRow(['KHONG-CO', 'standard', 'Lệ phí', 1000]);
    const bad = await check(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(bad.body.ok).toBe(false);
    expect(bad.body.problems).toEqual([
      { sheet: 'thu_tuc', row: 3, column: 'F (Số ngày giải quyết)', message: '"mười" không phải một số nguyên không âm.' },
      { sheet: 'le_phi', row: expect.any(Number), column: 'A (Mã thủ tục)', message: 'Không có thủ tục mã KHONG-CO ở trang thu_tuc.' },
    ]);
    expect((await hub.db.query(`SELECT 1 FROM reference_docs WHERE name = 'catalogue'`)).rows).toHaveLength(0);

    ws.getCell('F3').value = 10;
    const fees = wb.getWorksheet('le_phi')!;
    fees.spliceRows(fees.actualRowCount, 1);
    const good = await check(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(good.body.ok).toBe(true);
    const pub = await call<{ version: string; diff: { added: string[] } }>(hub, '/console/api/catalogue/publish', { body: { token: good.body.token, version: '2026.12.1' }, headers: headers() });
    expect(pub.status).toBe(200);
    expect(pub.body.diff.added).toHaveLength(46);
    // The same draft cannot be published twice.
    const again = await call(hub, '/console/api/catalogue/publish', { body: { token: good.body.token, version: '2026.12.2' }, headers: headers() });
    expect(again.body.error).toBe('NO_DRAFT');

    // The next upload is compared with what is published: one procedure changed.
    const changed = await check(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(changed.body.diff).toEqual({ added: [], changed: [], removed: [] });

    const pull = await call<{ changes: { kind: string; name: string; version: string; payload: { procedures: { name: string }[] } }[] }>(hub, '/pull', { token: counter.token });
    const ref = pull.body.changes.find((c) => c.kind === 'reference' && c.name === 'catalogue');
    expect(ref?.version).toBe('2026.12.1');
    expect(ref?.payload.procedures[3]!.name).toBe('Tên thủ tục đã sửa');
  });
});
