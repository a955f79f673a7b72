import { sql, type Kysely } from 'kysely';

/**
 * Procedure catalog: every published version of every procedure (TTHC) per tenant. `definition` is the
 * whole validated definition (immutable once published: a change is a new version, so running dossiers
 * keep the snapshot they started with).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('procedure_version')
    .addColumn('tenant', 'text', (c) => c.notNull().references('tenant.code'))
    .addColumn('code', 'text', (c) => c.notNull().check(sql`code <> ''`))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_by', 'text')
    .addPrimaryKeyConstraint('procedure_version_pk', ['tenant', 'code', 'version'])
    .execute();
  // Published versions are immutable: the database refuses to change or delete them.
  await sql`
    create function procedure_version_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'procedure versions are immutable: publish a new version instead';
    end $$;
    create trigger procedure_version_no_update before update or delete on procedure_version
      for each row execute function procedure_version_immutable();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('procedure_version').execute();
  await sql`drop function procedure_version_immutable()`.execute(db);
}
