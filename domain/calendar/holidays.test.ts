import { describe, expect, test } from 'vitest';
import type { CalendarDefinition } from './definition.js';
import { classifyDay } from './holidays.js';
import { defaultVietnamCalendar } from './shipped-vn.js';
import type { DayKind } from './types.js';
import { createWorkingCalendar } from './working-time.js';

const cal = createWorkingCalendar(defaultVietnamCalendar());

type Row = [date: string, kind: DayKind, reasons: string];

const TET = 'Nghỉ Tết Nguyên đán';

const days2024: Row[] = [
  ['2024-01-01', 'holiday', 'Tết Dương lịch'],
  ['2024-01-02', 'working', ''],
  ['2024-02-07', 'working', ''],
  ['2024-02-08', 'holiday', TET],
  ['2024-02-09', 'holiday', TET],
  ['2024-02-10', 'holiday', `Thứ Bảy; ${TET}`],
  ['2024-02-11', 'holiday', `Chủ nhật; ${TET}`],
  ['2024-02-12', 'holiday', TET],
  ['2024-02-13', 'holiday', TET],
  ['2024-02-14', 'holiday', TET],
  ['2024-02-15', 'working', ''],
  ['2024-04-18', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'],
  ['2024-04-27', 'weekly_rest', 'Thứ Bảy'],
  ['2024-04-28', 'weekly_rest', 'Chủ nhật'],
  ['2024-04-29', 'decision_day_off', 'Nghỉ hoán đổi ngày làm việc (làm bù thứ Bảy 04/05/2024)'],
  ['2024-04-30', 'holiday', 'Ngày Chiến thắng'],
  ['2024-05-01', 'holiday', 'Ngày Quốc tế Lao động'],
  ['2024-05-02', 'working', ''],
  ['2024-05-04', 'make_up_working', 'Làm bù cho ngày 29/04/2024'],
  ['2024-08-31', 'weekly_rest', 'Thứ Bảy'],
  ['2024-09-01', 'weekly_rest', 'Chủ nhật'],
  ['2024-09-02', 'holiday', 'Quốc khánh'],
  ['2024-09-03', 'holiday', 'Nghỉ lễ Quốc khánh'],
  ['2024-09-04', 'working', ''],
  ['2024-11-25', 'working', ''],
];

const days2025: Row[] = [
  ['2025-01-01', 'holiday', 'Tết Dương lịch'],
  ['2025-01-24', 'working', ''],
  ['2025-01-25', 'holiday', `Thứ Bảy; ${TET}`],
  ['2025-01-26', 'holiday', `Chủ nhật; ${TET}`],
  ['2025-01-27', 'holiday', TET],
  ['2025-01-28', 'holiday', TET],
  ['2025-01-29', 'holiday', TET],
  ['2025-01-30', 'holiday', TET],
  ['2025-01-31', 'holiday', TET],
  ['2025-02-01', 'holiday', `Thứ Bảy; ${TET}`],
  ['2025-02-02', 'holiday', `Chủ nhật; ${TET}`],
  ['2025-02-03', 'working', ''],
  ['2025-04-07', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'],
  ['2025-04-26', 'make_up_working', 'Làm bù cho ngày 02/05/2025'],
  ['2025-04-30', 'holiday', 'Ngày Chiến thắng'],
  ['2025-05-01', 'holiday', 'Ngày Quốc tế Lao động'],
  ['2025-05-02', 'decision_day_off', 'Nghỉ hoán đổi ngày làm việc (làm bù thứ Bảy 26/04/2025)'],
  ['2025-05-05', 'working', ''],
  ['2025-08-30', 'weekly_rest', 'Thứ Bảy'],
  ['2025-09-01', 'holiday', 'Nghỉ lễ Quốc khánh'],
  ['2025-09-02', 'holiday', 'Quốc khánh'],
  ['2025-09-03', 'working', ''],
  ['2025-11-24', 'working', ''],
];

const days2026: Row[] = [
  ['2026-01-01', 'holiday', 'Tết Dương lịch'],
  ['2026-01-02', 'decision_day_off', 'Nghỉ hoán đổi ngày làm việc (làm bù thứ Bảy 10/01/2026)'],
  ['2026-01-03', 'weekly_rest', 'Thứ Bảy'],
  ['2026-01-04', 'weekly_rest', 'Chủ nhật'],
  ['2026-01-05', 'working', ''],
  ['2026-01-10', 'make_up_working', 'Làm bù cho ngày 02/01/2026'],
  ['2026-02-13', 'working', ''],
  ['2026-02-14', 'holiday', `Thứ Bảy; ${TET}`],
  ['2026-02-15', 'holiday', `Chủ nhật; ${TET}`],
  ['2026-02-16', 'holiday', TET],
  ['2026-02-17', 'holiday', TET],
  ['2026-02-18', 'holiday', TET],
  ['2026-02-19', 'holiday', TET],
  ['2026-02-20', 'holiday', TET],
  ['2026-02-21', 'holiday', `Thứ Bảy; ${TET}`],
  ['2026-02-22', 'holiday', `Chủ nhật; ${TET}`],
  ['2026-02-23', 'working', ''],
  ['2026-04-26', 'holiday', 'Chủ nhật; Giỗ Tổ Hùng Vương (10/3 âm lịch)'],
  ['2026-04-27', 'compensatory', 'Nghỉ bù Giỗ Tổ Hùng Vương'],
  ['2026-04-28', 'working', ''],
  ['2026-04-30', 'holiday', 'Ngày Chiến thắng'],
  ['2026-05-01', 'holiday', 'Ngày Quốc tế Lao động'],
  ['2026-05-04', 'working', ''],
  ['2026-08-22', 'make_up_working', 'Làm bù cho ngày 31/08/2026'],
  ['2026-08-29', 'weekly_rest', 'Thứ Bảy'],
  ['2026-08-31', 'decision_day_off', 'Nghỉ hoán đổi ngày làm việc (làm bù thứ Bảy 22/08/2026)'],
  ['2026-09-01', 'holiday', 'Nghỉ lễ Quốc khánh'],
  ['2026-09-02', 'holiday', 'Quốc khánh'],
  ['2026-09-03', 'working', ''],
  ['2026-11-24', 'holiday', 'Ngày Văn hóa Việt Nam'],
  ['2026-11-25', 'working', ''],
];

describe.each([
  [2024, days2024],
  [2025, days2025],
  [2026, days2026],
])('the shipped calendar in %i', (_year, rows) => {
  test.each(rows)('%s is %s (%s)', (date, kind, reasons) => {
    const day = cal.classifyDay(date);
    expect(day.kind).toBe(kind);
    expect(day.working).toBe(kind === 'working' || kind === 'make_up_working');
    expect(day.reasons.join('; ')).toBe(reasons);
  });
});

describe('holiday counts', () => {
  const offWeekdays = (year: number): string[] =>
    cal
      .listDays(`${year}-01-01`, `${year}-12-31`)
      .filter(
        (d) => !d.working && d.kind !== 'weekly_rest' && !/^(Thứ Bảy|Chủ nhật)/.test(d.reasons[0] ?? ''),
      )
      .map((d) => d.date);

  test.each([
    // 1/1, 5 Tết weekdays, Giỗ Tổ, 29/4 swap, 30/4, 1/5, 2/9, 3/9
    [2024, 12],
    // 1/1, 5 Tết weekdays, Giỗ Tổ, 30/4, 1/5, 2/5 swap, 1/9, 2/9
    [2025, 12],
    // 1/1, 2/1 swap, 5 Tết weekdays, 27/4 (nghỉ bù), 30/4, 1/5, 31/8 swap, 1/9, 2/9, 24/11
    [2026, 14],
  ])('%i has %i weekdays off', (year, count) => {
    expect(offWeekdays(year)).toHaveLength(count);
  });
});

describe('rule defaults without decisions', () => {
  const rulesOnly = (patch: Partial<CalendarDefinition> = {}): CalendarDefinition => ({
    ...defaultVietnamCalendar(),
    decisions: [],
    ...patch,
  });

  test('Tết defaults to 30 (or 29) Chạp + mùng 1–4, with nghỉ bù for the weekend days', () => {
    // Tết 2027 is Sat 06/02: default Fri 05/02 – Tue 09/02, Sat + Sun compensated Wed 10/02, Thu 11/02.
    const wc = createWorkingCalendar(rulesOnly());
    const off = wc.listDays('2027-02-04', '2027-02-12').map((d) => `${d.date.slice(8)} ${d.kind}`);
    expect(off).toEqual([
      '04 working',
      '05 holiday',
      '06 holiday',
      '07 holiday',
      '08 holiday',
      '09 holiday',
      '10 compensatory',
      '11 compensatory',
      '12 working',
    ]);
    expect(wc.classifyDay('2027-02-10').reasons).toEqual(['Nghỉ bù Tết Nguyên đán']);
  });

  test('Quốc khánh defaults to 1/9 + 2/9; "after" picks 3/9', () => {
    expect(classifyDay(rulesOnly(), '2027-09-01').kind).toBe('holiday');
    const after = rulesOnly({
      holidayRules: { ...rulesOnly().holidayRules, nationalDay: { days: 2, adjacent: 'after' } },
    });
    expect(classifyDay(after, '2027-09-01').kind).toBe('working');
    expect(classifyDay(after, '2027-09-03').reasons).toEqual(['Nghỉ lễ Quốc khánh']);
  });

  test('30/4 on Saturday and 1/5 on Sunday give two compensatory days', () => {
    // 2028: Sun 30/04, Mon 01/05 → nghỉ bù Tue 02/05. 2033: Sat 30/04, Sun 01/05 → Mon 02/05 + Tue 03/05.
    expect(classifyDay(rulesOnly(), '2028-05-02').reasons).toEqual(['Nghỉ bù Ngày Chiến thắng']);
    expect(classifyDay(rulesOnly(), '2033-05-02').reasons).toEqual(['Nghỉ bù Ngày Chiến thắng']);
    expect(classifyDay(rulesOnly(), '2033-05-03').reasons).toEqual(['Nghỉ bù Ngày Quốc tế Lao động']);
  });

  test('Ngày Văn hóa Việt Nam applies only from its fromYear', () => {
    expect(classifyDay(rulesOnly(), '2025-11-24').working).toBe(true);
    expect(classifyDay(rulesOnly(), '2026-11-24').kind).toBe('holiday');
    const without = rulesOnly({ holidayRules: { ...rulesOnly().holidayRules, cultureDay: undefined } });
    expect(classifyDay(without, '2026-11-24').working).toBe(true);
  });

  test('a compensatory day skips a day a decision already gives off', () => {
    // Giỗ Tổ 2026 is Sunday 26/04; if a decision already made Mon 27/04 a day off, nghỉ bù is Tue 28/04.
    const def = rulesOnly({
      decisions: [
        {
          year: 2026,
          reference: 'x',
          entries: [{ date: '2026-04-27', kind: 'day_off', reason: 'Nghỉ hoán đổi' }],
        },
      ],
    });
    expect(classifyDay(def, '2026-04-27').kind).toBe('decision_day_off');
    expect(classifyDay(def, '2026-04-28').reasons).toEqual(['Nghỉ bù Giỗ Tổ Hùng Vương']);
  });

  test('a decision tagging Quốc khánh days replaces the default adjacent day and its nghỉ bù', () => {
    // 2024: 1/9 is Sunday. Rules alone would give 1/9 + 2/9 and nghỉ bù on Tue 3/9.
    expect(classifyDay(rulesOnly(), '2024-09-03').kind).toBe('compensatory');
    expect(classifyDay(defaultVietnamCalendar(), '2024-09-01').reasons).toEqual(['Chủ nhật']);
    expect(classifyDay(defaultVietnamCalendar(), '2024-09-04').working).toBe(true);
  });

  test('classification of a date outside 1900–2100 is a RangeError', () => {
    expect(() => cal.classifyDay('1899-12-31')).toThrow(RangeError);
    expect(() => cal.classifyDay('2101-01-01')).toThrow(RangeError);
    expect(cal.classifyDay('1900-01-01').date).toBe('1900-01-01');
    expect(cal.classifyDay('2100-12-31').date).toBe('2100-12-31');
  });
});
