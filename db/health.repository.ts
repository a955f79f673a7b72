import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/** The cheapest round trip to the database (`select 1`): what `/health` probes PostgreSQL with. */
export async function pingDatabase(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
