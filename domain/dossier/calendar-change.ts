/**
 * A new calendar version for an open dossier (docs/architecture.md, "Calendar versions"): its deadlines are
 * counted again from the same starting points with the new calendar, and every moved deadline is recorded
 * with a Vietnamese explanation naming the days whose status changed. Pure.
 */
import { addDays, formatDmy, formatVnIso, toVnDate, type WorkingCalendar } from '../calendar/index.js';
import { appointmentAfterSupplement, appointmentFrom, stepDeadline } from './clock.js';
import type { DossierContext } from './context.js';
import { transition, type Transition } from './transition.js';
import type { DossierState } from './types.js';

/** `17:00 ngày 01/12/2026` (Vietnam time). */
export function formatVnDateTimeShort(instant: number): string {
  const iso = formatVnIso(instant);
  return `${iso.slice(11, 16)} ngày ${formatDmy(iso.slice(0, 10))}`;
}

/**
 * The appointment as the dossier's history defines it, counted with `cal`: the legal limit from receipt,
 * then each finished supplement (paused time added back, or the limit counted again), and the apology's
 * new date, which the leader chose and no calendar moves.
 */
export function recountAppointment(ctx: DossierContext, state: DossierState): number {
  let appointment = appointmentFrom(ctx.calendar, ctx.procedure, state.receivedAt);
  for (const s of state.supplements) {
    if (s.resumedAt === null) continue;
    appointment = appointmentAfterSupplement(
      ctx.calendar,
      ctx.procedure,
      appointment,
      s.requestedAt,
      s.resumedAt,
    ).appointmentAt;
  }
  return state.apology ? state.apology.newAppointmentAt : appointment;
}

/** A day whose working status differs between two calendars. */
export interface ChangedDay {
  readonly date: string;
  readonly working: boolean;
  readonly reasons: readonly string[];
}

/** Days in [from, to] whose working status differs between `before` and `after` (at most 3 years). */
export function changedDays(
  before: WorkingCalendar,
  after: WorkingCalendar,
  from: string,
  to: string,
): ChangedDay[] {
  const last = to < addDays(from, 3 * 365) ? to : addDays(from, 3 * 365);
  if (last < from) return [];
  return after
    .listDays(from, last)
    .filter((d) => d.working !== before.isWorkingDay(d.date))
    .map((d) => ({ date: d.date, working: d.working, reasons: [...d.reasons] }));
}

function describeDays(days: readonly ChangedDay[]): string {
  if (days.length === 0) return 'giờ làm việc của lịch mới khác lịch cũ';
  return days
    .map((d) => {
      const why = d.reasons.length > 0 ? ` (${d.reasons.join(', ')})` : '';
      return `ngày ${formatDmy(d.date)} ${d.working ? 'là ngày làm việc' : 'là ngày nghỉ'}${why}`;
    })
    .join('; ');
}

/** One moved deadline and why. */
export interface DeadlineMove {
  readonly what: 'appointment' | 'step_deadline';
  readonly stepId: string | null;
  readonly from: number;
  readonly to: number;
  readonly explanation: string;
}

/**
 * Adopts `calendar` (a newer version of the dossier's tenant calendar): the appointment and the current
 * step's deadline are counted again; an overdue flag is lifted when the new appointment is still ahead.
 * Returns the new context and the `calendar_changed` transition, or null for an older or the same
 * version (a repeated signal).
 */
export function adoptCalendar(
  ctx: DossierContext,
  state: DossierState,
  calendar: WorkingCalendar,
  now: number,
): { ctx: DossierContext; transition: Transition } | null {
  if (calendar.tenant !== ctx.calendar.tenant || calendar.version <= ctx.calendar.version) return null;
  const next: DossierContext = { ...ctx, calendar };
  const appointmentAt = recountAppointment(next, state);
  const current = state.currentStep;
  const step = current ? ctx.procedure.steps[current.index] : undefined;
  const deadline = current && step ? stepDeadline(calendar, step, current.startedAt) : null;

  const start = toVnDate(Math.min(state.receivedAt, current?.startedAt ?? state.receivedAt));
  const end = toVnDate(Math.max(appointmentAt, state.appointmentAt, deadline ?? 0, current?.deadline ?? 0));
  const days = changedDays(ctx.calendar, calendar, start, end);
  const because = describeDays(days);
  const moves: DeadlineMove[] = [];
  if (appointmentAt !== state.appointmentAt) {
    moves.push({
      what: 'appointment',
      stepId: null,
      from: state.appointmentAt,
      to: appointmentAt,
      explanation:
        `Ngày hẹn trả kết quả dời từ ${formatVnDateTimeShort(state.appointmentAt)} sang ` +
        `${formatVnDateTimeShort(appointmentAt)} vì ${because}.`,
    });
  }
  if (current && step && deadline !== null && deadline !== current.deadline) {
    moves.push({
      what: 'step_deadline',
      stepId: current.stepId,
      from: current.deadline,
      to: deadline,
      explanation:
        `Hạn của bước "${step.name}" dời từ ${formatVnDateTimeShort(current.deadline)} sang ` +
        `${formatVnDateTimeShort(deadline)} vì ${because}.`,
    });
  }
  const t = transition(next, state, {
    type: 'calendar_changed',
    actor: null,
    at: now,
    payload: {
      fromVersion: ctx.calendar.version,
      toVersion: calendar.version,
      moves,
      days,
      summary:
        moves.length === 0
          ? `Áp dụng lịch làm việc phiên bản ${calendar.version}; không có thời hạn nào thay đổi.`
          : `Áp dụng lịch làm việc phiên bản ${calendar.version}: ${moves.map((m) => m.explanation).join(' ')}`,
    },
    next: {
      ...state,
      calendarVersion: calendar.version,
      appointmentAt,
      overdue: state.overdue && appointmentAt <= now,
      currentStep: current && deadline !== null ? { ...current, deadline } : current,
    },
  });
  return { ctx: next, transition: t };
}
