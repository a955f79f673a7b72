import { type Kysely } from 'kysely';

/**
 * `apology_late`: the apology with a new appointment (Mẫu 04) was signed after its legal limit (one
 * working day before the appointment), for the managers' late list and the reports. Apologies signed
 * before the limit was recorded count as on time (false).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('dossier')
    .addColumn('apology_late', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dossier').dropColumn('apology_late').execute();
}
