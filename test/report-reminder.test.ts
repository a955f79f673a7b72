/**
 * The periodic reports' due-date reminder on the real Temporal dev server, PostgreSQL and SMTP: the
 * workflow, run for fixed days as its daily Schedule would, mails the division heads and the Văn phòng
 * five working days before a due date (the 12th of the period's last month), once; other days send
 * nothing. The Schedule is created once per tenant, daily at 08:00 Vietnam time.
 */
import { randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { ensureReportReminderSchedules } from '../worker/schedules.js';
import { reportReminderWorkflow } from '../workflows/report-reminder.workflow.js';
import { testTemporalClient } from './support/app.js';
import { startDossierHarness, type MailingDossierHarness } from './support/harness.js';

let harness: MailingDossierHarness | undefined;
beforeAll(async () => {
  harness = await startDossierHarness({ mail: true });
});
afterAll(() => harness?.stop());

const run = (date: string) =>
  testTemporalClient().workflow.execute(reportReminderWorkflow, {
    taskQueue: harness!.worker.taskQueue,
    workflowId: `report-reminder-test-${date}-${randomUUID()}`,
    args: [{ tenant: 'default', date }],
  });

const mailsOf = (key: string): ParsedMail[] =>
  harness!.smtp.received.filter((m) => m.headers.get('x-mot-cua-notification') === key);

const addresses = (m: ParsedMail): string[] =>
  (Array.isArray(m.to) ? m.to : [m.to])
    .flatMap((a) => a?.value ?? [])
    .map((v) => v.address ?? '')
    .sort();

describe('the report due-date reminder', () => {
  it('mails the division heads and the Văn phòng five working days before the due date, once', async () => {
    // Quý I 2031 is due on Wed 12/03/2031: Tue 11, Mon 10, Fri 7, Thu 6, Wed 05/03.
    expect(await run('2031-03-04')).toEqual([]);
    const first = await run('2031-03-05');
    expect(first).toEqual([{ kind: 'q1', year: 2031, dueDate: '2031-03-12', status: 'sent' }]);
    expect(await run('2031-03-05')).toEqual([{ ...first[0], status: 'already_sent' }]);
    expect(await run('2031-03-06')).toEqual([]);

    const mails = mailsOf('report-due:default:q1:2031');
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    // Heads of the divisions of kind `division` (QLCL, GDTRH) and the officers of the Văn phòng (VP).
    expect(addresses(mail)).toEqual(['head2@motcua.local', 'head@motcua.local', 'vanthu@motcua.local']);
    expect(mail.subject).toBe('[Nhắc việc] Hạn gửi báo cáo Quý I năm 2031: ngày 12/03/2031');
    expect(mail.text).toContain('Kính gửi: Trưởng các phòng chuyên môn và Văn phòng Sở');
    expect(mail.text).toContain('phải gửi chậm nhất ngày 12/03/2031, còn 5 ngày làm việc');
    expect(mail.text).toContain('Quý I năm 2031 (từ ngày 10/12/2030 đến hết ngày 10/03/2031)');
    expect(mail.html).toContain('/bao-cao');

    const row = await harness!.db
      .selectFrom('notification')
      .select(['kind', 'status', 'dossier_code'])
      .where('key', '=', 'report-due:default:q1:2031')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: 'report_due_reminder', status: 'sent', dossier_code: null });
  });

  it('counts back over the weekend for the year report', async () => {
    // The year 2031 report is due on Fri 12/12/2031: Thu 11, Wed 10, Tue 9, Mon 8, Fri 05/12.
    expect(await run('2031-12-05')).toEqual([
      { kind: 'year', year: 2031, dueDate: '2031-12-12', status: 'sent' },
    ]);
    expect(mailsOf('report-due:default:year:2031')[0]!.subject).toBe(
      '[Nhắc việc] Hạn gửi báo cáo Năm năm 2031: ngày 12/12/2031',
    );
  });

  it('is started by a Schedule every day at 08:00 Vietnam time, created once', async () => {
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    try {
      const client = new Client({ connection, namespace: inject('temporalNamespace') });
      const tenants = [`reminder-${randomUUID().slice(0, 8)}`];
      const taskQueue = harness!.worker.taskQueue;
      expect(await ensureReportReminderSchedules(client, { taskQueue, tenants })).toEqual([
        `report-due-reminder:${tenants[0]}`,
      ]);
      expect(await ensureReportReminderSchedules(client, { taskQueue, tenants })).toEqual([]);
      const handle = client.schedule.getHandle(`report-due-reminder:${tenants[0]}`);
      const described = await handle.describe();
      expect(described.spec.timezone).toBe('Asia/Ho_Chi_Minh');
      expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 8, end: 8, step: 1 }] });
      expect(described.action).toMatchObject({ workflowType: 'reportReminderWorkflow' });
      await handle.delete();
    } finally {
      await connection.close();
    }
  });
});
