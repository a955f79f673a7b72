import { Migrator, type MigrationResult } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';

export class MigrationFailedError extends Error {
  constructor(
    readonly failed: string | undefined,
    override readonly cause: unknown,
  ) {
    super(
      `Migration ${failed ?? '(unknown)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'MigrationFailedError';
  }
}

/** Brings the schema to the latest migration; throws {@link MigrationFailedError} on the first failure. */
export async function migrateToLatest(db: Database): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw new MigrationFailedError(results.find((r) => r.status === 'Error')?.migrationName, error);
  return results;
}
