/**
 * Shared types of the working-time calendar. Instants are epoch milliseconds (`number`);
 * dates are Vietnam local dates `'YYYY-MM-DD'`.
 */
import type { CalendarDefinition } from './definition.js';

/** A Vietnam local date, `'YYYY-MM-DD'`. */
export type IsoDate = string;

/** Holidays of Labour Code 2019 Art. 112 (+ Ngày Văn hóa Việt Nam), as keys used in data. */
export type HolidayKey =
  'newYear' | 'tet' | 'hungKings' | 'victoryDay' | 'labourDay' | 'nationalDay' | 'cultureDay';

/**
 * Why a day is (not) a working day. When several apply, the most specific wins:
 * `make_up_working` > `holiday` > `compensatory` > `decision_day_off` > `weekly_rest` > `working`.
 */
export type DayKind =
  'working' | 'weekly_rest' | 'holiday' | 'compensatory' | 'decision_day_off' | 'make_up_working';

/**
 * The classification of one day. `reasons` are Vietnamese and empty for an ordinary working day,
 * e.g. `['Thứ Bảy', 'Nghỉ Tết Nguyên đán']` or `['Làm bù cho ngày 02/01/2026']`.
 */
export interface DayClassification {
  readonly date: IsoDate;
  readonly working: boolean;
  readonly kind: DayKind;
  readonly reasons: readonly string[];
}

/** Units of a legal time limit (thời hạn giải quyết). */
export type DeadlineUnit = 'working_hours' | 'working_days' | 'calendar_days' | 'same_day';

/** A legal time limit: `amount` of `unit` (`amount` is ignored for `same_day`). */
export interface DeadlineLimit {
  readonly amount: number;
  readonly unit: DeadlineUnit;
}

/** One line of a deadline's explanation: a day the count skipped (or a make-up day it used). */
export interface ExplanationEntry {
  readonly date: IsoDate;
  readonly reason: string;
}

/** A computed deadline (appointment, hẹn trả kết quả) and the calendar it was computed with. */
export interface DeadlineResult {
  readonly deadline: number;
  readonly calendarVersion: number;
  readonly tenant: string;
  readonly explanation: readonly ExplanationEntry[];
}

/**
 * A validated calendar with cached per-year day tables. All methods are pure and deterministic.
 * Dates outside 1900–2100 throw `RangeError`.
 */
export interface WorkingCalendar {
  readonly tenant: string;
  readonly version: number;
  /** The validated definition (defaults applied). */
  readonly definition: CalendarDefinition;
  /** Sum of the office-hours intervals of one working day, in minutes (450 for 07:30–11:30 + 13:30–17:00). */
  readonly workingMinutesPerDay: number;
  /** Same-day cut-off in minutes after local midnight (900 for 15:00). */
  readonly sameDayCutoffMinute: number;
  isWorkingDay(date: IsoDate): boolean;
  classifyDay(date: IsoDate): DayClassification;
  /** Every day from `from` to `to` inclusive; the span may not exceed 3 years (`RangeError`). */
  listDays(from: IsoDate, to: IsoDate): DayClassification[];
  /** Days from `from` to `to` inclusive that are non-working or make-up working days (no span limit). */
  listSpecialDays(from: IsoDate, to: IsoDate): DayClassification[];
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate;
  /** The instant the last office-hours interval of `date` closes (e.g. 17:00 that day). */
  closingTime(date: IsoDate): number;
  /** True inside an office-hours interval of a working day (start inclusive, end exclusive). */
  isWorkingTime(instant: number): boolean;
  /** `instant` itself if it is working time, else the start of the next office-hours interval. */
  nextWorkingInstant(instant: number): number;
  /**
   * The earliest instant `r ≥ instant` with `workingMinutesBetween(instant, r) === minutes`.
   * A result on an interval end stays there (11:30, 17:00) rather than rolling to the next start.
   */
  addWorkingMinutes(instant: number, minutes: number): number;
  /** Working minutes in `[a, b)`; 0 when `b ≤ a`. Fractional when instants are not on whole minutes. */
  workingMinutesBetween(a: number, b: number): number;
}
