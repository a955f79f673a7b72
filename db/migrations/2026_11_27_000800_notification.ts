import { sql, type Kysely } from 'kysely';

// The value lists are spelled out here, not imported: a migration is frozen history and must not change
// when the application's constants do.

/**
 * The notification ledger: one row per e-mail the engine means to send (escalations, applicant notices,
 * the leadership digest), keyed by a stable idempotency key, so retries, replays and restarts never send
 * the same notification twice and failures stay visible. `dossier_code` is not a foreign key: the ledger is
 * a log and digests name no dossier.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notification')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('tenant', 'text', (c) => c.notNull().references('tenant.code'))
    .addColumn('dossier_code', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipients', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('message_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('failed_at', 'timestamptz')
    .addCheckConstraint(
      'notification_kind_check',
      sql`kind in ('step_reminder', 'step_overdue', 'dossier_at_risk', 'dossier_overdue', 'leadership_digest',
        'applicant_received', 'applicant_supplement', 'applicant_apology', 'applicant_result_ready')`,
    )
    // 'skipped': nobody to send it to (e.g. an applicant who gave no e-mail address); recorded, not a failure.
    .addCheckConstraint('notification_status_check', sql`status in ('pending', 'sent', 'failed', 'skipped')`)
    .addCheckConstraint('notification_attempts_check', sql`attempts >= 0`)
    .addCheckConstraint(
      'notification_sent_check',
      sql`(status = 'sent') = (sent_at is not null) and (status = 'failed') = (failed_at is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('notification_tenant_status_idx')
    .on('notification')
    .columns(['tenant', 'status'])
    .execute();
  await db.schema.createIndex('notification_dossier_idx').on('notification').column('dossier_code').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification').execute();
}
