import { z } from 'zod';
import { safeName } from '../../domain/text.js';
import { formatVnIso } from '../../domain/calendar/index.js';
import type { PaymentState } from '../../domain/dossier/index.js';
import type { Database } from '../../db/database.js';
import { findDossier } from '../../db/dossier.repository.js';
import { listPaymentRequests } from '../../db/payment.repository.js';
import type { PaymentRequestRow } from '../../db/payment.table.js';
import type { AppInstance } from '../app-instance.js';
import { principalOf, type AuthHooks } from '../auth.js';
import { errorBodySchema, notFound } from '../errors.js';

export interface PaymentRoutesDeps {
  db: Database;
  auth: AuthHooks;
}

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
    .describe('Provider transactions paid on this request that could not be applied: to be refunded'),
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

/** The officers' view of a dossier's fee (VNPAY's routes are in ./vnpay.routes.ts). */
export function registerPaymentRoutes(app: AppInstance, deps: PaymentRoutesDeps): void {
  const { db } = deps;

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
