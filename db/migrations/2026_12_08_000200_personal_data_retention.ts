import { sql, type Kysely } from 'kysely';

/**
 * Personal data retention (docs/personal-data.md): when a dossier was archived (`archived_at`, set by the
 * archive) and anonymised (`anonymised_at`), one audit row per anonymisation batch, the placeholder citizen
 * that anonymised online submissions point to, and the one narrow exception to the online submission
 * history's append-only rule: the anonymisation job (transaction setting `motcua.anonymise`) may rewrite
 * its rows' actor and payload.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('dossier')
    .addColumn('archived_at', 'timestamptz')
    .addColumn('anonymised_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('dossier_anonymise_due_idx')
    .on('dossier')
    .columns(['finished_at'])
    .where(sql.ref('anonymised_at'), 'is', null)
    .execute();
  await db.schema
    .createTable('anonymisation_run')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('finished_before', 'timestamptz', (c) => c.notNull())
    .addColumn('dossiers', 'integer', (c) => c.notNull().check(sql`dossiers >= 0`))
    .addColumn('codes', 'jsonb', (c) => c.notNull())
    .addColumn('guidances', 'integer', (c) => c.notNull().check(sql`guidances >= 0`))
    .execute();
  await sql`
    insert into citizen (personal_id, full_name) values ('000000000000', '(đã ẩn danh)')
    on conflict do nothing;
    create or replace function online_submission_event_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and current_setting('motcua.anonymise', true) = 'on'
         and new.id = old.id and new.submission_code = old.submission_code and new.at = old.at
         and new.type = old.type and new.actor_kind = old.actor_kind then
        return new;
      end if;
      raise exception 'online_submission_event is append-only';
    end $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function online_submission_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'online_submission_event is append-only';
    end $$;
  `.execute(db);
  await db.schema.dropTable('anonymisation_run').execute();
  await db.schema.dropIndex('dossier_anonymise_due_idx').execute();
  await db.schema.alterTable('dossier').dropColumn('archived_at').dropColumn('anonymised_at').execute();
}
