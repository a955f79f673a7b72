import { sql, type Kysely } from 'kysely';

// The value list is spelled out here, not imported: a migration is frozen history.

/**
 * The applicant's satisfaction rating of a returned dossier (docs/domain.md, "Satisfaction rating": Decision
 * 766's satisfaction index): one per dossier, hence keyed by the dossier code. No personal data: the
 * applicant proved who they are with the dossier code and ID number, which are not stored again here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dossier_rating')
    .addColumn('dossier_code', 'text', (c) => c.primaryKey().references('dossier.code'))
    .addColumn('tenant', 'text', (c) => c.notNull().references('tenant.code'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('rated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'dossier_rating_level_check',
      sql`level in ('very_satisfied', 'satisfied', 'dissatisfied')`,
    )
    .addCheckConstraint('dossier_rating_comment_check', sql`char_length(comment) <= 1000`)
    .execute();
  await db.schema
    .createIndex('dossier_rating_tenant_rated_at_idx')
    .on('dossier_rating')
    .columns(['tenant', 'rated_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dossier_rating').execute();
}
