import { sql, type Kysely } from 'kysely';

/**
 * A procedure version may succeed another procedure whose national code changed (the 2025 catalog:
 * 2.001914 → 3.000466, …): `replaces` is the old code, copied out of the definition like `name` and
 * `effective_from`, so that a receipt on the old code finds its successor by index. Versions published
 * before carry none (their definitions had no such field).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table procedure_version add column replaces text;
    alter table procedure_version add constraint procedure_version_replaces_check
      check (replaces <> code);
    create index procedure_version_replaces_idx on procedure_version (tenant, replaces, effective_from)
      where replaces is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index procedure_version_replaces_idx;
    alter table procedure_version drop column replaces;
  `.execute(db);
}
