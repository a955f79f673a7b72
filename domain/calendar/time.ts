/**
 * Instants (epoch milliseconds) ↔ Vietnam local wall-clock time.
 *
 * Vietnam uses a fixed offset of UTC+07:00 with no daylight saving time since 1975. The module
 * assumes +07:00 for every date it handles (1900–2100), including the years before 1975 when
 * other offsets applied; historical accuracy before 1975 is out of scope for administrative deadlines.
 * No `Intl`, no host time zone: the arithmetic is done by hand so workflow code stays deterministic.
 */
import {
  daysInMonth,
  epochDayFromIso,
  epochDayFromYmd,
  formatYmd,
  isoFromEpochDay,
  ymdFromEpochDay,
} from './iso-date.js';
import type { IsoDate } from './types.js';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
/** Vietnam's UTC offset in milliseconds (+07:00). */
export const VN_OFFSET_MS = 7 * MS_PER_HOUR;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/** Minutes since midnight of `'HH:MM'` (00:00–23:59); `undefined` when malformed. */
export function parseHhmm(text: string): number | undefined {
  const m = HHMM.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** `'HH:MM'` of a number of minutes since midnight. */
export function formatHhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function assertFinite(instant: number): void {
  if (!Number.isFinite(instant)) throw new RangeError(`Invalid instant: ${instant}`);
}

/** Local epoch day (days since 1970-01-01 in Vietnam) of an instant. */
export function vnEpochDay(instant: number): number {
  return Math.floor((instant + VN_OFFSET_MS) / MS_PER_DAY);
}

/** The Vietnam local date of an instant. */
export function toVnDate(instant: number): IsoDate {
  assertFinite(instant);
  return isoFromEpochDay(vnEpochDay(instant));
}

/**
 * The instant of a Vietnam local date and wall-clock time `'HH:MM'`.
 * @throws RangeError for a malformed date or time, or a date outside 1900–2100.
 */
export function vnDateTimeToInstant(date: IsoDate, hhmm: string): number {
  const minutes = parseHhmm(hhmm);
  if (minutes === undefined) throw new RangeError(`Invalid time of day: ${JSON.stringify(hhmm)}`);
  return epochDayFromIso(date) * MS_PER_DAY + minutes * MS_PER_MINUTE - VN_OFFSET_MS;
}

/** `'YYYY-MM-DDTHH:mm:ss+07:00'` (milliseconds are dropped). */
export function formatVnIso(instant: number): string {
  assertFinite(instant);
  const local = Math.floor(instant) + VN_OFFSET_MS;
  const epochDay = Math.floor(local / MS_PER_DAY);
  const secondOfDay = Math.floor((local - epochDay * MS_PER_DAY) / 1000);
  const { year, month, day } = ymdFromEpochDay(epochDay);
  const hh = String(Math.floor(secondOfDay / 3600)).padStart(2, '0');
  const mm = String(Math.floor((secondOfDay % 3600) / 60)).padStart(2, '0');
  const ss = String(secondOfDay % 60).padStart(2, '0');
  return `${formatYmd(year, month, day)}T${hh}:${mm}:${ss}+07:00`;
}

/**
 * Parses an ISO-8601 instant with an explicit offset (`Z`, `+07:00`, `-0330`…), e.g.
 * `'2026-02-13T15:01:00+07:00'`. Returns `undefined` for malformed text, impossible dates or times,
 * and offset-less (local) strings, which are ambiguous.
 */
export function parseIsoInstant(text: string): number | undefined {
  const m = ISO_INSTANT.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (m[8] === undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const localMs =
    epochDayFromYmd(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return localMs - offsetMinutes * MS_PER_MINUTE;
}
