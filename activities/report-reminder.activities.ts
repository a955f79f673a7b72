import { createWorkingCalendar } from '../domain/calendar/index.js';
import { REPORT_OFFICE_DIVISION, remindersDueOn, type DueReminder } from '../domain/report/index.js';
import { findCalendarInForce } from '../db/calendar.repository.js';
import type { Database } from '../db/database.js';
import { listReportReminderRecipients } from '../db/report.repository.js';
import type { SendNotificationInput, SendNotificationResult } from './notification.activities.js';
import { reportDueReminderMail } from './report-reminder-mail.js';

/** What the report reminder needs: the database, where links point, and the notification ledger's sender. */
export interface ReportReminderActivityDeps {
  db: Database;
  publicBaseUrl: string;
  sendNotification: (input: SendNotificationInput) => Promise<SendNotificationResult>;
}

/** A reminder sent (or found already sent) on a day. */
export type SentReminder = DueReminder & SendNotificationResult;

/** The ledger key of a report's reminder: one per tenant, period and year. */
export const reportReminderKey = (tenant: string, r: DueReminder): string =>
  `report-due:${tenant}:${r.kind}:${r.year}`;

/** Activities of the periodic reports' due-date reminder (docs/reports.md, "Due dates and the reminder"). */
export function createReportReminderActivities(deps: ReportReminderActivityDeps) {
  return {
    /**
     * On `date` (YYYY-MM-DD, Vietnam), the reminders of the plan's reports due five working days later on
     * the tenant's calendar in force that day, to the heads of its divisions and the Văn phòng; each at most
     * once (ledger key `report-due:<tenant>:<period>:<year>`). Most days nothing is due: an empty list.
     */
    async sendReportDueReminders(input: { tenant: string; date: string }): Promise<SentReminder[]> {
      const version = await findCalendarInForce(deps.db, input.tenant, input.date);
      if (!version) throw new Error(`tenant ${input.tenant} has no calendar in force on ${input.date}`);
      const due = remindersDueOn(createWorkingCalendar(version.definition), input.date);
      if (due.length === 0) return [];
      const [tenant, recipients] = await Promise.all([
        deps.db.selectFrom('tenant').select('name').where('code', '=', input.tenant).executeTakeFirst(),
        listReportReminderRecipients(deps.db, input.tenant, REPORT_OFFICE_DIVISION),
      ]);
      const sent: SentReminder[] = [];
      for (const reminder of due) {
        const result = await deps.sendNotification({
          key: reportReminderKey(input.tenant, reminder),
          tenant: input.tenant,
          dossierCode: null,
          kind: 'report_due_reminder',
          to: recipients.map((r) => r.email),
          content: reportDueReminderMail({
            publicBaseUrl: deps.publicBaseUrl,
            agencyName: tenant?.name ?? input.tenant,
            reminder,
          }),
        });
        sent.push({ ...reminder, ...result });
      }
      return sent;
    },
  };
}

export type ReportReminderActivities = ReturnType<typeof createReportReminderActivities>;
