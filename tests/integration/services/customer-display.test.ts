/**
 * Issue #16 §3 and §4, service side: the customer display shows a checked intake without writing
 * anything (a refusal shows nothing), follows the commit with the item number, wakes its watchers;
 * a new intake starts on the branch's place and the clerk's last choices.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainError } from '../../../src/shared/errors';
import { createCustomerDisplay } from '../../../src/main/services/customer-display';
import type { CustomerDisplay } from '../../../src/main/services/customer-display';
import { getDossierView } from '../../../src/main/services/views';
import type { TestApp } from '../../helpers/app';
import { CITIZEN, createTestApp, lltpInput, writeCounts } from '../../helpers/app';

let app: TestApp;
let display: CustomerDisplay;
beforeEach(() => {
  app = createTestApp();
  display = createCustomerDisplay({ tariff: () => app.services.reference.tariff(), branchName: () => 'Bưu điện Thành phố Sơn La', waitMs: 50 });
});
afterEach(() => {
  display.close();
  app.dispose();
});

describe('customer display', () => {
  it('shows the checked intake, ID masked, papers and amounts, writing nothing', async () => {
    const before = writeCounts(app);
    const s = display.review(app.services.intake.check(lltpInput({ paymentMethod: 'transfer' }), app.clerk));
    expect(writeCounts(app)).toEqual(before);
    expect(s).toMatchObject({ fullName: 'Lò Văn Pình', idLabel: 'Căn cước công dân', idMasked: '0140****1234', total: 228000, paymentMethod: 'transfer' });
    expect(s.lines).toEqual([
      { label: 'Phí, lệ phí (Mức thông thường)', amount: 200000 },
      { label: 'Cước bưu chính', amount: 28000 },
    ]);
    expect(s.documents.map((d) => `${d.count} ${d.formLabel}`)).toEqual(['1 bản chính', '1 bản sao']);
    expect(s.returnLabel).toBe('Phát tận địa chỉ: Tổ 5, phường Tô Hiệu');
    expect(s.vietQr?.payload).toMatch(/^000201/);
    expect(s.vietQr?.payload).toContain('5406228000');
    expect((await display.watch(-1)).screen.kind).toBe('review');
  });

  it('a refused intake is not shown: the display stays as it was', async () => {
    const idle = await display.watch(-1);
    let err: unknown;
    try {
      display.review(app.services.intake.check(lltpInput({ sender: { ...CITIZEN, fullName: 'Nguyeenx Vawn Binhf' } }), app.clerk));
    } catch (e) {
      err = e;
    }
    expect((err as DomainError).code).toBe('name.telex');
    expect(await display.watch(-1)).toEqual(idle);
  });

  it('wakes a waiting display on a change, answers an old version at once, times out with the same frame', async () => {
    const first = await display.watch(-1);
    expect(first.screen.kind).toBe('idle');
    const waiting = display.watch(first.version);
    display.review(app.services.intake.check(lltpInput(), app.clerk));
    expect((await waiting).screen.kind).toBe('review');
    const v = (await display.watch(first.version)).version;
    expect(await display.watch(v)).toMatchObject({ version: v });
  });

  it('after the commit shows the item number; clear goes back to the welcome', async () => {
    const input = lltpInput();
    display.review(app.services.intake.check(input, app.clerk));
    const { dossierId } = app.services.intake.accept(input, app.clerk);
    const view = getDossierView(app.db, dossierId, app.services.reference.today());
    display.accepted({ dossierId, itemNumber: view.itemNumber, view, print: { queued: true, message: '' } as never });
    const f = await display.watch(-1);
    expect(f.screen).toMatchObject({ kind: 'accepted', itemNumberDisplay: view.itemNumberDisplay, complete: true });
    expect(display.clear().screen.kind).toBe('idle');
  });
});

describe('intake defaults', () => {
  it("the branch's province, and the clerk's last choices once an intake was accepted, per clerk", () => {
    const d0 = app.services.intake.defaults(app.clerk);
    expect(d0.choices).toBeNull();
    expect(d0.home.province?.code).toBe(app.counter.provinceCode);
    const input = lltpInput({ paymentMethod: 'transfer', sender: { ...CITIZEN, idKind: 'cmnd', idNumber: '014085001' } });
    app.services.intake.remember(input, app.clerk);
    expect(app.services.intake.defaults(app.clerk).choices).toEqual({ idKind: 'cmnd', serviceType: 'both', returnMethod: 'home', paymentMethod: 'transfer' });
    expect(app.services.intake.defaults(app.clerk2).choices).toBeNull();
    // "Send only" keeps the clerk's usual return method.
    app.services.intake.remember({ ...input, serviceType: 'send', returnMethod: 'none' }, app.clerk);
    expect(app.services.intake.defaults(app.clerk).choices).toMatchObject({ serviceType: 'send', returnMethod: 'home' });
  });

  it('a damaged entry starts on the plain defaults', () => {
    app.db.prepare("INSERT INTO meta (key, value) VALUES ('intake_choices:clerk-1', '{not json')").run();
    expect(app.services.intake.defaults(app.clerk).choices).toBeNull();
  });
});
