import { sql, type Kysely } from 'kysely';

/**
 * Citizens of the online portal and their sessions. A citizen is known by the 12-digit personal
 * identification number the national identity provider (VNeID) vouches for; no password is ever stored
 * here. A session row holds only the SHA-256 of the cookie's random token, so a leaked table cannot be
 * replayed as cookies.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('citizen')
    .addColumn('personal_id', 'text', (c) => c.primaryKey())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('first_login_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_login_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('citizen_personal_id_check', sql`personal_id ~ '^[0-9]{12}$'`)
    .execute();
  await db.schema
    .createTable('citizen_session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('personal_id', 'text', (c) => c.notNull().references('citizen.personal_id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('citizen_session_personal_id_idx')
    .on('citizen_session')
    .column('personal_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('citizen_session').execute();
  await db.schema.dropTable('citizen').execute();
}
