/**
 * The online submission workflow takes its decisions from PostgreSQL, not from signals (docs/domain.md,
 * "Online receipt"). On the time-skipping test server (as test/national-sync-outage.test.ts), so its
 * 2-hour re-check timer really runs: a decision stored while the API cannot reach Temporal (a second app
 * whose client points at a closed port) is mailed at the next re-check; repeated wake-ups mail nothing
 * twice; a workflow whose submission was never committed ends. Mails go over real SMTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { AppInstance } from '../api/app.js';
import { createMailer, type Mailer } from '../common/mailer.js';
import type { Database } from '../db/database.js';
import { onlineDecisionSignal, onlineSubmissionWorkflowId } from '../workflows/online-submission/messages.js';
import {
  onlineSubmissionWorkflow,
  RECHECK_MS,
} from '../workflows/online-submission/online-submission.workflow.js';
import { buildTestApp, loginAs } from './support/app.js';
import { testCitizens } from './support/citizen.js';
import { connectTestDatabase } from './support/db.js';
import { testLogger } from './support/logger.js';
import { minimalPdf } from './support/pdf.js';
import { citizenHeadersAt, completeWith, submitCorrection, uploadAs } from './support/portal.js';
import { startTestSmtp, type TestSmtp } from './support/smtp.js';
import { eventually } from './support/temporal.js';
import { startTimeSkippingWorker, type TimeSkippingWorker } from './support/time-skipping.js';

const who = testCitizens.an;
let ts: TimeSkippingWorker;
let env: TestWorkflowEnvironment;
let db: Database;
let smtp: TestSmtp;
let mailer: Mailer;
let app: AppInstance;
/** The same API, but its Temporal client cannot connect: every signal it sends fails. */
let offline: AppInstance;
let clock = 0;

beforeAll(async () => {
  db = connectTestDatabase();
  smtp = await startTestSmtp();
  mailer = createMailer({ smtpUrl: smtp.url, from: '"Sở GDĐT" <motcua@localhost>' });
  ts = await startTimeSkippingWorker((temporal) => ({ db, log: testLogger, mailer, temporal }));
  env = ts.env;
  const temporal = { taskQueue: ts.taskQueue, namespace: 'default', uiUrl: 'http://localhost:8233' };
  const now = () => clock;
  app = await buildTestApp(db, { now, temporal: { ...temporal, client: env.client } }, ts.taskQueue);
  const unreachable = Connection.lazy({
    address: '127.0.0.1:1',
    connectTimeout: 500,
    // One attempt, so each refused signal fails in half a second rather than after the SDK's retries.
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 1 }))],
  });
  const client = new Client({ connection: unreachable });
  offline = await buildTestApp(db, { now, temporal: { ...temporal, client } }, ts.taskQueue);
});

afterAll(async () => {
  await offline?.close();
  await app?.close();
  await ts?.stop();
  mailer?.close();
  await smtp?.close();
  await db?.destroy();
});

async function submit() {
  clock = await env.currentTimeMs();
  const headers = await citizenHeadersAt(db, who, clock);
  const res = await submitCorrection(app, headers, who);
  expect(res.statusCode, res.body).toBe(201);
  const code = res.json<{ code: string }>().code;
  await mailsTo(code, /Đã nhận hồ sơ nộp trực tuyến/, 1);
  return code;
}

async function decide(via: AppInstance, code: string, action: string, payload?: object) {
  clock = await env.currentTimeMs();
  const res = await via.inject({
    method: 'POST',
    url: `/online-submissions/${code}/${action}`,
    headers: await loginAs(via, 'receiver'),
    ...(payload ? { payload } : {}),
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
}

/** The mails of a submission whose subject matches, once there are `n` of them. */
const mailsTo = (code: string, subject: RegExp, n: number) =>
  eventually(() => {
    const found = smtp.received.filter((m) => (m.subject ?? '').includes(code) && subject.test(m.subject!));
    return Promise.resolve(found.length >= n ? found : undefined);
  });

const ledger = async (code: string) =>
  (
    await db
      .selectFrom('notification')
      .select('key')
      .where('dossier_code', '=', code)
      .where('key', 'like', 'online:%')
      .execute()
  )
    .map((r) => r.key)
    .sort();

describe('online submission workflow: the database is the source of truth', () => {
  it('mails a refusal stored while Temporal was unreachable at the next re-check, then ends', async () => {
    const code = await submit();
    await decide(offline, code, 'refuse', { reason: 'Văn bằng không do Sở cấp.' });
    await env.sleep(RECHECK_MS / 2);
    expect(await ledger(code)).toEqual([`online:${code}:submitted`]);

    await env.sleep(RECHECK_MS / 2 + 60_000);
    const [refusal] = await mailsTo(code, /không được tiếp nhận/, 1);
    expect(refusal!.text).toContain('Lý do: Văn bằng không do Sở cấp.');
    const handle = env.client.workflow.getHandle(onlineSubmissionWorkflowId(code));
    expect(await handle.result()).toBe('refused');
    // Decided long before its check deadline: the receivers are not reminded.
    expect(await ledger(code)).toEqual([`online:${code}:refused`, `online:${code}:submitted`]);
  });

  it('mails a lost completion request once, whatever wakes it again, and trusts no signal payload', async () => {
    const code = await submit();
    await decide(offline, code, 'request-completion', {
      components: ['KS'],
      note: 'Bản scan giấy khai sinh bị mờ.',
    });
    await env.sleep(RECHECK_MS + 60_000);
    const [request] = await mailsTo(code, /Yêu cầu bổ sung/, 1);
    expect(request!.text).toContain('1. Giấy khai sinh');
    expect(request!.text).toContain('Bản scan giấy khai sinh bị mờ.');

    // Wake-ups again and again, one of them claiming a refusal the desk never made.
    const handle = env.client.workflow.getHandle(onlineSubmissionWorkflowId(code));
    const claim = { kind: 'refused' as const, at: clock, reason: 'Không có thật' };
    await handle.signal(onlineDecisionSignal, claim);
    await handle.signal(onlineDecisionSignal, claim);
    await env.sleep(RECHECK_MS + 60_000);

    clock = await env.currentTimeMs();
    const headers = await citizenHeadersAt(db, who, clock);
    const up = await uploadAs(app, headers, minimalPdf(`khai sinh ${code}`), 'khai-sinh.pdf');
    const done = await completeWith(app, headers, code, up.json<{ fileId: string }>().fileId);
    expect(done.statusCode, done.body).toBe(200);
    await decide(app, code, 'accept');
    expect(await handle.result()).toBe('accepted');
    await mailsTo(code, /đã được tiếp nhận/, 1);
    const mails = smtp.received.filter((m) => (m.subject ?? '').includes(code)).map((m) => m.subject);
    expect(mails.filter((s) => /Yêu cầu bổ sung/.test(s!))).toHaveLength(1);
    expect(mails.filter((s) => /không được tiếp nhận/.test(s!))).toHaveLength(0);
    expect(await ledger(code)).toEqual([
      `online:${code}:accepted`,
      `online:${code}:completion_requested:1`,
      `online:${code}:submitted`,
    ]);
  });

  it('ends quietly when the submission it was started for is never stored', async () => {
    const code = `ORPHAN-${Date.now()}`;
    const handle = await env.client.workflow.start(onlineSubmissionWorkflow, {
      taskQueue: ts.taskQueue,
      workflowId: onlineSubmissionWorkflowId(code),
      args: [{ code, tenant: 'default', checkBy: (await env.currentTimeMs()) + 60 * 60_000 }],
    });
    const start = await env.currentTimeMs();
    expect(await handle.result()).toBe('missing');
    expect((await env.currentTimeMs()) - start).toBeGreaterThanOrEqual(10 * 60_000);
    expect(await ledger(code)).toEqual([]);
  });
});
