/**
 * The applicant is asked for a supplement (the legal clock stops) and brings it (the clock resumes by
 * the procedure's rule, and the step starts its budget again). Pure.
 */
import { ONE_STOP_DESK_DIVISION } from '../procedure/procedure-definition.js';
import { currentFor, isRejection, requirePhase, type Handler } from './action-guards.js';
import { authoriseCurrentStep, authoriseDeskWork } from './authorise.js';
import { stepDeskUnit } from './desk.js';
import { appointmentAfterSupplement } from './clock.js';
import { DossierRejection } from './rejection.js';
import { phaseLabels } from './status.js';
import { accept, enterStep, reject, stepOf, transition } from './transition.js';
import type { DossierAction } from './types.js';

export const requestSupplement: Handler<Extract<DossierAction, { type: 'request_supplement' }>> = (
  ctx,
  state,
  action,
  actor,
  now,
) => {
  const current = currentFor(state, undefined);
  if (isRejection(current)) return reject(current);
  const step = stepOf(ctx, current.index);
  const denied =
    step.division === ONE_STOP_DESK_DIVISION
      ? authoriseDeskWork(actor, stepDeskUnit(ctx.procedure.steps, state.desk, current.index))
      : authoriseCurrentStep(ctx, state, actor, current);
  if (denied) return reject(denied);
  const record = {
    requestedAt: now,
    requestedBy: actor.username,
    reason: action.reason,
    items: [...action.items],
    resumedAt: null,
    pausedWorkingMinutes: null,
  };
  const supplements = [...state.supplements, record];
  return accept(
    transition(ctx, state, {
      type: 'request_supplement',
      actor,
      at: now,
      payload: { reason: action.reason, items: record.items, count: supplements.length },
      next: {
        ...state,
        phase: 'awaiting_supplement',
        supplements,
        multipleSupplements: supplements.length > 1,
      },
    }),
  );
};

export const recordSupplement: Handler<Extract<DossierAction, { type: 'record_supplement' }>> = (
  ctx,
  state,
  action,
  actor,
  now,
) => {
  const invalid = requirePhase(state, 'awaiting_supplement');
  if (invalid) return reject(invalid);
  const denied = authoriseDeskWork(actor, state.desk.receivingUnit);
  if (denied) return reject(denied);
  const open = state.supplements[state.supplements.length - 1];
  const current = state.currentStep;
  if (!open || !current) return reject(DossierRejection.invalidState(phaseLabels[state.phase]));
  const clock = appointmentAfterSupplement(
    ctx.calendar,
    ctx.procedure,
    state.appointmentAt,
    open.requestedAt,
    now,
  );
  const closed = { ...open, resumedAt: now, pausedWorkingMinutes: clock.pausedWorkingMinutes };
  return accept(
    transition(ctx, state, {
      type: 'record_supplement',
      actor,
      at: now,
      payload: {
        note: action.note ?? null,
        rule: ctx.procedure.supplementClockRule,
        appointmentAt: clock.appointmentAt,
      },
      next: {
        ...state,
        phase: 'processing',
        appointmentAt: clock.appointmentAt,
        overdue: state.overdue && clock.appointmentAt <= now,
        supplements: [...state.supplements.slice(0, -1), closed],
        // The step the dossier waited at starts its budget again with the complete dossier.
        currentStep: { ...enterStep(ctx, current.index, now), assignee: current.assignee },
      },
    }),
  );
};
