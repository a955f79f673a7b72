import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { toVnDate } from '../domain/calendar/index.js';

const { sendLeadershipDigest } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  // An SMTP outage is waited out; the ledger key (tenant, day) keeps it to one mail.
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Schedule ID and workflow ID prefix of a tenant's morning digest. */
export const leadershipDigestScheduleId = (tenant: string): string => `leadership-digest:${tenant}`;

/**
 * The morning digest of overdue and at-risk dossiers for the leadership of a tenant, started every day
 * by a Temporal Schedule (07:30 Asia/Ho_Chi_Minh); non-working days of the tenant's calendar send
 * nothing. `date` (YYYY-MM-DD) overrides the day, for a digest sent again by hand.
 */
export async function leadershipDigestWorkflow(input: { tenant: string; date?: string }) {
  const now = Date.now();
  return sendLeadershipDigest({ tenant: input.tenant, date: input.date ?? toVnDate(now), at: now });
}
