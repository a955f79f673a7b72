/**
 * When the plan's periodic reports are due and when the divisions are reminded (docs/reports.md, "Due
 * dates and the reminder"). The customer's plan asks each division to send its report by the 12th of the
 * period's last month (docs/domain.md, "Online service and the customer's plan"): Quý I 12/03, 6 tháng
 * 12/06, Quý III 12/09, năm 12/12.
 */
import { addDays, type IsoDate, type WorkingCalendar } from '../calendar/index.js';
import {
  MAX_REPORT_YEAR,
  MIN_REPORT_YEAR,
  planPeriod,
  planPeriodKinds,
  type PlanPeriodKind,
} from './period.js';

/** Day of the period's last month by which the report is due (the plan: "trước ngày 12"). */
export const REPORT_DUE_DAY = 12;

/** Working days before the due date on which the divisions in charge get a reminder. */
export const REPORT_REMINDER_WORKING_DAYS = 5;

/**
 * Code of the Văn phòng Sở, which compiles the Sở's reports (reform plan, TTHC control) and is reminded
 * with the division heads. UNCONFIRMED per tenant: the seeded code; a tenant whose office has another
 * code changes this value.
 */
export const REPORT_OFFICE_DIVISION = 'VP';

/** The due date of the plan's report `kind` of `year`: the 12th of the period's last month. */
export function reportDueDate(kind: PlanPeriodKind, year: number): IsoDate {
  return `${planPeriod(kind, year).to.slice(0, 8)}${String(REPORT_DUE_DAY).padStart(2, '0')}`;
}

/**
 * The day `workingDays` working days before `due` on `cal`: counting back from the day before `due`,
 * the `workingDays`-th working day met. So there are exactly `workingDays` working days from it (included)
 * to `due` (excluded), whether `due` itself is a working day or not.
 */
export function workingDaysBefore(
  cal: Pick<WorkingCalendar, 'isWorkingDay'>,
  due: IsoDate,
  workingDays: number,
): IsoDate {
  let day = due;
  for (let counted = 0; counted < workingDays;) {
    day = addDays(day, -1);
    if (cal.isWorkingDay(day)) counted += 1;
  }
  return day;
}

/** A report whose reminder falls on a given day. */
export interface DueReminder {
  kind: PlanPeriodKind;
  year: number;
  /** The report's due date. */
  dueDate: IsoDate;
}

/**
 * The plan's reports whose reminder day ({@link REPORT_REMINDER_WORKING_DAYS} working days before the due
 * date, on `cal`) is `today`. Due dates fall in March, June, September and December, at most a few weeks
 * after their reminder, so only the reports of `today`'s year can be concerned.
 */
export function remindersDueOn(cal: Pick<WorkingCalendar, 'isWorkingDay'>, today: IsoDate): DueReminder[] {
  const year = Number(today.slice(0, 4));
  if (year < MIN_REPORT_YEAR || year > MAX_REPORT_YEAR) return [];
  return planPeriodKinds
    .map((kind) => ({ kind, year, dueDate: reportDueDate(kind, year) }))
    .filter((r) => workingDaysBefore(cal, r.dueDate, REPORT_REMINDER_WORKING_DAYS) === today);
}
