/**
 * Legal deadlines (hẹn trả kết quả) from a receipt instant and a time limit, with a Vietnamese
 * explanation of the days the count skipped.
 *
 * - `working_hours`: counting starts at the next working instant; the appointment is to the minute.
 *   A legal working hour is 1/8 of a working day ({@link LEGAL_HOURS_PER_WORKING_DAY}): one-stop
 *   software and approved internal processes count a working day as 8 hours (25 days = 200 h) while
 *   office hours may add up to less (07:30–11:30 + 13:30–17:00 = 7.5 h), so hours are mapped onto the
 *   office day proportionally and a process's step budgets in hours always add up to its limit in days.
 * - `working_days`: counted as working time to the minute, `amount × workingMinutesPerDay`
 *   (one-stop software stores 25 working days as 25 × 8 h). Received Mon 09:00 + 5 days → next
 *   Mon 09:00. A result that would land on the opening of a day (07:30) is expressed as the close
 *   of the previous working day (17:00): received Friday evening, 1 working day → Monday 17:00.
 *   The same end-of-interval rule applies to `working_hours` (and to the lunch break: 11:30).
 * - `calendar_days` (Civil Code Art. 147–148): starts the day after receipt, ends at the close of
 *   office hours of the last day; a non-working last day moves to the close of the next working day.
 * - `same_day`: received on a working day at or before the cut-off (15:00) → close of that day;
 *   otherwise → close of the next working day. `amount` is ignored.
 */
import { addDays, epochDayFromIso } from './iso-date.js';
import { formatHhmm, toVnDate, vnDateTimeToInstant } from './time.js';
import type {
  DayClassification,
  DeadlineLimit,
  DeadlineResult,
  ExplanationEntry,
  IsoDate,
  WorkingCalendar,
} from './types.js';

/** Legal working hours in one working day (giờ làm việc): 25 working days = 200 hours. */
export const LEGAL_HOURS_PER_WORKING_DAY = 8;

/** Office minutes of `hours` legal working hours on `cal` (hours × office minutes per day / 8). */
export function workingHoursToMinutes(
  cal: Pick<WorkingCalendar, 'workingMinutesPerDay'>,
  hours: number,
): number {
  return (hours * cal.workingMinutesPerDay) / LEGAL_HOURS_PER_WORKING_DAY;
}

interface Computed {
  readonly deadline: number;
  readonly explanation: ExplanationEntry[];
}

function entries(days: readonly DayClassification[]): ExplanationEntry[] {
  return days.map((d) => ({ date: d.date, reason: d.reasons.join('; ') }));
}

/** Non-working days in `[from, to]`, as explanation entries. */
function skippedDays(cal: WorkingCalendar, from: IsoDate, to: IsoDate): ExplanationEntry[] {
  return entries(cal.listSpecialDays(from, to).filter((d) => !d.working));
}

function byWorkingTime(cal: WorkingCalendar, from: number, minutes: number): Computed {
  const deadline = cal.addWorkingMinutes(cal.nextWorkingInstant(from), minutes);
  return { deadline, explanation: entries(cal.listSpecialDays(toVnDate(from), toVnDate(deadline))) };
}

function byCalendarDays(cal: WorkingCalendar, from: number, amount: number): Computed {
  if (!Number.isInteger(amount))
    throw new RangeError(`calendar_days needs a whole number of days, got ${amount}`);
  const lastDay = addDays(toVnDate(from), amount);
  let day = cal.isWorkingDay(lastDay) ? lastDay : cal.nextWorkingDay(lastDay);
  if (cal.closingTime(day) < from) day = cal.nextWorkingDay(day);
  return { deadline: cal.closingTime(day), explanation: skippedDays(cal, lastDay, addDays(day, -1)) };
}

function bySameDay(cal: WorkingCalendar, from: number): Computed {
  const receiptDay = toVnDate(from);
  const cutoff = formatHhmm(cal.sameDayCutoffMinute);
  const working = cal.isWorkingDay(receiptDay);
  if (working && from <= vnDateTimeToInstant(receiptDay, cutoff) && from <= cal.closingTime(receiptDay)) {
    return { deadline: cal.closingTime(receiptDay), explanation: [] };
  }
  const day = cal.nextWorkingDay(receiptDay);
  const late: ExplanationEntry[] = working
    ? [{ date: receiptDay, reason: `Nhận sau ${cutoff}, hẹn trả ngày làm việc tiếp theo` }]
    : [];
  return {
    deadline: cal.closingTime(day),
    explanation: [...late, ...skippedDays(cal, receiptDay, addDays(day, -1))],
  };
}

function compute(cal: WorkingCalendar, from: number, limit: DeadlineLimit): Computed {
  switch (limit.unit) {
    case 'working_hours':
      return byWorkingTime(cal, from, workingHoursToMinutes(cal, limit.amount));
    case 'working_days':
      return byWorkingTime(cal, from, limit.amount * cal.workingMinutesPerDay);
    case 'calendar_days':
      return byCalendarDays(cal, from, limit.amount);
    case 'same_day':
      return bySameDay(cal, from);
  }
  throw new RangeError(`Unknown deadline unit: ${String((limit as { unit: unknown }).unit)}`);
}

/**
 * The deadline of a limit counted from `from` (receipt instant, epoch ms) on `cal`.
 * `explanation` lists, from the receipt date to the deadline date, the non-working days skipped
 * and the make-up working days used (reasons joined by '; '); for `calendar_days` only the
 * non-working days the end moved over; for a late `same_day` receipt, the cut-off note first.
 * @throws RangeError for a non-finite or negative amount, an unknown unit, or an instant or
 *   result outside 1900–2100.
 */
export function computeDeadline(cal: WorkingCalendar, from: number, limit: DeadlineLimit): DeadlineResult {
  if (!Number.isFinite(from)) throw new RangeError(`Invalid receipt instant: ${from}`);
  if (!Number.isFinite(limit.amount) || limit.amount < 0) {
    throw new RangeError(`Deadline amount must be finite and ≥ 0, got ${limit.amount}`);
  }
  epochDayFromIso(toVnDate(from));
  const { deadline, explanation } = compute(cal, from, limit);
  epochDayFromIso(toVnDate(deadline));
  return { deadline, calendarVersion: cal.version, tenant: cal.tenant, explanation };
}
