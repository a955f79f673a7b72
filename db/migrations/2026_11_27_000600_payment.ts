import { sql, type Kysely } from 'kysely';

// The value lists are spelled out here, not imported: a migration is frozen history and must not change
// when the application's constants do.

/**
 * Payments: the fees requested from the payment provider (the ledger of online payments) and the log of
 * every callback the provider (or anyone else) sent, append-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('payment_request')
    .addColumn('reference', 'text', (c) => c.primaryKey())
    .addColumn('tenant', 'text', (c) => c.notNull().references('tenant.code'))
    .addColumn('dossier_code', 'text', (c) => c.notNull().references('dossier.code'))
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_ref', 'text', (c) => c.notNull())
    .addColumn('pay_url', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('paid_at', 'timestamptz')
    .addColumn('transaction_id', 'text', (c) => c.unique())
    .addCheckConstraint('payment_request_status_check', sql`status in ('pending', 'paid')`)
    .addCheckConstraint(
      'payment_request_paid_check',
      sql`(status = 'paid') = (transaction_id is not null and paid_at is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('payment_request_dossier_idx')
    .on('payment_request')
    .columns(['dossier_code', 'created_at'])
    .execute();

  await db.schema
    .createTable('payment_callback')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('transaction_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('signature_valid', 'boolean', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addCheckConstraint(
      'payment_callback_outcome_check',
      sql`outcome in ('applied', 'duplicate', 'mismatch', 'forged', 'expired', 'unknown_reference',
        'no_payment_pending', 'rejected', 'error')`,
    )
    .execute();
  await db.schema
    .createIndex('payment_callback_reference_idx')
    .on('payment_callback')
    .columns(['reference', 'id'])
    .execute();
  await db.schema
    .createIndex('payment_callback_transaction_idx')
    .on('payment_callback')
    .column('transaction_id')
    .execute();
  // The callback log is evidence: the database refuses to change, delete or truncate it.
  await sql`
    create function payment_callback_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'payment_callback is append-only: % refused', tg_op;
    end $$;
    create trigger payment_callback_no_update before update or delete on payment_callback
      for each row execute function payment_callback_append_only();
    create trigger payment_callback_no_truncate before truncate on payment_callback
      for each statement execute function payment_callback_append_only();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('payment_callback').execute();
  await sql`drop function payment_callback_append_only()`.execute(db);
  await db.schema.dropTable('payment_request').execute();
}
