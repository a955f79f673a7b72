import { defineQuery, defineSignal } from '@temporalio/workflow';

/** Start input of the workflow of one online submission (docs/domain.md, "Online receipt"). */
export interface OnlineSubmissionWorkflowInput {
  readonly code: string;
  readonly tenant: string;
  /** When the desk must have checked and answered (epoch ms): the reminder fires then if it has not. */
  readonly checkBy: number;
  /** What an earlier run of the same submission already mailed (set when the history is rolled over). */
  readonly carried?: OnlineMailsSent;
}

/** The mails a run has sent besides the acknowledgement (which every carried-over run has sent). */
export interface OnlineMailsSent {
  /** Completion requests mailed so far (the highest request number mailed). */
  readonly completionRequestsMailed: number;
  /** Whether the receivers were reminded of the check deadline. */
  readonly reminded: boolean;
}

/** A component the desk asks the citizen to add (code and name in the procedure). */
export interface RequestedComponent {
  readonly code: string;
  readonly name: string;
}

/**
 * The desk's decision on a submission, signalled by the API once stored. The signal only wakes the
 * workflow: what it mails comes from the database (`OnlineSubmissionProgress`), not from this payload.
 */
export type OnlineDecision =
  | {
      readonly kind: 'completion_requested';
      readonly at: number;
      readonly components: readonly RequestedComponent[];
      readonly note: string;
    }
  | { readonly kind: 'refused'; readonly at: number; readonly reason: string }
  | { readonly kind: 'accepted'; readonly at: number; readonly appointmentAt: number };

/** The citizen added what the desk asked for: the submission waits for a decision again. */
export interface OnlineCompletion {
  readonly at: number;
}

/**
 * Where a submission stands in PostgreSQL, the source of truth of the workflow's mails: its status, how
 * many completion requests the desk made (history entries), the latest one, and the final decision
 * (the refusal with its reason, or the acceptance with the dossier's receipt time and appointment).
 */
export type OnlineSubmissionProgress =
  | { readonly exists: false }
  | {
      readonly exists: true;
      readonly status: OnlineWorkflowStatus;
      readonly completionRequests: number;
      readonly latestRequest: Extract<OnlineDecision, { kind: 'completion_requested' }> | null;
      readonly decision: Extract<OnlineDecision, { kind: 'refused' | 'accepted' }> | null;
    };

export const onlineDecisionSignal = defineSignal<[OnlineDecision]>('onlineDecision');
export const onlineCompletedSignal = defineSignal<[OnlineCompletion]>('onlineCompleted');

/** Where the workflow stands: waiting for the desk, waiting for the citizen, or done. */
export type OnlineWorkflowStatus = 'pending' | 'awaiting_completion' | 'accepted' | 'refused';
/** How a run ends: the final decision was mailed, or the submission never appeared (its commit failed). */
export type OnlineWorkflowOutcome = 'accepted' | 'refused' | 'missing';
export const onlineSubmissionStateQuery = defineQuery<{ status: OnlineWorkflowStatus; reminded: boolean }>(
  'onlineSubmissionState',
);

/** A mail of the online receipt, as the activity sends it (the ledger key derives from `code`, `kind`, `seq`). */
export type OnlineNotice =
  | { readonly code: string; readonly kind: 'submitted' | 'check_due' }
  | ({ readonly code: string; readonly seq: number } & Extract<
      OnlineDecision,
      { kind: 'completion_requested' }
    >)
  | (Extract<OnlineDecision, { kind: 'refused' }> & { readonly code: string })
  | (Extract<OnlineDecision, { kind: 'accepted' }> & { readonly code: string });

/** Workflow id of a submission's workflow. */
export const onlineSubmissionWorkflowId = (code: string): string => `online:${code}`;
