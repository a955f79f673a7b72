import { sql, type Kysely } from 'kysely';

// The value lists are spelled out here, not imported: a migration is frozen history.

/**
 * A fee paid in cash at the desk cancels the dossier's online payment request (`cancelled`, when and
 * why), and a provider callback that pays a cancelled request is refused and noted on the request
 * (`refund_due`: transaction ids the operator must refund).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table payment_request drop constraint payment_request_status_check;
    alter table payment_request add constraint payment_request_status_check
      check (status in ('pending', 'paid', 'cancelled'));
    alter table payment_request add column cancelled_at timestamptz;
    alter table payment_request add column cancel_reason text;
    alter table payment_request add column refund_due text[] not null default '{}';
    alter table payment_request add constraint payment_request_cancelled_check
      check ((status = 'cancelled') = (cancelled_at is not null and cancel_reason is not null));
    alter table payment_callback drop constraint payment_callback_outcome_check;
    alter table payment_callback add constraint payment_callback_outcome_check
      check (outcome in ('applied', 'duplicate', 'mismatch', 'forged', 'expired', 'unknown_reference',
        'no_payment_pending', 'rejected', 'error', 'request_cancelled'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table payment_callback drop constraint payment_callback_outcome_check;
    alter table payment_callback add constraint payment_callback_outcome_check
      check (outcome in ('applied', 'duplicate', 'mismatch', 'forged', 'expired', 'unknown_reference',
        'no_payment_pending', 'rejected', 'error'));
    alter table payment_request drop constraint payment_request_cancelled_check;
    alter table payment_request drop column refund_due;
    alter table payment_request drop column cancel_reason;
    alter table payment_request drop column cancelled_at;
    alter table payment_request drop constraint payment_request_status_check;
    alter table payment_request add constraint payment_request_status_check
      check (status in ('pending', 'paid'));
  `.execute(db);
}
