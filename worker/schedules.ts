import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleSpec,
} from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import {
  leadershipDigestScheduleId,
  leadershipDigestWorkflow,
} from '../workflows/leadership-digest.workflow.js';
import {
  NATIONAL_SYNC_SWEEP_SCHEDULE_ID,
  nationalSyncSweepWorkflow,
} from '../workflows/national-sync-sweep.workflow.js';
import {
  PAYMENT_RECONCILIATION_SCHEDULE_ID,
  paymentReconciliationWorkflow,
} from '../workflows/payment-reconciliation.workflow.js';
import { ANONYMISE_SCHEDULE_ID, anonymiseWorkflow } from '../workflows/anonymise.workflow.js';
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

/**
 * When the VNPAY reconciliation runs: every day at 23:30 Vietnam time, after the day's payments and
 * before VNPAY's settlement day closes.
 */
export const PAYMENT_RECONCILIATION_SPEC = {
  calendars: [{ hour: 23, minute: 30, comment: 'End of day: querydr the pending VNPAY requests' }],
  timezone: 'Asia/Ho_Chi_Minh',
} as const;

/** A daily per-tenant workflow started by a Schedule. */
interface TenantSchedule {
  scheduleId: (tenant: string) => string;
  spec: { calendars: readonly NonNullable<ScheduleSpec['calendars']>[number][]; timezone: string };
  workflowType: (input: { tenant: string }) => Promise<unknown>;
}

/**
 * Creates one Schedule when missing; false when it exists (left as the operators may have changed it). A
 * missed run (server or workers down at the time) is caught up within 4 hours; runs never overlap.
 */
async function ensureSchedule(
  client: Client,
  s: {
    scheduleId: string;
    spec: TenantSchedule['spec'] | ScheduleSpec;
    workflowType: Workflow;
    args: unknown[];
    taskQueue: string;
    /** How late a missed run is still made up for; default 4 hours. */
    catchupWindow?: string;
  },
): Promise<boolean> {
  try {
    await client.schedule.create({
      scheduleId: s.scheduleId,
      spec: { ...s.spec, calendars: [...(s.spec.calendars ?? [])] },
      action: {
        type: 'startWorkflow',
        workflowType: s.workflowType,
        workflowId: s.scheduleId,
        taskQueue: s.taskQueue,
        args: s.args,
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: s.catchupWindow ?? '4 hours' },
    });
    return true;
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return false;
    throw err;
  }
}

/**
 * Creates each tenant's Schedule of `schedule` when missing ({@link ensureSchedule}). Returns the IDs of
 * the schedules created.
 */
async function ensureTenantSchedules(
  client: Client,
  schedule: TenantSchedule,
  opts: { taskQueue: string; tenants: string[] },
): Promise<string[]> {
  const created: string[] = [];
  for (const tenant of opts.tenants) {
    const scheduleId = schedule.scheduleId(tenant);
    const made = await ensureSchedule(client, {
      ...schedule,
      scheduleId,
      args: [{ tenant }],
      taskQueue: opts.taskQueue,
    });
    if (made) created.push(scheduleId);
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
export function ensureNationalSyncSweepSchedule(
  client: Client,
  opts: { taskQueue: string },
): Promise<string[]> {
  return ensureSchedule(client, {
    scheduleId: NATIONAL_SYNC_SWEEP_SCHEDULE_ID,
    spec: { intervals: [{ every: '10 minutes' }] },
    workflowType: nationalSyncSweepWorkflow,
    args: [],
    taskQueue: opts.taskQueue,
    catchupWindow: '10 minutes',
  }).then((made) => (made ? [NATIONAL_SYNC_SWEEP_SCHEDULE_ID] : []));
}

/**
 * The end-of-day VNPAY reconciliation Schedule: one for the deployment (one VNPAY terminal), created when
 * missing like the tenants' ones (same catch-up and overlap policies).
 */
export function ensurePaymentReconciliationSchedule(
  client: Client,
  opts: { taskQueue: string },
): Promise<string[]> {
  return ensureSchedule(client, {
    scheduleId: PAYMENT_RECONCILIATION_SCHEDULE_ID,
    spec: PAYMENT_RECONCILIATION_SPEC,
    workflowType: paymentReconciliationWorkflow,
    args: [{}],
    taskQueue: opts.taskQueue,
  }).then((made) => (made ? [PAYMENT_RECONCILIATION_SCHEDULE_ID] : []));
}

/** When the personal data retention job runs: every day at 02:00 Vietnam time, a quiet hour. */
export const ANONYMISE_SPEC = {
  calendars: [{ hour: 2, minute: 0, comment: 'Nightly: anonymise archived dossiers past their retention' }],
  timezone: 'Asia/Ho_Chi_Minh',
} as const;

/**
 * The personal data retention Schedule (docs/personal-data.md): one for the namespace, created when
 * missing; a missed night is made up within a day.
 */
export function ensureAnonymiseSchedule(client: Client, opts: { taskQueue: string }): Promise<string[]> {
  return ensureSchedule(client, {
    scheduleId: ANONYMISE_SCHEDULE_ID,
    spec: ANONYMISE_SPEC,
    workflowType: anonymiseWorkflow,
    args: [{}],
    taskQueue: opts.taskQueue,
    catchupWindow: '1 day',
  }).then((made) => (made ? [ANONYMISE_SCHEDULE_ID] : []));
}
