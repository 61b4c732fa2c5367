import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WorkCalendar, type CalendarOverrides } from '../../../src/shared/calendar';
import {
  TT17_LIMITS,
  appointmentBreakdown,
  appointmentEstimate,
  classifyRoute,
  isTransitOverdue,
  remoteExtraDays,
  transitDeadline,
  transitLimitDays,
  transitLimitsSchema,
  type RouteClass,
  type TransitLimits,
  type TransitLimitsInput,
} from '../../../src/shared/transit';

const ref = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, '../../../resources/reference', name), 'utf8'));
// Built in beforeAll, not at collection: a mutant that throws here must fail tests, not the file
// (StrykerJS counts a file that fails to collect as a surviving mutant).
let cal: WorkCalendar;
let limits: TransitLimits;
beforeAll(() => {
  cal = new WorkCalendar(ref('calendar-overrides.json') as CalendarOverrides);
  limits = transitLimitsSchema.parse(ref('transit-limits.json'));
});

describe('the TT 17 table', () => {
  it('the reference file parses and equals the statutory constant', () => {
    expect(limits.limits).toEqual(TT17_LIMITS.limits);
    expect(limits.majorCities.provinceCodes).toEqual(TT17_LIMITS.majorCities.provinceCodes);
    expect(limits.remoteAreas).toEqual([]);
  });

  it.each([
    ['intra_district', 1, 2],
    ['intra_province', 2, 4],
    ['major_cities', 3, 6],
    ['inter_province', 4, 8],
  ] as const)('%s: J+%d, with appointment slip J+%d', (route, only, slip) => {
    expect(transitLimitDays(route, false, limits)).toBe(only);
    expect(transitLimitDays(route, true, limits)).toBe(slip);
  });

  it('rejects malformed tables', () => {
    const good = ref('transit-limits.json') as TransitLimitsInput;
    const bad: unknown[] = [
      { ...good, schemaVersion: 2 },
      { ...good, limits: { ...good.limits, intra_district: { dossierOnly: -1, withAppointmentSlip: 2 } } },
      { ...good, limits: { ...good.limits, intra_district: { dossierOnly: 1.5, withAppointmentSlip: 2 } } },
      { ...good, limits: { intra_district: good.limits.intra_district } },
      { ...good, majorCities: { provinceCodes: ['1'] } },
      { ...good, remoteAreas: [{ provinceCode: '14', communeCodes: ['123'], extraDays: 1, source: 'x' }] },
      { ...good, remoteAreas: [{ provinceCode: '14', extraDays: 1 }] },
    ];
    for (const b of bad) expect(transitLimitsSchema.safeParse(b).success).toBe(false);
  });
});

describe('classifyRoute', () => {
  let custom: TransitLimits;
  beforeAll(() => {
    custom = transitLimitsSchema.parse({
      ...(ref('transit-limits.json') as TransitLimitsInput),
      majorCities: { provinceCodes: ['01', '79'], communeCodes: ['09999'] },
      districtGroups: [{ name: 'Thành phố Sơn La (cũ)', provinceCode: '14', legacyDistrictCode: '116', communeCodes: ['03646', '03664', '03670', '03679'] }],
    });
  });

  it.each([
    ['same ward', { provinceCode: '14', communeCode: '03646' }, { provinceCode: '14', communeCode: '03646' }, 'intra_district'],
    ['same former district', { provinceCode: '14', communeCode: '03703', legacyDistrictCode: '118' }, { provinceCode: '14', communeCode: '03694', legacyDistrictCode: '118' }, 'intra_district'],
    ['different former districts', { provinceCode: '14', communeCode: '03703', legacyDistrictCode: '118' }, { provinceCode: '14', communeCode: '03721', legacyDistrictCode: '119' }, 'intra_province'],
    ['two communes of Sơn La', { provinceCode: '14', communeCode: '03646' }, { provinceCode: '14', communeCode: '03721' }, 'intra_province'],
    ['commune unknown on one side', { provinceCode: '14', communeCode: '03646' }, { provinceCode: '14' }, 'intra_province'],
    ['within Hà Nội', { provinceCode: '01', communeCode: '00004' }, { provinceCode: '01', communeCode: '00008' }, 'intra_province'],
    ['Hà Nội → TP HCM', { provinceCode: '01' }, { provinceCode: '79' }, 'major_cities'],
    ['Đà Nẵng → Cần Thơ', { provinceCode: '48' }, { provinceCode: '92' }, 'major_cities'],
    ['Sơn La → Hà Nội', { provinceCode: '14', communeCode: '03646' }, { provinceCode: '01' }, 'inter_province'],
    ['Sơn La → Điện Biên', { provinceCode: '14' }, { provinceCode: '11' }, 'inter_province'],
  ] as const)('%s → %s', (_label, from, to, route) => {
    expect(classifyRoute(from, to, limits)).toBe(route);
    expect(classifyRoute(to, from, limits)).toBe(route); // symmetric
  });

  it('uses district groups and listed wards of former class-I cities from the reference data', () => {
    expect(classifyRoute({ provinceCode: '14', communeCode: '03646' }, { provinceCode: '14', communeCode: '03679' }, custom)).toBe('intra_district');
    expect(classifyRoute({ provinceCode: '14', communeCode: '03646' }, { provinceCode: '14', communeCode: '03703' }, custom)).toBe('intra_province');
    expect(classifyRoute({ provinceCode: '40', communeCode: '09999' }, { provinceCode: '79' }, custom)).toBe('major_cities');
    expect(classifyRoute({ provinceCode: '40', communeCode: '09998' }, { provinceCode: '79' }, custom)).toBe('inter_province');
    expect(classifyRoute({ provinceCode: '48' }, { provinceCode: '79' }, custom)).toBe('inter_province'); // 48 not listed there
  });

  it('two ends of one province with nothing else known are intra-province, not the same ward', () => {
    expect(classifyRoute({ provinceCode: '14' }, { provinceCode: '14' }, custom)).toBe('intra_province');
  });

  it('a district group counts only in its own province and only when it holds both communes', () => {
    const group = (provinceCode: string, communeCodes: string[]) =>
      transitLimitsSchema.parse({ ...(ref('transit-limits.json') as TransitLimitsInput), districtGroups: [{ name: 'Nhóm thử', provinceCode, legacyDistrictCode: '999', communeCodes }] });
    const a = { provinceCode: '14', communeCode: '03646' };
    const b = { provinceCode: '14', communeCode: '03664' };
    expect(classifyRoute(a, b, group('14', ['03646', '03664']))).toBe('intra_district');
    expect(classifyRoute(a, b, group('12', ['03646', '03664']))).toBe('intra_province');
    expect(classifyRoute(a, b, group('14', ['03646']))).toBe('intra_province');
    expect(classifyRoute(a, b, group('14', ['03664']))).toBe('intra_province');
  });
});

describe('J+n deadlines across holidays', () => {
  const cases: Array<[RouteClass, string, boolean, string, string]> = [
    // route, J, with slip, deadline, why
    ['intra_district', '2026-02-13', false, '2026-02-23', 'Fri before Tết 2026: J+1 after the nine closed days'],
    ['intra_district', '2026-02-13', true, '2026-02-24', ''],
    ['intra_district', '2026-02-14', false, '2026-02-23', 'accepted on a closed Saturday'],
    ['intra_province', '2026-02-12', false, '2026-02-23', 'Thu 12/02 + 2: Fri 13, Mon 23'],
    ['intra_province', '2026-02-12', true, '2026-02-25', ''],
    ['intra_province', '2027-02-03', false, '2027-02-12', 'Tết 2027 reconstruction: 04–10/02 closed'],
    ['major_cities', '2025-04-29', false, '2025-05-07', '30/04–04/05/2025 closed'],
    ['major_cities', '2025-04-29', true, '2025-05-12', ''],
    ['major_cities', '2025-04-24', false, '2025-04-28', 'the swap Saturday counts: Fri 25, Sat 26, Mon 28'],
    ['inter_province', '2025-08-29', false, '2025-09-08', 'Quốc khánh 2025: 30/08–02/09 closed'],
    ['inter_province', '2025-08-29', true, '2025-09-12', ''],
    ['inter_province', '2025-01-23', false, '2025-02-05', 'Tết 2025: Fri 24, then Mon 03, Tue 04, Wed 05'],
    ['inter_province', '2025-01-23', true, '2025-02-10', '… Thu 06, Fri 07, Sat 08 (swap), Mon 10'],
    ['inter_province', '2026-04-24', false, '2026-05-05', 'Giỗ Tổ Sun 26/04/2026 → Mon 27 off; 30/04, 01/05 off'],
  ];
  it.each(cases)('%s J=%s slip=%s → %s (%s)', (route, j, slip, deadline) => {
    expect(transitDeadline(cal, j, route, slip, limits)).toBe(deadline);
    expect(isTransitOverdue(deadline, deadline)).toBe(false);
  });

  it('overdue is strictly after the deadline', () => {
    expect(isTransitOverdue('2026-02-23', '2026-02-24')).toBe(true);
    expect(isTransitOverdue('2026-02-23', '2026-02-22')).toBe(false);
  });
});

describe('remote-area extensions', () => {
  let withRemote: TransitLimits;
  beforeAll(() => {
    withRemote = transitLimitsSchema.parse({
      ...(ref('transit-limits.json') as TransitLimitsInput),
      remoteAreas: [
        { provinceCode: '14', communeCodes: ['03703'], extraDays: 2, source: 'test notice' },
        { provinceCode: '14', communeCodes: ['03703', '03712'], extraDays: 1, source: 'older test notice' },
        { provinceCode: '12', extraDays: 3, source: 'whole province, test' },
      ],
    });
  });

  it.each([
    [{ provinceCode: '14', communeCode: '03703' }, 2],
    [{ provinceCode: '14', communeCode: '03712' }, 1],
    [{ provinceCode: '14', communeCode: '03646' }, 0],
    [{ provinceCode: '14' }, 0],
    [{ provinceCode: '12', communeCode: '03400' }, 3],
    [{ provinceCode: '12' }, 3],
    [[{ provinceCode: '14', communeCode: '03712' }, { provinceCode: '12' }], 3],
    [undefined, 0],
  ])('%j → +%d', (areas, extra) => {
    expect(remoteExtraDays(withRemote, areas)).toBe(extra);
  });

  it('extends the deadline by working days', () => {
    const j = '2026-11-27'; // Friday
    expect(transitDeadline(cal, j, 'intra_province', false, withRemote)).toBe('2026-12-01');
    expect(transitDeadline(cal, j, 'intra_province', false, withRemote, { provinceCode: '14', communeCode: '03703' })).toBe('2026-12-03');
    expect(transitDeadline(cal, j, 'intra_province', true, withRemote, { provinceCode: '14', communeCode: '03703' })).toBe('2026-12-07');
  });
});

describe('appointment estimate = outbound limit + processing + return limit (working days)', () => {
  it.each([
    // J, route, processing, atAgencyBy, resultReadyBy, citizenBy
    ['2026-11-02', 'intra_province', 5, '2026-11-04', '2026-11-11', '2026-11-13'],
    ['2026-11-02', 'intra_district', 0, '2026-11-03', '2026-11-03', '2026-11-04'],
    ['2026-02-10', 'inter_province', 8, '2026-02-23', '2026-03-05', '2026-03-11'],
    ['2025-01-20', 'intra_province', 5, '2025-01-22', '2025-02-05', '2025-02-07'],
    ['2025-04-22', 'major_cities', 8, '2025-04-25', '2025-05-09', '2025-05-14'], // Sat 26/04 worked, 30/04–04/05 closed
  ] as const)('J=%s %s +%d days → %s / %s / %s', (j, route, processing, atAgencyBy, resultReadyBy, citizenBy) => {
    expect(appointmentBreakdown(cal, j, route as RouteClass, processing, limits)).toEqual({ atAgencyBy, resultReadyBy, citizenBy });
    expect(appointmentEstimate(cal, j, route as RouteClass, processing)).toBe(citizenBy); // default table = TT 17
    const total = cal.workingDaysBetween(j, citizenBy);
    expect(total).toBe(2 * transitLimitDays(route as RouteClass, false) + processing);
  });

  it('uses another route for the way back when given', () => {
    const b = appointmentBreakdown(cal, '2026-11-02', 'intra_province', 5, limits, { returnRoute: 'inter_province' });
    expect(b.citizenBy).toBe('2026-11-17');
  });

  it('refuses a negative or fractional processing time', () => {
    expect(() => appointmentEstimate(cal, '2026-11-02', 'intra_province', -1)).toThrow(RangeError);
    expect(() => appointmentEstimate(cal, '2026-11-02', 'intra_province', 1.5)).toThrow('processingWorkingDays must be a non-negative integer: 1.5');
  });
});
