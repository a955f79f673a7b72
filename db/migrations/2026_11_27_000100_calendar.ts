import { sql, type Kysely } from 'kysely';

/**
 * Calendar versions per tenant. `definition` is the whole validated definition (the source of truth,
 * immutable once published); `calendar_entry` lists its decision days for querying and review.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_version')
    .addColumn('tenant', 'text', (c) => c.notNull().references('tenant.code'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_by', 'text')
    .addPrimaryKeyConstraint('calendar_version_pk', ['tenant', 'version'])
    .execute();
  await db.schema
    .createTable('calendar_entry')
    .addColumn('tenant', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('day_off', 'working_day')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('holiday', 'text')
    .addColumn('reference', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('calendar_entry_pk', ['tenant', 'version', 'date'])
    .addForeignKeyConstraint(
      'calendar_entry_version_fk',
      ['tenant', 'version'],
      'calendar_version',
      ['tenant', 'version'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  // Published versions are immutable: the database refuses to change or delete them.
  await sql`
    create function calendar_version_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'calendar versions are immutable: publish a new version instead';
    end $$;
    create trigger calendar_version_no_update before update or delete on calendar_version
      for each row execute function calendar_version_immutable();
    create trigger calendar_entry_no_update before update or delete on calendar_entry
      for each row execute function calendar_version_immutable();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('calendar_entry').execute();
  await db.schema.dropTable('calendar_version').execute();
  await sql`drop function calendar_version_immutable()`.execute(db);
}
