import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { toVnDate } from '../domain/calendar/index.js';

const { sendReportDueReminders } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  // An SMTP outage is waited out; the ledger key (tenant, period, year) keeps it to one mail.
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Schedule ID and workflow ID prefix of a tenant's report due-date reminder. */
export const reportReminderScheduleId = (tenant: string): string => `report-due-reminder:${tenant}`;

/**
 * The reminder of the plan's periodic reports, started every day by a Temporal Schedule (08:00
 * Asia/Ho_Chi_Minh): on the day five working days before a report's due date (the 12th of the period's
 * last month) the division heads and the Văn phòng are mailed; every other day sends nothing. `date`
 * (YYYY-MM-DD) overrides the day, for a reminder sent again by hand.
 */
export async function reportReminderWorkflow(input: { tenant: string; date?: string }) {
  return sendReportDueReminders({ tenant: input.tenant, date: input.date ?? toVnDate(Date.now()) });
}
