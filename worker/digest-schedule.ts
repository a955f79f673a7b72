import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import {
  leadershipDigestScheduleId,
  leadershipDigestWorkflow,
} from '../workflows/leadership-digest.workflow.js';

/** When the digest goes out: every day at 07:30 Vietnam time (the workflow skips non-working days). */
export const DIGEST_SPEC = {
  calendars: [{ hour: 7, minute: 30, comment: 'Every morning; non-working days send nothing' }],
  timezone: 'Asia/Ho_Chi_Minh',
} as const;

/**
 * Creates each tenant's morning-digest Schedule when missing (idempotent: an existing schedule is left
 * as the operators may have changed it). A missed run (server or workers down at 07:30) is caught up
 * within 4 hours; runs never overlap.
 */
export async function ensureDigestSchedules(
  client: Client,
  opts: { taskQueue: string; tenants: string[] },
): Promise<string[]> {
  const created: string[] = [];
  for (const tenant of opts.tenants) {
    const scheduleId = leadershipDigestScheduleId(tenant);
    try {
      await client.schedule.create({
        scheduleId,
        spec: { calendars: [...DIGEST_SPEC.calendars], timezone: DIGEST_SPEC.timezone },
        action: {
          type: 'startWorkflow',
          workflowType: leadershipDigestWorkflow,
          workflowId: scheduleId,
          taskQueue: opts.taskQueue,
          args: [{ tenant }],
        },
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '4 hours' },
      });
      created.push(scheduleId);
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    }
  }
  return created;
}
