import { sql, type Kysely } from 'kysely';

// The value lists are spelled out here, not imported: a migration is frozen history and must not change
// when the application's constants do.

/**
 * Dossiers: the projection of each dossier's workflow, its append-only hash-chained audit trail, refused
 * attempts, gap-free code numbering, receipt idempotency keys and the guidance given instead of a receipt.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createDossier(db);
  await createDossierEvent(db);
  await createSideTables(db);
}

async function createDossier(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dossier')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('tenant', 'text', (c) => c.notNull().references('tenant.code'))
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('procedure_version', 'integer', (c) => c.notNull())
    .addColumn('procedure_name', 'text', (c) => c.notNull())
    .addColumn('calendar_version', 'integer', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_id_number', 'text', (c) => c.notNull())
    .addColumn('applicant_email', 'text')
    .addColumn('applicant_phone', 'text')
    .addColumn('components', 'jsonb', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('direct'))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('received_by', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('status', 'smallint', (c) => c.notNull())
    .addColumn('current_step_id', 'text')
    .addColumn('current_division', 'text')
    .addColumn('current_role', 'text')
    .addColumn('assignee_id', 'uuid')
    .addColumn('assignee_username', 'text')
    .addColumn('step_deadline', 'timestamptz')
    .addColumn('appointment_at', 'timestamptz', (c) => c.notNull())
    .addColumn('original_appointment_at', 'timestamptz', (c) => c.notNull())
    .addColumn('overdue', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('supplement_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('multiple_supplements', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('result_ready_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('outcome', 'text')
    .addColumn('state', 'jsonb', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('dossier_channel_check', sql`channel in ('direct', 'online', 'postal')`)
    .addCheckConstraint('dossier_status_check', sql`status between 1 and 10`)
    .addCheckConstraint('dossier_outcome_check', sql`outcome in ('early', 'on_time', 'late')`)
    .execute();
  const indexes: [string, string][] = [
    ['status', 'status'],
    ['division', 'current_division'],
    ['procedure', 'procedure_code'],
    ['received', 'received_at'],
    ['appointment', 'appointment_at'],
    ['assignee', 'assignee_id'],
  ];
  for (const [name, column] of indexes) {
    await db.schema
      .createIndex(`dossier_tenant_${name}_idx`)
      .on('dossier')
      .columns(['tenant', column])
      .execute();
  }
  await db.schema
    .createIndex('dossier_tenant_overdue_idx')
    .on('dossier')
    .columns(['tenant', 'overdue'])
    .where(sql.ref('overdue'), '=', true)
    .execute();
}

async function createDossierEvent(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dossier_event')
    .addColumn('dossier_code', 'text', (c) => c.notNull().references('dossier.code'))
    .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq >= 1`))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'uuid')
    .addColumn('actor_username', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('step_id', 'text')
    .addColumn('from_phase', 'text')
    .addColumn('to_phase', 'text', (c) => c.notNull())
    .addColumn('from_status', 'smallint')
    .addColumn('to_status', 'smallint', (c) => c.notNull())
    .addColumn('from_step_id', 'text')
    .addColumn('to_step_id', 'text')
    .addColumn('on_time', 'text')
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('payload_digest', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('dossier_event_pk', ['dossier_code', 'seq'])
    .execute();
  // The audit trail is append-only: the database refuses to change, delete or truncate it.
  await sql`
    create function dossier_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'dossier_event is append-only: % refused', tg_op;
    end $$;
    create trigger dossier_event_no_update before update or delete on dossier_event
      for each row execute function dossier_event_append_only();
    create trigger dossier_event_no_truncate before truncate on dossier_event
      for each statement execute function dossier_event_append_only();
  `.execute(db);
}

async function createSideTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dossier_rejection')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('dossier_code', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'uuid')
    .addColumn('actor_username', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .createIndex('dossier_rejection_dossier_idx')
    .on('dossier_rejection')
    .columns(['dossier_code', 'at'])
    .execute();
  await db.schema
    .createTable('dossier_code_counter')
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull().check(sql`last >= 1`))
    .addPrimaryKeyConstraint('dossier_code_counter_pk', ['unit_code', 'day'])
    .execute();
  await db.schema
    .createTable('idempotency_key')
    .addColumn('tenant', 'text', (c) => c.notNull().references('tenant.code'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('dossier_code', 'text', (c) => c.notNull())
    .addColumn('request_digest', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_key_pk', ['tenant', 'key'])
    .execute();
  await createReceiptGuidance(db);
}

async function createReceiptGuidance(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('receipt_guidance')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('tenant', 'text', (c) => c.notNull().references('tenant.code'))
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('procedure_version', 'integer', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_id_number', 'text', (c) => c.notNull())
    .addColumn('applicant_email', 'text')
    .addColumn('applicant_phone', 'text')
    .addColumn('missing', 'jsonb', (c) => c.notNull())
    .addColumn('given_by', 'text', (c) => c.notNull())
    .addColumn('given_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('receipt_guidance').execute();
  await db.schema.dropTable('idempotency_key').execute();
  await db.schema.dropTable('dossier_code_counter').execute();
  await db.schema.dropTable('dossier_rejection').execute();
  await db.schema.dropTable('dossier_event').execute();
  await sql`drop function dossier_event_append_only()`.execute(db);
  await db.schema.dropTable('dossier').execute();
}
