/** The apology a leader signs when the dossier will be late (Mẫu 04), with its new appointment. Pure. */
import { formatDmy, MAX_YEAR, MIN_YEAR, parseIsoDate, toVnDate } from '../calendar/index.js';
import { isLeadership } from '../roles.js';
import { requirePhase, type Handler } from './action-guards.js';
import { apologyDueBy } from './apology-limit.js';
import { DossierRejection } from './rejection.js';
import { accept, reject, transition } from './transition.js';
import type { DossierAction } from './types.js';

/**
 * A leader of the resolving agency (Giám đốc, Phó Giám đốc; not the system administrator) signs the
 * apology with a new appointment (Mẫu 04): only once per dossier, while it is being handled (not while
 * the legal clock waits for the applicant's supplement), for a later working day. The appointment moves;
 * missing the new one is overdue again. Signed after its legal limit (`apologyDueBy`) it is still taken —
 * the applicant is owed the apology — and recorded as late. The dossier's tenant is the API's check (an
 * officer never reaches another tenant's dossier).
 */
export const signApology: Handler<Extract<DossierAction, { type: 'sign_apology' }>> = (
  ctx,
  state,
  action,
  actor,
  now,
) => {
  // Who may sign comes first: the answer to an administrator is the same whatever the dossier's state.
  if (!isLeadership(actor.role)) return reject(DossierRejection.leadersOnly());
  const invalid = requirePhase(state, 'processing');
  if (invalid) return reject(invalid);
  if (state.apology) return reject(DossierRejection.apologyAlreadySigned());
  const reason = action.reason.trim();
  if (reason === '') return reject(DossierRejection.missingText('lý do chậm trả kết quả', 'reason'));
  const date = action.newAppointmentDate;
  const ymd = parseIsoDate(date);
  const valid =
    ymd !== undefined &&
    ymd.year >= MIN_YEAR &&
    ymd.year <= MAX_YEAR &&
    date > toVnDate(now) &&
    ctx.calendar.isWorkingDay(date);
  const newAppointmentAt = valid ? ctx.calendar.closingTime(date) : 0;
  if (!valid || newAppointmentAt <= state.appointmentAt) {
    return reject(DossierRejection.badNewAppointment(formatDmy(toVnDate(state.appointmentAt))));
  }
  const dueBy = apologyDueBy(ctx, state.appointmentAt);
  const late = now > dueBy;
  const apology = {
    signedAt: now,
    signedBy: actor.username,
    signerName: actor.fullName,
    signerRole: actor.role,
    reason,
    previousAppointmentAt: state.appointmentAt,
    newAppointmentAt,
    dueBy,
    late,
  };
  return accept(
    transition(ctx, state, {
      type: 'sign_apology',
      actor,
      at: now,
      payload: { reason, previousAppointmentAt: state.appointmentAt, newAppointmentAt, dueBy, late },
      next: { ...state, apology, appointmentAt: newAppointmentAt, overdue: false },
    }),
  );
};
