/**
 * Officer actions: which is valid when, and what it changes. `decide` routes each action to its rule
 * (step-work.ts, supplement.ts, closing.ts, apology.ts, payment.ts). Pure and deterministic: the workflow
 * runs it in its Update validator and handler, with its own clock passed in.
 */
import { actionTextRejection } from './action-text.js';
import { signApology } from './apology.js';
import { refuse, stop, withdraw } from './closing.js';
import type { DossierContext } from './context.js';
import { recordCashPayment } from './payment.js';
import { sealResult } from './result-signing.js';
import { assign, attachResult, finishStep, sendBack } from './step-work.js';
import { recordSupplement, requestSupplement } from './supplement.js';
import { reject, type Decision } from './transition.js';
import type { Actor, DossierAction, DossierState } from './types.js';

/**
 * Decides an officer action: either the new state and its audit event, or why it is refused.
 * Nothing is changed on refusal. `now` is the workflow's deterministic clock.
 */
export function decide(
  ctx: DossierContext,
  state: DossierState,
  action: DossierAction,
  actor: Actor,
  now: number,
): Decision {
  // Text that could not be stored never enters the workflow, whoever sends the action.
  const badText = actionTextRejection(action);
  if (badText) return reject(badText);
  switch (action.type) {
    case 'assign':
      return assign(ctx, state, action, actor, now);
    case 'complete':
    case 'approve':
    case 'mark_result_ready':
    case 'return_result':
      return finishStep(ctx, state, action, actor, now);
    case 'send_back':
      return sendBack(ctx, state, action, actor, now);
    case 'attach_result':
      return attachResult(ctx, state, action, actor, now);
    case 'seal_result':
      return sealResult(ctx, state, action, actor, now);
    case 'record_cash_payment':
      return recordCashPayment(ctx, state, action, actor, now);
    case 'request_supplement':
      return requestSupplement(ctx, state, action, actor, now);
    case 'record_supplement':
      return recordSupplement(ctx, state, action, actor, now);
    case 'refuse':
      return refuse(ctx, state, action, actor, now);
    case 'withdraw':
      return withdraw(ctx, state, action, actor, now);
    case 'stop':
      return stop(ctx, state, action, actor, now);
    case 'sign_apology':
      return signApology(ctx, state, action, actor, now);
  }
}
