/**
 * The rig the product benchmarks share: a Temporal dev server of their own (WAL SQLite in a temp folder,
 * like the bare-Temporal anchor, docs/benchmarks.md), a throwaway PostgreSQL database (DATABASE_URL's server,
 * or an embedded one), migrated and seeded with the dev users, and the product's worker in this process.
 * `close()` removes all of it.
 */
import { spawn } from 'node:child_process';
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
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../scripts/embedded-postgres.js';
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
  /** What is up so far, for `close()` and the exit handler. */
  const started: { embedded?: EmbeddedPostgresHandle; dropDatabase?: () => Promise<void> } = {};
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await started.dropDatabase?.();
      await started.embedded?.stop().catch(() => started.embedded?.stopNow());
      await connection?.close().catch(() => undefined);
      server.kill('SIGTERM');
      await sleep(1000);
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      closed = true;
    })());
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-'));
  // As root, the embedded PostgreSQL runs as `postgres`, which must reach its data folder inside.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const server = spawn(
    temporalCliPath,
    [
      'server',
      'start-dev',
      '--headless',
      '--port',
      String(port),
      '--log-level',
      'error',
      '--db-filename',
      path.join(dir, 't.sqlite'),
      '--sqlite-pragma',
      'journal_mode=WAL',
      '--sqlite-pragma',
      'synchronous=NORMAL',
    ],
    { stdio: 'ignore' },
  );
  let closed = false;
  // Every way out (normal end, a failure half-way, Ctrl-C) stops what the rig started. 'exit' handlers
  // cannot wait: the servers are told to stop and finish on their own.
  process.once('exit', () => {
    if (closed) return;
    started.embedded?.stopNow();
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
  await ensureSearchAttributes(connection, 'default');

  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort(), persistent: false });
  if (embedded) started.embedded = embedded;
  const dbUrl = withDatabase(process.env.DATABASE_URL ?? embedded!.url, `motcua_bench_${process.pid}`);
  await ensureDatabase(dbUrl);
  const db = createDatabase({ url: dbUrl, poolMax: opts.poolMax ?? 20 });
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

  started.dropDatabase = async () => {
    await db.destroy().catch(() => undefined);
    await dropDatabase(dbUrl).catch(() => undefined);
  };

  return {
    address,
    connection,
    client: new Client({ connection }),
    db,
    database: process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded',
    taskQueue,
    worker,
    close,
  };
}
