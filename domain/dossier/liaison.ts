/**
 * Liaison with another agency at a liaison step: the request the workflow sends, the partner's answer,
 * and the step running late while the answer is awaited. Pure.
 */
import { storableText, textFault } from '../text.js';
import type { DossierContext } from './context.js';
import { advance, stepOf, transition, type Transition } from './transition.js';
import type { DossierState, LiaisonAnswer } from './types.js';

/** The liaison the workflow has to start: the dossier is at a liaison step that has none yet. */
export function liaisonToRequest(
  ctx: DossierContext,
  state: DossierState,
): { stepId: string; requestId: string; partnerCode: string; partnerName: string } | null {
  const current = state.currentStep;
  if (state.phase !== 'processing' || !current) return null;
  const step = stepOf(ctx, current.index);
  if (step.kind !== 'liaison') return null;
  // One request per entry into the step (a send-back and a new entry ask again).
  const requestId = `${state.code}-LT${current.index}-${current.startedAt}`;
  if (state.liaison?.requestId === requestId) return null;
  const partners = ctx.procedure.liaison ?? [];
  const partner = partners.find((p) => p.partnerCode === step.partnerCode) ?? partners[0];
  if (!partner) return null;
  return { stepId: step.id, requestId, partnerCode: partner.partnerCode, partnerName: partner.partnerName };
}

/** The request went out to the partner agency; its answer is awaited within the step's budget. */
export function liaisonRequested(
  ctx: DossierContext,
  state: DossierState,
  request: { stepId: string; requestId: string; partnerCode: string; partnerName: string },
  now: number,
): Transition {
  const liaison = {
    ...request,
    requestedAt: now,
    status: 'waiting' as const,
    late: false,
    answer: null,
    note: null,
    answeredAt: null,
  };
  return transition(ctx, state, {
    type: 'liaison_requested',
    actor: null,
    at: now,
    payload: { ...request },
    next: { ...state, liaison },
  });
}

/** When the waiting liaison's step runs out of budget; null when nothing is waited for. */
export function liaisonDeadline(state: DossierState): number | null {
  const l = state.liaison;
  if (!l || l.status !== 'waiting' || l.late || state.phase !== 'processing') return null;
  return state.currentStep?.stepId === l.stepId ? state.currentStep.deadline : null;
}

/** The partner did not answer within the step's budget: the step is late and the dossier flagged (once). */
export function liaisonLate(ctx: DossierContext, state: DossierState, now: number): Transition | null {
  const deadline = liaisonDeadline(state);
  if (deadline === null || now < deadline || !state.liaison) return null;
  const liaison = { ...state.liaison, late: true };
  return transition(ctx, state, {
    type: 'liaison_late',
    actor: null,
    at: now,
    payload: { requestId: liaison.requestId, partnerCode: liaison.partnerCode, deadline },
    next: { ...state, liaison },
  });
}

/**
 * The partner's answer: approved → the liaison step is done; refused → the dossier is refused with the
 * partner's reason; needs supplement → the applicant is asked (the clock rule of the procedure applies).
 * An answer to another request, or a second answer, is ignored (null).
 */
export function liaisonAnswered(
  ctx: DossierContext,
  state: DossierState,
  answer: { requestId: string; answer: LiaisonAnswer; note: string | null },
  now: number,
): Transition | null {
  const l = state.liaison;
  const current = state.currentStep;
  if (!l || l.requestId !== answer.requestId || l.status !== 'waiting') return null;
  // The answer is already taken (the child workflow holds it): text that could not be stored is cleaned
  // rather than refused. Acceptable notes are kept exactly as they came.
  const note =
    answer.note === null || textFault(answer.note, true) === null ? answer.note : storableText(answer.note);
  // The officers may have moved the dossier on meanwhile (e.g. the answer came on paper): ignore it then.
  if (!current || current.stepId !== l.stepId || state.phase !== 'processing') return null;
  const liaison = {
    ...l,
    status: 'answered' as const,
    answer: answer.answer,
    note,
    answeredAt: now,
  };
  const payload = {
    requestId: l.requestId,
    partnerCode: l.partnerCode,
    answer: answer.answer,
    note,
  };
  const base = { ...state, liaison };
  if (answer.answer === 'approved') {
    return advance(ctx, base, current, null, now, { type: 'liaison_answered' }, payload);
  }
  if (answer.answer === 'refused') {
    return transition(ctx, state, {
      type: 'liaison_answered',
      actor: null,
      at: now,
      payload,
      next: { ...base, phase: 'refused', currentStep: null, finishedAt: now },
    });
  }
  const record = {
    requestedAt: now,
    requestedBy: l.partnerName,
    reason: note ?? 'Cơ quan phối hợp yêu cầu bổ sung hồ sơ',
    items: [],
    resumedAt: null,
    pausedWorkingMinutes: null,
  };
  const supplements = [...state.supplements, record];
  return transition(ctx, state, {
    type: 'liaison_answered',
    actor: null,
    at: now,
    payload,
    next: { ...base, phase: 'awaiting_supplement', supplements, multipleSupplements: supplements.length > 1 },
  });
}
