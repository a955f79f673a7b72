/**
 * A dossier that ends without its result: refused, withdrawn at the applicant's request, or stopped. Pure.
 */
import { requirePhase, type Handler } from './action-guards.js';
import { authoriseDecision, authoriseDeskWork } from './authorise.js';
import type { DossierContext } from './context.js';
import { DossierRejection } from './rejection.js';
import { accept, reject, stepOf, transition, type Transition } from './transition.js';
import type { Actor, DossierAction, DossierState } from './types.js';

/** Ends the dossier early (refused or stopped). */
function finish(
  ctx: DossierContext,
  state: DossierState,
  type: 'refuse' | 'stop',
  actor: Actor,
  now: number,
  payload: Record<string, unknown>,
): Transition {
  const phase = type === 'refuse' ? 'refused' : 'stopped';
  return transition(ctx, state, {
    type,
    actor,
    at: now,
    payload,
    next: { ...state, phase, currentStep: null, finishedAt: now },
  });
}

export const refuse: Handler<Extract<DossierAction, { type: 'refuse' }>> = (
  ctx,
  state,
  action,
  actor,
  now,
) => {
  const invalid = requirePhase(state, 'processing', 'awaiting_supplement');
  if (invalid) return reject(invalid);
  if (action.reasons.length === 0) return reject(DossierRejection.missingText('lý do từ chối', 'reasons'));
  const step = state.currentStep ? stepOf(ctx, state.currentStep.index) : null;
  const denied = authoriseDecision(actor, step);
  return denied
    ? reject(denied)
    : accept(finish(ctx, state, 'refuse', actor, now, { reasons: [...action.reasons] }));
};

export const withdraw: Handler<Extract<DossierAction, { type: 'withdraw' }>> = (
  ctx,
  state,
  action,
  actor,
  now,
) => {
  // Withdrawal is not possible once the result is ready (docs/domain.md, "Return, withdrawal and stop").
  const invalid = requirePhase(state, 'processing', 'awaiting_supplement');
  if (invalid) return reject(invalid);
  const denied = authoriseDeskWork(actor, state.desk.receivingUnit);
  if (denied) return reject(denied);
  return accept(
    transition(ctx, state, {
      type: 'withdraw',
      actor,
      at: now,
      payload: { reason: action.reason, fromPhase: state.phase },
      next: { ...state, phase: 'withdrawal_requested' },
    }),
  );
};

export const stop: Handler<Extract<DossierAction, { type: 'stop' }>> = (ctx, state, action, actor, now) => {
  const invalid = requirePhase(state, 'processing', 'awaiting_supplement', 'withdrawal_requested');
  if (invalid) return reject(invalid);
  // After a withdrawal request the desk closes the dossier; otherwise stopping is a leader's decision.
  const step = state.currentStep ? stepOf(ctx, state.currentStep.index) : null;
  const denied =
    state.phase === 'withdrawal_requested'
      ? authoriseDeskWork(actor, state.desk.receivingUnit) && authoriseDecision(actor, step)
      : authoriseDecision(actor, step);
  return denied ? reject(denied) : accept(finish(ctx, state, 'stop', actor, now, { reason: action.reason }));
};
