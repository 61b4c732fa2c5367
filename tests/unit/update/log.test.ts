/**
 * The main log file (src/main/log.ts, electron-log): update events and errors go in, personal data
 * never does — tested like the hub's logs: feed it what tends to leak (an ID number, a phone, a bearer
 * token, the Windows account in a path, an error whose message quotes input, an object) and read the
 * file back. And it rotates, keeping a bounded number of files.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMainLog, scrubLog } from '../../../src/main/log';

const root = mkdtempSync(join(tmpdir(), 'quay-log-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const CCCD = '001099012345';
const PHONE = '0912 345 678';
const TOKEN = 'q8Zt3VbW_kLm9PxYa2RcD4eFgH6jN';

describe('main log', () => {
  it('writes update events and errors, and no ID number, phone, token or account name', () => {
    const log = createMainLog({ dir: join(root, 'a') });
    log.info('update 1.3.0 offered (running 1.2.0); downloading in the background');
    log.warn(`update 1.3.0 not installed at quit: còn 1 thao tác chưa gửi lên máy chủ tỉnh`);
    log.error('IPC handler "intake.accept" failed', new Error(`UNIQUE constraint failed: người nộp ${CCCD}, điện thoại ${PHONE}`));
    log.info(`New version 1.3.0 has been downloaded to C:\\Users\\lo.thi.lan\\AppData\\Local\\quay-hcc-updater\\pending\\quay-hcc-setup-1.3.0.exe`);
    log.info(`Generated new staging user ID: 7b1d3a4c-2f6e-5a8b-9c0d-1e2f3a4b5c6d, token ${TOKEN}`);
    log.error('a careless call', { idNumber: CCCD, phone: PHONE.replace(/ /g, ''), authorization: `Bearer ${TOKEN}` } as unknown as Error);
    const text = readFileSync(log.file, 'utf8');
    expect(text).toMatch(/\[info\] +update 1\.3\.0 offered \(running 1\.2\.0\); downloading in the background\n/);
    expect(text).toMatch(/\[warn\] +update 1\.3\.0 not installed at quit: còn 1 thao tác chưa gửi lên máy chủ tỉnh\n/);
    expect(text).toContain('[error] IPC handler "intake.accept" failed Error: UNIQUE constraint failed: người nộp [số], điện thoại [số]');
    expect(text).toContain('[error] a careless call {"idNumber":"[số]","phone":"[số]","authorization":"Bearer […]"}');
    expect(text).toContain('C:\\Users\\[…]\\AppData\\Local\\quay-hcc-updater\\pending\\quay-hcc-setup-1.3.0.exe');
    for (const secret of [CCCD, CCCD.slice(0, 9), PHONE, PHONE.replace(/ /g, ''), TOKEN, 'lo.thi.lan', '7b1d3a4c-2f6e']) {
      expect(text.includes(secret), `log contains ${secret.slice(0, 4)}…`).toBe(false);
    }
  });

  it('keeps versions, dates of its own lines and short numbers readable', () => {
    expect(scrubLog('update 1.10.2 download 45% (1.2 / 2.7 MB), 3 lệnh in')).toBe('update 1.10.2 download 45% (1.2 / 2.7 MB), 3 lệnh in');
    expect(scrubLog('/home/quay/.config/Quầy HCC/logs')).toBe('/home/[…]/.config/Quầy HCC/logs');
  });

  it('rotates at its size limit and keeps only the newest files', () => {
    const dir = join(root, 'rot');
    const log = createMainLog({ dir, maxBytes: 2_000, keep: 3 });
    for (let i = 0; i < 200; i++) log.info(`line ${i} ${'x'.repeat(80)}`);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.3.log', 'main.log']);
    for (const f of files) expect(readFileSync(join(dir, f)).length).toBeLessThan(2_000 + 200);
    // The newest lines are in main.log, the ones before in main.1.log; the oldest are gone.
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toContain('line 199 ');
    const one = readFileSync(join(dir, 'main.1.log'), 'utf8');
    const firstOfOne = Number(/line (\d+) /.exec(one)![1]);
    const lastOfCurrent = Number(/line (\d+) /.exec(readFileSync(join(dir, 'main.log'), 'utf8'))![1]);
    expect(firstOfOne).toBeLessThan(lastOfCurrent);
    expect(readFileSync(join(dir, 'main.3.log'), 'utf8')).not.toContain('line 0 ');
    expect(existsSync(join(dir, 'main.4.log'))).toBe(false);
  });
});
