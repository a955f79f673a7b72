/**
 * Brings the app's database (`DATABASE_URL`) to the latest migration and exits: `npm run db:migrate`, or
 * `node dist/db/migrate-cli.js` in the production image. The API and the worker also migrate at start;
 * this runs the step on its own (e.g. before a rollout). Exit code 0 on success, 1 when a migration or the
 * connection fails, 78 when the configuration is invalid.
 */
import { loadConfigOrExit } from '../config/config.js';
import { createDatabase } from './database.js';
import { migrateToLatest, MigrationFailedError } from './migrate.js';

/** The failure in one line, with the driver's code (e.g. ECONNREFUSED, a SQLSTATE) when it has one. */
function describe(err: unknown): string {
  const cause = err instanceof MigrationFailedError ? err.cause : err;
  const code = (cause as { code?: unknown } | null)?.code;
  const text = err instanceof Error ? err.message : String(err);
  return typeof code === 'string' ? `${text} (${code})` : text;
}

async function run(): Promise<number> {
  const config = loadConfigOrExit();
  const db = createDatabase({ url: config.DATABASE_URL, poolMax: 1, applicationName: 'mot-cua-migrate' });
  try {
    const results = await migrateToLatest(db);
    for (const r of results) process.stdout.write(`${r.status}: ${r.migrationName}\n`);
    process.stdout.write(results.length > 0 ? 'database migrated\n' : 'database already up to date\n');
    return 0;
  } catch (err) {
    process.stderr.write(`db:migrate failed: ${describe(err)}\n`);
    return 1;
  } finally {
    await db.destroy();
  }
}

process.exitCode = await run();
