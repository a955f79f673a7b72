/**
 * The escalation ladder (docs/architecture.md, "Escalation ladder"; docs/escalation.md): when a dossier's
 * clocks call for a reminder, an escalation to the division head, or a warning to the Sở leadership, in
 * working time from the dossier's calendar snapshot. Pure: the workflow asks for the next instant to wait
 * for, and, when a timer fires, for the transition due.
 *
 * Levels, in order (each at most once per step entry, or once per dossier for `at_risk`):
 * 1. `step_reminder`: the step has used `reminderAtFraction` (default 75%) of its budget → its assignee.
 * 2. `step_overdue`: the step is over its budget → the division head.
 * 3. `at_risk`: the dossier may miss its appointment → the leadership; an apology is then required.
 *    Either the remaining working time cannot cover the remaining steps' budgets (`budget`), or the
 *    appointment is less than `atRiskWorkingDays` (default 2) working days away (`last_day`), so that the
 *    apology can be signed before its legal limit (apology-limit.ts).
 * Missing the appointment itself is `overdue` (`markOverdue`), also after an apology.
 */
import { workingHoursToMinutes, type WorkingCalendar } from '../calendar/index.js';
import { escalationOf } from '../procedure/procedure-definition.js';
import type { DossierContext } from './context.js';
import { transition, type Transition } from './transition.js';
import type { AtRiskRecord, CurrentStep, DossierPhase, DossierState } from './types.js';

const MINUTE = 60_000;

/**
 * The earliest instant `t ≤ end` from which at most `minutes` working minutes remain until `end`
 * (the inverse of `addWorkingMinutes`, searched to the minute). A span of non-working time before that
 * instant is never chosen: the answer is where the remaining working time drops to `minutes`.
 */
export function workingInstantBefore(cal: WorkingCalendar, end: number, minutes: number): number {
  if (minutes <= 0) return end;
  // Widen the window until it holds enough working time (about 2 calendar days per working day).
  let span = Math.max(1, Math.ceil(minutes / cal.workingMinutesPerDay)) * 2 * 86_400_000;
  let lo = end - span;
  while (cal.workingMinutesBetween(lo, end) <= minutes) {
    span *= 2;
    lo = end - span;
  }
  // Invariant: working(lo, end) > minutes ≥ working(hi, end); search whole minutes.
  let a = Math.floor(lo / MINUTE);
  let b = Math.ceil(end / MINUTE);
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (cal.workingMinutesBetween(mid * MINUTE, end) > minutes) a = mid;
    else b = mid;
  }
  return Math.min(end, b * MINUTE);
}

/** Working minutes the steps after the current one need before the result is ready (the return step excluded). */
export function remainingBudgetsAfter(ctx: DossierContext, current: CurrentStep): number {
  return ctx.procedure.steps
    .slice(current.index + 1)
    .filter((s) => s.kind !== 'return')
    .reduce((sum, s) => sum + workingHoursToMinutes(ctx.calendar, s.budgetHours), 0);
}

/** The step's clock runs only while the dossier is in the internal process (not waiting for the applicant). */
const stepClockRunning = (state: DossierState): CurrentStep | null =>
  state.phase === 'processing' && state.currentStep ? state.currentStep : null;

/** When the reminder of the current step is due; null when it is not (sent, past, or clock stopped). */
export function reminderAt(ctx: DossierContext, state: DossierState): number | null {
  const current = stepClockRunning(state);
  if (!current || current.remindedAt || current.escalatedAt) return null;
  const step = ctx.procedure.steps[current.index];
  if (!step) return null;
  const budget = workingHoursToMinutes(ctx.calendar, step.budgetHours);
  const at = ctx.calendar.addWorkingMinutes(
    ctx.calendar.nextWorkingInstant(current.startedAt),
    Math.round(budget * escalationOf(ctx.procedure).reminderAtFraction),
  );
  // A reminder after the deadline is pointless: the escalation to the head replaces it.
  return at < current.deadline ? at : null;
}

/** When the current step goes over budget (division head told); null once told or while stopped. */
export function stepOverdueAt(state: DossierState): number | null {
  const current = stepClockRunning(state);
  return current && !current.escalatedAt ? current.deadline : null;
}

/** When the dossier becomes at risk, and why; null once flagged, after an apology, or while stopped. */
export function atRiskAt(
  ctx: DossierContext,
  state: DossierState,
): { at: number; reason: AtRiskRecord['reason'] } | null {
  const current = stepClockRunning(state);
  // Flagged once; and after the apology (only one is allowed) missing the new date is simply overdue.
  if (!current || state.atRisk || state.apology) return null;
  const cal = ctx.calendar;
  const appointment = state.appointmentAt;
  const after = remainingBudgetsAfter(ctx, current);
  // Until the step deadline, time left minus time needed is constant: it is short from the step's start
  // or not at all; past the step deadline it becomes short when less than `after` remains.
  const short =
    current.deadline > appointment || cal.workingMinutesBetween(current.deadline, appointment) < after;
  const byBudget = short ? current.startedAt : workingInstantBefore(cal, appointment, after);
  const lead = escalationOf(ctx.procedure).atRiskWorkingDays * cal.workingMinutesPerDay;
  const byDay = workingInstantBefore(cal, appointment, lead);
  // A dossier whose whole time is within the lead (same-day, one-day procedures) is not at risk for that
  // alone: only the budget rule speaks for it.
  if (byDay <= state.receivedAt) return { at: byBudget, reason: 'budget' };
  return byBudget <= byDay ? { at: byBudget, reason: 'budget' } : { at: byDay, reason: 'last_day' };
}

/** The next instant an escalation is due (null when none is pending). */
export function nextEscalationAt(ctx: DossierContext, state: DossierState): number | null {
  const candidates = [reminderAt(ctx, state), stepOverdueAt(state), atRiskAt(ctx, state)?.at ?? null].filter(
    (t): t is number => t !== null,
  );
  return candidates.length > 0 ? Math.min(...candidates) : null;
}

/** What the escalation due at `now` changes: the first due level, in ladder order; null when none. */
export type EscalationDue =
  | { readonly level: 'step_reminder'; readonly current: CurrentStep }
  | { readonly level: 'step_overdue'; readonly current: CurrentStep }
  | { readonly level: 'at_risk'; readonly record: AtRiskRecord };

export function escalationDue(ctx: DossierContext, state: DossierState, now: number): EscalationDue | null {
  const current = state.currentStep;
  const reminder = reminderAt(ctx, state);
  if (current && reminder !== null && now >= reminder && now < current.deadline) {
    return { level: 'step_reminder', current };
  }
  const overdue = stepOverdueAt(state);
  if (current && overdue !== null && now >= overdue) return { level: 'step_overdue', current };
  const risk = atRiskAt(ctx, state);
  if (current && risk && now >= risk.at) {
    const remaining = ctx.calendar.workingMinutesBetween(now, state.appointmentAt);
    const needed =
      ctx.calendar.workingMinutesBetween(now, Math.max(now, current.deadline)) +
      remainingBudgetsAfter(ctx, current);
    return {
      level: 'at_risk',
      record: {
        at: now,
        reason: risk.reason,
        remainingMinutes: Math.round(remaining),
        neededMinutes: Math.round(needed),
      },
    };
  }
  return null;
}

/**
 * A leader must sign the apology with a new appointment (Mẫu 04) now: the dossier is at risk or overdue,
 * is being handled, and has none yet (only one is allowed). Not while it waits for the applicant's
 * supplement: the legal clock stands still and the appointment is counted again when the supplement comes,
 * so an apology cannot be signed then (`signApology` refuses it) and is not asked for.
 */
export function apologyRequired(d: {
  readonly atRisk: boolean;
  readonly overdue: boolean;
  readonly apologySigned: boolean;
  readonly phase: DossierPhase;
}): boolean {
  return (d.atRisk || d.overdue) && !d.apologySigned && d.phase === 'processing';
}

/**
 * The escalation due at `now` (`escalationDue`), as a system event: the step's reminder or over-budget
 * flag, or the dossier's at-risk flag. Null when nothing is due. Call again until null.
 */
export function escalate(ctx: DossierContext, state: DossierState, now: number): Transition | null {
  const due = escalationDue(ctx, state, now);
  if (!due) return null;
  if (due.level === 'at_risk') {
    return transition(ctx, state, {
      type: 'at_risk',
      actor: null,
      at: now,
      payload: { ...due.record, appointmentAt: state.appointmentAt },
      next: { ...state, atRisk: due.record },
    });
  }
  const current = due.current;
  const flag = due.level === 'step_reminder' ? { remindedAt: now } : { escalatedAt: now };
  return transition(ctx, state, {
    type: due.level,
    actor: null,
    at: now,
    payload: {
      stepId: current.stepId,
      stepStartedAt: current.startedAt,
      stepDeadline: current.deadline,
      assignee: current.assignee?.username ?? null,
    },
    next: { ...state, currentStep: { ...current, ...flag } },
  });
}

/** The legal clock ran out while the dossier was still being handled: flag it overdue (once). */
export function markOverdue(ctx: DossierContext, state: DossierState, now: number): Transition | null {
  if (state.overdue || state.phase !== 'processing' || now < state.appointmentAt) return null;
  return transition(ctx, state, {
    type: 'overdue',
    actor: null,
    at: now,
    // After an apology the new appointment was missed too: recorded as such.
    payload: { appointmentAt: state.appointmentAt, ...(state.apology ? { afterApology: true } : {}) },
    next: { ...state, overdue: true },
  });
}

/** Whether the legal clock is running (it stops while waiting for the applicant and once the result is ready). */
export function legalClockRunning(state: DossierState): boolean {
  return state.phase === 'processing' && !state.overdue;
}
