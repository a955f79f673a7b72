import { sql, type Kysely } from 'kysely';

// The value lists are spelled out here, not imported: a migration is frozen history.

/**
 * Online receipt (docs/domain.md, "Online receipt"): the dossiers citizens file on the portal before the
 * one-stop desk accepts them (`online_submission`, its code is the future dossier code), the append-only
 * history of each (`online_submission_event`), the files citizens uploaded (`citizen_upload`, the bytes
 * live in the content-addressed file store) and the drafts of the submission form (`portal_draft`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('online_submission')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('tenant', 'text', (c) => c.notNull().references('tenant.code'))
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('procedure_version', 'integer', (c) => c.notNull())
    .addColumn('procedure_name', 'text', (c) => c.notNull())
    .addColumn('personal_id', 'text', (c) => c.notNull().references('citizen.personal_id'))
    .addColumn('applicant', 'jsonb', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('components', 'jsonb', (c) => c.notNull())
    .addColumn('receiving_unit', 'text', (c) => c.notNull())
    .addColumn('return_method', 'text', (c) => c.notNull())
    .addColumn('copies', 'integer')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('check_by', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'text')
    .addColumn('refusal_reason', 'text')
    .addColumn('completion_request', 'jsonb')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('online_submission_unit_fk', ['tenant', 'receiving_unit'], 'receiving_unit', [
      'tenant',
      'code',
    ])
    .addCheckConstraint(
      'online_submission_status_check',
      sql`status in ('pending', 'awaiting_completion', 'accepted', 'refused')`,
    )
    .addCheckConstraint('online_submission_return_check', sql`return_method in ('online', 'post', 'counter')`)
    .addCheckConstraint(
      'online_submission_decided_check',
      sql`(status in ('accepted', 'refused')) = (decided_at is not null)`,
    )
    .addCheckConstraint(
      'online_submission_refusal_check',
      sql`(status = 'refused') = (refusal_reason is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('online_submission_queue_idx')
    .on('online_submission')
    .columns(['tenant', 'status', 'submitted_at'])
    .execute();
  await db.schema
    .createIndex('online_submission_citizen_idx')
    .on('online_submission')
    .columns(['personal_id', 'submitted_at'])
    .execute();

  await db.schema
    .createTable('online_submission_event')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('submission_code', 'text', (c) => c.notNull().references('online_submission.code'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addCheckConstraint(
      'online_submission_event_type_check',
      sql`type in ('submitted', 'completion_requested', 'completed', 'accepted', 'refused', 'supplemented')`,
    )
    .addCheckConstraint('online_submission_event_actor_check', sql`actor_kind in ('citizen', 'officer')`)
    .execute();
  await db.schema
    .createIndex('online_submission_event_code_idx')
    .on('online_submission_event')
    .columns(['submission_code', 'id'])
    .execute();
  await sql`
    create function online_submission_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'online_submission_event is append-only';
    end $$;
    create trigger online_submission_event_no_update before update or delete on online_submission_event
      for each row execute function online_submission_event_append_only();
  `.execute(db);

  await db.schema
    .createTable('citizen_upload')
    .addColumn('personal_id', 'text', (c) => c.notNull().references('citizen.personal_id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('citizen_upload_pk', ['personal_id', 'sha256'])
    .addCheckConstraint('citizen_upload_sha256_check', sql`sha256 ~ '^[0-9a-f]{64}$'`)
    .execute();

  await db.schema
    .createTable('portal_draft')
    .addColumn('personal_id', 'text', (c) => c.notNull().references('citizen.personal_id'))
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('saved_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('portal_draft_pk', ['personal_id', 'procedure_code'])
    .execute();

  // The submission workflow's mails have kinds of their own in the notification ledger.
  await sql`alter table notification drop constraint notification_kind_check`.execute(db);
  await sql`alter table notification add constraint notification_kind_check check (kind in ('step_reminder',
    'step_overdue', 'dossier_at_risk', 'dossier_overdue', 'leadership_digest', 'applicant_received',
    'applicant_supplement', 'applicant_apology', 'applicant_result_ready', 'dossier_incident',
    'applicant_payment', 'report_due_reminder', 'online_submitted', 'online_completion_requested',
    'online_refused', 'online_accepted', 'online_check_due'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from notification where kind like 'online\\_%'`.execute(db);
  await sql`alter table notification drop constraint notification_kind_check`.execute(db);
  await sql`alter table notification add constraint notification_kind_check check (kind in ('step_reminder',
    'step_overdue', 'dossier_at_risk', 'dossier_overdue', 'leadership_digest', 'applicant_received',
    'applicant_supplement', 'applicant_apology', 'applicant_result_ready', 'dossier_incident',
    'applicant_payment', 'report_due_reminder'))`.execute(db);
  await db.schema.dropTable('portal_draft').execute();
  await db.schema.dropTable('citizen_upload').execute();
  await db.schema.dropTable('online_submission_event').execute();
  await sql`drop function online_submission_event_append_only()`.execute(db);
  await db.schema.dropTable('online_submission').execute();
}
