import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type UpdateDefinition,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DossierState, PaymentConfirmation } from '../domain/dossier/index.js';
import { IPN_ANSWERS, type IpnAnswer } from '../domain/payment/vnpay-codes.js';

/**
 * Applying a genuine VNPAY transaction to its payment request, exactly once, whoever brings it: the IPN
 * route (api/) or the end-of-day reconciliation (activities/). The caller has verified the signature.
 * Order of the checks as VNPAY's IPN guide gives it: the order exists, the amount matches, the order is
 * still pending, then the result is recorded. Every transaction handled here is logged once in
 * `payment_callback` (through the ledger).
 */

/** A payment request as the settlement sees it (`payment_request` row). */
export interface SettlementRequest {
  reference: string;
  dossier_code: string;
  amount: number;
  status: 'pending' | 'paid' | 'cancelled';
  transaction_id: string | null;
}

/** What becomes of a transaction (stored as `payment_callback.outcome`). */
export type SettlementOutcome =
  | 'applied'
  | 'duplicate'
  | 'mismatch'
  | 'unknown_reference'
  | 'no_payment_pending'
  | 'request_cancelled'
  | 'payment_failed'
  | 'rejected'
  | 'error';

/** The database side (db/payment.repository.ts `paymentLedger`). */
export interface SettlementLedger {
  find(reference: string): Promise<SettlementRequest | undefined>;
  markPaid(paid: { reference: string; transactionId: string; paidAt: Date }): Promise<boolean>;
  addRefundDue(reference: string, transactionId: string): Promise<void>;
  log(entry: {
    reference: string;
    transactionId: string;
    amount: number;
    signatureValid: boolean;
    outcome: SettlementOutcome | 'forged';
    detail: Record<string, unknown>;
  }): Promise<void>;
}

export interface SettlementDeps {
  ledger: SettlementLedger;
  client: Client;
  /** The dossier workflow's `paymentConfirmedUpdate` (workflows/dossier/messages.ts). */
  update: UpdateDefinition<DossierState, [PaymentConfirmation]>;
}

/** A transaction VNPAY vouched for (signed IPN or querydr answer). */
export interface GatewayTransaction {
  reference: string;
  /** In đồng (vnp_Amount / 100); undefined when VNPAY's amount is not a whole number of đồng. */
  amount: number | undefined;
  /** vnp_TransactionNo. */
  transactionId: string;
  /** vnp_ResponseCode '00' and vnp_TransactionStatus '00'. */
  paid: boolean;
  paidAt: Date;
  /** Where it came from and what else to log (response codes, bank…). */
  detail: Record<string, unknown>;
}

export interface Settlement {
  outcome: SettlementOutcome;
  answer: IpnAnswer;
  dossierCode?: string;
}

/** A Temporal update rejection's code (the workflow's `DOSSIER.*`), if the error is one. */
function rejectionCode(err: unknown): string | undefined {
  if (!(err instanceof WorkflowUpdateFailedError)) return undefined;
  return err.cause instanceof ApplicationFailure ? (err.cause.type ?? undefined) : undefined;
}

const isClosed = (err: unknown): boolean =>
  err instanceof WorkflowNotFoundError ||
  /already completed|workflow execution already finished|not found/i.test(String((err as Error)?.message));

/** Settles one genuine transaction; never throws for a business refusal (only 'error' answers 99). */
export async function settleVnpayTransaction(
  deps: SettlementDeps,
  tx: GatewayTransaction,
): Promise<Settlement> {
  const { ledger } = deps;
  const amount = tx.amount ?? -1;
  const settled = async (
    outcome: SettlementOutcome,
    answer: IpnAnswer,
    request?: SettlementRequest,
    extra: Record<string, unknown> = {},
  ): Promise<Settlement> => {
    await ledger.log({
      reference: tx.reference,
      transactionId: tx.transactionId,
      amount,
      signatureValid: true,
      outcome,
      detail: { ...tx.detail, rspCode: answer.RspCode, ...extra },
    });
    return { outcome, answer, ...(request ? { dossierCode: request.dossier_code } : {}) };
  };
  /** A genuine payment nobody will apply: refused, and listed on the request for the operator to refund. */
  const refund = async (outcome: SettlementOutcome, request: SettlementRequest) => {
    if (tx.paid) await ledger.addRefundDue(request.reference, tx.transactionId);
    return settled(outcome, IPN_ANSWERS.alreadyConfirmed, request, { refundDue: tx.paid });
  };

  const request = await ledger.find(tx.reference);
  if (!request) return settled('unknown_reference', IPN_ANSWERS.orderNotFound);
  if (request.amount !== tx.amount) {
    return settled('mismatch', IPN_ANSWERS.invalidAmount, request, { requestedAmount: request.amount });
  }
  if (request.status === 'paid') {
    if (request.transaction_id === tx.transactionId) {
      return settled('duplicate', IPN_ANSWERS.alreadyConfirmed, request);
    }
    return refund('no_payment_pending', request);
  }
  if (request.status === 'cancelled') return refund('request_cancelled', request);
  if (!tx.paid) return settled('payment_failed', IPN_ANSWERS.confirmed, request);

  let state: DossierState;
  try {
    state = await deps.client.workflow.getHandle(request.dossier_code).executeUpdate(deps.update, {
      args: [{ reference: tx.reference, amount: tx.amount ?? 0, transactionId: tx.transactionId }],
      // Temporal deduplicates too: the same transaction is one update, however often it arrives.
      updateId: `payment-${tx.transactionId}`,
    });
  } catch (err) {
    const code = rejectionCode(err);
    if (code === 'DOSSIER.NO_PAYMENT_PENDING' || code === 'DOSSIER.CLOSED' || (!code && isClosed(err))) {
      // Cash recorded (the request is cancelled right after), or the dossier ended: refund.
      return refund(
        code === 'DOSSIER.NO_PAYMENT_PENDING' ? 'request_cancelled' : 'no_payment_pending',
        request,
      );
    }
    if (code === 'DOSSIER.PAYMENT_MISMATCH') return settled('mismatch', IPN_ANSWERS.invalidAmount, request);
    if (code) return settled('rejected', IPN_ANSWERS.unknownError, request, { code });
    const error = err instanceof Error ? err.message : String(err);
    await settled('error', IPN_ANSWERS.unknownError, request, { error }).catch(() => undefined);
    throw err;
  }
  if (state.payment?.status !== 'paid' || state.payment.transactionId !== tx.transactionId) {
    return settled('rejected', IPN_ANSWERS.unknownError, request, { code: 'PAYMENT.NOT_APPLIED' });
  }
  const marked = await ledger.markPaid({
    reference: tx.reference,
    transactionId: tx.transactionId,
    paidAt: tx.paidAt,
  });
  // Not marked: a concurrent delivery of the same transaction marked it first (one event either way).
  return marked
    ? settled('applied', IPN_ANSWERS.confirmed, request, { seq: state.seq })
    : settled('duplicate', IPN_ANSWERS.alreadyConfirmed, request);
}
