/**
 * Names (issue #16 defect 1): what cannot be a name is refused with the reason, real names of Sơn La
 * (Kinh, Thái, H'Mông, Dao, Khơ Mú, Mường, Xinh Mun, La Ha, Kháng, Lào) and foreign names never are.
 */
import { describe, expect, it } from 'vitest';
import { checkPersonName, isVietnameseSyllable, readAsTelex } from '../../../src/shared/people';

const REAL_NAMES = [
  // Kinh
  'Nguyễn Văn Bình', 'Trần Thị Thu Hà', 'Đỗ Quang Đạt', 'Phạm Ngọc Ánh', 'Ngô Thị Ngọc Quyên', 'Nguyễn Thị Kiều Oanh', 'Hoàng Khuyến', 'Nguyễn Văn A',
  'NGUYỄN VĂN BÌNH', 'Nguyen Van Binh', 'Tran Thi Thu Ha', 'Vũ Thị Nguyệt', 'Lê Thị Ngoãn', 'Trịnh Xuân Khoa', 'Đặng Thị Hường', 'Nguyễn Quốc Huy',
  // Thái (Sơn La)
  'Lò Văn Hùng', 'Quàng Thị Lả', 'Cầm Thị Ngọc Ánh', 'Lường Văn Ún', 'Tòng Văn Khọ', 'Cà Văn Chung', 'Lò Thị Xuân', 'Điêu Chính Tới', 'Lò Văn Pâng',
  'Hà Văn Khiêm', 'Vì Thị Ỏn', 'Quàng Văn Hặc', 'Lù Văn Pọm', 'Sa Văn Khằm', 'Bạc Cầm Chương', 'Tòng Thị Phương', 'Hoàng Văn Ót', 'Mè Văn Xiên',
  // H'Mông
  'Giàng A Páo', 'Sùng A Chứ', 'Vừ A Dính', 'Thào A Lử', 'Lầu A Vàng', 'Mùa A Sử', 'Hờ A Dình', 'Sồng A Tủa', 'Lý A Tráng', 'Hạng A Tủa',
  'Giàng Thị Mỷ', 'Sùng Thị Dợ', 'Vàng A Mua', 'Tráng A Chu', 'Thào Seo Chứ', 'Giàng Seo Phử', 'Mùa A Chống', 'Lý Thị Xí', 'Cứ A Sáng', 'Hầu A Lềnh',
  // Dao
  'Bàn Văn Mẩy', 'Triệu Thị Mẩy', 'Đặng Văn Sành', 'Lý Láo Lở', 'Bàn Thị Chòi', 'Triệu Tiến Lưu', 'Phùng Văn Quý', 'Chảo Láo Sử', 'Tẩn Thị Dín',
  // Khơ Mú, Xinh Mun, Kháng, La Ha, Mường, Lào
  'Lò Văn Khăm', 'Quàng Văn Ín', 'Cà Văn Pọm', 'Lò Thị Ón', 'Vi Văn Xoan', 'Lường Thị Ỉn', 'Lò Văn Tiến', 'Đinh Công Mười', 'Bùi Thị Mến', 'Xa Thị Ngọc',
  'Lò Văn Oằn', 'Khằm Phoui', 'Vì Văn Thương',
  // Central Highlands and Chăm names seen on CCCDs
  "H'Hen Niê", 'Y Moan Ênuôl', 'Ksor Phước', 'Rơ Chăm Thuỳ', 'Nay Y Blang', 'Kpă Y Jưi',
  // Foreign names
  'John Smith', 'Mary-Jane Watson', "Seán O'Brien", 'Zoë Müller', 'François Dupont', 'José Martínez', 'Björn Ølstad', 'Łukasz Wiśniewski',
  'Kim Jong-un', 'Lee Min Ho', 'Max Weber', 'Aaron Brooks', 'Matthew Woods', 'Hans Peter', 'Park Seo-joon', 'Sengphet Phommachanh', 'Somchai Sukhumvit',
  'Wang Xiaoming', 'Zhang Wei', 'Liu Yang', 'Li Na', 'Nguyen Van Binh', 'Tanaka Tarō', 'Ivanov Sergei Petrovich', 'Иванов Сергей', '王小明', 'สมชาย ใจดี',
  'Maria da Silva', 'Van der Berg', 'J. R. R. Tolkien', 'Sophie Aaltonen', 'Oleksandr Shevchenko', 'Muhammad Ali',
];

describe('checkPersonName: real names are never refused', () => {
  it.each(REAL_NAMES)('%s', (name) => {
    expect(checkPersonName(name)).toEqual({ ok: true, value: name.normalize('NFC') });
  });

  it('a syllable that Telex would also read (oo of "xoong") is taken as written, beside marked words', () => {
    expect(readAsTelex('Xoong')).toBe('xông');
    expect(checkPersonName('Lò Thị Xoong')).toEqual({ ok: true, value: 'Lò Thị Xoong' });
  });

  it('a foreign name with Telex-looking words passes when the passport is foreign', () => {
    expect(checkPersonName('Max Lee', { foreign: true })).toEqual({ ok: true, value: 'Max Lee' });
  });
});

describe('checkPersonName: what cannot be a name is refused, saying what looks wrong', () => {
  it.each([
    ['Nguyeenx Vawn Binhf', 'name.telex', /“Nguyeenx” \(Nguyễn\?\), “Vawn” \(Văn\?\), “Binhf” \(Bình\?\)/],
    ['Nguyễn Vawn Bình', 'name.telex', /“Vawn” \(Văn\?\)/],
    ['Lof Vawn Hungf', 'name.telex', /Telex/],
    ['Traanf Thij Hoaf', 'name.telex', /Trần\?/],
    ['NguyÃªn VÄƒn BÃ¬nh', 'name.mojibake', /lỗi bảng mã \(có “Ãª”/],
    ['Nguyá»…n VÄƒn BÃ¬nh', 'name.mojibake', /lỗi bảng mã/],
    ['Ng?y?n V?n B?nh', 'name.question_mark', /dấu “\?”/],
    ['Nguy\uFFFDn Văn Bình', 'name.question_mark', /dấu “\?”/],
    ['Nguyễn Văn 2', 'name.digits', /chữ số/],
    ['Nguyễn Văn @Bình', 'name.chars', /ký tự “@”/],
    ['Lò Văn £', 'name.chars', /ký tự “£”/],
    ['   ', 'name.empty', /Chưa nhập họ và tên/],
    ["'-.", 'name.no_letter', /phải có chữ cái/],
  ])('%j → %s', (name, code, message) => {
    const r = checkPersonName(name);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message).toMatch(message);
    }
  });

  it('stores NFC: a decomposed name comes back composed, spaces cleaned', () => {
    const nfd = '  Nguyễn   Văn Bình '.normalize('NFD');
    expect(checkPersonName(nfd)).toEqual({ ok: true, value: 'Nguyễn Văn Bình' });
  });

  it('a name of 100 characters is kept, one of 101 is refused as too long', () => {
    const hundred = `Nguyễn ${'a'.repeat(93)}`;
    expect(hundred).toHaveLength(100);
    expect(checkPersonName(hundred)).toEqual({ ok: true, value: hundred });
    expect(checkPersonName(`${hundred}b`)).toEqual({ ok: false, code: 'name.length', message: 'Họ và tên quá dài (tối đa 100 ký tự).' });
  });

  it('two Telex leftovers are enough in an unmarked name; one is a foreign word', () => {
    expect(checkPersonName('Nguyeenx Vawn')).toMatchObject({ ok: false, code: 'name.telex' });
    expect(checkPersonName('Lee Min')).toEqual({ ok: true, value: 'Lee Min' });
  });

  it('the suggestion keeps the case the word was typed in', () => {
    expect(checkPersonName('nguyeenx vawn binh')).toEqual({
      ok: false,
      code: 'name.telex',
      message: 'Họ và tên có vẻ còn phím gõ Telex chưa chuyển thành dấu: “nguyeenx” (nguyễn?), “vawn” (văn?). Hãy bật bộ gõ tiếng Việt và gõ lại.',
    });
  });

  it('the refusal names the first character that is not in a name, after the spaces', () => {
    expect(checkPersonName('Lò Văn #Hùng')).toMatchObject({ ok: false, code: 'name.chars', message: 'Họ và tên có ký tự “#” không dùng trong tên người.' });
    expect(checkPersonName('Lò Văn_Hùng')).toMatchObject({ ok: false, code: 'name.chars', message: 'Họ và tên có ký tự “_” không dùng trong tên người.' });
  });

  it('names the field in the message', () => {
    expect(checkPersonName('Ng?y?n', { label: 'Họ tên người nhận' })).toMatchObject({ ok: false, message: expect.stringMatching(/^Họ tên người nhận có dấu/) });
  });
});

describe('Telex reading', () => {
  it.each([
    ['nguyeenx', 'nguyễn'],
    ['vawn', 'văn'],
    ['binhf', 'bình'],
    ['dduwcs', 'đức'],
    ['huwowng', 'hương'],
    ['hoaf', 'hòa'],
  ])('%s → %s', (w, t) => expect(readAsTelex(w)).toBe(t.normalize('NFC')));

  it.each([
    ['huowng', 'hương'],
    ['truwowngf', 'trường'],
    ['w', 'ư'],
    ['thuys', 'thúy'],
    ['Binhf', 'bình'],
    ['as', 'á'],
    ['aws', 'ắ'],
    ['caf', 'cà'],
    ['chaf', 'chà'],
    ['hoanf', 'hoàn'],
  ])('%s → %s (horn on both of uo, a lone w, the tone on the first of two final vowels, any case)', (w, t) => expect(readAsTelex(w)).toBe(t.normalize('NFC')));

  it.each(['binh', 'nguyen', 's', 'x', 'xs', 'đaa', 'aa1', 'nguyễn', ''])('%j holds no Telex key: null', (w) => expect(readAsTelex(w)).toBeNull());

  it.each(['nguyễn', 'văn', 'bình', 'giàng', 'páo', 'khằm', 'nghiêng', 'quyên', 'a', 'NGUYỄN', 'Bình'])('%s is a syllable', (w) => expect(isVietnameseSyllable(w)).toBe(true));
  it.each(['binhf', 'vawn', 'lee', 'smith', 'ksor'])('%s is not', (w) => expect(isVietnameseSyllable(w)).toBe(false));
});
