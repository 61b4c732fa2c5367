/**
 * Issue #16, the clerk's day: the service-level defects, each refused with WHICH refusal and
 * nothing written, or accepted with what is stored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/shared/errors';
import type { TestApp } from '../../helpers/app';
import { CITIZEN, createTestApp, lltpInput, writeCounts } from '../../helpers/app';

let app: TestApp;
beforeEach(() => {
  app = createTestApp();
});
afterEach(() => app.dispose());

function refusedWithoutWrites(fn: () => unknown, code: string, field?: string): DomainError {
  const before = writeCounts(app);
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(DomainError);
  const d = err as DomainError;
  expect(d.code).toBe(code);
  if (field) expect(d.field).toBe(field);
  expect(writeCounts(app)).toEqual(before);
  return d;
}

describe('defect 1: names are checked', () => {
  it.each([
    ['Nguyeenx Vawn Binhf', 'name.telex', /“Vawn” \(Văn\?\)/],
    ['NguyÃªn VÄƒn BÃ¬nh', 'name.mojibake', /lỗi bảng mã/],
    ['Ng?y?n V?n B?nh', 'name.question_mark', /dấu “\?”/],
  ])('%j is refused (%s), nothing written', (fullName, code, message) => {
    const err = refusedWithoutWrites(() => app.services.intake.accept(lltpInput({ sender: { ...CITIZEN, idNumber: '014091001122', fullName } }), app.clerk), code, 'sender.fullName');
    expect(err.message).toMatch(message);
  });

  it('a proxy name is checked too', () => {
    const proxy = { ...CITIZEN, idNumber: '014092004567', fullName: 'Caamf Vawn Dduwcs', authorisationRef: 'GUQ 12/2026' };
    refusedWithoutWrites(() => app.services.intake.accept(lltpInput({ proxy }), app.clerk), 'name.telex', 'proxy.fullName');
  });

  it('a name typed in decomposed Unicode is stored in NFC', () => {
    const { dossierId } = app.services.intake.accept(lltpInput({ sender: { ...CITIZEN, fullName: 'Giàng  A Páo'.normalize('NFD') } }), app.clerk);
    const row = app.db.prepare("SELECT full_name FROM parties WHERE dossier_id = ? AND role = 'sender'").get(dossierId) as { full_name: string };
    expect(row.full_name).toBe('Giàng A Páo'.normalize('NFC'));
    expect(row.full_name === row.full_name.normalize('NFC')).toBe(true);
  });

  it('the name of whoever collects the result is checked at handover', () => {
    const { dossierId, itemNumber } = app.services.intake.accept(lltpInput({ returnMethod: 'pickup', returnAddress: null }), app.clerk);
    const batch = app.services.dispatch.createBatch({ agencyCode: 'STP', dossierIds: [dossierId] }, app.clerk);
    app.services.dispatch.recordFiling({ batchId: batch.id, filedAt: app.clock.now(), receivingOfficer: 'Hà Thị Thu' }, app.clerk);
    app.services.results.collect({ itemNumber }, app.clerk);
    const recipient = { fullName: 'Lof Vawn Pinhf', idKind: 'cccd' as const, idNumber: CITIZEN.idNumber };
    refusedWithoutWrites(() => app.services.handover.handOver({ dossierId, recipient, byProxy: false, feeDueCollected: 0 }, app.clerk), 'name.telex', 'recipient.fullName');
  });
});

describe('defect 11: foreign passports (ICAO 9303) with a nationality', () => {
  const foreigner = { fullName: 'Sengphet Phommachanh', idKind: 'passport' as const, idNumber: 'P1234567A', nationality: 'lao', phone: '0912 345 678', address: 'Tổ 5', provinceCode: '14', communeCode: '03646' };

  it('a Lao passport number with nine characters is taken in, with its nationality', () => {
    const { dossierId } = app.services.intake.accept(lltpInput({ sender: foreigner }), app.clerk);
    expect(app.db.prepare("SELECT id_kind, id_number, nationality FROM parties WHERE dossier_id = ? AND role = 'sender'").get(dossierId)).toEqual({ id_kind: 'passport', id_number: 'P1234567A', nationality: 'LAO' });
  });

  it('a German passport (ICAO code D) with letters inside the number is taken in', () => {
    const { dossierId } = app.services.intake.accept(lltpInput({ sender: { ...foreigner, fullName: 'Jürgen Müller', idNumber: 'c01x00t47', nationality: 'D' } }), app.clerk);
    expect(app.db.prepare("SELECT id_number, nationality FROM parties WHERE dossier_id = ?").get(dossierId)).toEqual({ id_number: 'C01X00T47', nationality: 'D' });
  });

  it('a Vietnamese passport keeps its own format, and no nationality is stored for it', () => {
    refusedWithoutWrites(() => app.services.intake.accept(lltpInput({ sender: { ...foreigner, idNumber: 'P1234567A', nationality: 'VNM' } }), app.clerk), 'passport.format', 'sender.idNumber');
    const { dossierId } = app.services.intake.accept(lltpInput({ sender: { ...foreigner, fullName: 'Lò Văn Pình', idNumber: 'c1234567', nationality: null } }), app.clerk);
    expect(app.db.prepare('SELECT id_number, nationality FROM parties WHERE dossier_id = ?').get(dossierId)).toEqual({ id_number: 'C1234567', nationality: null });
  });

  it('an unknown nationality and a number that is no ICAO document number are refused, saying which', () => {
    refusedWithoutWrites(() => app.services.intake.accept(lltpInput({ sender: { ...foreigner, nationality: 'XYZ' } }), app.clerk), 'nationality.unknown', 'sender.nationality');
    refusedWithoutWrites(() => app.services.intake.accept(lltpInput({ sender: { ...foreigner, idNumber: 'ABCDEFG' } }), app.clerk), 'passport.icao_format', 'sender.idNumber');
    refusedWithoutWrites(() => app.services.intake.accept(lltpInput({ sender: { ...foreigner, idNumber: 'P12345678901' } }), app.clerk), 'passport.icao_format', 'sender.idNumber');
  });

  it('a foreign name that looks like Telex is not judged as Telex', () => {
    const { dossierId } = app.services.intake.accept(lltpInput({ sender: { ...foreigner, fullName: 'Max Lee' } }), app.clerk);
    expect(app.db.prepare('SELECT full_name FROM parties WHERE dossier_id = ?').get(dossierId)).toEqual({ full_name: 'Max Lee' });
  });
});

describe('defect 2: a copy where the original is required is missing', () => {
  const gplx = (oldLicenceForm: 'original' | 'copy') =>
    lltpInput({
      procedureCode: 'GT-GPLX-01',
      documents: [
        { code: '1', name: 'Đơn đề nghị đổi, cấp lại giấy phép lái xe (theo mẫu)', form: 'original', requiredCount: 1, providedCount: 1, providedForm: 'original', required: true },
        { code: '2', name: 'Giấy phép lái xe cũ', form: 'original', requiredCount: 1, providedCount: 1, providedForm: oldLicenceForm, required: true },
        { code: '3', name: 'Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp', form: 'original', requiredCount: 1, providedCount: 1, providedForm: 'original', required: true },
        { code: '4', name: 'Thẻ căn cước hoặc căn cước công dân của người đề nghị', form: 'copy', requiredCount: 1, providedCount: 1, providedForm: 'original', required: true },
      ],
      feeAmount: 135000,
      feeCategory: 'standard',
    });

  it('the dossier is incomplete and its missing list says the kind is wrong', () => {
    const { dossierId } = app.services.intake.accept(gplx('copy'), app.clerk);
    const v = app.services.lookup.get(dossierId);
    expect(v.complete).toBe(false);
    expect(v.state).toBe('incomplete');
    expect(v.missing).toEqual(['Giấy phép lái xe cũ (cần bản chính, đã nộp bản sao)']);
  });

  it('originals everywhere (an original in place of a copy too) make it complete', () => {
    const { dossierId } = app.services.intake.accept(gplx('original'), app.clerk);
    expect(app.services.lookup.get(dossierId)).toMatchObject({ complete: true, state: 'accepted', missing: [] });
  });

  it('bringing the original later completes it', () => {
    const { dossierId } = app.services.intake.accept(gplx('copy'), app.clerk);
    app.services.intake.supplement({ dossierId, documents: [{ position: 1, providedCount: 1, providedForm: 'original' }] }, app.clerk);
    expect(app.services.lookup.get(dossierId)).toMatchObject({ complete: true, state: 'accepted' });
  });
});

describe('defect 4: dates the law counts in working days', () => {
  function toDelivery(): { dossierId: string; itemNumber: string } {
    const r = app.services.intake.accept(lltpInput(), app.clerk);
    const batch = app.services.dispatch.createBatch({ agencyCode: 'STP', dossierIds: [r.dossierId] }, app.clerk);
    app.services.dispatch.recordFiling({ batchId: batch.id, filedAt: app.clock.now(), receivingOfficer: 'Cầm Thị Bình' }, app.clerk);
    app.services.results.collect({ itemNumber: r.itemNumber }, app.clerk);
    return r;
  }

  it('an appointment on a Sunday or a holiday is refused, naming the day; a working day is taken', () => {
    const r = app.services.intake.accept(lltpInput(), app.clerk);
    const batch = app.services.dispatch.createBatch({ agencyCode: 'STP', dossierIds: [r.dossierId] }, app.clerk);
    app.services.dispatch.recordFiling({ batchId: batch.id, filedAt: app.clock.now(), receivingOfficer: 'Cầm Thị Bình' }, app.clerk);
    const sunday = refusedWithoutWrites(() => app.services.dispatch.recordAppointment({ dossierId: r.dossierId, appointmentDate: '2026-03-15' }, app.clerk), 'NON_WORKING_DAY', 'appointmentDate');
    expect(sunday.message).toBe('Ngày hẹn Chủ nhật 15/03/2026 là ngày cơ quan không làm việc. Hãy đối chiếu lại giấy hẹn và ghi một ngày làm việc.');
    const holiday = refusedWithoutWrites(() => app.services.dispatch.recordAppointment({ dossierId: r.dossierId, appointmentDate: '2026-04-30' }, app.clerk), 'NON_WORKING_DAY');
    expect(holiday.message).toMatch(/Thứ Năm 30\/04\/2026/);
    app.services.dispatch.recordAppointment({ dossierId: r.dossierId, appointmentDate: '2026-03-16' }, app.clerk);
    expect(app.services.lookup.get(r.dossierId).appointmentDate).toBe('2026-03-16');
  });

  it('a failed delivery recorded on a holiday or a Saturday is refused; on the next working day it counts', () => {
    const { dossierId } = toDelivery();
    app.clock.set('2026-04-30T10:00'); // Thursday 30/04/2026, Reunification Day
    const err = refusedWithoutWrites(() => app.services.handover.recordDeliveryAttempt({ dossierId, reason: 'Nhà đóng cửa' }, app.clerk), 'NON_WORKING_DAY');
    expect(err.message).toMatch(/^Hôm nay \(.*Thứ Năm 30\/04\/2026\) không phải ngày làm việc/);
    app.clock.set('2026-05-09T10:00'); // Saturday 09/05/2026
    refusedWithoutWrites(() => app.services.handover.recordDeliveryAttempt({ dossierId, reason: 'Nhà đóng cửa' }, app.clerk), 'NON_WORKING_DAY');
    app.clock.set('2026-05-11T10:00'); // Monday
    expect(app.services.handover.recordDeliveryAttempt({ dossierId, reason: 'Nhà đóng cửa' }, app.clerk)).toMatchObject({ nextInvitationDate: '2026-05-13' });
  });
});
