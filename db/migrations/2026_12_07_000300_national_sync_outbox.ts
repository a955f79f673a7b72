import { sql, type Kysely } from 'kysely';

/**
 * The outbox of national statuses (docs/national-sync.md): every change of a dossier's national status
 * is appended here in the transaction that stores its audit event, then pushed to the national portal in
 * order (status_seq 1, 2, 3… per dossier) by the dossier's pusher workflow, which marks each delivered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('national_sync_outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('tenant', 'text', (c) => c.notNull().references('tenant.code'))
    .addColumn('dossier_code', 'text', (c) => c.notNull())
    .addColumn('status_seq', 'integer', (c) => c.notNull().check(sql`status_seq >= 1`))
    .addColumn('national_status', 'smallint', (c) => c.notNull().check(sql`national_status between 1 and 10`))
    .addColumn('document', 'jsonb', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('last_attempt_at', 'timestamptz')
    .addUniqueConstraint('national_sync_outbox_dossier_seq_key', ['dossier_code', 'status_seq'])
    .execute();
  // The pusher and the safety net look for what is not delivered yet.
  await db.schema
    .createIndex('national_sync_outbox_pending_idx')
    .on('national_sync_outbox')
    .columns(['recorded_at'])
    .where(sql.ref('delivered_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('national_sync_outbox_tenant_idx')
    .on('national_sync_outbox')
    .columns(['tenant', 'dossier_code'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('national_sync_outbox').execute();
}
