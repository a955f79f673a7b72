import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';

const { reconcileVnpayPayments } = proxyActivities<Activities>({
  // One querydr per pending request (15 s each at most): generous for a day's requests.
  startToCloseTimeout: '30 minutes',
  // The activity heartbeats before each querydr (15 s at most each).
  heartbeatTimeout: '1 minute',
  // Settling is idempotent on the transaction: a retry pays nothing twice.
  retry: {
    initialInterval: '10 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 5,
  },
});

/** Schedule ID (and workflow ID prefix) of the end-of-day VNPAY reconciliation. */
export const PAYMENT_RECONCILIATION_SCHEDULE_ID = 'payment-reconciliation';

/**
 * The end-of-day reconciliation with VNPAY, started by a Temporal Schedule at 23:30 Asia/Ho_Chi_Minh:
 * every pending VNPAY request of the last two days is asked about (querydr), and the ones VNPAY says are
 * paid are applied (their IPN never came). Returns what it found.
 */
export async function paymentReconciliationWorkflow(input: { sinceHours?: number } = {}) {
  return reconcileVnpayPayments({ sinceHours: input.sinceHours ?? 48 });
}
