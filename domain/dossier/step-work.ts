/**
 * Officer actions on the step the dossier is at: assigning it, finishing it (complete, approve, result
 * ready, return), sending it back, attaching the digitised result. Pure.
 */
import { resultNeedsFile, type ProcedureStep } from '../procedure/procedure-definition.js';
import { currentFor, isRejection, type Handler } from './action-guards.js';
import { authoriseAssignment, authoriseCurrentStep } from './authorise.js';
import { stepResult } from './clock.js';
import type { DossierContext } from './context.js';
import { actionLabels } from './labels.js';
import { DossierRejection } from './rejection.js';
import { approvalRejection, attachRejection, signatureMissing, signingRequest } from './result-signing.js';
import { phaseLabels } from './status.js';
import { accept, advance, enterStep, reject, stepOf, transition } from './transition.js';
import type { DossierAction, DossierActionType, DossierState } from './types.js';

/**
 * Decision 766 / Decree 45: a result that is a document is digitised before it is declared ready. The
 * one rule of "result ready": true when the dossier's result still lacks its digitised file.
 */
export function resultFileMissing(ctx: DossierContext, state: DossierState): boolean {
  return resultNeedsFile(ctx.procedure) && !state.result;
}

/** The action that finishes a step of each kind. */
export const finishingAction: Readonly<Record<ProcedureStep['kind'], DossierActionType>> = {
  receipt: 'complete',
  handling: 'complete',
  liaison: 'complete',
  payment: 'record_cash_payment',
  approval: 'approve',
  digitisation: 'mark_result_ready',
  return: 'return_result',
};

/** Finishing actions: complete / approve / mark_result_ready / return_result on the step they finish. */
export const finishStep: Handler<
  Extract<DossierAction, { stepId: string }> | { type: 'return_result'; note?: string }
> = (ctx, state, action, actor, now) => {
  const stepId = 'stepId' in action ? action.stepId : undefined;
  const current =
    action.type === 'return_result'
      ? state.phase === 'result_ready' && state.currentStep
        ? state.currentStep
        : DossierRejection.invalidState(phaseLabels[state.phase])
      : currentFor(state, stepId);
  if (isRejection(current)) return reject(current);
  const step = stepOf(ctx, current.index);
  const expected = finishingAction[step.kind];
  if (expected !== action.type) return reject(DossierRejection.wrongActionForStep(actionLabels[expected]));
  const denied = authoriseCurrentStep(ctx, state, actor, current);
  if (denied) return reject(denied);
  if (action.type === 'mark_result_ready' && resultFileMissing(ctx, state)) {
    return reject(DossierRejection.resultFileMissing());
  }
  if (action.type === 'mark_result_ready') {
    const unsigned = signatureMissing(ctx, state);
    if (unsigned) return reject(unsigned);
  }
  if (action.type === 'approve') {
    const notReady = approvalRejection(ctx, state);
    if (notReady) return reject(notReady);
    // A signed result: the leader's approval asks for the leader's signature on the draft.
    if (state.result && ctx.procedure.resultSigning) {
      const signing = signingRequest('approval', actor, now);
      return accept(advance(ctx, { ...state, signing }, current, actor, now, action));
    }
  }
  if (action.type === 'return_result' && ctx.procedure.fee.amount > 0 && state.payment?.status !== 'paid') {
    return reject(DossierRejection.unpaid());
  }
  return accept(advance(ctx, state, current, actor, now, action));
};

/**
 * The result file is attached (stays at the step): a paper result's scan at the digitisation step, a
 * signed result's draft before the approval (a new draft replaces the old one and its signatures).
 */
export const attachResult: Handler<Extract<DossierAction, { type: 'attach_result' }>> = (
  ctx,
  state,
  action,
  actor,
  now,
) => {
  const current = currentFor(state, action.stepId);
  if (isRejection(current)) return reject(current);
  const step = stepOf(ctx, current.index);
  const misplaced = attachRejection(ctx, state, step.kind, action.file.mediaType);
  if (misplaced) return reject(misplaced);
  const denied = authoriseCurrentStep(ctx, state, actor, current);
  if (denied) return reject(denied);
  const result = { ...action.file, attachedAt: now, attachedBy: actor.username };
  return accept(
    transition(ctx, state, {
      type: 'attach_result',
      actor,
      at: now,
      payload: { ...action.file },
      next: { ...state, result },
    }),
  );
};

export const assign: Handler<Extract<DossierAction, { type: 'assign' }>> = (
  ctx,
  state,
  action,
  actor,
  now,
) => {
  const current = currentFor(state, action.stepId);
  if (isRejection(current)) return reject(current);
  const denied = authoriseAssignment(actor, stepOf(ctx, current.index));
  if (denied) return reject(denied);
  return accept(
    transition(ctx, state, {
      type: 'assign',
      actor,
      at: now,
      payload: { assignee: action.assignee },
      next: { ...state, currentStep: { ...current, assignee: action.assignee } },
    }),
  );
};

export const sendBack: Handler<Extract<DossierAction, { type: 'send_back' }>> = (
  ctx,
  state,
  action,
  actor,
  now,
) => {
  const current = currentFor(state, action.stepId);
  if (isRejection(current)) return reject(current);
  if (current.index === 0) return reject(DossierRejection.cannotSendBack());
  const denied = authoriseCurrentStep(ctx, state, actor, current);
  if (denied) return reject(denied);
  return accept(
    transition(ctx, state, {
      type: 'send_back',
      actor,
      at: now,
      onTime: stepResult(ctx.calendar, stepOf(ctx, current.index), current.startedAt, now),
      payload: { reason: action.reason },
      next: { ...state, currentStep: enterStep(ctx, current.index - 1, now) },
    }),
  );
};
