import { sql, type Kysely } from 'kysely';

// The value lists are spelled out here, not imported: a migration is frozen history.

/**
 * Storage incidents: an audit event of a dossier that PostgreSQL refused for good (a data or constraint
 * error), so the dossier waits for an administrator instead of retrying forever. One open incident per
 * dossier at a time; resolved by retrying the store or discarding the unstored actions. Also the
 * applicant's payment notice (kind `applicant_payment`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dossier_incident')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('tenant', 'text', (c) => c.notNull().references('tenant.code'))
    .addColumn('dossier_code', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('error_code', 'text', (c) => c.notNull())
    .addColumn('sql_state', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('flagged_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'text')
    .addColumn('resolution', 'text')
    .addColumn('note', 'text')
    .addCheckConstraint('dossier_incident_resolution_check', sql`resolution in ('retry', 'discard')`)
    .addCheckConstraint(
      'dossier_incident_resolved_check',
      sql`(resolved_at is null) = (resolution is null) and (resolved_at is null) = (resolved_by is null)`,
    )
    .execute();
  await db.schema
    .createIndex('dossier_incident_open_idx')
    .on('dossier_incident')
    .column('dossier_code')
    .unique()
    .where(sql.ref('resolved_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('dossier_incident_tenant_flagged_idx')
    .on('dossier_incident')
    .columns(['tenant', 'flagged_at'])
    .execute();
  await db.schema
    .alterTable('dossier')
    .addColumn('needs_attention', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await sql`alter table notification drop constraint notification_kind_check`.execute(db);
  await sql`alter table notification add constraint notification_kind_check check (kind in ('step_reminder',
    'step_overdue', 'dossier_at_risk', 'dossier_overdue', 'leadership_digest', 'applicant_received',
    'applicant_supplement', 'applicant_apology', 'applicant_result_ready', 'dossier_incident',
    'applicant_payment'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from notification where kind in ('dossier_incident', 'applicant_payment')`.execute(db);
  await sql`alter table notification drop constraint notification_kind_check`.execute(db);
  await sql`alter table notification add constraint notification_kind_check check (kind in ('step_reminder',
    'step_overdue', 'dossier_at_risk', 'dossier_overdue', 'leadership_digest', 'applicant_received',
    'applicant_supplement', 'applicant_apology', 'applicant_result_ready'))`.execute(db);
  await db.schema.alterTable('dossier').dropColumn('needs_attention').execute();
  await db.schema.dropTable('dossier_incident').execute();
}
