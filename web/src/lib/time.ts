/**
 * Times as officers read them: Asia/Ho_Chi_Minh whatever the browser's zone, and the working time left
 * until a deadline counted on the office calendar (working days from `GET /calendars/{tenant}/days`).
 */
import { type CalendarDay } from '../api/types';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateTime = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour12: false,
});
const dateOnly = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const weekday = new Intl.DateTimeFormat('vi-VN', { timeZone: TIME_ZONE, weekday: 'long' });

/** `14:05 ngày 27/11/2026`. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const parts = Object.fromEntries(dateTime.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.hour}:${parts.minute} ngày ${parts.day}/${parts.month}/${parts.year}`;
}

/** `27/11/2026` of an instant, or of a `YYYY-MM-DD` date. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  return dateOnly.format(new Date(value));
}

/** `thứ hai` … `chủ nhật` of a `YYYY-MM-DD` date. */
export function weekdayOf(date: string): string {
  return weekday.format(new Date(`${date}T12:00:00+07:00`));
}

/** Today's date in Việt Nam, `YYYY-MM-DD`. */
export function vnToday(now = Date.now()): string {
  return new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Office hours of the seeded calendar (domain/calendar DEFAULT_OFFICE_HOURS), minutes after midnight. */
const OFFICE_HOURS: readonly [number, number][] = [
  [7 * 60 + 30, 11 * 60 + 30],
  [13 * 60 + 30, 17 * 60],
];
export const WORKING_MINUTES_PER_DAY = OFFICE_HOURS.reduce((sum, [a, b]) => sum + b - a, 0);

/** Working minutes from `from` to `to` (negative when `to` is past), on the given calendar days. */
export function workingMinutesBetween(from: number, to: number, days: ReadonlyMap<string, boolean>): number {
  if (to < from) return -workingMinutesBetween(to, from, days);
  let total = 0;
  for (let date = vnToday(from); date <= vnToday(to); date = addDays(date, 1)) {
    if (!days.get(date)) continue;
    const midnight = Date.parse(`${date}T00:00:00+07:00`);
    for (const [a, b] of OFFICE_HOURS) {
      const start = Math.max(from, midnight + a * 60_000);
      const end = Math.min(to, midnight + b * 60_000);
      if (end > start) total += (end - start) / 60_000;
    }
  }
  return Math.round(total);
}

/** `2 ngày 3 giờ 15 phút làm việc`. */
export function formatWorkingMinutes(minutes: number): string {
  const m = Math.abs(Math.round(minutes));
  const days = Math.floor(m / WORKING_MINUTES_PER_DAY);
  const hours = Math.floor((m % WORKING_MINUTES_PER_DAY) / 60);
  const mins = m % 60;
  const parts = [
    days ? `${days} ngày` : '',
    hours ? `${hours} giờ` : '',
    mins && !days ? `${mins} phút` : '',
  ];
  const text = parts.filter(Boolean).join(' ');
  return text ? `${text} làm việc` : 'dưới 1 phút';
}

/**
 * Working time left as officers say it: `còn 2 ngày 3 giờ làm việc`, or `quá hạn 1 giờ 30 phút làm việc`
 * once the deadline is past.
 */
export function remainingText(minutes: number): string {
  if (minutes < 0) return `quá hạn ${formatWorkingMinutes(minutes)}`;
  if (minutes === 0) return 'đến hạn';
  return `còn ${formatWorkingMinutes(minutes)}`;
}

/** Working or not per date, from the calendar days API. */
export function workingDayMap(days: readonly CalendarDay[]): Map<string, boolean> {
  return new Map(days.map((d) => [d.date, d.working]));
}

/** An instant as ISO-8601 with the +07:00 offset (what the API expects), to the second. */
export function toVnIso(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19) + '+07:00';
}
