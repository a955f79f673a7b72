/**
 * The escalation ladder on time-skipping Temporal, the real activities, PostgreSQL and a real SMTP server:
 * an untouched dossier walks the ladder in order on working time, one mail per recipient and level; a
 * dossier on schedule is flagged 2 working days ahead and its apology signed on the last day is late; a
 * published day off moves the pending deadlines and the next escalation;
 * the morning digest has its schedule; a worker restart between the timer and the mail sends it once. Dates are in 2031 so that the calendar version
 * published here touches no other test.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { ParsedMail } from 'mailparser';
import { createActivities } from '../activities/index.js';
import { createMailer } from '../common/mailer.js';
import { receiveCompleteDossier } from '../api/dossier-receipt.js';
import {
  createWorkingCalendar,
  defaultVietnamCalendar,
  formatVnIso,
  parseIsoInstant,
} from '../domain/calendar/index.js';
import { AGENCY_DESK_ROUTE, type Actor, type DossierState } from '../domain/dossier/index.js';
import { insertCalendarVersion } from '../db/calendar.repository.js';
import type { Database } from '../db/database.js';
import { listDossierEvents } from '../db/dossier.repository.js';
import { findNotification } from '../db/notification.repository.js';
import { findProcedureInForce } from '../db/procedure.repository.js';
import { ensureDigestSchedules } from '../worker/schedules.js';
import { ensureSearchAttributes } from '../worker/temporal-namespace.js';
import {
  calendarRolloutWorkflow,
  calendarRolloutWorkflowId,
} from '../workflows/calendar-rollout.workflow.js';
import { dossierActionUpdate, dossierStateQuery } from '../workflows/dossier/messages.js';
import { connectTestDatabase } from './support/db.js';
import { testLogger } from './support/logger.js';
import { replayAndRecord as replayHistory } from './support/replay.js';
import { startTestSmtp, type TestSmtp } from './support/smtp.js';
import { procedureCode, units } from './support/catalog.js';
import { testStorage } from './support/storage.js';

/** Chỉnh sửa nội dung văn bằng: 5 working days; steps of 4 + 2 + 20 + 4 + 6 + 2 + 2 legal hours. */
const CORRECTION = procedureCode('3.000466');
const APPLICANT = 'nguoi-nop-ho-so@example.vn';
const LEADERS = ['deputy@motcua.local', 'director@motcua.local'];

const actor = (username: string, role: Actor['role'], divisionCode: string | null): Actor => ({
  officerId: randomUUID(),
  username,
  fullName: username,
  role,
  divisionCode,
});
const receiver = actor('receiver', 'receiver', 'BPMC');
const director = actor('director', 'director', 'BGD');

let env: TestWorkflowEnvironment;
let db: Database;
let smtp: TestSmtp;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `escalation-${randomUUID()}`;

async function startWorker(): Promise<void> {
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { code: inject('workflowBundleCode') },
    activities: createActivities({
      ...testStorage(),
      db,
      log: testLogger,
      mailer: createMailer({ smtpUrl: smtp.url, from: 'Một Cửa <motcua@motcua.local>' }),
      publicBaseUrl: 'https://motcua.example.vn',
    }),
  });
  running = worker.run();
}

async function stopWorker(): Promise<void> {
  worker.shutdown();
  await running;
}

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('temporalTestServerPath') } },
  });
  await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  db = connectTestDatabase();
  smtp = await startTestSmtp();
  await startWorker();
});
afterAll(async () => {
  if (worker) await stopWorker();
  await env?.teardown();
  await smtp?.close();
  await db?.destroy();
});

/** Advances the test server's clock to an instant (time only moves forward). */
async function skipTo(iso: string): Promise<void> {
  const target = parseIsoInstant(iso)!;
  const now = await env.currentTimeMs();
  if (target > now) await env.sleep(target - now);
}

async function receive(email?: string): Promise<string> {
  const receivedAt = await env.currentTimeMs();
  const procedure = (await findProcedureInForce(db, 'default', CORRECTION, '2031-01-01'))!.definition;
  const receipt = await receiveCompleteDossier(
    { db, client: env.client, taskQueue },
    {
      request: {
        procedureCode: CORRECTION,
        applicant: {
          kind: 'citizen',
          fullName: 'Nguyễn Thị Hoà',
          idNumber: '036190001234',
          address: 'Xã Hải Hậu, tỉnh Ninh Bình',
          ...(email ? { email } : {}),
        },
        components: ['DON', 'VB', 'HT', 'KS', 'GTTT'],
        channel: 'direct',
      },
      procedure,
      calendar: createWorkingCalendar(defaultVietnamCalendar('default')),
      tenant: 'default',
      unitCode: units.department,
      desk: AGENCY_DESK_ROUTE,
      actor: receiver,
      receivedAt,
    },
  );
  return receipt.row.code;
}

const state = (code: string): Promise<DossierState> =>
  env.client.workflow.getHandle(code).query(dossierStateQuery);

/** Mails about one dossier, by notification key. */
const mailsOf = (code: string): ParsedMail[] =>
  smtp.received.filter((m) => m.headers.get('x-mot-cua-dossier') === code);
const keyOf = (m: ParsedMail): string => {
  const key = m.headers.get('x-mot-cua-notification');
  return typeof key === 'string' ? key : '';
};
const to = (m: ParsedMail): string[] =>
  (Array.isArray(m.to) ? m.to : [m.to])
    .flatMap((a) => a?.value ?? [])
    .map((v) => v.address ?? '')
    .sort();

async function eventually<T>(
  read: () => Promise<T> | T,
  ok: (v: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`timed out; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Replays a dossier's history with the current code; RECORD_HISTORIES=1 keeps it for test/replay.test.ts. */
const replayAndRecord = (code: string, name: string): Promise<void> => replayHistory(env.client, code, name);

const eventTimes = async (code: string, types: string[]) =>
  (await listDossierEvents(db, code))
    .filter((e) => types.includes(e.type))
    .map((e) => [e.type, formatVnIso(e.at.getTime()).slice(0, 16)]);

describe('a dossier left untouched', () => {
  let code: string;

  it(
    'walks the ladder in order on working time, each recipient getting one mail per level',
    { timeout: 120_000 },
    async () => {
      await skipTo('2031-03-03T08:00:00+07:00'); // Monday
      code = await receive(APPLICANT);
      expect(formatVnIso((await state(code)).appointmentAt)).toBe('2031-03-10T08:00:00+07:00');
      await eventually(
        () => mailsOf(code),
        (m) => m.length === 1,
      );

      await skipTo('2031-03-03T16:00:00+07:00');
      await eventually(
        () => mailsOf(code),
        (m) => m.length === 4,
      );
      await skipTo('2031-03-10T09:00:00+07:00');
      await eventually(
        () => mailsOf(code),
        (m) => m.length === 5,
      );
      expect(await eventTimes(code, ['step_reminder', 'step_overdue', 'at_risk', 'overdue'])).toEqual([
        ['step_reminder', '2031-03-03T10:49'],
        ['step_overdue', '2031-03-03T13:45'],
        ['at_risk', '2031-03-03T15:38'],
        ['overdue', '2031-03-10T08:00'],
      ]);
      const mails = mailsOf(code);
      expect(mails.map((m) => [keyOf(m).split(':').slice(2).join(':'), to(m)])).toEqual([
        ['applicant:received', [APPLICANT]],
        [expect.stringMatching(/^step:tiep-nhan:\d+:reminder$/), ['receiver@motcua.local']],
        // The one-stop desk has no head of its own: its overdue step goes to the leadership.
        [expect.stringMatching(/^step:tiep-nhan:\d+:overdue$/), LEADERS],
        ['at_risk', LEADERS],
        [expect.stringMatching(/^overdue:\d+$/), LEADERS],
      ]);
      expect(new Set(mails.map(keyOf)).size).toBe(mails.length);
      // Vietnamese, HTML and text, with the facts a reader needs.
      const atRisk = mails[3]!;
      expect(atRisk.subject).toContain(`[Nguy cơ trễ hẹn] Hồ sơ ${code}`);
      expect(atRisk.text).toContain('Chỉnh sửa nội dung văn bằng, chứng chỉ');
      expect(atRisk.text).toContain('08:00 ngày 10/03/2031');
      expect(atRisk.html).toContain(`https://motcua.example.vn/ho-so/${encodeURIComponent(code)}`);
      expect(mails[4]!.subject).toMatch(/^\[Trễ hẹn\]/);
      expect(mails[2]!.text).toContain('Tiếp nhận');
    },
  );

  it('needs one apology signed by a leader; missing the new appointment is overdue again', async () => {
    await skipTo('2031-03-11T09:00:00+07:00');
    const handle = env.client.workflow.getHandle(code);
    const signed = await handle.executeUpdate(dossierActionUpdate, {
      args: [
        {
          action: {
            type: 'sign_apology',
            reason: 'Cần xác minh thêm hồ sơ gốc',
            newAppointmentDate: '2031-03-14',
          },
          actor: director,
        },
      ],
    });
    expect(formatVnIso(signed.appointmentAt)).toBe('2031-03-14T17:00:00+07:00');
    expect(signed.overdue).toBe(false);
    await expect(
      handle.executeUpdate(dossierActionUpdate, {
        args: [
          {
            action: { type: 'sign_apology', reason: 'Lần hai', newAppointmentDate: '2031-03-20' },
            actor: director,
          },
        ],
      }),
    ).rejects.toMatchObject({ cause: { type: 'DOSSIER.APOLOGY_ALREADY_SIGNED' } });
    const apology = await eventually(
      () => mailsOf(code).filter((m) => keyOf(m).endsWith(':applicant:apology')),
      (m) => m.length === 1,
    );
    expect(apology[0]!.text).toContain('Ngày hẹn trả kết quả mới: 17:00 ngày 14/03/2031');

    await skipTo('2031-03-17T08:00:00+07:00');
    const overdue = await eventually(
      () => mailsOf(code).filter((m) => /:overdue:\d+$/.test(keyOf(m))),
      (m) => m.length === 2,
    );
    expect(new Set(overdue.map(keyOf)).size).toBe(2);
    const events = await listDossierEvents(db, code);
    expect(events.filter((e) => e.type === 'overdue').map((e) => e.payload)).toEqual([
      expect.not.objectContaining({ afterApology: true }),
      expect.objectContaining({ afterApology: true }),
    ]);
    // Signed after the appointment it moved: past its legal limit (Fri 07/03 17:00), recorded late.
    expect((await state(code)).apology).toMatchObject({
      signedBy: 'director',
      late: true,
      dueBy: parseIsoInstant('2031-03-07T17:00:00+07:00'),
    });
    await replayAndRecord(code, 'dossier-g1-escalation.json');
  });
});

describe('a published day off', () => {
  it(
    'moves the pending deadlines and the next escalation, with the reason recorded',
    { timeout: 120_000 },
    async () => {
      await skipTo('2031-03-28T16:00:00+07:00'); // Friday
      const code = await receive();
      const before = await state(code);
      await skipTo('2031-03-28T16:30:00+07:00');
      const definition = {
        ...defaultVietnamCalendar('default'),
        name: 'Lịch 2031 – nghỉ thêm ngày 31/03',
        effectiveFrom: '2031-03-01',
        decisions: [
          ...defaultVietnamCalendar('default').decisions,
          {
            year: 2031,
            reference: 'Quyết định thử nghiệm',
            entries: [
              { date: '2031-03-31', kind: 'day_off' as const, reason: 'Nghỉ theo quyết định của tỉnh' },
            ],
          },
        ],
      };
      const published = await db
        .transaction()
        .execute((trx) => insertCalendarVersion(trx, definition, 'test'));
      // Started, not awaited: awaiting a result lets the test server skip time (past the reminder).
      await env.client.workflow.start(calendarRolloutWorkflow, {
        taskQueue,
        workflowId: calendarRolloutWorkflowId('default', published.version),
        args: [{ tenant: 'default', version: published.version }],
      });
      const after = await eventually(
        () => state(code),
        (s) => s.calendarVersion === published.version,
      );
      // Received Friday 16:00: one hour that day, then working days (Tue 01/04/2031 is Giỗ Tổ Hùng
      // Vương). Monday 31/03 off moves the appointment by a day and the receipt step's budget to Wednesday.
      expect(formatVnIso(before.appointmentAt)).toBe('2031-04-07T16:00:00+07:00');
      expect(formatVnIso(after.appointmentAt)).toBe('2031-04-08T16:00:00+07:00');
      expect(formatVnIso(before.currentStep!.deadline)).toBe('2031-03-31T10:15:00+07:00');
      expect(formatVnIso(after.currentStep!.deadline)).toBe('2031-04-02T10:15:00+07:00');
      const changed = (await listDossierEvents(db, code)).find((e) => e.type === 'calendar_changed')!;
      expect(changed.payload).toMatchObject({ fromVersion: 1, toVersion: published.version });
      expect(JSON.stringify(changed.payload)).toContain(
        'ngày 31/03/2031 là ngày nghỉ (Nghỉ theo quyết định của tỉnh)',
      );

      await skipTo('2031-04-01T16:00:00+07:00'); // the reminder would have fired at 09:19 on Monday
      await new Promise((r) => setTimeout(r, 500));
      expect(mailsOf(code).map(keyOf)).toEqual([]);
      await skipTo('2031-04-02T10:00:00+07:00');
      await eventually(
        () => mailsOf(code),
        (m) => m.length === 1,
      );
      expect(await eventTimes(code, ['step_reminder'])).toEqual([['step_reminder', '2031-04-02T09:19']]);
      await replayAndRecord(code, 'dossier-g1-calendar-change.json');
    },
  );
});

describe('a dossier whose steps keep their budgets', () => {
  it(
    'warns the leadership 2 working days ahead, with the apology limit; signed on the last day it is late',
    { timeout: 120_000 },
    async () => {
      await skipTo('2031-04-03T13:30:00+07:00'); // Thursday
      const code = await receive();
      const handle = env.client.workflow.getHandle(code);
      const admin = actor('admin', 'admin', null);
      // 26 of the 40 legal hours done at once: the budgets leave slack, only the last-days rule speaks.
      for (const stepId of ['tiep-nhan', 'phan-cong', 'tham-dinh']) {
        await handle.executeUpdate(dossierActionUpdate, {
          args: [{ action: { type: 'complete', stepId }, actor: admin }],
        });
      }
      const appointmentAt = (await state(code)).appointmentAt;
      expect(formatVnIso(appointmentAt)).toBe('2031-04-10T13:30:00+07:00');

      await skipTo('2031-04-08T16:00:00+07:00');
      const [atRisk] = await eventually(
        () => mailsOf(code).filter((m) => keyOf(m).endsWith(':at_risk')),
        (m) => m.length === 1,
      );
      const [event] = (await listDossierEvents(db, code)).filter((e) => e.type === 'at_risk');
      expect(event!.payload).toMatchObject({ reason: 'last_day' });
      // Two working days before the appointment (Thu 13:30): Tue 13:30, to the whole minute.
      expect(formatVnIso(event!.at.getTime()).slice(0, 15)).toBe('2031-04-08T13:3');
      const cal = createWorkingCalendar(defaultVietnamCalendar('default'));
      // Two full working days ahead, but for the receipt's seconds (the alert falls on a whole minute).
      const ahead = cal.workingMinutesBetween(event!.at.getTime(), appointmentAt);
      expect(Math.round(ahead)).toBeGreaterThanOrEqual(2 * cal.workingMinutesPerDay - 1);
      expect(ahead).toBeLessThanOrEqual(2 * cal.workingMinutesPerDay);
      // The apology is due by the end of the working day before the appointment day.
      expect(atRisk!.text).toContain('chậm nhất 17:00 ngày 09/04/2031');
      expect(atRisk!.text).toContain('Hạn ký văn bản xin lỗi: 17:00 ngày 09/04/2031');

      await skipTo('2031-04-10T09:00:00+07:00'); // the appointment's day: past the limit, not yet overdue
      const signed = await handle.executeUpdate(dossierActionUpdate, {
        args: [
          {
            action: {
              type: 'sign_apology',
              reason: 'Chờ ý kiến phòng chuyên môn',
              newAppointmentDate: '2031-04-11',
            },
            actor: director,
          },
        ],
      });
      const dueBy = parseIsoInstant('2031-04-09T17:00:00+07:00');
      expect(signed.apology).toMatchObject({ late: true, dueBy });
      expect(signed.overdue).toBe(false);
      const [stored] = (await listDossierEvents(db, code)).filter((e) => e.type === 'sign_apology');
      expect(stored!.payload).toMatchObject({ late: true, dueBy });
      const row = await db
        .selectFrom('dossier')
        .select(['apology_late', 'apology_signed_at'])
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ apology_late: true, apology_signed_at: expect.any(Date) });
      await replayAndRecord(code, 'dossier-g1-apology-late.json');
    },
  );
});

describe('a calendar rollout whose publication never committed', () => {
  it('waits for the version, then ends without signalling any dossier', async () => {
    const result = await env.client.workflow.execute(calendarRolloutWorkflow, {
      taskQueue,
      workflowId: calendarRolloutWorkflowId('default', 9999),
      args: [{ tenant: 'default', version: 9999 }],
    });
    expect(result).toEqual({ signalled: 0 });
  });
});

describe('the morning digest schedule', () => {
  it('is started by a schedule every morning at 07:30 Vietnam time, created once', async () => {
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    try {
      const client = new Client({ connection, namespace: inject('temporalNamespace') });
      const tenants = [`digest-${randomUUID().slice(0, 8)}`];
      expect(await ensureDigestSchedules(client, { taskQueue, tenants })).toEqual([
        `leadership-digest:${tenants[0]}`,
      ]);
      expect(await ensureDigestSchedules(client, { taskQueue, tenants })).toEqual([]);
      const handle = client.schedule.getHandle(`leadership-digest:${tenants[0]}`);
      const described = await handle.describe();
      expect(described.spec.timezone).toBe('Asia/Ho_Chi_Minh');
      expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 7, end: 7, step: 1 }] });
      await handle.delete();
    } finally {
      await connection.close();
    }
  });
});

describe('delivery', () => {
  // Last in the file: the test server's time skipping misbehaves once an activity is retrying, so this test
  // lets real time run (no skipping) while the mail is retried.
  it(
    'sends one mail when the worker restarts between the timer and the mail',
    { timeout: 120_000 },
    async () => {
      await skipTo('2031-04-14T08:00:00+07:00'); // Monday
      const code = await receive();
      await skipTo('2031-04-14T10:48:59+07:00');
      smtp.setMode('tempfail');
      await skipTo('2031-04-14T10:49:01+07:00'); // the reminder timer (10:49) fires
      // The mail is recorded and its first attempt refused: the worker goes away before it is delivered.
      const { key } = await eventually(
        () =>
          db
            .selectFrom('notification')
            .select(['key', 'attempts'])
            .where('dossier_code', '=', code)
            .where('kind', '=', 'step_reminder')
            .executeTakeFirst(),
        (n) => n !== undefined && n.attempts >= 1,
      ).then((n) => n!);
      expect(key).toMatch(/:reminder$/);
      await stopWorker();
      smtp.setMode('ok');
      await startWorker();
      await eventually(
        () => mailsOf(code).filter((m) => keyOf(m) === key),
        (m) => m.length === 1,
        60_000,
      );
      expect((await findNotification(db, key))?.status).toBe('sent');
      await new Promise((r) => setTimeout(r, 1000));
      expect(mailsOf(code).filter((m) => keyOf(m) === key)).toHaveLength(1);
    },
  );
});
