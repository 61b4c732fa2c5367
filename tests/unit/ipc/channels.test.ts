/**
 * The IPC contract's own input schemas (src/shared/ipc/channels/*): the shapes written in the channel
 * files rather than in schemas.ts or case-inputs.ts (those have their own tests). For each: a valid
 * payload parses (to what), and each constraint is tried on both sides of its bound, the refusal
 * asserted by the field it names and the Vietnamese message the clerk sees (the schema's own, or
 * viErrorMap's). Every parse happens inside a test, never while the file is collected.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../../src/shared/ipc/contract';
import { viErrorMap } from '../../../src/shared/ipc/vi-errors';
import { fastSchema } from '../../../src/shared/fast-parse';
import { CasePrintInput } from '../../../src/shared/ipc/channels/cases';
import { DocumentName } from '../../../src/shared/ipc/channels/documents';
import { AuditQueryInput, ConfirmTransferInput, CountLineInput, ReissueReceiptInput, ShiftCloseInput, ShiftReopenInput } from '../../../src/shared/ipc/channels/manager';
import { PrinterProfileInput } from '../../../src/shared/ipc/channels/print';
import { CitizenExportInput } from '../../../src/shared/ipc/channels/privacy';
import { LocalIdentityInput, SETUP_STEPS, SETUP_STEP_TITLES } from '../../../src/shared/ipc/channels/setup';

type Name = keyof typeof contract;

/**
 * 'accepted', or the first issue as "field: message" (the field the renderer marks, the message it
 * shows), as the registry parses: on the compiled fast path, which must answer exactly as the
 * ordinary parser (fast-parse.test.ts).
 */
function said(schema: z.ZodType, input: unknown): string {
  const r = fastSchema(schema).safeParse(input, { error: viErrorMap });
  expect(r).toEqual(schema.safeParse(input, { error: viErrorMap }));
  if (r.success) return 'accepted';
  const issue = r.error.issues[0]!;
  return `${issue.path.join('.')}: ${issue.message}`;
}
const saidBy = (name: Name, input: unknown): string => said(contract[name].input, input);
const parsed = (name: Name, input: unknown): unknown => {
  const value = fastSchema(contract[name].input).parse(input);
  expect(value).toEqual(contract[name].input.parse(input));
  return value;
};

const s = (n: number, c = 'a'): string => c.repeat(n);
const LONE = 'ab\ud800c';

describe('cases and reports channels', () => {
  it.each([
    ['cases.get', { caseId: 'c1' }, 'accepted'],
    ['cases.get', { caseId: '' }, 'caseId: Chưa nhập thông tin bắt buộc.'],
    ['cases.get', {}, 'caseId: Chưa nhập thông tin bắt buộc.'],
    ['cases.get', { caseId: 'c1', x: 1 }, ': Dữ liệu có trường không được phép: x.'],
    ['cases.list', {}, 'accepted'],
    ['cases.list', { kind: 'complaint', open: true, limit: 1 }, 'accepted'],
    ['cases.list', { kind: 'loss', open: false, limit: 1000 }, 'accepted'],
    ['cases.list', { kind: 'compensation' }, 'accepted'],
    ['cases.list', { kind: 'refund' }, 'kind: Giá trị không hợp lệ.'],
    ['cases.list', { open: 'yes' }, 'open: Dữ liệu không đúng kiểu.'],
    ['cases.list', { limit: 0 }, 'limit: Phải từ 1 trở lên.'],
    ['cases.list', { limit: 1001 }, 'limit: Không được lớn hơn 1000.'],
    ['cases.list', { limit: 2.5 }, 'limit: Phải là số nguyên.'],
    ['cases.list', { at: 1 }, ': Dữ liệu có trường không được phép: at.'],
    ['cases.print', { caseId: 'c1', kind: 'complaint_answer', copy: false }, 'accepted'],
    ['cases.print', { caseId: '', kind: 'complaint_receipt' }, 'caseId: Chưa nhập thông tin bắt buộc.'],
    ['cases.print', { caseId: 'c1', kind: 'intake_receipt' }, 'kind: Giá trị không hợp lệ.'],
    ['cases.print', { caseId: 'c1', kind: 'complaint_receipt', copy: 1 }, 'copy: Dữ liệu không đúng kiểu.'],
    ['reports.branchPeriodic', { period: s(20) }, 'accepted'],
    ['reports.branchPeriodic', { period: '' }, 'period: Chưa nhập thông tin bắt buộc.'],
    ['reports.branchPeriodic', { period: s(21) }, 'period: Dài quá 20 ký tự.'],
  ] as const)('%s %j → %s', (name, input, expected) => {
    expect(saidBy(name, input)).toBe(expected);
  });
  it('a case print is a copy unless told otherwise; every kind of case paper is printable', () => {
    expect(CasePrintInput.parse({ caseId: 'c1', kind: 'complaint_receipt' })).toEqual({ caseId: 'c1', kind: 'complaint_receipt', copy: true });
    for (const kind of ['complaint_receipt', 'complaint_answer', 'compensation_receipt']) {
      expect(parsed('cases.print', { caseId: 'c1', kind, copy: false })).toEqual({ caseId: 'c1', kind, copy: false });
    }
  });
});

describe('catalogue, reference, lookup and intake channels', () => {
  it.each([
    ['catalogue.search', { query: '' }, 'accepted'],
    ['catalogue.search', { query: s(100), limit: 1 }, 'accepted'],
    ['catalogue.search', { query: 'cấp', limit: 50 }, 'accepted'],
    ['catalogue.search', { query: s(101) }, 'query: Dài quá 100 ký tự.'],
    ['catalogue.search', { query: 'x', limit: 0 }, 'limit: Phải từ 1 trở lên.'],
    ['catalogue.search', { query: 'x', limit: 51 }, 'limit: Không được lớn hơn 50.'],
    ['catalogue.search', { query: 'x', limit: 1.5 }, 'limit: Phải là số nguyên.'],
    ['catalogue.search', {}, 'query: Chưa nhập thông tin bắt buộc.'],
    ['catalogue.get', { code: s(40) }, 'accepted'],
    ['catalogue.get', { code: '' }, 'code: Chưa nhập thông tin bắt buộc.'],
    ['catalogue.get', { code: s(41) }, 'code: Dài quá 40 ký tự.'],
    ['reference.communes', { provinceCode: '079' }, 'accepted'],
    ['reference.communes', { provinceCode: '' }, 'provinceCode: Chưa nhập thông tin bắt buộc.'],
    ['reference.communes', { provinceCode: '0790' }, 'provinceCode: Dài quá 3 ký tự.'],
    ['lookup.item', { itemNumber: s(30) }, 'accepted'],
    ['lookup.item', { itemNumber: '   ' }, 'itemNumber: Chưa nhập thông tin bắt buộc.'],
    ['lookup.item', { itemNumber: s(31) }, 'itemNumber: Dài quá 30 ký tự.'],
    ['lookup.get', { dossierId: s(64) }, 'accepted'],
    ['lookup.get', { dossierId: '' }, 'dossierId: Chưa nhập thông tin bắt buộc.'],
    ['lookup.get', { dossierId: s(65) }, 'dossierId: Dài quá 64 ký tự.'],
    ['intake.preview', { procedureCode: s(40), serviceType: 'both', provinceCode: null, communeCode: null }, 'accepted'],
    ['intake.preview', { procedureCode: 'P1', serviceType: 'send', provinceCode: '079', communeCode: '26734' }, 'accepted'],
    ['intake.preview', { procedureCode: 'P1', serviceType: 'return' }, 'accepted'],
    ['intake.preview', { procedureCode: '', serviceType: 'send' }, 'procedureCode: Chưa nhập thông tin bắt buộc.'],
    ['intake.preview', { procedureCode: s(41), serviceType: 'send' }, 'procedureCode: Dài quá 40 ký tự.'],
    ['intake.preview', { procedureCode: 'P1', serviceType: 'post' }, 'serviceType: Giá trị không hợp lệ.'],
    ['intake.preview', { procedureCode: 'P1', serviceType: 'send', provinceCode: '0790' }, 'provinceCode: Dài quá 3 ký tự.'],
    ['intake.preview', { procedureCode: 'P1', serviceType: 'send', communeCode: '267345' }, 'communeCode: Dài quá 5 ký tự.'],
    ['display.watch', { since: -1 }, 'accepted'],
    ['display.watch', { since: 12 }, 'accepted'],
    ['display.watch', { since: -2 }, 'since: Phải từ -1 trở lên.'],
    ['display.watch', { since: 0.5 }, 'since: Phải là số nguyên.'],
    ['display.watch', {}, 'since: Chưa nhập thông tin bắt buộc.'],
  ] as const)('%s %j → %s', (name, input, expected) => {
    expect(saidBy(name, input)).toBe(expected);
  });
  it('an item number is looked up without the spaces around it', () => {
    expect(parsed('lookup.item', { itemNumber: '  HCC123  ' })).toEqual({ itemNumber: 'HCC123' });
  });
});

describe('document copies', () => {
  it.each([
    ['bao-cao-ngay-2026-12-07.pdf', 'accepted'],
    ['audit_2026.xlsx', 'accepted'],
    ['citizen-export-r1.json', 'accepted'],
    [`${s(156)}.pdf`, 'accepted'],
    [`${s(157)}.pdf`, 'name: Tên tài liệu quá dài.'],
    ['../secret.pdf', 'name: Tên tài liệu không hợp lệ: chỉ lưu được bản sao của tài liệu quầy đã lập.'],
    ['Bao-cao.pdf', 'name: Tên tài liệu không hợp lệ: chỉ lưu được bản sao của tài liệu quầy đã lập.'],
    ['bao--cao.pdf', 'name: Tên tài liệu không hợp lệ: chỉ lưu được bản sao của tài liệu quầy đã lập.'],
    ['-bao.pdf', 'name: Tên tài liệu không hợp lệ: chỉ lưu được bản sao của tài liệu quầy đã lập.'],
    ['bao.txt', 'name: Tên tài liệu không hợp lệ: chỉ lưu được bản sao của tài liệu quầy đã lập.'],
    ['bao.pdf.exe', 'name: Tên tài liệu không hợp lệ: chỉ lưu được bản sao của tài liệu quầy đã lập.'],
    ['x/bao.pdf', 'name: Tên tài liệu không hợp lệ: chỉ lưu được bản sao của tài liệu quầy đã lập.'],
    ['.pdf', 'name: Tên tài liệu không hợp lệ: chỉ lưu được bản sao của tài liệu quầy đã lập.'],
    [7, 'name: Hãy chọn tài liệu cần lưu bản sao.'],
  ] as const)('document.copy %j → %s', (name, expected) => {
    expect(saidBy('document.copy', { name })).toBe(expected);
  });
  it('the name schema is the one the channel uses', () => {
    expect(said(DocumentName, 'a.pdf')).toBe('accepted');
    expect(said(DocumentName, 'a.doc')).toBe(': Tên tài liệu không hợp lệ: chỉ lưu được bản sao của tài liệu quầy đã lập.');
  });
});

const confirm = { managerUsername: 'truongbc', managerPassword: 'p' };

describe("the manager's day channels", () => {
  it.each([
    [{ value: 500_000, kind: 'note', count: 0 }, 'accepted'],
    [{ value: 500, kind: 'coin', count: 100_000 }, 'accepted'],
    [{ value: 500, kind: 'coin', count: 100_001 }, 'count: Số tờ/xu quá lớn (tối đa 100.000): hãy kiểm tra lại.'],
    [{ value: 500, kind: 'coin', count: -1 }, 'count: Số tờ/xu không được âm.'],
    [{ value: 500, kind: 'coin', count: 1.5 }, 'count: Số tờ/xu phải là số nguyên.'],
    [{ value: 500, kind: 'coin', count: '3' }, 'count: Số tờ/xu phải là một số.'],
    [{ value: 500.5, kind: 'coin', count: 1 }, 'value: Mệnh giá phải là số nguyên.'],
    [{ value: '500', kind: 'coin', count: 1 }, 'value: Mệnh giá phải là một số.'],
    [{ value: 500, kind: 'cheque', count: 1 }, 'kind: Loại tiền phải là tiền giấy hoặc tiền xu.'],
    [{ value: 500, kind: 'coin', count: 1, serial: 'x' }, ': Dữ liệu có trường không được phép: serial.'],
  ] as const)('count line %j → %s', (line, expected) => {
    expect(said(CountLineInput, line)).toBe(expected);
  });

  it.each([
    [{ counts: [], ...confirm }, 'accepted'],
    [{ counts: Array.from({ length: 40 }, () => ({ value: 1000, kind: 'note', count: 1 })), reason: s(300), ...confirm }, 'accepted'],
    [{ counts: Array.from({ length: 41 }, () => ({ value: 1000, kind: 'note', count: 1 })), ...confirm }, 'counts: Nhiều quá 40 mục.'],
    [{ counts: [{ value: 1000, kind: 'note', count: -1 }], ...confirm }, 'counts.0.count: Số tờ/xu không được âm.'],
    [{ counts: [], reason: ` ${s(300)} `, ...confirm }, 'accepted'],
    [{ counts: [], reason: s(301), ...confirm }, 'reason: Lý do chênh lệch quá dài (tối đa 300 ký tự).'],
    [{ counts: [], managerUsername: '  ', managerPassword: 'p' }, 'managerUsername: Hãy nhập tên đăng nhập của trưởng bưu cục.'],
    [{ counts: [], managerPassword: 'p' }, 'managerUsername: Hãy nhập tên đăng nhập của trưởng bưu cục.'],
    [{ counts: [], managerUsername: s(32), managerPassword: s(200) }, 'accepted'],
    [{ counts: [], managerUsername: s(33), managerPassword: 'p' }, 'managerUsername: Tên đăng nhập của trưởng bưu cục dài quá 32 ký tự.'],
    [{ counts: [], managerUsername: 'm', managerPassword: '' }, 'managerPassword: Hãy nhập mật khẩu của trưởng bưu cục.'],
    [{ counts: [], managerUsername: 'm' }, 'managerPassword: Hãy nhập mật khẩu của trưởng bưu cục.'],
    [{ counts: [], managerUsername: 'm', managerPassword: s(201) }, 'managerPassword: Mật khẩu của trưởng bưu cục dài quá 200 ký tự.'],
  ] as const)('shift close %# → %s', (input, expected) => {
    expect(said(ShiftCloseInput, input)).toBe(expected);
  });
  it('the manager’s username and the reason are taken without the spaces around them; the password as typed', () => {
    expect(ShiftCloseInput.parse({ counts: [], reason: '  thiếu 1.000  ', managerUsername: ' truongbc ', managerPassword: ' p ' })).toEqual({
      counts: [],
      reason: 'thiếu 1.000',
      managerUsername: 'truongbc',
      managerPassword: ' p ',
    });
  });

  const reopen = { shiftOf: 'u1', businessDate: '2026-12-07', reason: 'nhập sai', ...confirm };
  it.each([
    [reopen, 'accepted'],
    [{ ...reopen, reason: 'abc' }, 'accepted'],
    [{ ...reopen, reason: s(300) }, 'accepted'],
    [{ ...reopen, reason: '  ab  ' }, 'reason: Hãy nhập lý do mở lại ca (ít nhất 3 ký tự).'],
    [{ ...reopen, reason: s(301) }, 'reason: Lý do mở lại ca quá dài (tối đa 300 ký tự).'],
    [{ ...reopen, reason: LONE }, 'reason: Lý do mở lại ca có ký tự hỏng (không phải chữ); hãy gõ lại.'],
    [{ ...reopen, reason: 12 }, 'reason: Lý do mở lại ca: phải là chuỗi ký tự.'],
    [{ ...reopen, businessDate: '2026-12-7' }, 'businessDate: Ngày không đúng định dạng (YYYY-MM-DD).'],
    [{ ...reopen, businessDate: 'x2026-12-07' }, 'businessDate: Ngày không đúng định dạng (YYYY-MM-DD).'],
    [{ ...reopen, businessDate: '2026-12-07x' }, 'businessDate: Ngày không đúng định dạng (YYYY-MM-DD).'],
    [{ ...reopen, businessDate: 20261207 }, 'businessDate: Ngày phải là chuỗi YYYY-MM-DD.'],
    [{ ...reopen, shiftOf: '' }, 'shiftOf: Chưa nhập thông tin bắt buộc.'],
    [{ ...reopen, shiftOf: s(64) }, 'accepted'],
    [{ ...reopen, shiftOf: s(65) }, 'shiftOf: Dài quá 64 ký tự.'],
    [{ ...reopen, managerPassword: '' }, 'managerPassword: Hãy nhập mật khẩu của trưởng bưu cục.'],
  ] as const)('shift reopen %# → %s', (input, expected) => {
    expect(said(ShiftReopenInput, input)).toBe(expected);
  });
  it('a reopen reason is kept without the spaces around it', () => {
    expect(ShiftReopenInput.parse({ ...reopen, reason: '  nhập sai  ' }).reason).toBe('nhập sai');
  });

  const reissue = { series: 'AA/26E', number: 1, reason: 'in hỏng', ...confirm };
  it.each([
    [reissue, 'accepted'],
    [{ ...reissue, number: 0 }, 'number: Số biên lai không hợp lệ.'],
    [{ ...reissue, number: 2.5 }, 'number: Số biên lai phải là số nguyên.'],
    [{ ...reissue, number: '1' }, 'number: Số biên lai phải là một số.'],
    [{ ...reissue, series: '' }, 'series: Chưa nhập thông tin bắt buộc.'],
    [{ ...reissue, series: s(65) }, 'series: Dài quá 64 ký tự.'],
    [{ ...reissue, reason: 'ab' }, 'reason: Hãy nhập lý do hủy biên lai (ít nhất 3 ký tự).'],
    [{ ...reissue, reason: s(301) }, 'reason: Lý do hủy biên lai quá dài (tối đa 300 ký tự).'],
    [{ ...reissue, managerUsername: '' }, 'managerUsername: Hãy nhập tên đăng nhập của trưởng bưu cục.'],
  ] as const)('receipt reissue %# → %s', (input, expected) => {
    expect(said(ReissueReceiptInput, input)).toBe(expected);
  });

  const bankMessage = 'bankRef: Mã giao dịch ngân hàng gồm 4–40 chữ số hoặc chữ cái không dấu (có thể có . - /).';
  it.each([
    [{ ledgerId: 1, bankRef: 'FT2634' }, 'accepted'],
    [{ ledgerId: 1, bankRef: '  1234  ' }, 'accepted'],
    [{ ledgerId: 1, bankRef: `A${s(39, '9')}` }, 'accepted'],
    [{ ledgerId: 1, bankRef: 'A1.2-3/4' }, 'accepted'],
    [{ ledgerId: 1, bankRef: '123' }, bankMessage],
    [{ ledgerId: 1, bankRef: `A${s(40, '9')}` }, bankMessage],
    [{ ledgerId: 1, bankRef: '.1234' }, bankMessage],
    [{ ledgerId: 1, bankRef: '12 34' }, bankMessage],
    [{ ledgerId: 1, bankRef: 'MÃ1234' }, bankMessage],
    [{ ledgerId: 1 }, 'bankRef: Hãy nhập mã giao dịch ngân hàng.'],
    [{ ledgerId: 0, bankRef: '1234' }, 'ledgerId: Phải từ 1 trở lên.'],
    [{ ledgerId: 1.5, bankRef: '1234' }, 'ledgerId: Phải là số nguyên.'],
  ] as const)('confirm transfer %j → %s', (input, expected) => {
    expect(said(ConfirmTransferInput, input)).toBe(expected);
  });
  it('a bank reference is kept without the spaces around it', () => {
    expect(ConfirmTransferInput.parse({ ledgerId: 3, bankRef: ' FT26 ' })).toEqual({ ledgerId: 3, bankRef: 'FT26' });
  });

  it.each([
    [{}, 'accepted'],
    [{ from: '2026-12-01', to: '2026-12-07', byClerk: s(64), kind: s(64), itemNumber: s(20), limit: 5000 }, 'accepted'],
    [{ limit: 1 }, 'accepted'],
    [{ limit: 0 }, 'limit: Phải từ 1 trở lên.'],
    [{ limit: 5001 }, 'limit: Không được lớn hơn 5000.'],
    [{ from: '1/12/2026' }, 'from: Ngày không đúng định dạng (YYYY-MM-DD).'],
    [{ to: '2026-12' }, 'to: Ngày không đúng định dạng (YYYY-MM-DD).'],
    [{ byClerk: s(65) }, 'byClerk: Dài quá 64 ký tự.'],
    [{ kind: s(65) }, 'kind: Dài quá 64 ký tự.'],
    [{ itemNumber: ` ${s(20)} ` }, 'accepted'],
    [{ itemNumber: s(21) }, 'itemNumber: Dài quá 20 ký tự.'],
  ] as const)('audit query %j → %s', (input, expected) => {
    expect(said(AuditQueryInput, input)).toBe(expected);
  });

  it.each([
    ['day.status', {}, 'accepted'],
    ['day.status', { businessDate: '2026-12-07' }, 'accepted'],
    ['day.status', { businessDate: '07/12/2026' }, 'businessDate: Ngày không đúng định dạng (YYYY-MM-DD).'],
    ['day.close', { businessDate: '2026-12-07' }, 'accepted'],
    ['day.close', {}, 'businessDate: Ngày phải là chuỗi YYYY-MM-DD.'],
    ['day.report', { businessDate: '2026-12-07' }, 'accepted'],
    ['day.report', { businessDate: '2026-1-07' }, 'businessDate: Ngày không đúng định dạng (YYYY-MM-DD).'],
    ['day.print', { businessDate: '2026-12-07' }, 'accepted'],
    ['day.print', { businessDate: '2026-12-07', copy: true }, ': Dữ liệu có trường không được phép: copy.'],
    ['dashboard.get', {}, 'accepted'],
    ['dashboard.get', { to: '2026-12-07' }, 'accepted'],
    ['dashboard.get', { to: '2026/12/07' }, 'to: Ngày không đúng định dạng (YYYY-MM-DD).'],
    ['shift.close', { counts: [], ...confirm }, 'accepted'],
    ['shift.reopen', reopen, 'accepted'],
    ['receipt.reissue', reissue, 'accepted'],
    ['shift.confirmTransfer', { ledgerId: 1, bankRef: '1234' }, 'accepted'],
    ['audit.list', { limit: 0 }, 'limit: Phải từ 1 trở lên.'],
    ['audit.export', { limit: 5001 }, 'limit: Không được lớn hơn 5000.'],
  ] as const)('%s %j → %s', (name, input, expected) => {
    expect(saidBy(name, input)).toBe(expected);
  });
});

const tcpPrinter = { id: 'quay-1', name: 'Xprinter', model: 'XP-80C', widthMm: 80, transport: { kind: 'tcp', host: '192.168.1.50', port: 9100 }, cutter: true, drawer: false };

describe('printing channels', () => {
  it.each([
    [tcpPrinter, 'accepted'],
    [{ ...tcpPrinter, widthMm: 58, id: s(40, 'z') }, 'accepted'],
    [{ ...tcpPrinter, widthMm: 57 }, 'widthMm: Khổ giấy phải là 58 mm hoặc 80 mm.'],
    [{ ...tcpPrinter, id: s(41, 'z') }, 'id: Mã máy in chỉ gồm chữ thường không dấu, số và dấu gạch ngang.'],
    [{ ...tcpPrinter, id: '' }, 'id: Mã máy in chỉ gồm chữ thường không dấu, số và dấu gạch ngang.'],
    [{ ...tcpPrinter, id: 'Quay-1' }, 'id: Mã máy in chỉ gồm chữ thường không dấu, số và dấu gạch ngang.'],
    [{ ...tcpPrinter, id: 'quay_1' }, 'id: Mã máy in chỉ gồm chữ thường không dấu, số và dấu gạch ngang.'],
    [{ ...tcpPrinter, name: '  ' }, 'name: Hãy nhập tên máy in.'],
    [{ ...tcpPrinter, name: s(80) }, 'accepted'],
    [{ ...tcpPrinter, name: s(81) }, 'name: Dài quá 80 ký tự.'],
    [{ ...tcpPrinter, model: ' ' }, 'model: Hãy nhập kiểu máy in.'],
    [{ ...tcpPrinter, model: s(81) }, 'model: Dài quá 80 ký tự.'],
    [{ ...tcpPrinter, transport: { kind: 'tcp', host: ' ', port: 9100 } }, 'transport.host: Hãy nhập địa chỉ IP của máy in.'],
    [{ ...tcpPrinter, transport: { kind: 'tcp', host: s(101), port: 9100 } }, 'transport.host: Dài quá 100 ký tự.'],
    [{ ...tcpPrinter, transport: { kind: 'tcp', host: s(100), port: 1 } }, 'accepted'],
    [{ ...tcpPrinter, transport: { kind: 'tcp', host: 'h', port: 65535 } }, 'accepted'],
    [{ ...tcpPrinter, transport: { kind: 'tcp', host: 'h', port: 0 } }, 'transport.port: Cổng phải từ 1 đến 65535.'],
    [{ ...tcpPrinter, transport: { kind: 'tcp', host: 'h', port: 65536 } }, 'transport.port: Cổng phải từ 1 đến 65535.'],
    [{ ...tcpPrinter, transport: { kind: 'tcp', host: 'h', port: 91.5 } }, 'transport.port: Cổng phải là số nguyên.'],
    [{ ...tcpPrinter, transport: { kind: 'tcp', host: 'h', port: '9100' } }, 'transport.port: Cổng phải là số.'],
    [{ ...tcpPrinter, transport: { kind: 'spooler', printerName: 'XP-80C (USB)' } }, 'accepted'],
    [{ ...tcpPrinter, transport: { kind: 'spooler', printerName: ' ' } }, 'transport.printerName: Hãy nhập tên máy in trong Windows.'],
    [{ ...tcpPrinter, transport: { kind: 'spooler', printerName: s(201) } }, 'transport.printerName: Dài quá 200 ký tự.'],
    [{ ...tcpPrinter, transport: { kind: 'file', path: '/tmp/receipts.bin' } }, 'accepted'],
    [{ ...tcpPrinter, transport: { kind: 'file', path: '' } }, 'transport.path: Hãy nhập đường dẫn tệp.'],
    [{ ...tcpPrinter, transport: { kind: 'file', path: '   ' } }, 'transport.path: Hãy nhập đường dẫn tệp.'],
    [{ ...tcpPrinter, transport: { kind: 'file', path: s(501) } }, 'transport.path: Dài quá 500 ký tự.'],
    [{ ...tcpPrinter, transport: { kind: 'usb' } }, 'transport.kind: Giá trị không hợp lệ.'],
    [{ ...tcpPrinter, transport: { kind: 'file', path: '/x', host: 'h' } }, 'transport: Dữ liệu có trường không được phép: host.'],
    [{ ...tcpPrinter, cutter: 'yes' }, 'cutter: Dữ liệu không đúng kiểu.'],
    [{ ...tcpPrinter, drawer: undefined }, 'drawer: Chưa nhập thông tin bắt buộc.'],
  ] as const)('printer profile %# → %s', (profile, expected) => {
    expect(said(PrinterProfileInput, profile)).toBe(expected);
    expect(saidBy('print.saveProfile', { profile })).toBe(expected === 'accepted' ? expected : `profile.${expected}`);
  });
  it('a printer profile keeps its names without the spaces around them', () => {
    expect(PrinterProfileInput.parse({ ...tcpPrinter, name: ' Xprinter ', model: ' XP ', transport: { kind: 'tcp', host: ' 10.0.0.9 ', port: 9100 } })).toEqual({
      ...tcpPrinter,
      name: 'Xprinter',
      model: 'XP',
      transport: { kind: 'tcp', host: '10.0.0.9', port: 9100 },
    });
    expect(PrinterProfileInput.parse({ ...tcpPrinter, transport: { kind: 'spooler', printerName: ' XP ' } }).transport).toEqual({ kind: 'spooler', printerName: 'XP' });
    expect(PrinterProfileInput.parse({ ...tcpPrinter, transport: { kind: 'file', path: ' /tmp/r.bin ' } }).transport).toEqual({ kind: 'file', path: '/tmp/r.bin' });
  });

  const list = { postman: 'Bưu tá A', route: 'Tuyến 1', dossierIds: ['d1'] };
  it.each([
    ['print.document', { kind: 'intake_receipt', id: 'd1' }, 'accepted'],
    ['print.document', { kind: 'handover_record', id: s(64), copy: true }, 'accepted'],
    ['print.document', { kind: 'fee_receipt', id: 'd1', copy: false }, 'accepted'],
    ['print.document', { kind: 'missing_documents', id: 'd1' }, 'accepted'],
    ['print.document', { kind: 'handover_slip', id: 'd1' }, 'accepted'],
    ['print.document', { kind: 'complaint_receipt', id: 'd1' }, 'kind: Giá trị không hợp lệ.'],
    ['print.document', { kind: 'intake_receipt', id: '' }, 'id: Chưa nhập thông tin bắt buộc.'],
    ['print.document', { kind: 'intake_receipt', id: s(65) }, 'id: Dài quá 64 ký tự.'],
    ['print.deliveryList', list, 'accepted'],
    ['print.deliveryList', { ...list, route: '', postman: s(100), dossierIds: Array.from({ length: 300 }, (_, i) => `d${i}`) }, 'accepted'],
    ['print.deliveryList', { ...list, postman: '  ' }, 'postman: Chưa nhập họ tên bưu tá nhận danh sách phát.'],
    ['print.deliveryList', { ...list, postman: s(101) }, 'postman: Họ tên bưu tá quá dài (tối đa 100 ký tự).'],
    ['print.deliveryList', { ...list, route: ` ${s(120)} ` }, 'accepted'],
    ['print.deliveryList', { ...list, route: s(121) }, 'route: Tên tuyến phát quá dài (tối đa 120 ký tự).'],
    ['print.deliveryList', { ...list, dossierIds: [] }, 'dossierIds: Danh sách phát đang trống: không có kết quả nào chờ phát.'],
    ['print.deliveryList', { ...list, dossierIds: Array.from({ length: 301 }, (_, i) => `d${i}`) }, 'dossierIds: Nhiều quá 300 mục.'],
    ['print.deliveryList', { ...list, dossierIds: [''] }, 'dossierIds.0: Chưa nhập thông tin bắt buộc.'],
    ['print.deliveryList', { ...list, dossierIds: [s(65)] }, 'dossierIds.0: Dài quá 64 ký tự.'],
    ['print.jobs', {}, 'accepted'],
    ['print.jobs', { needsAction: true, limit: 1 }, 'accepted'],
    ['print.jobs', { limit: 500 }, 'accepted'],
    ['print.jobs', { limit: 0 }, 'limit: Phải từ 1 trở lên.'],
    ['print.jobs', { limit: 501 }, 'limit: Không được lớn hơn 500.'],
    ['print.jobs', { needsAction: 1 }, 'needsAction: Dữ liệu không đúng kiểu.'],
    ['print.printers', { refresh: true }, 'accepted'],
    ['print.printers', { refresh: 'yes' }, 'refresh: Dữ liệu không đúng kiểu.'],
    ['print.reprint', { jobId: s(64) }, 'accepted'],
    ['print.reprint', { jobId: '' }, 'jobId: Chưa nhập thông tin bắt buộc.'],
    ['print.markPrinted', { jobId: s(65) }, 'jobId: Dài quá 64 ký tự.'],
    ['print.retry', {}, 'jobId: Chưa nhập thông tin bắt buộc.'],
    ['print.testPage', {}, 'accepted'],
    ['print.testPage', { printerId: s(60) }, 'accepted'],
    ['print.testPage', { printerId: '' }, 'printerId: Chưa nhập thông tin bắt buộc.'],
    ['print.testPage', { printerId: s(61) }, 'printerId: Dài quá 60 ký tự.'],
  ] as const)('%s %j → %s', (name, input, expected) => {
    expect(saidBy(name, input)).toBe(expected);
  });
  it('a delivery list names its postman and route without the spaces around them', () => {
    expect(parsed('print.deliveryList', { postman: ' Bưu tá A ', route: ' Tuyến 1 ', dossierIds: ['d1'] })).toEqual({ postman: 'Bưu tá A', route: 'Tuyến 1', dossierIds: ['d1'] });
  });
});

describe('privacy, recovery, session and status channels', () => {
  it.each([
    [{ idKind: 'cccd', idNumber: '001099000001' }, 'accepted'],
    [{ idKind: 'cmnd', idNumber: s(20, '1') }, 'accepted'],
    [{ idKind: 'passport', idNumber: 'C1234567' }, 'accepted'],
    [{ idKind: 'gplx', idNumber: '1' }, 'idKind: Hãy chọn loại giấy tờ: CCCD, CMND hoặc hộ chiếu.'],
    [{ idNumber: '1' }, 'idKind: Hãy chọn loại giấy tờ: CCCD, CMND hoặc hộ chiếu.'],
    [{ idKind: 'cccd', idNumber: '   ' }, 'idNumber: Hãy nhập số giấy tờ.'],
    [{ idKind: 'cccd' }, 'idNumber: Hãy nhập số giấy tờ.'],
    [{ idKind: 'cccd', idNumber: s(21, '1') }, 'idNumber: Số giấy tờ quá dài.'],
  ] as const)('citizen export %# → %s', (input, expected) => {
    expect(said(CitizenExportInput, input)).toBe(expected);
    expect(saidBy('citizen.export', input)).toBe(expected);
  });
  it('an ID number is searched without the spaces around it', () => {
    expect(CitizenExportInput.parse({ idKind: 'cccd', idNumber: ' 001099000001 ' }).idNumber).toBe('001099000001');
  });

  it.each([
    ['citizen.requests', {}, 'accepted'],
    ['citizen.requests', { all: true }, ': Dữ liệu có trường không được phép: all.'],
    ['recovery.confirm', {}, 'accepted'],
    ['recovery.confirm', { lastGroup: s(20) }, 'accepted'],
    ['recovery.confirm', { lastGroup: s(21) }, 'lastGroup: Dài quá 20 ký tự.'],
    ['session.login', { username: s(64), password: s(128) }, 'accepted'],
    ['session.login', { username: '  ', password: 'p' }, 'username: Chưa nhập tên đăng nhập.'],
    ['session.login', { username: s(65), password: 'p' }, 'username: Dài quá 64 ký tự.'],
    ['session.login', { username: 'u', password: '' }, 'password: Chưa nhập mật khẩu.'],
    ['session.login', { username: 'u', password: s(129) }, 'password: Dài quá 128 ký tự.'],
    ['session.login', { username: 'u' }, 'password: Chưa nhập thông tin bắt buộc.'],
    ['session.setupAdmin', { username: 'admin', password: 'p', confirm: 'p' }, 'accepted'],
    ['session.setupAdmin', { username: 'admin', password: 'p', confirm: '' }, 'confirm: Chưa nhập mật khẩu.'],
    ['session.lock', {}, 'accepted'],
    ['session.lock', { idle: true }, 'accepted'],
    ['session.lock', { idle: 1 }, 'idle: Dữ liệu không đúng kiểu.'],
    ['session.unlock', { password: 'p' }, 'accepted'],
    ['session.unlock', { password: 'p', username: 'truongbc' }, 'accepted'],
    ['session.unlock', { password: 'p', username: ' ' }, 'username: Chưa nhập tên đăng nhập.'],
    ['session.unlock', { password: '' }, 'password: Chưa nhập mật khẩu.'],
    ['session.changePassword', { oldPassword: 'a', newPassword: 'b', confirm: 'b' }, 'accepted'],
    ['session.changePassword', { oldPassword: '', newPassword: 'b', confirm: 'b' }, 'oldPassword: Chưa nhập mật khẩu.'],
    ['session.changePassword', { oldPassword: 'a', newPassword: s(129), confirm: 'b' }, 'newPassword: Dài quá 128 ký tự.'],
    ['clerks.create', { username: 'gdv1', fullName: s(100), role: 'clerk', password: 'p' }, 'accepted'],
    ['clerks.create', { username: 'gdv1', fullName: 'A', role: 'manager', password: 'p' }, 'accepted'],
    ['clerks.create', { username: 'gdv1', fullName: 'A', role: 'admin', password: 'p' }, 'accepted'],
    ['clerks.create', { username: 'gdv1', fullName: ' ', role: 'clerk', password: 'p' }, 'fullName: Chưa nhập họ tên.'],
    ['clerks.create', { username: 'gdv1', fullName: s(101), role: 'clerk', password: 'p' }, 'fullName: Dài quá 100 ký tự.'],
    ['clerks.create', { username: 'gdv1', fullName: 'A', role: 'postman', password: 'p' }, 'role: Giá trị không hợp lệ.'],
    ['clerks.create', { username: 'gdv1', fullName: 'A', role: 'clerk' }, 'password: Chưa nhập thông tin bắt buộc.'],
    ['status.activity', { unsavedForm: false }, 'accepted'],
    ['status.activity', {}, 'unsavedForm: Chưa nhập thông tin bắt buộc.'],
    ['sync.enroll', { hubUrl: 'https://hub.example', code: 'ABCD' }, 'accepted'],
    ['sync.enroll', { hubUrl: s(300), code: s(100) }, 'accepted'],
    ['sync.enroll', { hubUrl: ' ', code: 'ABCD' }, 'hubUrl: Hãy nhập địa chỉ máy chủ tỉnh.'],
    ['sync.enroll', { hubUrl: s(301), code: 'ABCD' }, 'hubUrl: Dài quá 300 ký tự.'],
    ['sync.enroll', { hubUrl: 'h', code: ' ABC ' }, 'code: Hãy nhập mã đăng ký do CNTT tỉnh cấp.'],
    ['sync.enroll', { hubUrl: 'h', code: s(101) }, 'code: Dài quá 100 ký tự.'],
    ['sync.rejected', {}, 'accepted'],
    ['sync.rejected', { includeReviewed: 'no' }, 'includeReviewed: Dữ liệu không đúng kiểu.'],
    ['sync.acknowledge', { seq: 1 }, 'accepted'],
    ['sync.acknowledge', { seq: 0 }, 'seq: Phải lớn hơn 0.'],
    ['sync.acknowledge', { seq: 1.5 }, 'seq: Phải là số nguyên.'],
  ] as const)('%s %j → %s', (name, input, expected) => {
    expect(saidBy(name, input)).toBe(expected);
  });
  it('a sign-in name and an enrollment are taken without the spaces around them; a password as typed', () => {
    expect(parsed('session.login', { username: ' gdv1 ', password: ' p ' })).toEqual({ username: 'gdv1', password: ' p ' });
    expect(parsed('sync.enroll', { hubUrl: ' https://hub ', code: ' ABCD ' })).toEqual({ hubUrl: 'https://hub', code: 'ABCD' });
  });
});

const identity = { branchName: 'Bưu cục Q1', branchCode: 'SL-MS-Q02', counterName: 'Quầy 1', counterId: 'q1.a_b:c', provinceCode: '79', communeCode: '26734' };

describe('first-run setup channels', () => {
  it('the steps run in their order, each with its title', () => {
    expect(SETUP_STEPS).toEqual(['hub', 'identity', 'printer', 'people', 'recovery', 'summary']);
    expect(SETUP_STEPS.map((st) => SETUP_STEP_TITLES[st])).toEqual(['Máy chủ tỉnh', 'Bưu cục và quầy', 'Máy in biên nhận', 'Người dùng', 'Mã khôi phục', 'Tóm tắt']);
  });
  it.each([
    [identity, 'accepted'],
    [{ ...identity, branchName: s(100), counterName: s(100), branchCode: s(64), counterId: s(64), provinceCode: s(10), communeCode: s(10) }, 'accepted'],
    [{ ...identity, branchName: ' ' }, 'branchName: Hãy nhập tên bưu cục.'],
    [{ ...identity, branchName: s(101) }, 'branchName: Tên bưu cục dài quá 100 ký tự.'],
    [{ ...identity, counterName: '' }, 'counterName: Hãy nhập tên quầy.'],
    [{ ...identity, counterName: s(101) }, 'counterName: Tên quầy dài quá 100 ký tự.'],
    [{ ...identity, branchCode: ' ' }, 'branchCode: Hãy nhập mã bưu cục.'],
    [{ ...identity, branchCode: s(65) }, 'branchCode: Dài quá 64 ký tự.'],
    [{ ...identity, branchCode: 'SL MS' }, 'branchCode: Mã bưu cục chỉ gồm chữ không dấu, số và . _ : - (ví dụ SL-MS-Q02).'],
    [{ ...identity, branchCode: 'Bưu' }, 'branchCode: Mã bưu cục chỉ gồm chữ không dấu, số và . _ : - (ví dụ SL-MS-Q02).'],
    [{ ...identity, counterId: 'q/1' }, 'counterId: Mã quầy chỉ gồm chữ không dấu, số và . _ : - (ví dụ SL-MS-Q02).'],
    [{ ...identity, counterId: '' }, 'counterId: Hãy nhập mã quầy.'],
    [{ ...identity, provinceCode: ' ' }, 'provinceCode: Hãy chọn tỉnh, thành phố.'],
    [{ ...identity, provinceCode: s(11) }, 'provinceCode: Dài quá 10 ký tự.'],
    [{ ...identity, communeCode: '' }, 'communeCode: Hãy chọn xã, phường nơi đặt quầy.'],
    [{ ...identity, communeCode: '  ' }, 'communeCode: Hãy chọn xã, phường nơi đặt quầy.'],
    [{ ...identity, communeCode: s(11) }, 'communeCode: Dài quá 10 ký tự.'],
    [{ ...identity, note: 'x' }, ': Dữ liệu có trường không được phép: note.'],
  ] as const)('local identity %# → %s', (input, expected) => {
    expect(said(LocalIdentityInput, input)).toBe(expected);
  });
  it('an identity is kept without the spaces around its names and codes', () => {
    const padded = Object.fromEntries(Object.entries(identity).map(([k, v]) => [k, ` ${v} `]));
    expect(LocalIdentityInput.parse(padded)).toEqual(identity);
  });
  it.each([
    ['setup.testHub', { hubUrl: s(300) }, 'accepted'],
    ['setup.testHub', { hubUrl: s(301) }, 'hubUrl: Dài quá 300 ký tự.'],
    ['setup.hub', { mode: 'later' }, 'accepted'],
    ['setup.hub', { mode: 'keep' }, 'accepted'],
    ['setup.hub', { mode: 'enroll', hubUrl: s(300), code: ` ${s(100)} ` }, 'accepted'],
    ['setup.hub', { mode: 'join' }, 'mode: Giá trị không hợp lệ.'],
    ['setup.hub', { mode: 'enroll', hubUrl: s(301) }, 'hubUrl: Dài quá 300 ký tự.'],
    ['setup.hub', { mode: 'enroll', code: s(101) }, 'code: Dài quá 100 ký tự.'],
    ['setup.identity', { mode: 'hub' }, 'accepted'],
    ['setup.identity', { mode: 'local', identity }, 'accepted'],
    ['setup.identity', { mode: 'local', identity: { ...identity, counterId: 'q 1' } }, 'identity.counterId: Mã quầy chỉ gồm chữ không dấu, số và . _ : - (ví dụ SL-MS-Q02).'],
    ['setup.identity', { mode: 'both' }, 'mode: Giá trị không hợp lệ.'],
    ['setup.step', { step: 'printer', outcome: 'confirmed' }, 'accepted'],
    ['setup.step', { step: 'people', outcome: 'done' }, 'accepted'],
    ['setup.step', { step: 'printer', outcome: 'not_confirmed' }, 'accepted'],
    ['setup.step', { step: 'hub', outcome: 'done' }, 'step: Giá trị không hợp lệ.'],
    ['setup.step', { step: 'people', outcome: 'skipped' }, 'outcome: Giá trị không hợp lệ.'],
  ] as const)('%s %j → %s', (name, input, expected) => {
    expect(saidBy(name, input)).toBe(expected);
  });
});

describe('who may call the channels written here', () => {
  it.each([
    ['reports.branchPeriodic', 'manager'],
    ['cases.print', 'clerk'],
    ['display.watch', 'public'],
    ['document.copy', 'clerk'],
    ['shift.close', 'clerk'],
    ['day.close', 'manager'],
    ['audit.export', 'manager'],
    ['print.testPage', 'manager'],
    ['print.saveProfile', 'manager'],
    ['citizen.export', 'manager'],
    ['recovery.confirm', 'manager'],
    ['session.unlock', 'public'],
    ['session.changePassword', 'clerk'],
    ['clerks.create', 'admin'],
    ['status.activity', 'public'],
    ['sync.enroll', 'admin'],
    ['sync.acknowledge', 'manager'],
    ['setup.identity', 'admin'],
  ] as const)('%s: %s', (name, access) => {
    expect(contract[name].access).toBe(access);
  });
});
