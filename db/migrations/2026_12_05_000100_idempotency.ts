import { sql, type Kysely } from 'kysely';

/**
 * The Idempotency-Key of every mutating officer request, bound to who sent it and what it asked: one row
 * per (tenant, key), reserved before the operation runs (a lease), then holding the answer to replay.
 * Rows expire (`expires_at`); the repository deletes expired rows as it reserves new ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idempotent_request')
    .addColumn('tenant', 'text', (c) => c.notNull().references('tenant.code'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('officer_id', 'uuid', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('request_digest', 'text', (c) => c.notNull())
    .addColumn('lease_token', 'uuid', (c) => c.notNull())
    .addColumn('leased_until', 'timestamptz', (c) => c.notNull())
    .addColumn('resource', 'text')
    .addColumn('status_code', 'integer')
    // json, not jsonb: the text is kept as answered (key order too), so a replay is the same bytes.
    .addColumn('response_body', 'json')
    .addColumn('response_headers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotent_request_pk', ['tenant', 'key'])
    .addCheckConstraint('idempotent_request_key_check', sql`char_length(key) between 1 and 200`)
    .addCheckConstraint(
      'idempotent_request_answer_check',
      sql`(status_code is null) = (response_body is null)`,
    )
    .execute();
  await db.schema
    .createIndex('idempotent_request_expires_at_idx')
    .on('idempotent_request')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('idempotent_request').execute();
}
