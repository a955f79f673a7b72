import { sql, type Kysely } from 'kysely';

// The value lists are spelled out here, not imported: a migration is frozen history and must not change
// when the application's constants do.

/**
 * Liaison (liên thông): the partner agencies of each tenant (data, with the key that signs their answer
 * links), the requests sent to them (one per liaison child workflow) and the log of every answer callback
 * received, append-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('partner_agency')
    .addColumn('tenant', 'text', (c) => c.notNull().references('tenant.code'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('webhook_url', 'text')
    .addColumn('callback_secret', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addPrimaryKeyConstraint('partner_agency_pkey', ['tenant', 'code'])
    .addCheckConstraint('partner_agency_secret_check', sql`length(callback_secret) >= 32`)
    .addCheckConstraint(
      'partner_agency_webhook_check',
      sql`webhook_url is null or webhook_url ~ '^https?://'`,
    )
    .execute();

  await db.schema
    .createTable('liaison_request')
    .addColumn('request_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant', 'text', (c) => c.notNull().references('tenant.code'))
    .addColumn('dossier_code', 'text', (c) => c.notNull().references('dossier.code'))
    .addColumn('partner_code', 'text', (c) => c.notNull())
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('email_message_id', 'text')
    .addColumn('webhook_status', 'text')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addForeignKeyConstraint('liaison_request_partner_fkey', ['tenant', 'partner_code'], 'partner_agency', [
      'tenant',
      'code',
    ])
    .addCheckConstraint('liaison_request_expiry_check', sql`expires_at > sent_at`)
    .execute();
  await db.schema
    .createIndex('liaison_request_dossier_idx')
    .on('liaison_request')
    .columns(['dossier_code', 'sent_at'])
    .execute();

  await db.schema
    .createTable('liaison_callback')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // As claimed by the callback's token: not foreign keys (forged and unknown ones are logged too).
    .addColumn('request_id', 'text')
    .addColumn('partner_code', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addCheckConstraint(
      'liaison_callback_outcome_check',
      sql`outcome in ('applied', 'duplicate', 'forged', 'expired', 'unknown_request', 'invalid', 'closed',
        'error')`,
    )
    .execute();
  await db.schema
    .createIndex('liaison_callback_request_idx')
    .on('liaison_callback')
    .columns(['request_id', 'id'])
    .execute();
  // One applied answer per request, whatever races between two deliveries of the same callback.
  await db.schema
    .createIndex('liaison_callback_applied_uq')
    .on('liaison_callback')
    .column('request_id')
    .unique()
    .where(sql.ref('outcome'), '=', 'applied')
    .execute();
  // The callback log is evidence: the database refuses to change, delete or truncate it.
  await sql`
    create function liaison_callback_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'liaison_callback is append-only: % refused', tg_op;
    end $$;
    create trigger liaison_callback_no_update before update or delete on liaison_callback
      for each row execute function liaison_callback_append_only();
    create trigger liaison_callback_no_truncate before truncate on liaison_callback
      for each statement execute function liaison_callback_append_only();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('liaison_callback').execute();
  await sql`drop function liaison_callback_append_only()`.execute(db);
  await db.schema.dropTable('liaison_request').execute();
  await db.schema.dropTable('partner_agency').execute();
}
