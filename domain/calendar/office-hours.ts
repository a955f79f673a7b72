/**
 * Working-time arithmetic over office-hours intervals, in milliseconds. Days are local (UTC+7)
 * epoch days; `isWorking(epochDay)` tells which days have office hours at all.
 */
import type { CalendarDefinition } from './definition.js';
import { MS_PER_DAY, MS_PER_MINUTE, parseHhmm, VN_OFFSET_MS } from './time.js';

/** Office hours of a working day as offsets (ms) from local midnight. */
export interface OfficeHours {
  readonly intervals: readonly { readonly start: number; readonly end: number }[];
  /** Working ms in one full working day. */
  readonly dayMs: number;
  /** Start of the first interval. */
  readonly openMs: number;
  /** End of the last interval. */
  readonly closeMs: number;
}

/** Which local epoch days are working days. */
export type WorkingDayPredicate = (epochDay: number) => boolean;

/** Office hours of a validated definition. */
export function officeHoursOf(def: CalendarDefinition): OfficeHours {
  const intervals = def.officeHours.map((h) => ({
    start: (parseHhmm(h.start) ?? 0) * MS_PER_MINUTE,
    end: (parseHhmm(h.end) ?? 0) * MS_PER_MINUTE,
  }));
  const dayMs = intervals.reduce((sum, iv) => sum + iv.end - iv.start, 0);
  return {
    intervals,
    dayMs,
    openMs: intervals[0]?.start ?? 0,
    closeMs: intervals[intervals.length - 1]?.end ?? 0,
  };
}

/** Local epoch day and ms since local midnight of an instant. */
export function splitInstant(instant: number): { epochDay: number; timeOfDay: number } {
  const local = instant + VN_OFFSET_MS;
  const epochDay = Math.floor(local / MS_PER_DAY);
  return { epochDay, timeOfDay: local - epochDay * MS_PER_DAY };
}

/** The instant of a local epoch day and ms since local midnight. */
export function joinInstant(epochDay: number, timeOfDay: number): number {
  return epochDay * MS_PER_DAY + timeOfDay - VN_OFFSET_MS;
}

/** True inside an interval of a working day (start inclusive, end exclusive). */
export function isWorkingTime(h: OfficeHours, isWorking: WorkingDayPredicate, instant: number): boolean {
  const { epochDay, timeOfDay } = splitInstant(instant);
  if (!isWorking(epochDay)) return false;
  return h.intervals.some((iv) => timeOfDay >= iv.start && timeOfDay < iv.end);
}

/** `instant` if it is working time, else the start of the next interval of a working day. */
export function nextWorkingInstant(h: OfficeHours, isWorking: WorkingDayPredicate, instant: number): number {
  const { epochDay, timeOfDay } = splitInstant(instant);
  if (isWorking(epochDay)) {
    for (const iv of h.intervals) {
      if (timeOfDay < iv.end) return timeOfDay >= iv.start ? instant : joinInstant(epochDay, iv.start);
    }
  }
  let day = epochDay + 1;
  while (!isWorking(day)) day++;
  return joinInstant(day, h.openMs);
}

/**
 * The earliest instant `r ≥ instant` with `ms` working ms in `[instant, r)`; `ms ≥ 0`.
 * Skips whole working days in O(1) each.
 */
export function addWorkingMs(
  h: OfficeHours,
  isWorking: WorkingDayPredicate,
  instant: number,
  ms: number,
): number {
  if (ms <= 0) return instant;
  let { epochDay, timeOfDay } = splitInstant(instant);
  let remaining = ms;
  for (;;) {
    if (isWorking(epochDay)) {
      if (timeOfDay <= h.openMs && remaining > h.dayMs) {
        remaining -= h.dayMs;
      } else {
        for (const iv of h.intervals) {
          if (timeOfDay >= iv.end) continue;
          const from = Math.max(timeOfDay, iv.start);
          if (remaining <= iv.end - from) return joinInstant(epochDay, from + remaining);
          remaining -= iv.end - from;
        }
      }
    }
    epochDay++;
    timeOfDay = 0;
  }
}

function overlapMs(h: OfficeHours, lo: number, hi: number): number {
  let sum = 0;
  for (const iv of h.intervals) sum += Math.max(0, Math.min(hi, iv.end) - Math.max(lo, iv.start));
  return sum;
}

/** Working ms in `[a, b)`; 0 when `b ≤ a`. */
export function workingMsBetween(
  h: OfficeHours,
  isWorking: WorkingDayPredicate,
  a: number,
  b: number,
): number {
  if (b <= a) return 0;
  const start = splitInstant(a);
  const end = splitInstant(b);
  if (start.epochDay === end.epochDay) {
    return isWorking(start.epochDay) ? overlapMs(h, start.timeOfDay, end.timeOfDay) : 0;
  }
  let total = isWorking(start.epochDay) ? overlapMs(h, start.timeOfDay, MS_PER_DAY) : 0;
  for (let day = start.epochDay + 1; day < end.epochDay; day++) if (isWorking(day)) total += h.dayMs;
  return total + (isWorking(end.epochDay) ? overlapMs(h, 0, end.timeOfDay) : 0);
}
