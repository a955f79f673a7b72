import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** A timestamptz the database fills in (`default now()`) and nobody changes afterwards. */
type RecordedAt = ColumnType<Date, Date | string | undefined, never>;

export type PaymentRequestStatus = 'pending' | 'paid' | 'cancelled';

/**
 * A fee requested from the payment provider for a dossier's payment step (docs/architecture.md,
 * "Payment and digitisation"). The row
 * is the ledger of online payments: it turns `paid` once, with the provider's transaction id, when a
 * verified callback has been accepted by the dossier's workflow. A fee paid in cash at the desk is in the
 * dossier's state (`state.payment`), not here: it turns the pending request `cancelled` (nobody can pay it
 * online any more), and a payment the provider still confirms for it is refused and listed in
 * `refund_due` for the operator to refund.
 */
export interface PaymentRequestTable {
  /** `<dossier code>-TT<n>`; the activity that creates the row is idempotent on it. */
  reference: string;
  tenant: string;
  dossier_code: string;
  /** In đồng. */
  amount: number;
  description: string;
  /** Name of the provider that holds the request (`vnpay`). */
  provider: string;
  provider_ref: string;
  pay_url: string | null;
  status: ColumnType<PaymentRequestStatus, PaymentRequestStatus | undefined, PaymentRequestStatus>;
  created_at: RecordedAt;
  /** When the payer paid, as the provider said. */
  paid_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The provider's transaction id of the payment applied (unique). */
  transaction_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the request was cancelled (a cash payment at the desk replaced it). */
  cancelled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Why (Vietnamese, shown on the pay page). */
  cancel_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** Provider transaction ids paid on the request after it was cancelled: the operator refunds them. */
  refund_due: ColumnType<string[], string[] | undefined, string[]>;
  /** vnp_CreateDate (yyyyMMddHHmmss, GMT+7) of the last VNPAY pay URL signed: querydr's vnp_TransactionDate. */
  gateway_create_date: ColumnType<string | null, string | null | undefined, string | null>;
}

/** What became of one payment callback. */
export type PaymentCallbackOutcome =
  | 'applied'
  | 'duplicate'
  | 'mismatch'
  | 'forged'
  /** Only in rows of the former home-made callback (signed confirmations older than 24 h). */
  | 'expired'
  | 'unknown_reference'
  | 'no_payment_pending'
  /** The workflow refused it for another reason (a `DOSSIER.*` code in `detail`). */
  | 'rejected'
  /** Something failed on our side (Temporal or the database unreachable): the provider should retry. */
  | 'error'
  /** The request was cancelled (fee paid in cash): refused, the payment is listed for refund. */
  | 'request_cancelled'
  /** The bank refused the payment or the payer cancelled it at the gateway: recorded, still payable. */
  | 'payment_failed';

/**
 * Every payment callback received, whatever happened to it (append-only: the database refuses UPDATE,
 * DELETE and TRUNCATE). Forged ones are kept too: they are what an investigation needs.
 */
export interface PaymentCallbackTable {
  id: Generated<number>;
  received_at: RecordedAt;
  /** As received: not a foreign key (an unknown reference is logged too). */
  reference: string;
  transaction_id: string;
  amount: number;
  signature_valid: boolean;
  outcome: PaymentCallbackOutcome;
  /** The error code answered, paidAt, the amount requested… */
  detail: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export type PaymentRequestRow = Selectable<PaymentRequestTable>;
export type NewPaymentRequestRow = Insertable<PaymentRequestTable>;
export type PaymentCallbackRow = Selectable<PaymentCallbackTable>;
export type NewPaymentCallbackRow = Insertable<PaymentCallbackTable>;
