import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomInt, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { AppInstance } from '../api/app.js';
import { createLogger } from '../config/logger.js';
import type { Database } from '../db/database.js';
import { buildTestApp, testTemporalClient } from './support/app.js';
import { connectTestDatabase } from './support/db.js';
import { apiDriver, applicant, ok, walkTo, type ApiDriver, type DossierDetail } from './support/dossiers.js';
import { startTestSmtp, type TestSmtp } from './support/smtp.js';
import { eventually } from './support/temporal.js';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process.js';

/**
 * Personal data stays in the dossier's rows: a dossier walked from receipt to return by the real API and
 * the real worker process (both logging at debug level) leaves the applicant's ID number in no log line,
 * no search attribute of its workflow and no mail to an officer.
 */
let db: Database;
let app: AppInstance;
let api: ApiDriver;
let worker: WorkerProcess;
let smtp: TestSmtp;
const apiLog: string[] = [];
const idNumber = `036${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;

beforeAll(async () => {
  db = connectTestDatabase();
  smtp = await startTestSmtp();
  const taskQueue = `personal-data-${randomUUID()}`;
  worker = await startWorkerProcess(taskQueue, { LOG_LEVEL: 'debug', SMTP_URL: smtp.url });
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      apiLog.push(chunk.toString());
      done();
    },
  });
  app = await buildTestApp(db, { logger: createLogger({ LOG_LEVEL: 'debug' }, 'api', sink) }, taskQueue);
  api = apiDriver(app);
}, 90_000);

afterAll(async () => {
  await app?.close();
  await worker?.stop();
  await smtp?.close();
  await db?.destroy();
});

describe('personal data in logs, search attributes and officer mails', () => {
  it('a dossier from receipt to return leaves the ID number in none of them', async () => {
    const res = await api.receive({ applicant: { ...applicant, idNumber } });
    expect(res.statusCode, res.body).toBe(201);
    const received = res.json<DossierDetail>();
    const returned = await walkTo(api, received, null);
    expect(returned.status).toBe(10);
    // The applicant's mails carry their own data; wait for them so the worker has done its work.
    await eventually(() => Promise.resolve(smtp.received.length > 0 ? true : undefined), 20_000);
    expect(await ok(api.get(received.code))).toMatchObject({ code: received.code });

    const description = await testTemporalClient().workflow.getHandle(received.code).describe();
    expect(JSON.stringify(description.typedSearchAttributes)).not.toContain(idNumber);
    expect(apiLog.join('').length).toBeGreaterThan(0);
    expect(apiLog.join('')).not.toContain(idNumber);
    expect(worker.output()).toContain(received.code);
    expect(worker.output()).not.toContain(idNumber);
    for (const mail of smtp.received.filter((m) => !JSON.stringify(m.to).includes(applicant.email))) {
      expect(`${mail.subject ?? ''} ${mail.text ?? ''} ${mail.html || ''}`).not.toContain(idNumber);
    }
  });
});
