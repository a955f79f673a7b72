import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { z } from 'zod';
import { safeName, verbatimText } from '../../domain/text.js';
import { formatVnIso, parseIsoInstant } from '../../domain/calendar/index.js';
import type { DossierState, PaymentState } from '../../domain/dossier/index.js';
import type { Database } from '../../db/database.js';
import { findDossier } from '../../db/dossier.repository.js';
import {
  addRefundDue,
  findPaymentRequest,
  findPaymentRequestByTransaction,
  insertPaymentCallback,
  listPaymentRequests,
  markPaymentRequestPaid,
} from '../../db/payment.repository.js';
import type { PaymentCallbackOutcome, PaymentRequestRow } from '../../db/payment.table.js';
import { paymentConfirmedUpdate } from '../../workflows/dossier/messages.js';
import type { AppInstance } from '../app-instance.js';
import { principalOf, type AuthHooks } from '../auth.js';
import { isClosedWorkflowError, rejectionOf } from '../dossier-actions.js';
import { ApiError, errorBodySchema, notFound } from '../errors.js';
import { PAYMENT_SIGNATURE_HEADER, verifyPaymentCallback } from '../payment-signature.js';

export interface PaymentRoutesDeps {
  db: Database;
  client: Client;
  auth: AuthHooks;
  /** HMAC key shared with the provider (`PAYMENT_CALLBACK_SECRET`). */
  secret: string;
}

/** Stable codes of the payment routes (besides the workflow's `DOSSIER.*` rejections). */
export const PaymentErrorCode = {
  FORGED: 'PAYMENT.FORGED',
  EXPIRED: 'PAYMENT.EXPIRED',
  UNKNOWN_REFERENCE: 'PAYMENT.UNKNOWN_REFERENCE',
  MISMATCH: 'PAYMENT.MISMATCH',
  NOT_APPLIED: 'PAYMENT.NOT_APPLIED',
  REQUEST_CANCELLED: 'PAYMENT.REQUEST_CANCELLED',
} as const;

const callbackBodySchema = z.object({
  reference: verbatimText(200).describe('Our reference of the payment request (`<dossier code>-TT<n>`)'),
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe('Amount paid, in đồng'),
  transactionId: verbatimText(200).describe("The provider's transaction id (idempotency key)"),
  paidAt: verbatimText(40)
    .refine((v) => parseIsoInstant(v) !== undefined, 'Thời điểm phải theo ISO-8601, có múi giờ.')
    .describe('When the payer paid: ISO-8601 with offset; refused when older than 24 h'),
});

export const callbackAnswerSchema = z.object({
  status: z.enum(['applied', 'duplicate']),
  reference: z.string(),
  transactionId: z.string(),
});

export type CallbackAnswer = z.output<typeof callbackAnswerSchema>;

export const referenceParams = z.object({ reference: safeName(200) });

const paymentRequestSchema = z.object({
  reference: z.string(),
  amount: z.number().int(),
  description: z.string(),
  provider: z.string(),
  providerRef: z.string(),
  payUrl: z.string().nullable(),
  status: z
    .enum(['pending', 'paid', 'cancelled'])
    .describe('cancelled: the fee was paid in cash at the desk, the request can no longer be paid'),
  method: z.enum(['online', 'cash']).nullable(),
  transactionId: z.string().nullable().describe('Provider transaction id (online) or receipt number (cash)'),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  refundDue: z
    .array(z.string())
    .describe('Provider transactions paid on this request after it was cancelled: to be refunded'),
});

const dossierPaymentSchema = z.object({
  dossierCode: z.string(),
  payment: z
    .object({
      reference: z.string(),
      amount: z.number().int(),
      status: z.enum(['pending', 'paid']),
      method: z.enum(['online', 'cash']).nullable(),
      transactionId: z.string().nullable(),
      paidAt: z.string().nullable(),
    })
    .nullable()
    .describe("The dossier's fee as its workflow sees it (null: none requested yet)"),
  requests: z.array(paymentRequestSchema),
});

/** Outcome logged for a workflow rejection code. */
function outcomeOfRejection(code: string): PaymentCallbackOutcome {
  if (code === 'DOSSIER.PAYMENT_MISMATCH') return 'mismatch';
  if (code === 'DOSSIER.NO_PAYMENT_PENDING' || code === 'DOSSIER.CLOSED') return 'no_payment_pending';
  return 'rejected';
}

/** A ledger row as the API shows it, completed by the dossier's state for a fee paid in cash. */
export function paymentRequestView(row: PaymentRequestRow, state: PaymentState | null | undefined) {
  const inState = state?.reference === row.reference ? state : undefined;
  const paidOnline = row.status === 'paid';
  const cancelled = row.status === 'cancelled';
  // Between the cash payment and the cancellation of the request, the dossier's state says it.
  const paidInCash = row.status === 'pending' && inState?.status === 'paid' && inState.method === 'cash';
  return {
    reference: row.reference,
    amount: row.amount,
    description: row.description,
    provider: row.provider,
    providerRef: row.provider_ref,
    payUrl: row.pay_url,
    status: cancelled
      ? ('cancelled' as const)
      : paidOnline || paidInCash
        ? ('paid' as const)
        : ('pending' as const),
    method: paidOnline ? ('online' as const) : paidInCash ? ('cash' as const) : null,
    transactionId: paidOnline ? row.transaction_id : paidInCash ? inState.transactionId : null,
    createdAt: formatVnIso(row.created_at.getTime()),
    paidAt:
      paidOnline && row.paid_at
        ? formatVnIso(row.paid_at.getTime())
        : paidInCash && inState.paidAt !== null
          ? formatVnIso(inState.paidAt)
          : null,
    cancelledAt: row.cancelled_at ? formatVnIso(row.cancelled_at.getTime()) : null,
    cancelReason: row.cancel_reason,
    refundDue: row.refund_due,
  };
}

/**
 * Payment routes: the provider's signed callback and the officers' view of a dossier's fee (the provider's
 * simulator, outside production, is in ./payment-simulator.routes.ts).
 */
export function registerPaymentRoutes(app: AppInstance, deps: PaymentRoutesDeps): void {
  const { db } = deps;

  app.post(
    '/payments/callback',
    {
      schema: {
        operationId: 'paymentCallback',
        tags: ['payments'],
        summary:
          "The payment provider's confirmation, authenticated by its signature (header x-payment-signature: " +
          'sha256=<hex HMAC-SHA256 of the canonical JSON of the body>); idempotent on transactionId',
        headers: z.object({ [PAYMENT_SIGNATURE_HEADER]: verbatimText(200, 0).optional() }),
        body: callbackBodySchema,
        response: {
          200: callbackAnswerSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
        },
      },
    },
    async (request): Promise<CallbackAnswer> => {
      const body = request.body;
      const { reference, amount, transactionId } = body;
      let signatureValid = true;
      /** Every callback is logged exactly once, whatever happens to it. */
      const logged = async (outcome: PaymentCallbackOutcome, detail: Record<string, unknown> = {}) => {
        await insertPaymentCallback(db, {
          reference,
          transaction_id: transactionId,
          amount,
          signature_valid: signatureValid,
          outcome,
          detail: JSON.stringify({ paidAt: body.paidAt, requestId: request.id, ...detail }),
        });
        const level = outcome === 'applied' || outcome === 'duplicate' ? 'info' : 'warn';
        request.log[level]({ reference, transactionId, amount, outcome, ...detail }, 'payment callback');
      };
      const refuse = async (outcome: PaymentCallbackOutcome, error: ApiError, detail = {}) => {
        await logged(outcome, { code: error.code, ...detail });
        return error;
      };

      const verdict = verifyPaymentCallback(
        body,
        request.headers[PAYMENT_SIGNATURE_HEADER],
        deps.secret,
        Date.now(),
      );
      if (verdict === 'forged') {
        signatureValid = false;
        throw await refuse(
          'forged',
          new ApiError(401, PaymentErrorCode.FORGED, 'Chữ ký xác nhận thanh toán không hợp lệ.'),
        );
      }
      if (verdict === 'expired') {
        throw await refuse(
          'expired',
          new ApiError(
            401,
            PaymentErrorCode.EXPIRED,
            'Xác nhận thanh toán đã quá hạn (quá 24 giờ) hoặc sai thời điểm.',
          ),
        );
      }
      const requested = await findPaymentRequest(db, reference);
      if (!requested) {
        throw await refuse(
          'unknown_reference',
          new ApiError(404, PaymentErrorCode.UNKNOWN_REFERENCE, 'Không tìm thấy yêu cầu thanh toán.'),
        );
      }
      /** A genuine payment of a request the desk's cash replaced: refused, and noted for a refund. */
      const cancelledRequest = async () => {
        await addRefundDue(db, reference, transactionId);
        request.log.error(
          { reference, transactionId, amount, dossierCode: requested.dossier_code },
          'payment received for a cancelled payment request: refund due',
        );
        return refuse(
          'request_cancelled',
          new ApiError(
            409,
            PaymentErrorCode.REQUEST_CANCELLED,
            'Yêu cầu thanh toán đã bị hủy vì phí, lệ phí đã được nộp bằng tiền mặt; hồ sơ không thay đổi, ' +
              'khoản tiền này sẽ được hoàn trả.',
          ),
          { dossierCode: requested.dossier_code, refundDue: true },
        );
      };
      if (requested.status === 'cancelled') throw await cancelledRequest();
      const mismatch = (reason: string) =>
        new ApiError(
          409,
          PaymentErrorCode.MISMATCH,
          'Số tiền hoặc mã giao dịch không khớp với yêu cầu thanh toán; hồ sơ không thay đổi.',
          reason,
        );
      if (requested.amount !== amount) {
        throw await refuse('mismatch', mismatch('body.amount'), { requestedAmount: requested.amount });
      }
      if (requested.transaction_id === transactionId) {
        await logged('duplicate');
        return { status: 'duplicate', reference, transactionId };
      }
      const usedBy = await findPaymentRequestByTransaction(db, transactionId);
      if (usedBy) {
        throw await refuse('mismatch', mismatch('body.transactionId'), { usedBy: usedBy.reference });
      }

      let state: DossierState;
      try {
        state = await deps.client.workflow
          .getHandle(requested.dossier_code)
          .executeUpdate(paymentConfirmedUpdate, {
            args: [{ reference, amount, transactionId }],
            // Temporal deduplicates too: the same transaction is one update, however often it arrives.
            updateId: `payment-${transactionId}`,
          });
      } catch (err) {
        const rejection = rejectionOf(err);
        if (rejection?.code === 'DOSSIER.NO_PAYMENT_PENDING') {
          // Cash recorded, request not cancelled yet (the workflow does it right after): same answer.
          const payment = (await findDossier(db, requested.dossier_code))?.state.payment;
          if (payment?.method === 'cash' && payment.reference === reference) throw await cancelledRequest();
        }
        if (rejection?.code.startsWith('DOSSIER.')) {
          throw await refuse(
            outcomeOfRejection(rejection.code),
            new ApiError(409, rejection.code, rejection.message),
          );
        }
        if (err instanceof WorkflowNotFoundError || isClosedWorkflowError(err)) {
          throw await refuse(
            'no_payment_pending',
            new ApiError(409, 'DOSSIER.CLOSED', 'Hồ sơ đã kết thúc, không thể ghi nhận thanh toán.'),
          );
        }
        await logged('error', { error: err instanceof Error ? err.message : String(err) }).catch(
          () => undefined,
        );
        throw err;
      }
      if (state.payment?.status !== 'paid' || state.payment.transactionId !== transactionId) {
        // The workflow answered without taking this payment: say so rather than mark the ledger.
        throw await refuse(
          'rejected',
          new ApiError(409, PaymentErrorCode.NOT_APPLIED, 'Thanh toán không được ghi nhận cho hồ sơ.'),
        );
      }
      const marked = await markPaymentRequestPaid(db, {
        reference,
        transactionId,
        paidAt: new Date(parseIsoInstant(body.paidAt) ?? Date.now()),
      });
      // Not marked: a concurrent delivery of the same transaction marked it first (one event either way).
      const status = marked ? 'applied' : 'duplicate';
      await logged(status, { dossierCode: requested.dossier_code, seq: state.seq });
      return { status, reference, transactionId };
    },
  );

  app.get(
    '/dossiers/:code/payment',
    {
      preHandler: deps.auth.authenticate,
      schema: {
        operationId: 'getDossierPayment',
        tags: ['dossiers'],
        summary: "The dossier's fee: its payment request(s) and whether they are paid (online or in cash)",
        security: [{ bearerAuth: [] }],
        params: z.object({ code: safeName(100) }),
        response: {
          200: dossierPaymentSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const row = await findDossier(db, request.params.code);
      if (!row || row.tenant !== principal.tenant) throw notFound('Không tìm thấy hồ sơ.');
      const payment = row.state.payment ?? null;
      const requests = await listPaymentRequests(db, row.code);
      return {
        dossierCode: row.code,
        payment: payment && {
          reference: payment.reference,
          amount: payment.amount,
          status: payment.status,
          method: payment.method,
          transactionId: payment.transactionId,
          paidAt: payment.paidAt === null ? null : formatVnIso(payment.paidAt),
        },
        requests: requests.map((r) => paymentRequestView(r, payment)),
      };
    },
  );
}
