/**
 * The rig the product benchmarks share: a Temporal dev server of their own (`startDevServer`, as the
 * bare-Temporal baseline runs it, docs/benchmarks.md), a throwaway PostgreSQL database (DATABASE_URL's
 * server, or an embedded one), migrated and seeded with the dev users, and the product's worker in this
 * process. `close()` removes all of it.
 */
import path from 'node:path';
import type { Client, Connection } from '@temporalio/client';
import {
  bundleWorkflowCode,
  DefaultLogger,
  NativeConnection,
  type BundleOptions,
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
import { ensureSearchAttributes } from '../worker/temporal-namespace.js';
import { createWorker, workflowBundleOptions } from '../worker/worker.js';
import { startDevServer } from './dev-server.js';

export { pct, r1, sleep, startDevServer, type DevServer } from './dev-server.js';

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
  /** The workflow bundle the worker runs (for workers in other processes). */
  workflowBundleCode: string;
  /** The dev server's process id. */
  temporalPid: number;
  /** The database's URL. */
  databaseUrl: string;
  /** Drops the database, stops PostgreSQL and the dev server, removes the temp folder (once). */
  close(): Promise<void>;
}

export interface BenchRigOptions {
  /** The worker's outbound mail (a discard mailer when the bench does not look at e-mail). */
  mailer: Mailer;
  /** Size of the database pool shared by the bench and the worker's activities (default 20). */
  poolMax?: number;
  taskQueue?: string;
  /** The worker's workflow cache (default: `WORKER_MAX_CACHED_WORKFLOWS`, else the worker's default). */
  maxCachedWorkflows?: number;
  /** Changes to the product's bundle options (`workflowBundleOptions`), e.g. no preloaded modules. */
  bundle?: Partial<BundleOptions>;
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
  const bundle = await bundleWorkflowCode({
    ...workflowBundleOptions({ logger: new DefaultLogger('ERROR') }),
    ...opts.bundle,
  });
  const cache = opts.maxCachedWorkflows ?? process.env.WORKER_MAX_CACHED_WORKFLOWS;
  const worker = await createWorker({
    connection: await NativeConnection.connect({ address }),
    config: {
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
      ...(cache === undefined || cache === '' ? {} : { WORKER_MAX_CACHED_WORKFLOWS: Number(cache) }),
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
    workflowBundleCode: bundle.code,
    temporalPid: server.pid,
    databaseUrl: dbUrl,
    close: () => server.close(),
  };
}
