import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type { AppInstance } from '../api/app.js';
import type { Database } from '../db/database.js';
import { buildTestApp, testTemporalClient } from './support/app.js';
import { connectTestDatabase } from './support/db.js';
import { apiDriver, ok, walkCorrection, type ApiDriver, type DossierBody } from './support/dossiers.js';
import { testLogger } from './support/logger.js';
import { startDevWorker, type RunningWorker } from './support/temporal.js';

/**
 * Replay tests. Committed histories (test/replay/histories/*.json) were recorded from dossiers of every
 * path; replaying them with today's workflow code proves that running dossiers survive the change (a
 * change that needs `patched()` fails here). Set RECORD_HISTORIES=1 to re-record them from this run.
 */
const historiesDir = fileURLToPath(new URL('./replay/histories/', import.meta.url));

let db: Database;
let worker: RunningWorker;
let app: AppInstance;
let api: ApiDriver;

beforeAll(async () => {
  db = connectTestDatabase();
  worker = await startDevWorker({ db, log: testLogger });
  app = await buildTestApp(db, {}, worker.taskQueue);
  api = apiDriver(app);
});
afterAll(async () => {
  await app?.close();
  await worker?.stop();
  await db?.destroy();
});

/** Runs each path of the dossier workflow once, returning the workflow id of each by path name. */
async function runEveryPath(): Promise<Record<string, string>> {
  const receive = async () => (await api.receive()).json<DossierBody>().code;
  const straight = await receive();
  await walkCorrection(api, straight);

  const supplement = await receive();
  await ok(api.act(supplement, 'complete', 'receiver', { stepId: 'tiep-nhan' }));
  await ok(
    api.act(supplement, 'supplement-request', 'head', {
      reason: 'Thiếu bản sao khai sinh',
      items: ['Giấy khai sinh'],
    }),
  );
  await ok(api.act(supplement, 'supplement-received', 'receiver', { note: 'Đã bổ sung' }));
  await ok(
    api.act(supplement, 'send-back', 'head', { stepId: 'phan-cong', reason: 'Chuyển lại bộ phận một cửa' }),
  );

  const refused = await receive();
  await ok(api.act(refused, 'complete', 'receiver', { stepId: 'tiep-nhan' }));
  await ok(api.act(refused, 'refuse', 'head', { reasons: ['Văn bằng không do Sở cấp'] }));

  const withdrawn = await receive();
  await ok(api.act(withdrawn, 'withdraw', 'receiver', { reason: 'Công dân xin rút hồ sơ' }));
  await ok(api.act(withdrawn, 'stop', 'receiver', { reason: 'Đã rút hồ sơ' }));

  const stopped = await receive();
  await ok(api.act(stopped, 'assign', 'admin', { stepId: 'tiep-nhan', assignee: 'receiver' }));
  await ok(api.act(stopped, 'stop', 'director', { reason: 'Dừng theo chỉ đạo' }));
  return { straight, supplement, refused, withdrawn, stopped };
}

describe('replaying dossier histories', () => {
  it('replays the committed histories of every path with the current workflow code', async () => {
    const files = (await readdir(historiesDir)).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    const histories = await Promise.all(
      files.map(async (file) => ({
        workflowId: file.replace(/\.json$/, ''),
        history: historyFromJSON(JSON.parse(await readFile(join(historiesDir, file), 'utf8'))),
      })),
    );
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { code: inject('workflowBundleCode') } },
      histories,
    )) {
      expect(result.error, result.workflowId).toBeUndefined();
    }
  });

  it('replays the histories of this run deterministically (and records them with RECORD_HISTORIES=1)', async () => {
    const ids = await runEveryPath();
    const client = testTemporalClient();
    for (const [path, workflowId] of Object.entries(ids)) {
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      await Worker.runReplayHistory(
        { workflowBundle: { code: inject('workflowBundleCode') } },
        history,
        workflowId,
      );
      if (process.env.RECORD_HISTORIES === '1') {
        await writeFile(join(historiesDir, `dossier-${path}.json`), historyToJSON(history));
      }
    }
  });
});
