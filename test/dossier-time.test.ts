import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import { createCalendarService } from '../api/calendar.service.js';
import { createFileStore } from '../common/file-store.js';
import { receiveCompleteDossier } from '../api/dossier-receipt.js';
import { formatVnIso, parseIsoInstant } from '../domain/calendar/index.js';
import {
  AGENCY_DESK_ROUTE,
  type Actor,
  type DossierAction,
  type DossierState,
} from '../domain/dossier/index.js';
import type { Database } from '../db/database.js';
import { listDossierEvents } from '../db/dossier.repository.js';
import { findProcedureInForce } from '../db/procedure.repository.js';
import { ensureSearchAttributes } from '../worker/temporal-namespace.js';
import { eventually } from './support/temporal.js';
import { dossierActionUpdate, dossierStateQuery } from '../workflows/dossier/messages.js';
import { liaisonAnswerUpdate, liaisonWorkflowId } from '../workflows/liaison/messages.js';
import { connectTestDatabase } from './support/db.js';
import { samplePdf } from './support/dossiers.js';
import { createDiscardMailer } from './support/discard-mailer.js';
import { testLogger } from './support/logger.js';
import { replayAndRecord } from './support/replay.js';
import { procedureCode, units } from './support/catalog.js';
import { testStorage } from './support/storage.js';

/** Establishing a public high school: 25 working days, internal process of 200 hours (Ninh Bình). */
const SCHOOL = procedureCode('1.012944');

const actor = (username: string, role: Actor['role'], divisionCode: string | null): Actor => ({
  officerId: randomUUID(),
  username,
  fullName: username,
  role,
  divisionCode,
});
const receiver = actor('receiver', 'receiver', 'BPMC');
const tccbHead = actor('tccb-head', 'head', 'TCCB');
const tccbSpecialist = actor('tccb-specialist', 'specialist', 'TCCB');
const director = actor('director', 'director', 'BGD');
const vanthu = actor('vanthu', 'specialist', 'VP');

let env: TestWorkflowEnvironment;
let db: Database;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `time-${randomUUID()}`;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('temporalTestServerPath') } },
  });
  await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  db = connectTestDatabase();
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { code: inject('workflowBundleCode') },
    activities: createActivities({ ...testStorage(), db, log: testLogger, mailer: createDiscardMailer() }),
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await db?.destroy();
});

/** Advances the test server's clock to an instant (time only moves forward). */
async function skipTo(iso: string): Promise<void> {
  const target = parseIsoInstant(iso)!;
  const now = await env.currentTimeMs();
  if (target > now) await env.sleep(target - now);
}

async function receiveAtServerTime(): Promise<string> {
  const receivedAt = await env.currentTimeMs();
  const procedure = (await findProcedureInForce(db, 'default', SCHOOL, '2027-02-03'))!.definition;
  const calendar = (await createCalendarService(db).inForce('default', receivedAt))!;
  const receipt = await receiveCompleteDossier(
    { db, client: env.client, taskQueue },
    {
      request: {
        procedureCode: SCHOOL,
        applicant: {
          kind: 'organisation',
          fullName: 'Ủy ban nhân dân xã Hải Hậu',
          idNumber: '0600123456',
          address: 'Xã Hải Hậu, tỉnh Ninh Bình',
        },
        components: ['TOTRINH', 'DEAN', 'DATDAI'],
        channel: 'direct',
      },
      procedure,
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

const act = (code: string, action: DossierAction, by: Actor): Promise<DossierState> =>
  env.client.workflow.getHandle(code).executeUpdate(dossierActionUpdate, { args: [{ action, actor: by }] });

describe('a 25-working-day procedure received just before Tết', () => {
  let late: string;
  let onTime: string;

  it('gets the appointment counted past the Tết break (Tết 2027 by the Labour Code rules)', async () => {
    // Received Wed 03/02/2027 10:00. Tết 2027 (no decision yet, default rule): Fri 05/02 (last day of the
    // lunar year) to Tue 09/02; Sat 06 and Sun 07 are Tết days on rest days, so Wed 10 and Thu 11 are
    // compensatory days off. Working days counted: Thu 04/02 (1), Fri 12/02 (2), 15–19/02 (3–7),
    // 22–26/02 (8–12), 01–05/03 (13–17), 08–12/03 (18–22), 15, 16, 17/03 (23–25) → Wed 17/03/2027 10:00.
    await skipTo('2027-02-03T10:00:00+07:00');
    late = await receiveAtServerTime();
    onTime = await receiveAtServerTime();
    const state = await env.client.workflow.getHandle(late).query(dossierStateQuery);
    expect(formatVnIso(state.appointmentAt)).toBe('2027-03-17T10:00:00+07:00');
  });

  it('finishes before the appointment when every step is done in time: outcome early, never overdue', async () => {
    await act(onTime, { type: 'complete', stepId: 'tiep-nhan' }, receiver);
    await skipTo('2027-02-12T09:00:00+07:00');
    await act(onTime, { type: 'complete', stepId: 'phan-cong' }, tccbHead);
    await skipTo('2027-03-08T09:00:00+07:00');
    await act(onTime, { type: 'complete', stepId: 'tham-dinh' }, tccbSpecialist);
    await act(onTime, { type: 'complete', stepId: 'xem-xet' }, tccbHead);
    await act(onTime, { type: 'approve', stepId: 'ky-duyet' }, director);
    await skipTo('2027-03-15T09:00:00+07:00');
    await act(onTime, { type: 'complete', stepId: 'lien-thong-ubnd-tinh' }, tccbSpecialist);
    // The decision is a document: its digitised file is attached first. Its bytes go into the run's
    // shared store, so any later reader of this dossier (the schemathesis run) can download it.
    const stored = await createFileStore({ root: inject('storageRoot') }).put(samplePdf(), 1024 * 1024);
    const file = {
      fileId: randomUUID(),
      sha256: stored.sha256,
      fileName: 'qd.pdf',
      mediaType: 'application/pdf',
      size: stored.size,
    };
    await act(onTime, { type: 'attach_result', stepId: 'so-hoa-ket-qua', file }, vanthu);
    await act(onTime, { type: 'mark_result_ready', stepId: 'so-hoa-ket-qua' }, vanthu);
    const returned = await act(onTime, { type: 'return_result' }, receiver);
    expect(returned).toMatchObject({ phase: 'returned', status: 10, outcome: 'early', overdue: false });
  });

  it('is flagged overdue by its durable timer at the appointment, not a minute before', async () => {
    await act(late, { type: 'complete', stepId: 'tiep-nhan' }, receiver);
    await skipTo('2027-03-17T09:59:00+07:00');
    expect((await env.client.workflow.getHandle(late).query(dossierStateQuery)).overdue).toBe(false);
    await skipTo('2027-03-17T10:01:00+07:00');
    const state = await env.client.workflow.getHandle(late).query(dossierStateQuery);
    expect(state.overdue).toBe(true);
    const events = await listDossierEvents(db, late);
    const overdue = events.find((e) => e.type === 'overdue');
    expect(overdue && formatVnIso(overdue.at.getTime())).toBe('2027-03-17T10:00:00+07:00');
    const row = await db
      .selectFrom('dossier')
      .select(['overdue', 'status'])
      .where('code', '=', late)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ overdue: true, status: 4 });

    // The overdue path joins the replay fixtures (test/replay.test.ts).
    await replayAndRecord(env.client, late, 'dossier-g1-overdue.json');
  });
});

describe('a liaison the partner does not answer in time', () => {
  it('marks the liaison step late at its deadline, flags the dossier, and still takes the late answer', async () => {
    await skipTo('2027-04-05T08:00:00+07:00');
    const code = await receiveAtServerTime();
    await act(code, { type: 'complete', stepId: 'tiep-nhan' }, receiver);
    await act(code, { type: 'complete', stepId: 'phan-cong' }, tccbHead);
    await act(code, { type: 'complete', stepId: 'tham-dinh' }, tccbSpecialist);
    await act(code, { type: 'complete', stepId: 'xem-xet' }, tccbHead);
    await act(code, { type: 'approve', stepId: 'ky-duyet' }, director);
    const handle = env.client.workflow.getHandle(code);
    const waiting = await handle.query(dossierStateQuery);
    expect(waiting.liaison).toMatchObject({ status: 'waiting', late: false });
    const deadline = waiting.currentStep!.deadline;

    await env.sleep(deadline - (await env.currentTimeMs()) - 60_000);
    expect((await handle.query(dossierStateQuery)).liaison?.late).toBe(false);
    await env.sleep(120_000);
    const late = await handle.query(dossierStateQuery);
    expect(late.liaison).toMatchObject({ status: 'waiting', late: true });
    const flagged = await eventually(async () =>
      (await listDossierEvents(db, code)).find((e) => e.type === 'liaison_late'),
    );
    // Flagged when the durable timer fired, at the deadline (the timer's own latency is milliseconds).
    expect(formatVnIso(flagged.at.getTime())).toBe(formatVnIso(deadline));

    const child = env.client.workflow.getHandle(liaisonWorkflowId(code, waiting.liaison!.requestId));
    await child.executeUpdate(liaisonAnswerUpdate, {
      args: [{ answer: 'approved', note: 'Trả lời muộn', callbackId: 'late-1' }],
    });
    const moved = await eventuallyState(code, (s) => s.currentStep?.stepId === 'so-hoa-ket-qua');
    expect(moved.liaison).toMatchObject({ answer: 'approved', late: true });
    // The state moves before its audit event is stored (an activity): wait for the row.
    const answered = await eventually(async () =>
      (await listDossierEvents(db, code)).find((e) => e.type === 'liaison_answered'),
    );
    expect(answered.on_time).toBe('late');
  });
});

/** Polls the dossier's state until `ready` (the child's answer reaches the parent asynchronously). */
async function eventuallyState(code: string, ready: (s: DossierState) => boolean): Promise<DossierState> {
  for (let i = 0; i < 100; i++) {
    const s = await env.client.workflow.getHandle(code).query(dossierStateQuery);
    if (ready(s)) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dossier ${code} did not reach the expected state`);
}
