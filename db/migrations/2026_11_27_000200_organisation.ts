import { sql, type Kysely } from 'kysely';

// The value lists are spelled out here, not imported: a migration is frozen history and must not change
// when the application's constants do.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('division')
    .addColumn('tenant', 'text', (c) => c.notNull().references('tenant.code'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('division_pkey', ['tenant', 'code'])
    .addCheckConstraint('division_kind_check', sql`kind in ('desk', 'division', 'leadership', 'inspection')`)
    .execute();

  await db.schema
    .createTable('officer')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant', 'text', (c) => c.notNull().references('tenant.code'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('division_code', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'officer_role_check',
      sql`role in ('receiver', 'specialist', 'head', 'deputy', 'director', 'auditor', 'admin')`,
    )
    // MATCH SIMPLE (the default): a null division_code is not checked, so an admin may have no division.
    .addForeignKeyConstraint('officer_division_fkey', ['tenant', 'division_code'], 'division', [
      'tenant',
      'code',
    ])
    .execute();

  await db.schema
    .createIndex('officer_tenant_division_idx')
    .on('officer')
    .columns(['tenant', 'division_code'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('officer').execute();
  await db.schema.dropTable('division').execute();
}
