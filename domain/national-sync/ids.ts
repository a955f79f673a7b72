/**
 * Names shared by the national-sync pusher workflow and whoever kicks it (the worker's activities, the
 * API): plain strings, so a caller needs neither the workflow code nor Temporal's workflow package.
 */

/** Workflow type of the per-dossier pusher (`workflows/national-sync/`). */
export const NATIONAL_SYNC_WORKFLOW_TYPE = 'nationalSyncWorkflow';

/** Signal "a new status was recorded" (or a manager asked to push again). */
export const NATIONAL_STATUS_RECORDED_SIGNAL = 'nationalStatusRecorded';

/** Payload of {@link NATIONAL_STATUS_RECORDED_SIGNAL}. */
export interface NationalStatusRecorded {
  /** Send every status again, delivered ones included (a manager's re-push; the portal dedupes). */
  readonly resendAll?: boolean;
}

/** Workflow ID of a dossier's pusher: one per dossier at a time. */
export const nationalSyncWorkflowId = (dossierCode: string): string => `national-sync:${dossierCode}`;
