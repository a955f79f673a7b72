/**
 * A worker killed with SIGKILL while it pushes a status to the national portal (the stand-in holds the
 * request: mode 'slow'), then restarted: no status is lost or delivered twice. The worker runs as a
 * separate process (test/support/worker-process.ts) on the real Temporal dev server and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { AppInstance } from '../api/app.js';
import type { Database } from '../db/database.js';
import { listDossierStatuses } from '../db/national-sync.repository.js';
import { startNationalPortalStandin, type NationalPortalStandin } from '../dev/national-portal-standin.js';
import { buildTestApp } from './support/app.js';
import { connectTestDatabase } from './support/db.js';
import { apiDriver, ok, walkTo, type ApiDriver, type DossierDetail } from './support/dossiers.js';
import { eventually } from './support/temporal.js';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process.js';

const TOKEN = 'crash-test-token';
const taskQueue = `sync-crash-${randomUUID()}`;
let db: Database;
let app: AppInstance;
let api: ApiDriver;
let portal: NationalPortalStandin;
const workers: WorkerProcess[] = [];

const startWorker = async () =>
  workers.push(
    await startWorkerProcess(taskQueue, {
      NATIONAL_PORTAL_SYNC_URL: portal.url,
      NATIONAL_PORTAL_TOKEN: TOKEN,
    }),
  );

beforeAll(async () => {
  db = connectTestDatabase();
  portal = await startNationalPortalStandin({ token: TOKEN });
  app = await buildTestApp(db, {}, taskQueue);
  api = apiDriver(app);
  await startWorker();
});
afterAll(async () => {
  for (const w of workers) await w.stop();
  await app?.close();
  await portal?.close();
  await db?.destroy();
});

describe('a worker killed in the middle of a push', () => {
  it('loses no status and doubles none once a worker runs again', { timeout: 120_000 }, async () => {
    portal.setMode('slow', 3_000);
    const raw = portal.rawCount();
    const received = (await ok(api.receive())) as DossierDetail;
    // The push of status 2 has reached the portal, which holds it: kill the worker now.
    await eventually(() => Promise.resolve(portal.rawCount() > raw ? true : undefined), 20_000);
    await workers[0]!.crash();
    portal.setMode('up');
    await startWorker();

    const done = await walkTo(api, received, null);
    expect(done.status).toBe(10);
    const rows = await eventually(async () => {
      const all = await listDossierStatuses(db, 'default', done.code);
      return all.length === 4 && all.every((r) => r.delivered_at !== null) ? all : undefined;
    }, 60_000);
    expect(rows.map((r) => r.national_status)).toEqual([2, 4, 9, 10]);
    const got = portal.received.filter((r) => r.dossierCode === done.code);
    expect(got.map((r) => [r.statusSeq, r.status])).toEqual([
      [1, 2],
      [2, 4],
      [3, 9],
      [4, 10],
    ]);
    // Status 2 was sent at least twice (before and after the crash) and kept once.
    expect(portal.rawCount() - raw).toBeGreaterThan(4);
  });
});
