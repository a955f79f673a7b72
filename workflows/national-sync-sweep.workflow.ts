import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';

const { kickPendingNationalSyncs } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 5,
  },
});

/** Schedule ID (and workflow ID prefix) of the national-sync safety net. */
export const NATIONAL_SYNC_SWEEP_SCHEDULE_ID = 'national-sync-sweep';

/** A status pending longer than this was recorded without a kick that worked. */
export const SWEEP_PENDING_FOR_MS = 2 * 60_000;

/**
 * The safety net of the national sync (docs/national-sync.md), started every 10 minutes by a Schedule:
 * kicks the pusher of every dossier with a status pending for more than 2 minutes, in case the kick after
 * its commit was lost (a worker killed between the commit and the signal). It decides no deadline: the
 * pushers do the work and keep their own timers.
 */
export async function nationalSyncSweepWorkflow(): Promise<{ kicked: number }> {
  return kickPendingNationalSyncs({ olderThanMs: SWEEP_PENDING_FOR_MS, limit: 1000 });
}
