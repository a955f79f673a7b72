import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleSpec,
} from '@temporalio/client';
import {
  leadershipDigestScheduleId,
  leadershipDigestWorkflow,
} from '../workflows/leadership-digest.workflow.js';
import {
  NATIONAL_SYNC_SWEEP_SCHEDULE_ID,
  nationalSyncSweepWorkflow,
} from '../workflows/national-sync-sweep.workflow.js';
import { reportReminderScheduleId, reportReminderWorkflow } from '../workflows/report-reminder.workflow.js';

/** When the digest goes out: every day at 07:30 Vietnam time (the workflow skips non-working days). */
export const DIGEST_SPEC = {
  calendars: [{ hour: 7, minute: 30, comment: 'Every morning; non-working days send nothing' }],
  timezone: 'Asia/Ho_Chi_Minh',
} as const;

/**
 * When the report reminder looks at the day: every day at 08:00 Vietnam time (the workflow mails only
 * five working days before a report's due date).
 */
export const REPORT_REMINDER_SPEC = {
  calendars: [{ hour: 8, minute: 0, comment: 'Every day; mails only five working days before a due date' }],
  timezone: 'Asia/Ho_Chi_Minh',
} as const;

/** A daily per-tenant workflow started by a Schedule. */
interface TenantSchedule {
  scheduleId: (tenant: string) => string;
  spec: { calendars: readonly NonNullable<ScheduleSpec['calendars']>[number][]; timezone: string };
  workflowType: (input: { tenant: string }) => Promise<unknown>;
}

/**
 * Creates each tenant's Schedule of `schedule` when missing (idempotent: an existing schedule is left as
 * the operators may have changed it). A missed run (server or workers down at the time) is caught up within
 * 4 hours; runs never overlap. Returns the IDs of the schedules created.
 */
async function ensureTenantSchedules(
  client: Client,
  schedule: TenantSchedule,
  opts: { taskQueue: string; tenants: string[] },
): Promise<string[]> {
  const created: string[] = [];
  for (const tenant of opts.tenants) {
    const scheduleId = schedule.scheduleId(tenant);
    try {
      await client.schedule.create({
        scheduleId,
        spec: { calendars: [...schedule.spec.calendars], timezone: schedule.spec.timezone },
        action: {
          type: 'startWorkflow',
          workflowType: schedule.workflowType,
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

/** Each tenant's morning-digest Schedule (see {@link ensureTenantSchedules}). */
export function ensureDigestSchedules(
  client: Client,
  opts: { taskQueue: string; tenants: string[] },
): Promise<string[]> {
  return ensureTenantSchedules(
    client,
    { scheduleId: leadershipDigestScheduleId, spec: DIGEST_SPEC, workflowType: leadershipDigestWorkflow },
    opts,
  );
}

/** Each tenant's report due-date reminder Schedule (see {@link ensureTenantSchedules}). */
export function ensureReportReminderSchedules(
  client: Client,
  opts: { taskQueue: string; tenants: string[] },
): Promise<string[]> {
  return ensureTenantSchedules(
    client,
    {
      scheduleId: reportReminderScheduleId,
      spec: REPORT_REMINDER_SPEC,
      workflowType: reportReminderWorkflow,
    },
    opts,
  );
}

/**
 * The national sync's safety net (docs/national-sync.md): every 10 minutes, kick the pusher of each
 * dossier whose status has waited more than 2 minutes. One Schedule for the namespace; created when
 * missing. Returns its ID when created.
 */
export async function ensureNationalSyncSweepSchedule(
  client: Client,
  opts: { taskQueue: string },
): Promise<string[]> {
  try {
    await client.schedule.create({
      scheduleId: NATIONAL_SYNC_SWEEP_SCHEDULE_ID,
      spec: { intervals: [{ every: '10 minutes' }] },
      action: {
        type: 'startWorkflow',
        workflowType: nationalSyncSweepWorkflow,
        workflowId: NATIONAL_SYNC_SWEEP_SCHEDULE_ID,
        taskQueue: opts.taskQueue,
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10 minutes' },
    });
    return [NATIONAL_SYNC_SWEEP_SCHEDULE_ID];
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    return [];
  }
}
