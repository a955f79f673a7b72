/**
 * Fees: the online payment request the workflow makes at a payment step, the provider's confirmation, and
 * cash paid at the desk (which voids the online request). Pure.
 */
import { textLengthMessages, textProblem } from '../text.js';
import { currentFor, isRejection, type Handler } from './action-guards.js';
import { paymentTextRules } from './action-text.js';
import { authoriseCurrentStep } from './authorise.js';
import type { DossierContext } from './context.js';
import { feeDue } from './fee.js';
import { actionLabels } from './labels.js';
import { DossierRejection } from './rejection.js';
import { finishingAction } from './step-work.js';
import { accept, advance, reject, stepOf, transition, type Decision, type Transition } from './transition.js';
import type { DossierAction, DossierEvent, DossierState, PaymentConfirmation } from './types.js';

/** The workflow has to ask for the fee: the dossier waits at a payment step with no request yet. */
export function paymentToRequest(
  ctx: DossierContext,
  state: DossierState,
): { reference: string; amount: number } | null {
  const current = state.currentStep;
  if (state.phase !== 'processing' || !current || stepOf(ctx, current.index).kind !== 'payment') return null;
  if (state.payment) return null;
  return {
    reference: paymentReference(state.code, current.index),
    amount: feeDue(ctx.procedure, state.copies),
  };
}

/** Our reference of the online payment request of the payment step at `stepIndex`. */
const paymentReference = (code: string, stepIndex: number): string => `${code}-TT${stepIndex}`;

/**
 * The online payment request a stored event makes void: a cash payment at the desk finishes the payment
 * step, so the step's request (if the workflow created one) must no longer be payable. Null otherwise.
 */
export function paymentRequestToCancel(
  ctx: DossierContext,
  event: DossierEvent,
): { dossierCode: string; reference: string; reason: string } | null {
  if (event.type !== 'record_cash_payment' || event.fromStepId === null) return null;
  const index = ctx.procedure.steps.findIndex((s) => s.id === event.fromStepId);
  if (index < 0) return null;
  const receipt = event.payload.receiptNumber;
  return {
    dossierCode: event.dossierCode,
    reference: paymentReference(event.dossierCode, index),
    reason:
      'Phí, lệ phí đã được nộp bằng tiền mặt tại Bộ phận Một cửa' +
      (typeof receipt === 'string' ? ` (biên lai số ${receipt})` : '') +
      '; yêu cầu thanh toán trực tuyến đã bị hủy.',
  };
}

/** The payment request was created with the provider: the dossier now waits for the fee. */
export function paymentRequested(
  ctx: DossierContext,
  state: DossierState,
  request: { reference: string; amount: number },
  now: number,
): Transition {
  const payment = { ...request, status: 'pending' as const, method: null, transactionId: null, paidAt: null };
  return transition(ctx, state, {
    type: 'payment_requested',
    actor: null,
    at: now,
    payload: { ...request },
    next: { ...state, payment },
  });
}

export type PaymentDecision = Decision | { readonly ok: 'duplicate' };

/**
 * A verified confirmation from the payment provider: the fee is paid and the payment step is done.
 * The same transaction again is a duplicate (nothing changes); another amount or reference, or no
 * payment waiting, is refused and changes nothing.
 */
export function confirmPayment(
  ctx: DossierContext,
  state: DossierState,
  confirmation: PaymentConfirmation,
  now: number,
): PaymentDecision {
  const txProblem =
    typeof confirmation.transactionId === 'string'
      ? textProblem(confirmation.transactionId, paymentTextRules.transactionId)
      : textLengthMessages.empty;
  if (txProblem) return reject(DossierRejection.invalidText('mã giao dịch', 'transactionId', txProblem));
  const payment = state.payment;
  if (payment?.status === 'paid' && payment.transactionId === confirmation.transactionId)
    return { ok: 'duplicate' };
  const current = state.currentStep;
  if (!payment || payment.status !== 'pending' || !current || state.phase !== 'processing') {
    return reject(DossierRejection.noPaymentPending());
  }
  if (payment.reference !== confirmation.reference || payment.amount !== confirmation.amount) {
    return reject(DossierRejection.paymentMismatch());
  }
  const paid = {
    ...payment,
    status: 'paid' as const,
    method: 'online' as const,
    transactionId: confirmation.transactionId,
    paidAt: now,
  };
  return accept(
    advance(
      ctx,
      { ...state, payment: paid },
      current,
      null,
      now,
      { type: 'payment_confirmed' },
      { ...confirmation },
    ),
  );
}

/** Cash at the desk: the receiver records the fee with its receipt number, and the payment step is done. */
export const recordCashPayment: Handler<Extract<DossierAction, { type: 'record_cash_payment' }>> = (
  ctx,
  state,
  action,
  actor,
  now,
) => {
  const current = currentFor(state, action.stepId);
  if (isRejection(current)) return reject(current);
  const step = stepOf(ctx, current.index);
  if (step.kind !== 'payment')
    return reject(DossierRejection.wrongActionForStep(actionLabels[finishingAction[step.kind]]));
  const denied = authoriseCurrentStep(ctx, state, actor, current);
  if (denied) return reject(denied);
  if (action.amount !== feeDue(ctx.procedure, state.copies))
    return reject(DossierRejection.paymentMismatch());
  const payment = {
    reference: state.payment?.reference ?? `${state.code}-TM`,
    amount: action.amount,
    status: 'paid' as const,
    method: 'cash' as const,
    transactionId: action.receiptNumber,
    paidAt: now,
  };
  return accept(
    advance(
      ctx,
      { ...state, payment },
      current,
      actor,
      now,
      { type: 'record_cash_payment' },
      { amount: action.amount, receiptNumber: action.receiptNumber },
    ),
  );
};
