/**
 * The rigs the benchmarks share. `startDevServer`: a Temporal dev server of the bench's own (WAL SQLite
 * in a temp folder), as the bare-Temporal baseline (`bench/baseline.bench.ts`) and the product benchmarks
 * both run it. `startBenchRig`: that server plus a throwaway PostgreSQL database (DATABASE_URL's server,
 * or an embedded one), migrated and seeded with the dev users, and the product's worker in this process.
 * `close()` removes all of it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import {
  bundleWorkflowCode,
  DefaultLogger,
  NativeConnection,
  Runtime,
  type Worker,
} from '@temporalio/worker';
import { pino } from 'pino';
import type { Mailer } from '../common/mailer.js';
import { createDatabase, type Database } from '../db/database.js';
import { dropDatabase, ensureDatabase, withDatabase } from '../db/admin.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedDatabase } from '../db/seed/index.js';
import { unitCodesFromEnv } from '../config/units.js';
import { startEmbeddedPostgres } from '../scripts/embedded-postgres.js';
import { freePort } from '../scripts/net.js';
import { temporalCliPath } from '../scripts/paths.js';
import { ensureSearchAttributes } from '../worker/temporal-namespace.js';
import { createWorker, workflowsPath } from '../worker/worker.js';

/** The `p`th percentile (nearest rank) of `xs`; NaN when empty. */
export const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
/** Rounded to one decimal. */
export const r1 = (x: number): number => Math.round(x * 10) / 10;
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Something a bench started: `close` stops it in order, `now` (synchronous) when the process exits first. */
export interface Teardown {
  close(): Promise<void>;
  now(): void;
}

export interface DevServer {
  /** `127.0.0.1:<port>` of the dev server. */
  address: string;
  connection: Connection;
  client: Client;
  /** The temp folder of the server's SQLite file; the bench may keep other servers' data in it. */
  dir: string;
  /** `temporal --version` of the binary that runs. */
  version: string;
  /** Stopped by `close()` before the dev server, in the reverse order of registration. */
  defer(teardown: Teardown): void;
  /** Stops what was deferred, then the dev server, and removes the temp folder (once). */
  close(): Promise<void>;
}

export interface DevServerOptions {
  /** `wal` (default): SQLite in a file, WAL journal, synchronous=NORMAL; `memory`: the dev server's in-memory SQLite. */
  sqlite?: 'wal' | 'memory';
  /** Search attributes registered by the server's flags (`--search-attribute Name=Type`). */
  searchAttributes?: Record<string, 'Keyword' | 'Text' | 'Int' | 'Double' | 'Bool' | 'Datetime'>;
}

/**
 * Starts `.tools/bin/temporal server start-dev` on a free port of 127.0.0.1, namespace `default`, with the
 * SDK's runtime logging errors only, and waits until it answers. Every way out (normal end, a failure half-way,
 * Ctrl-C) stops it and what was deferred on it.
 */
export async function startDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  const teardowns: Teardown[] = [];
  let closing: Promise<void> | undefined;
  let closed = false;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      for (const t of [...teardowns].reverse()) await t.close().catch(() => undefined);
      await connection?.close().catch(() => undefined);
      server.kill('SIGTERM');
      await sleep(1000);
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      closed = true;
    })());
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-'));
  // As root, an embedded PostgreSQL runs as `postgres`, which must reach its data folder inside.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const args = ['server', 'start-dev', '--headless', '--port', String(port), '--log-level', 'error'];
  for (const [name, type] of Object.entries(opts.searchAttributes ?? {}))
    args.push('--search-attribute', `${name}=${type}`);
  if ((opts.sqlite ?? 'wal') === 'wal') {
    args.push('--db-filename', path.join(dir, 't.sqlite'));
    args.push('--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL');
  }
  const server = spawn(temporalCliPath, args, { stdio: 'ignore' });
  // 'exit' handlers cannot wait: the servers are told to stop and finish on their own.
  process.once('exit', () => {
    if (closed) return;
    for (const t of [...teardowns].reverse()) t.now();
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`${signal}: stopping the bench's servers\n`);
      void close().finally(() => process.exit(130));
    });
  }
  const address = `127.0.0.1:${port}`;
  let connection: Connection | undefined;
  for (let i = 0; i < 100 && !connection; i++) {
    try {
      connection = await Connection.connect({ address });
      await connection.workflowService.getSystemInfo({});
    } catch {
      connection = undefined;
      await sleep(200);
    }
  }
  if (!connection) throw new Error('dev server did not start');
  const version = execFileSync(temporalCliPath, ['--version'], { encoding: 'utf8' }).trim();
  return {
    address,
    connection,
    client: new Client({ connection }),
    dir,
    version,
    defer: (teardown) => void teardowns.push(teardown),
    close,
  };
}

export interface BenchRig {
  /** `127.0.0.1:<port>` of the dev server. */
  address: string;
  connection: Connection;
  client: Client;
  db: Database;
  /** Where the database runs: `DATABASE_URL` or `embedded`. */
  database: 'DATABASE_URL' | 'embedded';
  taskQueue: string;
  /** The product's worker (all workflows and activities), not yet running: use `worker.runUntil`. */
  worker: Worker;
  /** Drops the database, stops PostgreSQL and the dev server, removes the temp folder (once). */
  close(): Promise<void>;
}

export interface BenchRigOptions {
  /** The worker's outbound mail (a discard mailer when the bench does not look at e-mail). */
  mailer: Mailer;
  /** Size of the database pool shared by the bench and the worker's activities (default 20). */
  poolMax?: number;
  taskQueue?: string;
}

export async function startBenchRig(opts: BenchRigOptions): Promise<BenchRig> {
  const server = await startDevServer();
  const { address, connection, dir } = server;
  await ensureSearchAttributes(connection, 'default');

  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort(), persistent: false });
  if (embedded)
    server.defer({
      close: () => embedded.stop().catch(() => embedded.stopNow()),
      now: () => embedded.stopNow(),
    });
  const dbUrl = withDatabase(process.env.DATABASE_URL ?? embedded!.url, `motcua_bench_${process.pid}`);
  await ensureDatabase(dbUrl);
  const db = createDatabase({ url: dbUrl, poolMax: opts.poolMax ?? 20 });
  server.defer({
    close: async () => {
      await db.destroy().catch(() => undefined);
      await dropDatabase(dbUrl).catch(() => undefined);
    },
    now: () => undefined,
  });
  await migrateToLatest(db);
  await seedDatabase(db, { devUsers: true, units: unitCodesFromEnv() });

  const taskQueue = opts.taskQueue ?? 'bench';
  const bundle = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('ERROR') });
  const worker = await createWorker({
    connection: await NativeConnection.connect({ address }),
    config: {
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
      ...(process.env.WORKER_MAX_CACHED_WORKFLOWS
        ? { WORKER_MAX_CACHED_WORKFLOWS: Number(process.env.WORKER_MAX_CACHED_WORKFLOWS) }
        : {}),
    },
    deps: { db, log: pino({ level: 'silent' }), mailer: opts.mailer },
    workflowBundleCode: bundle.code,
  });

  return {
    address,
    connection,
    client: server.client,
    db,
    database: process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded',
    taskQueue,
    worker,
    close: () => server.close(),
  };
}
