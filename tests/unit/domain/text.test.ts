import { describe, expect, it } from 'vitest';
import { cleanText, foldVi, foldViFull, foldedTokens, isWellFormedText, nfc } from '../../../src/shared/text';

describe('foldVi', () => {
  it.each([
    ['Giấy phép lái xe', 'giay phep lai xe'],
    ['ĐỖ', 'do'],
    ['Đỗ Thị Hồng Nhung', 'do thi hong nhung'],
    ['NGUYỄN VĂN AN', 'nguyen van an'],
    ['Sơn La', 'son la'],
    ['Thuận Châu', 'thuan chau'],
    ['Mường La', 'muong la'],
    ['Phiếu lý lịch tư pháp', 'phieu ly lich tu phap'],
    ['Hộ chiếu phổ thông', 'ho chieu pho thong'],
    ['Bảo hiểm xã hội', 'bao hiem xa hoi'],
    ['ăâêôơưđ ĂÂÊÔƠƯĐ', 'aaeooud aaeooud'],
    ['àáảãạ ằắẳẵặ ầấẩẫậ', 'aaaaa aaaaa aaaaa'],
    ['ỳýỷỹỵ', 'yyyyy'],
    ['  nhiều   khoảng\ttrắng\n', 'nhieu khoang trang'],
    ['Số 12/3 đường Tô Hiệu', 'so 12/3 duong to hieu'],
    ['', ''],
  ])('%j → %j', (input, folded) => {
    expect(foldVi(input)).toBe(folded);
  });

  const samples = ['Giấy phép lái xe', 'ĐỖ Thị Hương', 'Nguyễn Thị Thuỷ', 'Ủy ban nhân dân', 'Quỳnh Nhai', 'Phù Yên'];
  it.each(samples)('NFC and NFD inputs of %j fold to the same key', (s) => {
    const nfd = s.normalize('NFD');
    expect(nfd).not.toBe(s.normalize('NFC'));
    expect(foldVi(nfd)).toBe(foldVi(s.normalize('NFC')));
  });

  it('handles legacy forms: deprecated tone marks U+0340/U+0341, Eth for Đ, mixed composition, invisible characters', () => {
    // 'Lá' written as 'L' + 'a' + U+0341 (COMBINING ACUTE TONE MARK, the old Vietnamese one)
    expect(foldVi('La\u0341i xe')).toBe('lai xe');
    expect(foldVi('Va\u0300ng')).toBe('vang');
    expect(foldVi('\u00d0\u00f4\u0303')).toBe('do'); // 'Ðỗ' with Latin capital Eth and ô + combining tilde
    expect(foldVi('\u00d0INH')).toBe('dinh');
    // 'ấ' as precomposed 'â' + combining acute (what Windows-1258 converters produce)
    expect(foldVi('Gi\u00e2\u0301y')).toBe('giay');
    expect(foldVi('Gi\u200bấy\ufeff phép')).toBe('giay phep');
  });

  it('search by folded query finds the stored text (the domain example)', () => {
    expect(foldVi('Giấy phép lái xe').includes(foldVi('giay phep lai xe'))).toBe(true);
    expect(foldVi('Đổi giấy phép lái xe').includes(foldVi('GIẤY PHÉP'))).toBe(true);
  });
});

describe('foldVi (its character table) gives what the full folding gives', () => {
  it('for every single UTF-16 code unit', () => {
    const differ: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (foldVi(ch) !== foldViFull(ch)) differ.push(c.toString(16));
    }
    expect(differ).toEqual([]);
  });

  it('for every pair of Latin and Vietnamese letters, whitespace and marks around them', () => {
    const set = [...'aăâbdđeêioôơuưyAĂÂĐÊÔƠƯ ÀÁẢÃẠàáảãạẰẮẲẴẶằắẳẵặẦẤẨẪẬầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐđÐðƉɖİıßæøĳ'];
    const extra = [' ', '\t', '\n', '\u00a0', '\u00ad', '\u200b', '\u0301', '\u0303', '\u0341', '\u2003', '\ufeff', '1', ',', '-'];
    const alphabet = [...set, ...extra];
    const differ: string[] = [];
    for (const a of alphabet) for (const b of alphabet) for (const w of ['', ' ', '  \u00ad ']) {
      const s = `${w}${a}${w}${b}x${w}`;
      if (foldVi(s) !== foldViFull(s)) differ.push(JSON.stringify(s));
    }
    expect(differ).toEqual([]);
  });

  it('for random strings of those characters (a seeded generator)', () => {
    const alphabet = [...'aăâđêôơưẠẶậệổỡựỹĐÐƉİßAZ09 \t\n\u00a0\u00ad\u0301\u200b.,'];
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let k = 0; k < 20000; k++) {
      let s = '';
      for (let i = rnd(12); i > 0; i--) s += alphabet[rnd(alphabet.length)];
      expect(foldVi(s), JSON.stringify(s)).toBe(foldViFull(s));
    }
  });
});

describe('foldedTokens', () => {
  it.each([
    ['Nguyễn Văn  Đức', ['nguyen', 'van', 'duc']],
    ['Tổ 5, phường Chiềng Lề', ['to', '5', 'phuong', 'chieng', 'le']],
    ['Hộ chiếu (cấp lại) - mất', ['ho', 'chieu', 'cap', 'lai', 'mat']],
    ['   ', []],
  ])('%j → %j', (s, tokens) => {
    expect(foldedTokens(s)).toEqual(tokens);
  });
});

describe('nfc / cleanText', () => {
  it('nfc composes', () => {
    const nfd = 'Nguyễn'.normalize('NFD');
    expect(nfc(nfd)).toBe('Nguyễn'.normalize('NFC'));
    expect(nfc(nfd).length).toBe(6);
  });

  it.each([
    ['  Nguyễn   Văn\tAn ', 'Nguyễn Văn An'],
    ['Lê\u00a0Thị\u00a0Hoa', 'Lê Thị Hoa'],
    ['Trần\u200b Văn\n\nBình', 'Trần Văn Bình'],
    ['Phạm'.normalize('NFD') + '  Hùng', 'Phạm Hùng'],
    ['', ''],
  ])('%j → %j (NFC)', (input, out) => {
    const c = cleanText(input);
    expect(c).toBe(out.normalize('NFC'));
    expect(c).toBe(c.normalize('NFC'));
  });
});

describe('isWellFormedText', () => {
  it('refuses half surrogate pairs only', () => {
    expect(isWellFormedText('Lò Văn Pình 😀 𠀋')).toBe(true);
    expect(isWellFormedText('')).toBe(true);
    for (const bad of ['\ud800', 'a\ud800b', '\udfff', 'x\udc00', '😀'.slice(0, 1), '😀'.slice(1)]) expect(isWellFormedText(bad), JSON.stringify(bad)).toBe(false);
  });
});
