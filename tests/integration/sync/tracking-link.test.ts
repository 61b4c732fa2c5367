/**
 * The receipt's QR code sends the citizen to the province's own tracking page: the address the hub
 * announces (HUB_TRACKING_URL, in a header on every answer), else the enrolled hub's /tra-cuu/, and
 * only for a counter that never enrolled, Vietnam Post's tracking.
 */
import { describe, expect, it } from 'vitest';
import { createEnrollmentCode } from '../../../src/hub/enroll';
import { enrollCounter } from '../../../src/main/sync/enroll';
import { receiptDocument } from '../../../src/main/printing/documents';
import { trackingBase } from '../../../src/main/sync/sync-state';
import { FALLBACK_TRACKING_BASE, parseTrackingBase } from '../../../src/shared/tracking';
import { lltpInput } from '../../helpers/app';
import { describePg } from '../../helpers/pg';
import { freshHub, type TestHub } from '../hub/harness';
import { counter } from './setup';

/** The QR text of a real intake receipt built by the counter's own document code. */
function receiptQr(c: ReturnType<typeof counter>): string {
  const { dossierId } = c.services.intake.accept(lltpInput(), c.clerk);
  const doc = receiptDocument(
    {
      counter: { id: c.counter.id, name: c.counter.name, branchName: c.counter.branchName, office: 'Bưu điện tỉnh Sơn La' },
      view: (id) => c.services.lookup.get(id),
      feePayments: (id) => c.services.lookup.feePayments(id),
      clerkName: () => 'Lò Văn Tú',
      now: () => c.clock.now(),
      trackingBase: () => trackingBase(c.db),
    },
    'intake_receipt',
    dossierId,
    c.clerk.clerkId,
  );
  // The QR block the printer draws, read from the document itself.
  const qr = /"t":"qr","data":"([^"]+)"/.exec(JSON.stringify(doc))?.[1] ?? '';
  const item = c.services.lookup.get(dossierId).itemNumber;
  expect(qr.endsWith(item)).toBe(true);
  return qr.slice(0, -item.length);
}

describePg('the receipt QR points at the province tracking page', () => {
  let hub: TestHub;
  let announcing: TestHub;
  freshHub((h) => (hub = h));
  freshHub((h) => (announcing = h), { trackingUrl: 'https://tracuu.buudien-sonla.vn/tra-cuu/' });

  it('never enrolled: Vietnam Post’s tracking; enrolled: the hub’s own page; announced: the public address', async () => {
    const c = counter('TRK-1');
    expect(receiptQr(c)).toBe(FALLBACK_TRACKING_BASE);

    const { code } = await createEnrollmentCode(hub.db, { branchCode: c.counter.branchCode, counterId: 'TRK-1' }, Date.now());
    await enrollCounter(c.db, { clock: c.clock }, hub.url, code, 'PC TRK-1');
    expect(receiptQr(c)).toBe(`${hub.url}/tra-cuu/`);

    const d = counter('TRK-2');
    const second = await createEnrollmentCode(announcing.db, { branchCode: d.counter.branchCode, counterId: 'TRK-2' }, Date.now());
    await enrollCounter(d.db, { clock: d.clock }, announcing.url, second.code, 'PC TRK-2');
    expect(receiptQr(d)).toBe('https://tracuu.buudien-sonla.vn/tra-cuu/');
    // And it is kept from every sync answer (the worker reads the same header).
    expect((await d.worker.syncNow()).status).toBe('synced');
    expect(trackingBase(d.db)).toBe('https://tracuu.buudien-sonla.vn/tra-cuu/');
  });
});

describe('parseTrackingBase', () => {
  it('takes an http(s) address ending where the item number goes, and nothing else', () => {
    expect(parseTrackingBase('https://tracuu.buudien-sonla.vn/tra-cuu/')).toBe('https://tracuu.buudien-sonla.vn/tra-cuu/');
    expect(parseTrackingBase('https://x.vn/track?so=')).toBe('https://x.vn/track?so=');
    expect(parseTrackingBase('https://x.vn/tra-cuu')).toBeNull(); // the number would be glued to the path
    expect(parseTrackingBase('javascript:alert(1)//')).toBeNull();
    expect(parseTrackingBase('ftp://x.vn/')).toBeNull();
    expect(parseTrackingBase('https://x.vn/a b/')).toBeNull();
    expect(parseTrackingBase(`https://x.vn/${'a'.repeat(200)}/`)).toBeNull();
    expect(parseTrackingBase(null)).toBeNull();
    expect(parseTrackingBase('')).toBeNull();
  });
});
