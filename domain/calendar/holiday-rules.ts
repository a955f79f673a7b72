/**
 * Labour Code 2019 Art. 112 holidays of one year, computed from the rules in a calendar definition,
 * and the compensatory days off (nghỉ bù) for holidays that fall on a weekly rest day.
 *
 * Defaults when a year's decisions say nothing about a holiday:
 * - Tết Nguyên đán: the last day of the lunar year (29 or 30 Chạp) + the first `tet.days − 1` days
 *   of the new lunar year (1 day before + 4 after for 5 days, the usual pattern of recent decisions).
 * - Quốc khánh: 2/9 + the adjacent day `nationalDay.adjacent` (1/9 by default, the 2025–2026 practice).
 * - A holiday on a weekly rest day gives a compensatory day off on the next day that is not a weekly
 *   rest day, a holiday, a decision day off or another compensatory day.
 *
 * A decision governs a holiday for its year when it has `day_off` entries tagged with that holiday:
 * the fixed legal dates (1/1, 10/3 lunar, 30/4, 1/5, 2/9, 24/11) stay holidays, but the default
 * choices (Tết's days, the day adjacent to 2/9) and the compensatory days are left to the decision.
 *
 * Compensatory days never leave the year: the latest holiday is 24/11.
 */
import type { CalendarDefinition } from './definition.js';
import { epochDayFromYmd, weekdayOfEpochDay } from './iso-date.js';
import { lunarToSolar } from './lunar.js';
import type { HolidayKey } from './types.js';

/** A rule-based holiday or compensatory day: local epoch day, holiday key and Vietnamese reason. */
export interface RuleDay {
  readonly epochDay: number;
  readonly key: HolidayKey;
  readonly reason: string;
}

/** Short Vietnamese holiday names, as used in "Nghỉ bù <name>". */
export const HOLIDAY_NAMES_VI: Readonly<Record<HolidayKey, string>> = {
  newYear: 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  victoryDay: 'Ngày Chiến thắng',
  labourDay: 'Ngày Quốc tế Lao động',
  nationalDay: 'Quốc khánh',
  cultureDay: 'Ngày Văn hóa Việt Nam',
};

/** Holidays whose `day_off` entries in a decision of `year` are tagged, i.e. governed by decision. */
export function governedHolidays(def: CalendarDefinition, year: number): Set<HolidayKey> {
  const governed = new Set<HolidayKey>();
  for (const decision of def.decisions) {
    if (decision.year !== year) continue;
    for (const entry of decision.entries) {
      if (entry.kind === 'day_off' && entry.holiday !== undefined) governed.add(entry.holiday);
    }
  }
  return governed;
}

function solarEpochDay(date: { year: number; month: number; day: number }): number {
  return epochDayFromYmd(date.year, date.month, date.day);
}

/** The rule-based holidays of `year`, sorted by date. */
export function ruleHolidays(def: CalendarDefinition, year: number, governed: Set<HolidayKey>): RuleDay[] {
  const rules = def.holidayRules;
  const days: RuleDay[] = [];
  const add = (epochDay: number, key: HolidayKey, reason: string): void => {
    days.push({ epochDay, key, reason });
  };
  if (rules.newYear) add(epochDayFromYmd(year, 1, 1), 'newYear', 'Tết Dương lịch');
  if (rules.tet.days > 0 && !governed.has('tet')) {
    const firstDay = solarEpochDay(lunarToSolar(1, 1, year));
    for (let i = -1; i <= rules.tet.days - 2; i++) add(firstDay + i, 'tet', 'Nghỉ Tết Nguyên đán');
  }
  if (rules.hungKings)
    add(solarEpochDay(lunarToSolar(10, 3, year)), 'hungKings', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)');
  if (rules.victoryDay) add(epochDayFromYmd(year, 4, 30), 'victoryDay', 'Ngày Chiến thắng');
  if (rules.labourDay) add(epochDayFromYmd(year, 5, 1), 'labourDay', 'Ngày Quốc tế Lao động');
  if (rules.nationalDay.days >= 1) add(epochDayFromYmd(year, 9, 2), 'nationalDay', 'Quốc khánh');
  if (rules.nationalDay.days === 2 && !governed.has('nationalDay')) {
    const adjacent = rules.nationalDay.adjacent === 'before' ? 1 : 3;
    add(epochDayFromYmd(year, 9, adjacent), 'nationalDay', 'Nghỉ lễ Quốc khánh');
  }
  if (rules.cultureDay && year >= rules.cultureDay.fromYear) {
    add(epochDayFromYmd(year, 11, 24), 'cultureDay', 'Ngày Văn hóa Việt Nam');
  }
  return days.sort((a, b) => a.epochDay - b.epochDay);
}

/** What the compensatory-day search must know about decision entries of the year. */
export interface DecisionDays {
  /** Epoch days made non-working by a decision. */
  readonly dayOff: ReadonlySet<number>;
  /** Epoch days made working by a decision (make-up days). */
  readonly working: ReadonlySet<number>;
}

/** Compensatory days off for non-governed holidays that fall on a weekly rest day, in date order. */
export function compensatoryDays(
  def: CalendarDefinition,
  holidays: readonly RuleDay[],
  governed: Set<HolidayKey>,
  decided: DecisionDays,
): RuleDay[] {
  const rest = new Set(def.weeklyRestDays);
  const holidayDays = new Set(holidays.map((h) => h.epochDay));
  const taken = new Set<number>();
  const result: RuleDay[] = [];
  for (const h of holidays) {
    if (governed.has(h.key) || !rest.has(weekdayOfEpochDay(h.epochDay)) || decided.working.has(h.epochDay))
      continue;
    let day = h.epochDay + 1;
    while (
      rest.has(weekdayOfEpochDay(day)) ||
      holidayDays.has(day) ||
      taken.has(day) ||
      decided.dayOff.has(day)
    ) {
      day++;
    }
    taken.add(day);
    result.push({ epochDay: day, key: h.key, reason: `Nghỉ bù ${HOLIDAY_NAMES_VI[h.key]}` });
  }
  return result;
}
