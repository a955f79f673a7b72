import { workingHoursToMinutes, type WorkingCalendar } from '../../domain/calendar/index.js';

/**
 * How long the one-stop desk has to check an online dossier and answer the citizen, in legal working
 * hours from its receipt on the portal. Decree 45/2020 (art. 14) asks the desk to check an online dossier
 * and answer "within the working day after receipt"; read here as 8 working hours counted from the next
 * working moment. UNCONFIRMED (docs/domain.md, "Online receipt").
 */
export const ONLINE_CHECK_WORKING_HOURS = 8;

/** The legal time by which the desk must have checked a submission filed at `submittedAt`. */
export function onlineCheckBy(cal: WorkingCalendar, submittedAt: number): number {
  return cal.addWorkingMinutes(
    cal.nextWorkingInstant(submittedAt),
    workingHoursToMinutes(cal, ONLINE_CHECK_WORKING_HOURS),
  );
}
