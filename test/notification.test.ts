import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger, type LogEntry } from '@temporalio/worker';
import type { ParsedMail } from 'mailparser';
import { createMailer, type Mailer } from '../common/mailer.js';
import {
  createNotificationActivities,
  notificationMessageId,
  type NotificationRecipient,
  type SendNotificationInput,
  type SendNotificationResult,
} from '../activities/notification.activities.js';
import { applicantApologyMail, stepOverdueMail } from '../activities/notification-templates.js';
import type { AppInstance } from '../api/app.js';
import type { Database } from '../db/database.js';
import { findNotification } from '../db/notification.repository.js';
import type { Role } from '../domain/roles.js';
import { buildTestApp, loginAs } from './support/app.js';
import { connectTestDatabase } from './support/db.js';
import { startTestSmtp, type TestSmtp } from './support/smtp.js';

const PUBLIC_BASE_URL = 'http://motcua.test';
const DEC1_17H = Date.UTC(2026, 11, 1, 10, 0);

let db: Database;
let smtp: TestSmtp;
let mailer: Mailer;
let app: AppInstance;

beforeAll(async () => {
  db = connectTestDatabase();
  smtp = await startTestSmtp();
  mailer = createMailer({ smtpUrl: smtp.url, from: '"Một Cửa" <motcua@localhost>' });
  app = await buildTestApp(db);
});
afterAll(async () => {
  await app?.close();
  mailer?.close();
  await smtp?.close();
  await db?.destroy();
});

const activities = () => createNotificationActivities({ db, mailer, publicBaseUrl: PUBLIC_BASE_URL });
/** What the activities logged (the mock environment's logger would print to the console). */
const logged: LogEntry[] = [];
const env = () =>
  new MockActivityEnvironment(undefined, {
    logger: new DefaultLogger('INFO', (entry) => logged.push(entry)),
  });
/** The activities as the worker runs them. */
const sendNotification = (input: SendNotificationInput): Promise<SendNotificationResult> =>
  activities().sendNotification(input);
const resolve = (input: RecipientQuery): Promise<NotificationRecipient[]> =>
  activities().resolveRecipients(input);
const send = (input: SendNotificationInput) =>
  env().run<[SendNotificationInput], SendNotificationResult, typeof sendNotification>(
    sendNotification,
    input,
  );
const resolveRecipients = (input: RecipientQuery) =>
  env().run<[RecipientQuery], NotificationRecipient[], typeof resolve>(resolve, input);
type RecipientQuery = { tenant: string; division?: string; roles: Role[] };

const content = stepOverdueMail({
  publicBaseUrl: PUBLIC_BASE_URL,
  recipientName: 'Phạm Thị Lan Anh',
  dossierCode: 'HS-TEST',
  procedureName: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
  stepName: 'Thẩm định hồ sơ',
  divisionName: 'Phòng Khảo thí và Quản lý chất lượng giáo dục',
  stepDeadline: DEC1_17H,
  appointmentAt: DEC1_17H,
  lateMinutes: 2 * 480 + 180,
  workingMinutesPerDay: 480,
});

const input = (over: Partial<SendNotificationInput> = {}): SendNotificationInput => {
  const code = `HS-${randomUUID()}`;
  return {
    key: `dossier:${code}:step:tham-dinh:overdue`,
    tenant: 'default',
    dossierCode: code,
    kind: 'step_overdue',
    to: ['head@motcua.local'],
    content,
    ...over,
  };
};

const mailsOf = (key: string): ParsedMail[] =>
  smtp.received.filter((m) => m.headers.get('x-mot-cua-notification') === key);

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a failure');
}

/** The mails of a key, once at least one arrived. */
async function mailOf(key: string): Promise<ParsedMail[]> {
  for (let i = 0; i < 50 && mailsOf(key).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  return mailsOf(key);
}

/** Lets a message in flight reach the test server before counting (a second send would arrive by then). */
const settle = () => new Promise((r) => setTimeout(r, 200));

describe('sendNotification', () => {
  it('sends one mail per key, however often it is called', async () => {
    const n = input();
    expect(await send(n)).toEqual({ status: 'sent' });
    expect(await send(n)).toEqual({ status: 'already_sent' });
    expect(await send(n)).toEqual({ status: 'already_sent' });
    await settle();
    expect(mailsOf(n.key)).toHaveLength(1);
    const row = await findNotification(db, n.key);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      last_error: null,
      message_id: notificationMessageId(n.key),
      recipients: ['head@motcua.local'],
      kind: 'step_overdue',
      dossier_code: n.dossierCode,
    });
    expect(row?.sent_at).toBeInstanceOf(Date);
  });

  it('keeps Vietnamese subject and text intact, with a deterministic Message-ID', async () => {
    const n = input();
    await send(n);
    const [mail] = await mailOf(n.key);
    expect(mail!.subject).toBe(content.subject);
    expect(mail!.subject).toContain('Quá hạn');
    expect(mail!.text?.trim()).toBe(content.text.trim());
    expect(mail!.text).toContain('Phòng Khảo thí và Quản lý chất lượng giáo dục');
    expect(mail!.html).toContain('Thẩm định hồ sơ');
    expect(mail!.messageId).toBe(notificationMessageId(n.key));
    expect(mail!.headers.get('x-mot-cua-dossier')).toBe(n.dossierCode);
  });

  it('retries an SMTP outage until delivered, once', async () => {
    const n = input();
    smtp.setMode('tempfail');
    try {
      for (let i = 0; i < 2; i++) {
        const err = await failureOf(send(n));
        expect(err).not.toBeInstanceOf(ApplicationFailure);
        expect(err.message).toContain('451');
      }
      expect(await findNotification(db, n.key)).toMatchObject({
        status: 'pending',
        attempts: 2,
        last_error: expect.stringContaining('451') as unknown,
        sent_at: null,
      });
    } finally {
      smtp.setMode('ok');
    }
    expect(await send(n)).toEqual({ status: 'sent' });
    expect(await send(n)).toEqual({ status: 'already_sent' });
    await settle();
    expect(mailsOf(n.key)).toHaveLength(1);
    expect(await findNotification(db, n.key)).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('records a permanent rejection and never sends it again', async () => {
    const n = input({ to: ['nobody@motcua.local'] });
    smtp.failNext(1, 'permfail');
    const err = await failureOf(send(n));
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'NOTIFY.REJECTED', nonRetryable: true });
    const row = await findNotification(db, n.key);
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: expect.stringContaining('550') as unknown,
    });
    expect(row?.failed_at).toBeInstanceOf(Date);

    expect(await send(n)).toEqual({ status: 'failed' });
    await settle();
    expect(mailsOf(n.key)).toHaveLength(0);
    expect(await findNotification(db, n.key)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(logged.some((e) => e.message === 'notification refused by the SMTP server')).toBe(true);
  });

  it('records a notification without recipient, and sends it once one is given', async () => {
    const apology = applicantApologyMail({
      publicBaseUrl: PUBLIC_BASE_URL,
      applicantName: 'Nguyễn Văn Ấn',
      dossierCode: 'HS-TEST',
      procedureName: 'Cấp bản sao văn bằng',
      agencyName: 'Sở Giáo dục và Đào tạo',
      appointmentAt: DEC1_17H,
      newAppointmentAt: DEC1_17H + 86_400_000,
      reason: 'Cần xác minh',
    });
    const n = input({ kind: 'applicant_apology', to: [], content: apology });
    expect(await send(n)).toEqual({ status: 'no_recipient' });
    expect(await findNotification(db, n.key)).toMatchObject({ status: 'skipped', attempts: 0 });
    expect(await send({ ...n, to: ['an@example.vn'] })).toEqual({ status: 'sent' });
    const [mail] = await mailOf(n.key);
    expect(mail!.text).toContain('Kính gửi ông/bà Nguyễn Văn Ấn');
  });
});

describe('resolveRecipients', () => {
  it('finds the head of a division', async () => {
    const found = await resolveRecipients({
      tenant: 'default',
      division: 'QLCL',
      roles: ['head'],
    });
    expect(found).toEqual([{ username: 'head', fullName: 'Phạm Thị Lan Anh', email: 'head@motcua.local' }]);
  });

  it('finds the leadership', async () => {
    const found = await resolveRecipients({
      tenant: 'default',
      roles: ['director', 'deputy'],
    });
    expect(found.map((r) => r.username)).toEqual(['deputy', 'director']);
    expect(found.map((r) => r.fullName)).toEqual(['Vũ Đức Thắng', 'Đỗ Quang Huy']);
  });
});

describe('GET /notifications', () => {
  interface ListBody {
    items: { key: string; status: string; attempts: number; lastError: string | null }[];
    total: number;
  }

  it('shows a failed notification to a leader', async () => {
    const n = input({ to: ['refused@motcua.local'] });
    smtp.failNext(1, 'permfail');
    await failureOf(send(n));
    const res = await app.inject({
      method: 'GET',
      url: `/notifications?status=failed&dossier=${encodeURIComponent(n.dossierCode!)}`,
      headers: await loginAs(app, 'director'),
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<ListBody>();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ key: n.key, status: 'failed', attempts: 1 });
    expect(body.items[0]!.lastError).toContain('550');
  });

  it('shows other officers only what was sent to them', async () => {
    const n = input({ to: ['head@motcua.local'] });
    await send(n);
    const url = `/notifications?dossier=${encodeURIComponent(n.dossierCode!)}`;
    const mine = await app.inject({ method: 'GET', url, headers: await loginAs(app, 'head') });
    expect(mine.json<ListBody>().total).toBe(1);
    const other = await app.inject({ method: 'GET', url, headers: await loginAs(app, 'head2') });
    expect(other.json<ListBody>().total).toBe(0);
  });

  it('needs a login', async () => {
    const res = await app.inject({ method: 'GET', url: '/notifications' });
    expect(res.statusCode).toBe(401);
  });
});
