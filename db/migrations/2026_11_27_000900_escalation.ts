import { sql, type Kysely } from 'kysely';

/**
 * The escalation ladder's projection columns: `at_risk` (the dossier may miss its appointment; leadership
 * was told and an apology is required) and `apology_signed_at` (Mẫu 04 signed, once), for the managers'
 * lists and the morning digest. Open dossiers are indexed by tenant for the lists.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('dossier')
    .addColumn('at_risk', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('apology_signed_at', 'timestamptz')
    .execute();
  await sql`create index dossier_open_late_idx on dossier (tenant, current_division, procedure_code)
    where finished_at is null and (overdue or at_risk)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists dossier_open_late_idx`.execute(db);
  await db.schema.alterTable('dossier').dropColumn('apology_signed_at').dropColumn('at_risk').execute();
}
