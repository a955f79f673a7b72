/**
 * Runs the embedded PostgreSQL as its own process for `make dev` (data kept under `.data/postgres`, or
 * as root out of the `postgres` user's reach, under /var/tmp/motcua-embedded-postgres/data-<hash>).
 * Prints `READY <url>` once it accepts connections; stops cleanly on SIGINT/SIGTERM.
 */
import { join } from 'node:path';
import { embeddedDataDir, startEmbeddedPostgres } from './embedded-postgres.js';
import { repoRoot } from './paths.js';

const port = Number(process.env.EMBEDDED_PG_PORT ?? 5433);

// As root in a home the `postgres` user cannot enter (/root), the data goes to a folder it can reach.
const preferred = join(repoRoot, '.data', 'postgres');
const dir = await embeddedDataDir(preferred);
if (dir !== preferred)
  process.stderr.write(`embedded PostgreSQL data in ${dir} (postgres cannot reach ${preferred})\n`);
const pg = await startEmbeddedPostgres({
  dir,
  port,
  persistent: true,
  onLog: (m) => {
    if (/FATAL|ERROR|PANIC/.test(String(m))) process.stderr.write(String(m));
  },
});
process.stdout.write(`READY ${pg.url}\n`);
// embedded-postgres stops its cluster on SIGINT/SIGTERM itself (async-exit-hook), then exits.
