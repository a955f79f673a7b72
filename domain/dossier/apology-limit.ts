/**
 * The legal limit of the apology with a new appointment (Mẫu 04): when a dossier will be late, the
 * resolving agency issues it no later than one working day before the appointment (docs/domain.md,
 * "Apology and new appointment (Mẫu 04)"; docs/escalation.md, "The apology"). The lead is data
 * (`apologyLeadWorkingDays` of the procedure's escalation settings). Pure.
 */
import { addDays, toVnDate, type WorkingCalendar } from '../calendar/index.js';
import { escalationOf } from '../procedure/procedure-definition.js';
import type { DossierContext } from './context.js';

/**
 * The instant by which an apology must be signed for an appointment at `appointmentAt`: the close of
 * office hours of the working day `leadWorkingDays` working days before the appointment's day, counted on
 * `cal` (weekly rest, holidays, decided days off and make-up working days). A lead of 0 leaves the
 * appointment itself as the limit.
 */
export function apologyLimit(cal: WorkingCalendar, appointmentAt: number, leadWorkingDays: number): number {
  if (leadWorkingDays <= 0) return appointmentAt;
  let day = toVnDate(appointmentAt);
  for (let left = leadWorkingDays; left > 0;) {
    day = addDays(day, -1);
    if (cal.isWorkingDay(day)) left--;
  }
  return cal.closingTime(day);
}

/** The apology's limit for an appointment of the dossier, on its calendar and per its procedure. */
export function apologyDueBy(ctx: DossierContext, appointmentAt: number): number {
  return apologyLimit(ctx.calendar, appointmentAt, escalationOf(ctx.procedure).apologyLeadWorkingDays);
}
