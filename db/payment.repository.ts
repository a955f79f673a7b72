import { sql } from 'kysely';
import type { Executor } from './database.js';
import type {
  NewPaymentCallbackRow,
  NewPaymentRequestRow,
  PaymentCallbackOutcome,
  PaymentCallbackRow,
  PaymentRequestRow,
} from './payment.table.js';

export function findPaymentRequest(db: Executor, reference: string): Promise<PaymentRequestRow | undefined> {
  return db.selectFrom('payment_request').selectAll().where('reference', '=', reference).executeTakeFirst();
}

/** The request whose payment was applied with this provider transaction id, if any. */
export function findPaymentRequestByTransaction(
  db: Executor,
  transactionId: string,
): Promise<PaymentRequestRow | undefined> {
  return db
    .selectFrom('payment_request')
    .selectAll()
    .where('transaction_id', '=', transactionId)
    .executeTakeFirst();
}

/** The payment requests of a dossier, oldest first. */
export function listPaymentRequests(db: Executor, dossierCode: string): Promise<PaymentRequestRow[]> {
  return db
    .selectFrom('payment_request')
    .selectAll()
    .where('dossier_code', '=', dossierCode)
    .orderBy('created_at')
    .orderBy('reference')
    .execute();
}

/**
 * Stores a new request unless one with the same reference exists, and returns the stored row either
 * way (the first one wins: a retried activity gets back what was stored).
 */
export async function insertPaymentRequest(
  db: Executor,
  row: NewPaymentRequestRow,
): Promise<{ row: PaymentRequestRow; created: boolean }> {
  const inserted = await db
    .insertInto('payment_request')
    .values(row)
    .onConflict((oc) => oc.column('reference').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const stored = await findPaymentRequest(db, row.reference);
  if (!stored) throw new Error(`payment request ${row.reference} vanished after a conflicting insert`);
  return { row: stored, created: false };
}

/**
 * Marks a pending request paid by a transaction. False when it was not pending any more (another
 * callback got there first) or the transaction id is already used by another request: nothing changes.
 */
export async function markPaymentRequestPaid(
  db: Executor,
  paid: { reference: string; transactionId: string; paidAt: Date },
): Promise<boolean> {
  try {
    const result = await db
      .updateTable('payment_request')
      .set({ status: 'paid', transaction_id: paid.transactionId, paid_at: paid.paidAt })
      .where('reference', '=', paid.reference)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  } catch (err) {
    if ((err as { code?: string }).code === '23505') return false; // unique_violation on transaction_id
    throw err;
  }
}

/**
 * Cancels a request that is still pending (the fee was paid another way). Answers what the row is
 * now: `cancelled` (by this call or an earlier one: idempotent), `paid` (too late: paid online first) or
 * `missing` (no such request).
 */
export async function cancelPaymentRequest(
  db: Executor,
  cancel: { reference: string; reason: string; at: Date },
): Promise<'cancelled' | 'paid' | 'missing'> {
  await db
    .updateTable('payment_request')
    .set({ status: 'cancelled', cancelled_at: cancel.at, cancel_reason: cancel.reason })
    .where('reference', '=', cancel.reference)
    .where('status', '=', 'pending')
    .execute();
  const row = await findPaymentRequest(db, cancel.reference);
  if (!row) return 'missing';
  return row.status === 'paid' ? 'paid' : 'cancelled';
}

/** Notes on the request a provider payment that cannot be applied and must be refunded (once per id). */
export async function addRefundDue(db: Executor, reference: string, transactionId: string): Promise<void> {
  await db
    .updateTable('payment_request')
    .set({ refund_due: sql<string[]>`array_append(refund_due, ${transactionId})` })
    .where('reference', '=', reference)
    .where(sql<boolean>`not (${transactionId} = any(refund_due))`)
    .execute();
}

/** Logs one callback (append-only). */
export async function insertPaymentCallback(
  db: Executor,
  row: NewPaymentCallbackRow,
): Promise<PaymentCallbackRow> {
  return db.insertInto('payment_callback').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The callbacks received for a reference, in arrival order. */
export function listPaymentCallbacks(db: Executor, reference: string): Promise<PaymentCallbackRow[]> {
  return db
    .selectFrom('payment_callback')
    .selectAll()
    .where('reference', '=', reference)
    .orderBy('id')
    .execute();
}

/** Remembers the vnp_CreateDate of the pay URL just signed for a pending request (querydr needs it). */
export async function setGatewayCreateDate(
  db: Executor,
  reference: string,
  createDate: string,
): Promise<void> {
  await db
    .updateTable('payment_request')
    .set({ gateway_create_date: createDate })
    .where('reference', '=', reference)
    .where('status', '=', 'pending')
    .execute();
}

/** Pending requests of a provider created since `since` whose payer opened the gateway at least once. */
export function listPendingGatewayRequests(
  db: Executor,
  provider: string,
  since: Date,
): Promise<PaymentRequestRow[]> {
  return db
    .selectFrom('payment_request')
    .selectAll()
    .where('provider', '=', provider)
    .where('status', '=', 'pending')
    .where('created_at', '>=', since)
    .where('gateway_create_date', 'is not', null)
    .orderBy('created_at')
    .execute();
}

/**
 * The ledger the VNPAY settlement works on (common/vnpay-settlement.ts `SettlementLedger`): find, mark
 * paid, note a refund, log the transaction.
 */
export function paymentLedger(db: Executor) {
  return {
    find: (reference: string) => findPaymentRequest(db, reference),
    markPaid: (paid: { reference: string; transactionId: string; paidAt: Date }) =>
      markPaymentRequestPaid(db, paid),
    addRefundDue: (reference: string, transactionId: string) => addRefundDue(db, reference, transactionId),
    async log(entry: {
      reference: string;
      transactionId: string;
      amount: number;
      signatureValid: boolean;
      outcome: PaymentCallbackOutcome;
      detail: Record<string, unknown>;
    }): Promise<void> {
      await insertPaymentCallback(db, {
        reference: entry.reference,
        transaction_id: entry.transactionId,
        amount: entry.amount,
        signature_valid: entry.signatureValid,
        outcome: entry.outcome,
        detail: JSON.stringify(entry.detail),
      });
    },
  };
}
