/**
 * Local (Vietnam) calendar dates as `'YYYY-MM-DD'` strings and their epoch-day numbers.
 * Pure integer arithmetic on the proleptic Gregorian calendar (H. Hinnant's civil-date algorithms):
 * no `Date`, no time zones.
 */
import type { IsoDate } from './types.js';

/** First and last Gregorian years the calendar module supports. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** A calendar date split into numbers; `month` and `day` are 1-based. */
export interface Ymd {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in a Gregorian month. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Parses `'YYYY-MM-DD'`; `undefined` when malformed or not a real date (e.g. `'2026-02-30'`). */
export function parseIsoDate(text: string): Ymd | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** Days since 1970-01-01 for a civil date. */
export function epochDayFromYmd(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of an epoch day (days since 1970-01-01). */
export function ymdFromEpochDay(epochDay: number): Ymd {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Day of the week of an epoch day: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `'YYYY-MM-DD'` of a civil date. */
export function formatYmd(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** `'YYYY-MM-DD'` of an epoch day. */
export function isoFromEpochDay(epochDay: number): IsoDate {
  const { year, month, day } = ymdFromEpochDay(epochDay);
  return formatYmd(year, month, day);
}

/**
 * Epoch day of an ISO date inside the supported range 1900–2100.
 * @throws RangeError when the text is not a real date or lies outside 1900–2100.
 */
export function epochDayFromIso(date: IsoDate): number {
  const ymd = parseIsoDate(date);
  if (!ymd) throw new RangeError(`Invalid ISO date: ${JSON.stringify(date)}`);
  assertYearInRange(ymd.year);
  return epochDayFromYmd(ymd.year, ymd.month, ymd.day);
}

/** @throws RangeError when `year` is outside 1900–2100. */
export function assertYearInRange(year: number): void {
  if (!(year >= MIN_YEAR && year <= MAX_YEAR)) {
    throw new RangeError(`Year ${year} is outside the supported calendar range ${MIN_YEAR}–${MAX_YEAR}`);
  }
}

/** `date` shifted by `days` (may be negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return isoFromEpochDay(epochDayFromIso(date) + days);
}

/** Vietnamese display form `'DD/MM/YYYY'` of an ISO date. */
export function formatDmy(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** Vietnamese weekday names, index 0 = Sunday. */
export const WEEKDAY_NAMES_VI: readonly string[] = [
  'Chủ nhật',
  'Thứ Hai',
  'Thứ Ba',
  'Thứ Tư',
  'Thứ Năm',
  'Thứ Sáu',
  'Thứ Bảy',
];
