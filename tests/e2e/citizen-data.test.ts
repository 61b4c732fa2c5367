/**
 * A citizen's request for their personal data (issue 15 §3) by keyboard in Chromium: the manager
 * opens “Dữ liệu cá nhân” from Ctrl+K, types the ID number, F10 writes the PDF and JSON; the answered
 * request is listed with the number masked; the look is in the audit viewer. Ctrl+S downloads a
 * readable copy of the sealed PDF to hand to the citizen; the copy is recorded as a look at their
 * data; a clerk is refused it in main; a path is never accepted for a name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { Counter, World } from './harness';
import { axe, chromiumAvailable, expectFocus, fill, screenshot, typeHuman, waitText } from './harness';
import { compact, LLTP_INTAKE, lockAndLogin, saveIntake, typeIntake } from './flows';
import { CLERK_AND_MANAGER, counterSuite } from './suite';

const run = chromiumAvailable();

describe.skipIf(!run)("a citizen's request for their personal data (keyboard only, Chromium)", () => {
  let w: World;
  let c: Counter;
  counterSuite(
    {
      start: Date.UTC(2026, 2, 2, 1, 0),
      clerks: CLERK_AND_MANAGER,
      login: 'lan',
    },
    (cw) => void ({ w, c } = cw),
  );

  it('the manager exports what is held about one ID number from Ctrl+K; the request is listed masked', async () => {
    const { page } = c;
    await typeIntake(page, LLTP_INTAKE);
    const item = compact(await saveIntake(page));
    await page.keyboard.press('Enter');
    await lockAndLogin(page, 'mai', '246810');
    await page.keyboard.press('Control+K');
    await expectFocus(page, 'palette-input');
    await typeHuman(page, 'du lieu ca nhan');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'citizen-id');
    await fill(page, 'citizen-id', '01418500345', false);
    await page.keyboard.press('F10');
    await waitText(page, '.flash.error', /phải có đúng 12 chữ số; đã nhập 11 chữ số/);
    await fill(page, 'citizen-id', '014185003456', false);
    await page.keyboard.press('F10');
    const flash = await waitText(page, '.flash.ok', /Đã trả lời yêu cầu của công dân: 1 hồ sơ/, 30_000);
    // The message names the copy key, never a path in the data folder.
    expect(flash).toContain('bấm Ctrl+S để lưu bản sao đọc được');
    expect(flash).not.toContain(w.app.dataDir);
    const request = w.app.db.prepare('SELECT id FROM data_requests ORDER BY requested_at DESC LIMIT 1').get() as { id: string };
    const name = `yeu-cau-du-lieu-2026-03-02-${request.id.slice(-8)}.pdf`;
    expect(existsSync(`${w.app.dataDir}/documents/${name}`)).toBe(true);
    await waitText(page, '[data-testid="citizen-requests"] tbody tr', /Căn cước công dân ••••••••3456.*1/);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'h15-01-citizen-data');
    const looks = w.app.db.prepare("SELECT action FROM audit_log WHERE action = 'personal_data.export' AND entity_id = ?").all(item);
    expect(looks).toHaveLength(1);

    // Ctrl+S: the browser downloads a readable PDF of the answer, named as the counter named it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+S')]);
    expect(download.suggestedFilename()).toBe(name);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await extractText(new Uint8Array(bytes), { mergePages: true })).text.normalize('NFC');
    expect(text).toContain('Quàng Văn Sơn');
    expect(text).toContain('014185003456');
    await waitText(page, '.flash.ok', /Đã lưu bản sao đọc được của “Dữ liệu cá nhân theo yêu cầu của công dân 02\/03\/2026” \(tệp yeu-cau-du-lieu-/);
    // The copy is a look at the citizen's data, per item, and a copy of a document.
    const copies = w.app.db.prepare("SELECT actor_id, detail FROM audit_log WHERE action = 'personal_data.copy' AND entity = 'item' AND entity_id = ?").all(item) as { actor_id: string; detail: string }[];
    expect(copies).toHaveLength(1);
    expect(JSON.parse(copies[0]!.detail)).toEqual({ document: name });
    const mai = (w.app.db.prepare("SELECT id FROM clerks WHERE username = 'mai'").get() as { id: string }).id;
    expect(copies[0]!.actor_id).toBe(mai);
    expect(w.app.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'document.copy' AND entity_id = ?").get(name)).toEqual({ n: 1 });

    // A name that is a path is refused before anything is opened; an unknown one by kind.
    const call = (input: unknown) => page.evaluate((i) => (globalThis as unknown as { api: Record<string, (i: unknown) => Promise<unknown>> }).api['document.copy']!(i), input);
    expect(await call({ name: `../documents/${name}` })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'name' } });
    expect(await call({ name: 'store.pdf' })).toMatchObject({ ok: false, error: { code: 'DOCUMENT_UNKNOWN' } });
    // A clerk is refused the manager's document in main, and nothing is recorded.
    await lockAndLogin(page, 'lan', '246810');
    expect(await call({ name })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Bạn không có quyền lưu bản sao dữ liệu cá nhân của công dân.' } });
    expect(w.app.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'personal_data.copy'").get()).toEqual({ n: 1 });
  });
});
