import { sql, type Kysely } from 'kysely';

// The value lists are spelled out here, not imported: a migration is frozen history.

/**
 * The VNPAY gateway (docs/payments.md): a payment request remembers the vnp_CreateDate of the last pay URL
 * signed for it (querydr asks for it as vnp_TransactionDate), and the callback log takes the IPNs of
 * payments the bank refused or the payer cancelled (`payment_failed`: recorded, the request stays payable).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table payment_request add column gateway_create_date text
      check (gateway_create_date ~ '^[0-9]{14}$');
    alter table payment_callback drop constraint payment_callback_outcome_check;
    alter table payment_callback add constraint payment_callback_outcome_check
      check (outcome in ('applied', 'duplicate', 'mismatch', 'forged', 'expired', 'unknown_reference',
        'no_payment_pending', 'rejected', 'error', 'request_cancelled', 'payment_failed'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table payment_callback drop constraint payment_callback_outcome_check;
    alter table payment_callback add constraint payment_callback_outcome_check
      check (outcome in ('applied', 'duplicate', 'mismatch', 'forged', 'expired', 'unknown_reference',
        'no_payment_pending', 'rejected', 'error', 'request_cancelled'));
    alter table payment_request drop column gateway_create_date;
  `.execute(db);
}
