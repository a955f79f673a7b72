import { inject } from 'vitest';
import { createDatabase, type Database } from '../../db/database.js';

/** A kysely instance on the suite's throwaway, migrated database. Destroy it in afterAll. */
export function connectTestDatabase(): Database {
  return createDatabase({ url: inject('databaseUrl'), poolMax: 5 });
}
