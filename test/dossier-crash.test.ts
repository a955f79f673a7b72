import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import type { AppInstance } from '../api/app.js';
import { verifyChain } from '../db/dossier-chain.js';
import type { Database } from '../db/database.js';
import { listDossierEvents } from '../db/dossier.repository.js';
import { dossierActionUpdate } from '../workflows/dossier/messages.js';
import { buildTestApp, testTemporalClient } from './support/app.js';
import { connectTestDatabase } from './support/db.js';
import { apiDriver, ok, type ApiDriver, type DossierBody } from './support/dossiers.js';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process.js';

const taskQueue = `crash-${randomUUID()}`;
let db: Database;
let app: AppInstance;
let api: ApiDriver;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  db = connectTestDatabase();
  app = await buildTestApp(db, {}, taskQueue);
  api = apiDriver(app);
  workers.push(await startWorkerProcess(taskQueue));
});
afterAll(async () => {
  for (const w of workers) await w.stop();
  await app?.close();
  await db?.destroy();
});

describe('a worker killed in the middle of a step', () => {
  it('lets the dossier continue on a restarted worker, with every event stored exactly once', async () => {
    const { code } = (await api.receive()).json<DossierBody>();
    await ok(api.act(code, 'complete', 'receiver', { stepId: 'tiep-nhan' }));
    const principal = await db
      .selectFrom('officer')
      .selectAll()
      .where('username', '=', 'head')
      .executeTakeFirstOrThrow();
    const actor = {
      officerId: principal.id,
      username: 'head',
      fullName: principal.full_name,
      role: 'head' as const,
      divisionCode: 'QLCL',
    };

    // The worker accepts the officer's action, then dies (SIGKILL) before or while storing its event.
    const update = await testTemporalClient()
      .workflow.getHandle(code)
      .startUpdate(dossierActionUpdate, {
        args: [{ action: { type: 'complete', stepId: 'phan-cong' }, actor }],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
        updateId: `crash-${code}`,
      });
    await workers[0]!.crash();
    workers.push(await startWorkerProcess(taskQueue));

    const state = await update.result();
    expect(state.currentStep?.stepId).toBe('tham-dinh');
    const next = await ok(api.act(code, 'complete', 'head', { stepId: 'tham-dinh' }));
    expect(next.currentStep?.stepId).toBe('xem-xet');

    const events = await listDossierEvents(db, code);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(events.map((e) => e.type)).toEqual(['receive', 'complete', 'complete', 'complete']);
    expect(verifyChain(events).valid).toBe(true);
    const row = await db
      .selectFrom('dossier')
      .select(['seq', 'current_step_id'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ seq: 4, current_step_id: 'xem-xet' });
  });
});
