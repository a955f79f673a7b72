/**
 * Runs the embedded PostgreSQL as its own process for `make dev` (data kept under `.data/postgres`).
 * Prints `READY <url>` once it accepts connections; stops cleanly on SIGINT/SIGTERM.
 */
import { join } from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { repoRoot } from './paths.js';

const port = Number(process.env.EMBEDDED_PG_PORT ?? 5433);

const pg = await startEmbeddedPostgres({
  dir: join(repoRoot, '.data', 'postgres'),
  port,
  persistent: true,
  onLog: (m) => {
    if (/FATAL|ERROR|PANIC/.test(String(m))) process.stderr.write(String(m));
  },
});
process.stdout.write(`READY ${pg.url}\n`);
// embedded-postgres stops its cluster on SIGINT/SIGTERM itself (async-exit-hook), then exits.
