/**
 * Identity documents and phone numbers (domain.md 3.2).
 *
 * CCCD (căn cước công dân / personal ID number, 12 digits): 3-digit province of birth registration +
 * 1 century/sex digit (1900s male 0 / female 1, 2000s 2/3, 2100s 4/5) + 2 digits of birth year + 6
 * random digits. Province codes are the 63 pre-2025 codes (Circular 07/2016/TT-BCA, kept by Circular
 * 59/2021/TT-BCA); the 34 merged provinces of 2025 kept one of their members' codes, so the list
 * still covers every number issued.
 *
 * Phones: the canonical form is the national number with its leading 0 and no separators.
 * Mobile: 10 digits 03x/05x/07x/08x/09x; 11-digit mobiles from before 2018 (01xx) are mapped to
 * their new prefix, last 7 digits unchanged. Landline (fixed): since 2017 every fixed number is
 * 11 digits starting 02 (area code + subscriber, e.g. Sơn La 0212 xxx xxxx); it is accepted as is.
 * '+84', '0084' and a bare '84' country prefix are accepted (also '+84 0…'); spaces, dots, dashes and
 * parentheses are ignored. Service numbers (1900…, 1800…) and short codes are refused.
 */
import { fail, ok, type Check } from './errors';
export { checkPersonName, isVietnameseSyllable, readAsTelex } from './names';
export type { NameOptions } from './names';

export type IdKind = 'cccd' | 'cmnd' | 'passport';

/** CCCD province code → province name at the time of issue (pre-2025 names). */
export const CCCD_PROVINCES: Readonly<Record<string, string>> = {
  '001': 'Hà Nội', '002': 'Hà Giang', '004': 'Cao Bằng', '006': 'Bắc Kạn', '008': 'Tuyên Quang',
  '010': 'Lào Cai', '011': 'Điện Biên', '012': 'Lai Châu', '014': 'Sơn La', '015': 'Yên Bái',
  '017': 'Hoà Bình', '019': 'Thái Nguyên', '020': 'Lạng Sơn', '022': 'Quảng Ninh', '024': 'Bắc Giang',
  '025': 'Phú Thọ', '026': 'Vĩnh Phúc', '027': 'Bắc Ninh', '030': 'Hải Dương', '031': 'Hải Phòng',
  '033': 'Hưng Yên', '034': 'Thái Bình', '035': 'Hà Nam', '036': 'Nam Định', '037': 'Ninh Bình',
  '038': 'Thanh Hoá', '040': 'Nghệ An', '042': 'Hà Tĩnh', '044': 'Quảng Bình', '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế', '048': 'Đà Nẵng', '049': 'Quảng Nam', '051': 'Quảng Ngãi', '052': 'Bình Định',
  '054': 'Phú Yên', '056': 'Khánh Hoà', '058': 'Ninh Thuận', '060': 'Bình Thuận', '062': 'Kon Tum',
  '064': 'Gia Lai', '066': 'Đắk Lắk', '067': 'Đắk Nông', '068': 'Lâm Đồng', '070': 'Bình Phước',
  '072': 'Tây Ninh', '074': 'Bình Dương', '075': 'Đồng Nai', '077': 'Bà Rịa - Vũng Tàu', '079': 'Hồ Chí Minh',
  '080': 'Long An', '082': 'Tiền Giang', '083': 'Bến Tre', '084': 'Trà Vinh', '086': 'Vĩnh Long',
  '087': 'Đồng Tháp', '089': 'An Giang', '091': 'Kiên Giang', '092': 'Cần Thơ', '093': 'Hậu Giang',
  '094': 'Sóc Trăng', '095': 'Bạc Liêu', '096': 'Cà Mau',
};

/** Strips spaces, dots and dashes (people type '001 099 012345' or copy '001.099.012345'). */
function compactDigits(s: string): string {
  return s.normalize('NFKC').replace(/[\s.\-_]/gu, '');
}

function currentYearVn(): number {
  return new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
}

export interface CccdInfo {
  value: string;
  provinceCode: string;
  provinceName: string;
  sex: 'male' | 'female';
  birthYear: number;
}

/** Maximum plausible age in years for a living card holder. */
export const MAX_AGE_YEARS = 120;

export function checkCccd(s: string, nowYear: number = currentYearVn()): Check<CccdInfo> {
  const v = compactDigits(s);
  if (v.length === 0) return fail('cccd.empty', 'Chưa nhập số căn cước công dân.');
  if (!/^\d+$/.test(v)) return fail('cccd.not_digits', 'Số căn cước công dân chỉ gồm chữ số.');
  if (v.length !== 12) return fail('cccd.length', `Số căn cước công dân phải có đúng 12 chữ số; đã nhập ${v.length} chữ số.`);
  const provinceCode = v.slice(0, 3);
  const provinceName = CCCD_PROVINCES[provinceCode];
  if (provinceName === undefined) {
    return fail('cccd.province', `Ba chữ số đầu (${provinceCode}) không phải mã tỉnh nơi đăng ký khai sinh hợp lệ.`);
  }
  const cs = Number(v[3]);
  if (cs > 5) return fail('cccd.century', `Chữ số thứ tư (${cs}) không hợp lệ: mã thế kỷ và giới tính chỉ từ 0 đến 5.`);
  const birthYear = 1900 + Math.floor(cs / 2) * 100 + Number(v.slice(4, 6));
  if (birthYear > nowYear) {
    return fail('cccd.birth_year_future', `Năm sinh suy ra từ số căn cước (${birthYear}) ở tương lai.`);
  }
  if (birthYear < nowYear - MAX_AGE_YEARS) {
    return fail('cccd.birth_year_old', `Năm sinh suy ra từ số căn cước (${birthYear}) không hợp lý.`);
  }
  return ok({ value: v, provinceCode, provinceName, sex: cs % 2 === 0 ? 'male' : 'female', birthYear });
}

/** Old CMND: 9 digits, or 12 digits for the cards of 2012–2016 (no structure is checked). */
export function checkCmnd(s: string): Check<string> {
  const v = compactDigits(s);
  if (v.length === 0) return fail('cmnd.empty', 'Chưa nhập số chứng minh nhân dân.');
  if (!/^\d+$/.test(v)) return fail('cmnd.not_digits', 'Số chứng minh nhân dân chỉ gồm chữ số.');
  if (v.length !== 9 && v.length !== 12) {
    return fail('cmnd.length', `Số chứng minh nhân dân phải có 9 hoặc 12 chữ số; đã nhập ${v.length} chữ số.`);
  }
  return ok(v);
}

/**
 * ICAO 9303 nationality codes a passport may carry: the ISO 3166-1 alpha-3 codes, plus ICAO's own
 * (D for Germany; GBD/GBN/GBO/GBP/GBS British nationals; UNO/UNA/UNK United Nations; XXA stateless,
 * XXB/XXC refugees, XXX unspecified; RKS Kosovo; EUE European Union; XOM Order of Malta).
 */
export const ICAO_NATIONALITIES: ReadonlySet<string> = new Set(
  (
    'AFG ALA ALB DZA ASM AND AGO AIA ATA ATG ARG ARM ABW AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BMU BTN BOL BES BIH BWA BVT BRA IOT BRN BGR BFA BDI CPV KHM CMR CAN CYM CAF TCD CHL CHN CXR CCK COL COM COG COD COK CRI CIV HRV CUB CUW CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FLK FRO FJI FIN FRA GUF PYF ATF GAB GMB GEO DEU GHA GIB GRC GRL GRD GLP GUM GTM GGY GIN GNB GUY HTI HMD VAT HND HKG HUN ISL IND IDN IRN IRQ IRL IMN ISR ITA JAM JPN JEY JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MAC MDG MWI MYS MDV MLI MLT MHL MTQ MRT MUS MYT MEX FSM MDA MCO MNG MNE MSR MAR MOZ MMR NAM NRU NPL NLD NCL NZL NIC NER NGA NIU NFK MKD MNP NOR OMN PAK PLW PSE PAN PNG PRY PER PHL PCN POL PRT PRI QAT REU ROU RUS RWA BLM SHN KNA LCA MAF SPM VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SXM SVK SVN SLB SOM ZAF SGS SSD ESP LKA SDN SUR SJM SWE CHE SYR TWN TJK TZA THA TLS TGO TKL TON TTO TUN TUR TKM TCA TUV UGA UKR ARE GBR USA UMI URY UZB VUT VEN VNM VGB VIR WLF ESH YEM ZMB ZWE ' +
    'D GBD GBN GBO GBP GBS UNO UNA UNK XXA XXB XXC XXX RKS EUE XOM'
  ).split(' '),
);

/** Vietnam's ICAO code: its passports keep their own format. */
export const VIETNAM = 'VNM';

/** A nationality as typed ('vnm', ' deu ') in its ICAO form, or the reason it is not one. */
export function checkNationality(s: string): Check<string> {
  const v = s.normalize('NFKC').trim().toUpperCase();
  if (v.length === 0) return fail('nationality.empty', 'Chưa nhập quốc tịch (mã 3 chữ cái trên hộ chiếu, ví dụ VNM, LAO, CHN).');
  if (!ICAO_NATIONALITIES.has(v)) return fail('nationality.unknown', `“${v}” không phải mã quốc tịch trên hộ chiếu (mã 3 chữ cái theo ICAO, ví dụ VNM, LAO, CHN, USA).`);
  return ok(v);
}

/**
 * Passport number. Vietnamese passports (nationality VNM, the default): one letter and 7 digits,
 * uppercased ('c1234567' → 'C1234567'). Other nationalities: the ICAO 9303 document number, up to
 * 9 letters and digits (the machine-readable zone's field; '<' fillers dropped), at least one digit.
 */
export function checkPassport(s: string, nationality: string = VIETNAM): Check<string> {
  const v = compactDigits(s).toUpperCase().replace(/<+$/u, '');
  if (v.length === 0) return fail('passport.empty', 'Chưa nhập số hộ chiếu.');
  if (nationality === VIETNAM) {
    if (!/^[A-Z]\d{7}$/.test(v)) return fail('passport.format', 'Số hộ chiếu phải gồm 1 chữ cái và 7 chữ số (ví dụ C1234567).');
    return ok(v);
  }
  if (!/^[A-Z0-9]{5,9}$/.test(v) || !/\d/.test(v)) {
    return fail('passport.icao_format', `Số hộ chiếu nước ngoài (${nationality}) gồm 5 đến 9 chữ cái in hoa và chữ số, có ít nhất một chữ số, như in ở dòng mã máy đọc (ví dụ C01X00T47).`);
  }
  return ok(v);
}

/** Canonical value of an ID number of the given kind, or the reason it is refused. */
export function checkIdNumber(kind: IdKind, s: string, nowYear?: number, nationality?: string | null): Check<string> {
  switch (kind) {
    case 'cccd': {
      const c = checkCccd(s, nowYear);
      return c.ok ? ok(c.value.value) : c;
    }
    case 'cmnd':
      return checkCmnd(s);
    case 'passport':
      return checkPassport(s, nationality ?? VIETNAM);
  }
}

/** Vietnamese label of an ID kind, as printed on forms. */
export const ID_KIND_LABELS: Readonly<Record<IdKind, string>> = {
  cccd: 'Căn cước công dân',
  cmnd: 'Chứng minh nhân dân',
  passport: 'Hộ chiếu',
};

/**
 * For logs and screens: keeps the first 4 and last 4 characters of numbers of 10+ characters
 * ('014099012345' → '0140****2345'), first 2 and last 2 of shorter ones ('C1234567' → 'C1****67'),
 * and masks numbers of 4 characters or fewer entirely.
 */
export function maskIdNumber(s: string): string {
  const v = compactDigits(s);
  const n = v.length;
  if (n <= 4) return '*'.repeat(n);
  const keep = n >= 10 ? 4 : 2;
  return v.slice(0, keep) + '*'.repeat(n - 2 * keep) + v.slice(n - keep);
}

/** Old 11-digit mobile prefix → new 10-digit prefix (changed 2018). */
export const OLD_MOBILE_PREFIXES: Readonly<Record<string, string>> = {
  // Viettel
  '0162': '032', '0163': '033', '0164': '034', '0165': '035', '0166': '036', '0167': '037', '0168': '038', '0169': '039',
  // MobiFone
  '0120': '070', '0121': '079', '0122': '077', '0126': '076', '0128': '078',
  // VinaPhone
  '0123': '083', '0124': '084', '0125': '085', '0127': '081', '0129': '082',
  // Vietnamobile
  '0186': '056', '0188': '058',
  // Gmobile
  '0199': '059',
};

export type PhoneKind = 'mobile' | 'landline';

/** The kind of a canonical phone number produced by `normalizePhone`. */
export function phoneKind(canonical: string): PhoneKind {
  return canonical.startsWith('02') ? 'landline' : 'mobile';
}

/** One canonical form for a Vietnamese phone number (see module comment). */
export function normalizePhone(input: string): Check<string> {
  const raw = input.normalize('NFKC').trim();
  if (raw.length === 0) return fail('phone.empty', 'Chưa nhập số điện thoại.');
  if (!/^[(\s]*\+?[\d\s.\-()]+$/u.test(raw)) {
    return fail('phone.chars', 'Số điện thoại chỉ gồm chữ số (có thể có +84, dấu cách, dấu chấm, gạch ngang).');
  }
  // The pattern above lets a '+' stand only at the start (after any '(' or spaces).
  const plus = raw.includes('+');
  let d = raw.replace(/\D/g, '');
  if (plus) {
    if (!d.startsWith('84')) return fail('phone.country', 'Chỉ nhận số điện thoại Việt Nam (+84).');
    d = d.slice(2);
  } else if (d.startsWith('0084')) {
    d = d.slice(4);
  } else if (d.startsWith('84') && (d.length === 11 || d.length === 12)) {
    // A national number never starts with 84 (it starts with 0), so this is the country code.
    d = d.slice(2);
  }
  if (/^1[89]00/.test(d)) return fail('phone.service', 'Số dịch vụ (1800, 1900) không phải số điện thoại của người gửi.');
  if (!d.startsWith('0')) d = `0${d}`;
  if (d.length === 11 && d.startsWith('01')) {
    const mapped = OLD_MOBILE_PREFIXES[d.slice(0, 4)];
    if (mapped === undefined) {
      return fail('phone.old_prefix', `Đầu số ${d.slice(0, 4)} không phải đầu số di động cũ đã chuyển đổi.`);
    }
    return ok(mapped + d.slice(4));
  }
  if (/^0[35789]\d{8}$/.test(d)) return ok(d);
  if (d.length === 10) return fail('phone.prefix', `Đầu số ${d.slice(0, 3)} không phải đầu số di động Việt Nam.`);
  if (d.length === 11 && d.startsWith('02')) return ok(d);
  return fail('phone.length', `Số điện thoại phải có 10 chữ số (di động) hoặc 11 chữ số (cố định, đầu 02); đã nhập ${d.length} chữ số.`);
}
