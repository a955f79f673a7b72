import { sql, type Kysely } from 'kysely';

// The value lists are spelled out here, not imported: a migration is frozen history and must not change
// when the application's constants do.

/**
 * Stored files: one row per upload of a file attached to a dossier (for now its digitised result). The
 * bytes live in the content-addressed file store under their SHA-256; the row says who uploaded what, when,
 * under which name and of which (detected) media type.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('stored_file')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant', 'text', (c) => c.notNull().references('tenant.code'))
    .addColumn('dossier_code', 'text', (c) => c.notNull().references('dossier.code'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('stored_file_purpose_check', sql`purpose in ('result')`)
    .addCheckConstraint('stored_file_sha256_check', sql`sha256 ~ '^[0-9a-f]{64}$'`)
    .addCheckConstraint('stored_file_size_check', sql`size >= 0`)
    .execute();
  await db.schema
    .createIndex('stored_file_dossier_purpose_idx')
    .on('stored_file')
    .columns(['dossier_code', 'purpose', 'uploaded_at desc'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('stored_file').execute();
}
