import { defineSignal } from '@temporalio/workflow';
import {
  NATIONAL_STATUS_RECORDED_SIGNAL,
  type NationalStatusRecorded,
} from '../../domain/national-sync/ids.js';

export { nationalSyncWorkflowId } from '../../domain/national-sync/ids.js';

/** Start input of a dossier's pusher (and of its continued runs). */
export interface NationalSyncInput {
  readonly dossierCode: string;
  /** Carried over a continue-as-new: a re-push of everything still to do. */
  readonly resendAll?: boolean;
  /** Carried over a continue-as-new: the current wait after failures, in ms (0: none). */
  readonly backoffMs?: number;
}

/** "A new status was recorded" (or a manager's re-push): push now. */
export const nationalStatusRecordedSignal = defineSignal<[NationalStatusRecorded?]>(
  NATIONAL_STATUS_RECORDED_SIGNAL,
);
