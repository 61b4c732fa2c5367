/**
 * The intake form's schema (src/renderer/src/screens/intake/model.ts) through the same zod resolver
 * react-hook-form runs on F10: the quick checks come first and stop there; then the form becomes the
 * use case's input, checked with the shared AcceptDossierInput, errors on the use case's paths.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { describe, expect, it } from 'vitest';
import type { IntakeForm } from '../../../src/renderer/src/screens/intake/model';
import { emptyIntake, firstMessage, intakeSchema, parseDong, toAcceptInput } from '../../../src/renderer/src/screens/intake/model';

const place = (code: string, name: string) => ({ code, name, fullName: name });

function filled(over: Partial<IntakeForm> = {}): IntakeForm {
  const f = emptyIntake();
  return {
    ...f,
    sender: { ...f.sender, idNumber: '014090001234', fullName: 'Lò Văn Hùng', phone: '0912 345 678', address: 'Số 12, tổ 3', province: place('14', 'Sơn La'), commune: place('03646', 'Tô Hiệu') },
    procedureCode: 'CA-GPLX-DOI',
    documents: [{ code: '1', name: 'Đơn đề nghị', form: 'original', requiredCount: 1, required: true, providedCount: '1', providedForm: 'original' }],
    feeCategory: 'standard',
    feeAmount: '135.000',
    postageAmount: '42000',
    ...over,
  };
}

const resolve = (values: IntakeForm) => zodResolver(intakeSchema)(values, undefined, { fields: {}, shouldUseNativeValidation: false });

describe('the intake form on F10', () => {
  it('a complete form becomes the use case’s input', async () => {
    const r = await resolve(filled());
    expect(r.errors).toEqual({});
    expect(r.values).toMatchObject({
      serviceType: 'both',
      procedureCode: 'CA-GPLX-DOI',
      sender: { fullName: 'Lò Văn Hùng', idNumber: '014090001234', phone: '0912 345 678', provinceCode: '14', communeCode: '03646', organisation: null },
      proxy: null,
      documents: [{ providedCount: 1, providedForm: 'original' }],
      returnMethod: 'pickup',
      returnAddress: null,
      feeAmount: 135_000,
      postageAmount: 42_000,
      paymentMethod: 'cash',
    });
  });

  it('the quick checks with the shared validators come first, in the order of the form, and stop there', async () => {
    const f = filled({ feeAmount: '-1', hasProxy: true, procedureCode: '' });
    f.sender = { ...f.sender, idNumber: '014990001234', phone: '' };
    const r = await resolve(f);
    expect(Object.keys(r.errors)).toEqual(['sender', 'proxy', 'procedureCode']);
    expect(r.errors.sender?.idNumber?.message).toMatch(/[ăâđêôơư]/);
    expect(r.errors.sender?.phone?.message).toBe('Chưa nhập số điện thoại.');
    expect(r.errors.proxy?.authorisationRef?.message).toBe('Chưa nhập số/ngày giấy ủy quyền.');
    expect(r.errors.procedureCode?.message).toBe('Chưa chọn thủ tục.');
    expect(r.errors).not.toHaveProperty('feeAmount'); // the amounts are checked once the people are right
    expect(firstMessage(r.errors)).toBe(r.errors.sender?.idNumber?.message);
  });

  it('then AcceptDossierInput, with its own Vietnamese messages on its own paths', async () => {
    const neg = await resolve(filled({ feeAmount: '-135000' }));
    expect(firstMessage(neg.errors)).toBe('Phí, lệ phí không được âm.');
    expect(neg.errors).toHaveProperty('feeAmount');
    const frac = await resolve(filled({ feeAmount: '135000,5' }));
    expect(firstMessage(frac.errors)).toBe('Phí, lệ phí phải là số nguyên đồng (không có phần lẻ).');
    const empty = await resolve(filled({ postageAmount: '' }));
    expect(firstMessage(empty.errors)).toBe('Cước phải là một số.');
    const doc = await resolve(filled({ documents: [{ ...filled().documents[0]!, providedCount: '-1' }] }));
    expect(firstMessage(doc.errors)).toBe('Số lượng giấy tờ không được âm.');
  });

  it('home delivery needs the sender’s address, except for a dossier only sent', async () => {
    const f = filled({ returnMethod: 'home' });
    f.sender = { ...f.sender, commune: null };
    expect(firstMessage((await resolve(f)).errors)).toBe('Phát tận địa chỉ: cần địa chỉ, tỉnh và xã/phường của người gửi.');
    expect((await resolve({ ...f, serviceType: 'send' })).errors).toEqual({});
    const home = toAcceptInput(filled({ returnMethod: 'home' }));
    expect(home.returnAddress).toEqual({ address: 'Số 12, tổ 3', provinceCode: '14', communeCode: '03646' });
    expect(toAcceptInput(filled({ serviceType: 'send', returnMethod: 'home' }))).toMatchObject({ returnMethod: 'none', returnAddress: null });
  });

  it('reads amounts as clerks type them', () => {
    expect(parseDong('135.000')).toBe(135_000);
    expect(parseDong('135 000 ₫')).toBe(135_000);
    expect(parseDong('12,5')).toBe(12.5);
    expect(parseDong('')).toBeNaN();
  });
});
