import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { allSearchAttributes } from '../../workflows/search-attributes.js';
import { workflowBundleOptions } from '../../worker/worker.js';
import { createDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { seedDatabase } from '../../db/seed/index.js';
import { unitCodesFromEnv } from '../../config/units.js';
import { dropDatabase, ensureDatabase, withDatabase } from '../../db/admin.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../scripts/embedded-postgres.js';
import { freePort } from '../../scripts/net.js';
import { assertToolsInstalled, temporalCliPath, temporalTestServerPath } from '../../scripts/paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalNamespace: string;
    temporalTestServerPath: string;
    databaseUrl: string;
    workflowBundleCode: string;
    /** The result-file store of every test app of the run (one, so every app reads every stored file). */
    storageRoot: string;
  }
}

const cleanups: (() => Promise<unknown>)[] = [];

async function startDatabase(): Promise<string> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = await mkdtemp(join(tmpdir(), 'motcua-test-pg-'));
    const pg: EmbeddedPostgresHandle = await startEmbeddedPostgres({
      dir,
      port: await freePort(),
      persistent: false,
    });
    cleanups.push(async () => {
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    });
    serverUrl = pg.url;
  }
  const url = withDatabase(serverUrl, `motcua_test_${Date.now()}_${process.pid}`);
  await ensureDatabase(url);
  cleanups.push(() => dropDatabase(url));
  const db = createDatabase({ url });
  try {
    await migrateToLatest(db);
    await seedDatabase(db, { devUsers: true, units: unitCodesFromEnv() });
  } finally {
    await db.destroy();
  }
  return url;
}

/** Starts the real parts once per test run: a Temporal dev server, a throwaway database, the workflow bundle. */
export async function setup(project: TestProject): Promise<void> {
  assertToolsInstalled();
  const [env, databaseUrl, bundle] = await Promise.all([
    TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: temporalCliPath },
        searchAttributes: [...allSearchAttributes],
      },
    }),
    startDatabase(),
    bundleWorkflowCode(workflowBundleOptions({ logger: new DefaultLogger('WARN') })),
  ]);
  cleanups.push(() => env.teardown());
  const storageRoot = await mkdtemp(join(tmpdir(), 'motcua-test-files-'));
  cleanups.push(() => rm(storageRoot, { recursive: true, force: true }));
  project.provide('storageRoot', storageRoot);
  project.provide('temporalAddress', env.address);
  project.provide('temporalNamespace', env.namespace ?? 'default');
  project.provide('temporalTestServerPath', temporalTestServerPath);
  project.provide('databaseUrl', databaseUrl);
  project.provide('workflowBundleCode', bundle.code);
}

export async function teardown(): Promise<void> {
  for (const cleanup of cleanups.reverse()) {
    await cleanup().catch((err: unknown) => process.stderr.write(`teardown: ${String(err)}\n`));
  }
}
