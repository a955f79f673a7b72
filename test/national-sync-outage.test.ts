/**
 * The national portal down for 10 minutes, then back: on the time-skipping test server (as
 * test/dossier-time.test.ts), so the pusher's durable backoff timers (10 s doubling to 5 min) really run
 * and fire while the minutes are skipped; the stand-in answers 503 over HTTP meanwhile. Afterwards every
 * status is delivered once, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createCalendarService } from '../api/calendar.service.js';
import { receiveCompleteDossier } from '../api/dossier-receipt.js';
import { toVnDate } from '../domain/calendar/index.js';
import { AGENCY_DESK_ROUTE, type Actor, type DossierAction } from '../domain/dossier/index.js';
import type { Database } from '../db/database.js';
import { listDossierStatuses } from '../db/national-sync.repository.js';
import { findProcedureInForce } from '../db/procedure.repository.js';
import { startNationalPortalStandin, type NationalPortalStandin } from '../dev/national-portal-standin.js';
import { dossierActionUpdate } from '../workflows/dossier/messages.js';
import { nationalStatusRecordedSignal, nationalSyncWorkflowId } from '../workflows/national-sync/messages.js';
import { FIRST_BACKOFF_MS, MAX_BACKOFF_MS } from '../workflows/national-sync/national-sync.workflow.js';
import { units } from './support/catalog.js';
import { connectTestDatabase } from './support/db.js';
import { createDiscardMailer } from './support/discard-mailer.js';
import { CORRECTION, applicant } from './support/dossiers.js';
import { testLogger } from './support/logger.js';
import { eventually } from './support/temporal.js';
import { startTimeSkippingWorker, testActor, type TimeSkippingWorker } from './support/time-skipping.js';

const TOKEN = 'outage-test-token';
const receiver = testActor('receiver', 'receiver', 'BPMC');
const director = testActor('director', 'director', 'BGD');

let ts: TimeSkippingWorker;
let env: TestWorkflowEnvironment;
let taskQueue: string;
let db: Database;
let portal: NationalPortalStandin;

beforeAll(async () => {
  db = connectTestDatabase();
  portal = await startNationalPortalStandin({ token: TOKEN });
  ts = await startTimeSkippingWorker((temporal) => ({
    db,
    log: testLogger,
    mailer: createDiscardMailer(),
    temporal,
    nationalPortal: { syncUrl: portal.url, token: TOKEN },
  }));
  ({ env, taskQueue } = ts);
});
afterAll(async () => {
  await ts?.stop();
  await portal?.close();
  await db?.destroy();
});

async function receive(): Promise<string> {
  const receivedAt = await env.currentTimeMs();
  const procedure = (await findProcedureInForce(db, 'default', CORRECTION.code, toVnDate(receivedAt)))!;
  const calendar = (await createCalendarService(db).inForce('default', receivedAt))!;
  const receipt = await receiveCompleteDossier(
    { db, client: env.client, taskQueue },
    {
      request: {
        procedureCode: CORRECTION.code,
        applicant: { kind: 'citizen' as const, ...applicant },
        components: CORRECTION.components,
        channel: 'postal',
      },
      procedure: procedure.definition,
      calendar,
      tenant: 'default',
      unitCode: units.department,
      desk: AGENCY_DESK_ROUTE,
      actor: receiver,
      receivedAt,
    },
  );
  return receipt.row.code;
}

const act = (code: string, action: DossierAction, by: Actor) =>
  env.client.workflow.getHandle(code).executeUpdate(dossierActionUpdate, { args: [{ action, actor: by }] });

describe('the national portal down for 10 minutes', () => {
  it('gets every status once, in order, after it is back', async () => {
    portal.setMode('down');
    const code = await receive();
    await act(code, { type: 'complete', stepId: 'tiep-nhan' }, receiver);
    await act(code, { type: 'stop', reason: 'Dừng xử lý theo đề nghị của cơ quan có thẩm quyền' }, director);
    const start = await env.currentTimeMs();
    await env.sleep('10 minutes');
    expect((await env.currentTimeMs()) - start).toBeGreaterThanOrEqual(10 * 60_000);
    // Tried again and again meanwhile (10 s, 20 s, 40 s… on durable timers), never delivered.
    const failing = await listDossierStatuses(db, 'default', code);
    expect(failing.map((r) => r.national_status)).toEqual([2, 4, 8]);
    expect(failing[0]!.attempts).toBeGreaterThanOrEqual(5);
    expect(failing[0]!.last_error).toMatch(/HTTP 503/);
    // In order: nothing after the first pending status was even tried.
    expect(failing.slice(1).every((r) => r.attempts === 0)).toBe(true);
    expect(portal.received.filter((r) => r.dossierCode === code)).toEqual([]);

    portal.setMode('up');
    await env.sleep(MAX_BACKOFF_MS + 1_000);
    const rows = await listDossierStatuses(db, 'default', code);
    expect(rows.every((r) => r.delivered_at !== null && r.last_error === null)).toBe(true);
    const got = portal.received.filter((r) => r.dossierCode === code);
    expect(got.map((r) => [r.statusSeq, r.status])).toEqual([
      [1, 2],
      [2, 4],
      [3, 8],
    ]);
    expect(got[0]!.document).toMatchObject({ KenhThucHien: 3, TrangThaiHoSo: 2 });
  });
});

describe('a short outage during a burst of statuses', () => {
  it('is retried on the first waits, not after a wait doubled by every new status', async () => {
    portal.setMode('down');
    const code = await receive();
    const attempts = async () => (await listDossierStatuses(db, 'default', code))[0]?.attempts ?? 0;
    await eventually(async () => ((await attempts()) >= 1 ? true : undefined));
    // Six more statuses (here: re-push signals) while the portal is down: each starts a round that fails.
    const pusher = env.client.workflow.getHandle(nationalSyncWorkflowId(code));
    for (let i = 0; i < 6; i++) {
      const before = await attempts();
      await pusher.signal(nationalStatusRecordedSignal);
      await eventually(async () => ((await attempts()) > before ? true : undefined));
    }
    portal.setMode('up');
    // Before the fix the wait had doubled with every round, to its 5-minute cap.
    await env.sleep(4 * FIRST_BACKOFF_MS);
    const rows = await listDossierStatuses(db, 'default', code);
    expect(rows.every((r) => r.delivered_at !== null)).toBe(true);
    expect(portal.received.filter((r) => r.dossierCode === code).map((r) => r.statusSeq)).toEqual([1]);
  });
});
