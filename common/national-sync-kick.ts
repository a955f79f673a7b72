import type { Client } from '@temporalio/client';
import {
  NATIONAL_STATUS_RECORDED_SIGNAL,
  NATIONAL_SYNC_WORKFLOW_TYPE,
  nationalSyncWorkflowId,
  type NationalStatusRecorded,
} from '../domain/national-sync/ids.js';

/**
 * Tells the dossier's national-sync pusher that a status was recorded, starting it when it is not running
 * (signal-with-start on `national-sync:<code>`). Call it after the transaction that appended the status
 * has committed: the worker's `recordDossierEvent` does, and so must any other writer of the outbox (the
 * API after its own commits). `resendAll` sends every status again, delivered ones included (the portal
 * dedupes them on their Idempotency-Key).
 */
export async function kickNationalSync(
  client: Client,
  taskQueue: string,
  dossierCode: string,
  signal: NationalStatusRecorded = {},
): Promise<void> {
  await client.workflow.signalWithStart(NATIONAL_SYNC_WORKFLOW_TYPE, {
    workflowId: nationalSyncWorkflowId(dossierCode),
    taskQueue,
    args: [{ dossierCode }],
    signal: NATIONAL_STATUS_RECORDED_SIGNAL,
    signalArgs: [signal],
  });
}
