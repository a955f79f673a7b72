/**
 * The shipped Vietnamese civil-service calendar (version 1, effective 2024-01-01): Labour Code 2019
 * Art. 112 rules plus the official day-off / make-up decisions of 2024–2026
 * (docs/domain.md, "Working days, holidays and day swaps").
 *
 * Notes for reviewers:
 * - Ngày Văn hóa Việt Nam (24/11) is ON from 2026. Its legal status for 2026 is UNCONFIRMED
 *   (Resolution 30/NQ-CP ordered the Labour Code amended); switch it by publishing a new version.
 * - 2025 swap details and the 2025/2026 notice references other than 12729/VPCP-KGVX are cited
 *   generically; the 2026 Quốc khánh swap (Sat 22/08 ↔ Mon 31/08) comes from secondary sources.
 * - Giỗ Tổ 2026 (Sun 26/04) is left to the rules, which give the compensatory Mon 27/04.
 */
import type { CalendarDefinition, DecisionEntry } from './definition.js';
import { addDays, epochDayFromIso } from './iso-date.js';
import type { HolidayKey, IsoDate } from './types.js';

const TET = 'Nghỉ Tết Nguyên đán';

function dayOff(date: IsoDate, reason: string, holiday?: HolidayKey): DecisionEntry {
  return holiday ? { date, kind: 'day_off', reason, holiday } : { date, kind: 'day_off', reason };
}

function makeUp(date: IsoDate, forDate: string): DecisionEntry {
  return { date, kind: 'working_day', reason: `Làm bù cho ngày ${forDate}` };
}

function swapped(date: IsoDate, makeUpDate: string): DecisionEntry {
  return dayOff(date, `Nghỉ hoán đổi ngày làm việc (làm bù thứ Bảy ${makeUpDate})`);
}

/** Every day from `from` to `to` inclusive as Tết days off. */
function tetBreak(from: IsoDate, to: IsoDate): DecisionEntry[] {
  const days: DecisionEntry[] = [];
  for (let d = from; epochDayFromIso(d) <= epochDayFromIso(to); d = addDays(d, 1))
    days.push(dayOff(d, TET, 'tet'));
  return days;
}

const decisions2024 = (): CalendarDefinition['decisions'] => [
  {
    year: 2024,
    reference:
      'Thông báo của Bộ LĐTBXH về lịch nghỉ Tết Dương lịch, Tết Âm lịch, Giỗ Tổ Hùng Vương và Quốc khánh năm 2024',
    entries: [
      dayOff('2024-01-01', 'Tết Dương lịch', 'newYear'),
      ...tetBreak('2024-02-08', '2024-02-14'),
      dayOff('2024-04-18', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'hungKings'),
      dayOff('2024-09-02', 'Quốc khánh', 'nationalDay'),
      dayOff('2024-09-03', 'Nghỉ lễ Quốc khánh', 'nationalDay'),
    ],
  },
  {
    year: 2024,
    reference: 'Văn bản 2450/VPCP-KGVX ngày 12/04/2024',
    entries: [swapped('2024-04-29', '04/05/2024'), makeUp('2024-05-04', '29/04/2024')],
  },
];

const decisions2025 = (): CalendarDefinition['decisions'] => [
  {
    year: 2025,
    reference: 'Thông báo của Bộ LĐTBXH về lịch nghỉ Tết Âm lịch, Giỗ Tổ Hùng Vương và Quốc khánh năm 2025',
    entries: [
      ...tetBreak('2025-01-25', '2025-02-02'),
      dayOff('2025-04-07', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'hungKings'),
      dayOff('2025-09-01', 'Nghỉ lễ Quốc khánh', 'nationalDay'),
      dayOff('2025-09-02', 'Quốc khánh', 'nationalDay'),
    ],
  },
  {
    year: 2025,
    reference: 'Thông báo của Bộ Nội vụ về hoán đổi ngày làm việc dịp 30/4 và 1/5 năm 2025',
    entries: [swapped('2025-05-02', '26/04/2025'), makeUp('2025-04-26', '02/05/2025')],
  },
];

const decisions2026 = (): CalendarDefinition['decisions'] => [
  {
    year: 2026,
    reference: 'Văn bản 12729/VPCP-KGVX ngày 25/12/2025',
    entries: [
      dayOff('2026-01-01', 'Tết Dương lịch', 'newYear'),
      swapped('2026-01-02', '10/01/2026'),
      makeUp('2026-01-10', '02/01/2026'),
    ],
  },
  {
    year: 2026,
    reference: 'Thông báo của Bộ Nội vụ về lịch nghỉ Tết Âm lịch năm 2026',
    entries: tetBreak('2026-02-14', '2026-02-22'),
  },
  {
    year: 2026,
    reference: 'Thông báo của Bộ Nội vụ về lịch nghỉ lễ Quốc khánh năm 2026',
    entries: [swapped('2026-08-31', '22/08/2026'), makeUp('2026-08-22', '31/08/2026')],
  },
];

/**
 * The default calendar for Vietnamese agencies (Sat + Sun rest, office hours 07:30–11:30 and
 * 13:30–17:00, 15:00 same-day cut-off) with the decisions of 2024, 2025 and 2026.
 * Returns a fresh object on every call.
 */
export function defaultVietnamCalendar(tenant = 'default'): CalendarDefinition {
  return {
    tenant,
    version: 1,
    effectiveFrom: '2024-01-01',
    name: 'Lịch làm việc cơ quan hành chính nhà nước (mặc định)',
    officeHours: [
      { start: '07:30', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ],
    weeklyRestDays: [0, 6],
    sameDayCutoff: '15:00',
    holidayRules: {
      newYear: true,
      tet: { days: 5 },
      hungKings: true,
      victoryDay: true,
      labourDay: true,
      nationalDay: { days: 2, adjacent: 'before' },
      cultureDay: { fromYear: 2026 },
    },
    decisions: [...decisions2024(), ...decisions2025(), ...decisions2026()],
  };
}
