import { computeDeadline, workingHoursToMinutes, type WorkingCalendar } from '../calendar/index.js';
import type { ProcedureDefinition, ProcedureStep } from '../procedure/procedure-definition.js';
import type { OnTimeResult } from './types.js';

/** The appointment (hẹn trả kết quả) of a dossier counted from `from` with the procedure's legal limit. */
export function appointmentFrom(cal: WorkingCalendar, procedure: ProcedureDefinition, from: number): number {
  return computeDeadline(cal, from, procedure.legalLimit).deadline;
}

/** The step clock: `startedAt` + the step's budget in working time. */
export function stepDeadline(cal: WorkingCalendar, step: ProcedureStep, startedAt: number): number {
  return cal.addWorkingMinutes(
    cal.nextWorkingInstant(startedAt),
    workingHoursToMinutes(cal, step.budgetHours),
  );
}

/** Compares whole minutes: less is early (Trước hạn), equal on time (Đúng hạn), more late (Quá hạn). */
function compareMinutes(spent: number, allowed: number): OnTimeResult {
  const s = Math.round(spent);
  const a = Math.round(allowed);
  if (s < a) return 'early';
  return s === a ? 'on_time' : 'late';
}

/** A finished step's result against its budget, in working minutes spent (Mẫu 05). */
export function stepResult(
  cal: WorkingCalendar,
  step: ProcedureStep,
  startedAt: number,
  finishedAt: number,
): OnTimeResult {
  return compareMinutes(
    cal.workingMinutesBetween(startedAt, finishedAt),
    workingHoursToMinutes(cal, step.budgetHours),
  );
}

/**
 * A dossier's result: its end (result ready, else finished) against the appointment, as instants to
 * the minute (Decision 766: on time when end time ≤ appointment). A result ready at 17:30 after a
 * 17:00 appointment is late even though no working time passed in between.
 */
export function dossierResult(appointmentAt: number, endAt: number): OnTimeResult {
  return compareMinutes(Math.floor(endAt / 60_000), Math.floor(appointmentAt / 60_000));
}

/**
 * The appointment after a supplement arrives. `pause`: the legal clock stood still while the applicant
 * was supplementing, so the appointment moves by the working time spent waiting (a dossier already late
 * at the request stays late by as much). `restart`: the limit counts again in full from the complete
 * dossier (kể từ ngày nhận đủ hồ sơ hợp lệ).
 */
export function appointmentAfterSupplement(
  cal: WorkingCalendar,
  procedure: ProcedureDefinition,
  appointmentAt: number,
  requestedAt: number,
  resumedAt: number,
): { appointmentAt: number; pausedWorkingMinutes: number | null } {
  if (procedure.supplementClockRule === 'restart') {
    return { appointmentAt: appointmentFrom(cal, procedure, resumedAt), pausedWorkingMinutes: null };
  }
  const paused = cal.workingMinutesBetween(requestedAt, resumedAt);
  return {
    appointmentAt: cal.addWorkingMinutes(appointmentAt, paused),
    pausedWorkingMinutes: Math.round(paused),
  };
}
