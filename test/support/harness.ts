import type { AppInstance } from '../../api/app.js';
import type { Database } from '../../db/database.js';
import { buildTestApp } from './app.js';
import { connectTestDatabase } from './db.js';
import { apiDriver, type ApiDriver } from './dossiers.js';
import { testLogger } from './logger.js';
import { startDevWorker, type RunningWorker } from './temporal.js';

/** What a dossier test file drives: the suite's database, a real worker, the app on its task queue. */
export interface DossierHarness {
  db: Database;
  worker: RunningWorker;
  app: AppInstance;
  api: ApiDriver;
  stop(): Promise<void>;
}

/** Starts a worker (discarding mails) and the app on its task queue; `stop()` in afterAll. */
export async function startDossierHarness(): Promise<DossierHarness> {
  const db = connectTestDatabase();
  const worker = await startDevWorker({ db, log: testLogger });
  const app = await buildTestApp(db, {}, worker.taskQueue);
  return {
    db,
    worker,
    app,
    api: apiDriver(app),
    async stop() {
      await app.close();
      await worker.stop();
      await db.destroy();
    },
  };
}
