/**
 * Shared types of a dossier (hồ sơ): its state as the workflow keeps it, the events every accepted
 * action appends to the audit chain, and the officer actions. Pure data: instants are epoch ms.
 */
import type { Role } from '../roles.js';
import type { RuleSetId } from '../rules/rule-sets.js';

/** National dossier status codes (TrangThaiHoSo, DVCQG sync): the external contract. */
export type NationalStatus = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/**
 * The richer internal phase. `processing` covers every step of the internal process (which one is
 * `currentStep`); the others are waiting or final phases.
 */
export type DossierPhase =
  | 'processing'
  | 'awaiting_supplement'
  | 'withdrawal_requested'
  | 'result_ready'
  | 'returned'
  | 'refused'
  | 'stopped';

/** Who acted: the authenticated officer as the API saw them. */
export interface Actor {
  readonly officerId: string;
  readonly username: string;
  readonly fullName: string;
  readonly role: Role;
  readonly divisionCode: string | null;
  /** The receiving unit whose desk the officer works at (receivers); null or absent otherwise. */
  readonly receivingUnit?: string | null;
}

/** How the applicant takes the result: at a receiving unit's counter, by post, or online. */
export type ReturnMethod = 'counter' | 'post' | 'online';

/**
 * Where the dossier meets the applicant (Decree 118/2025): the receiving unit where it was received and
 * where its result goes back. The desk steps of the internal process (receipt, return) are worked at
 * these units; the handling steps by the agency's divisions.
 */
export interface DeskRoute {
  /** Receiving unit code where the dossier was received. */
  readonly receivingUnit: string;
  readonly returnMethod: ReturnMethod;
  /** Receiving unit code whose counter returns the result; for post and online, the receiving unit sends it. */
  readonly returnUnit: string;
}

/** On-time result of a step or a dossier (Mẫu 05: Trước hạn / Đúng hạn / Quá hạn). */
export type OnTimeResult = 'early' | 'on_time' | 'late';

export interface Assignee {
  readonly officerId: string;
  readonly username: string;
  readonly fullName: string;
}

/** The step the dossier is at, with its own budget clock. */
export interface CurrentStep {
  readonly stepId: string;
  readonly index: number;
  readonly startedAt: number;
  /** startedAt + the step's budget in working time (step clock). */
  readonly deadline: number;
  readonly assignee: Assignee | null;
  /** When the reminder at a fraction of the budget went to the assignee (escalation ladder level 1). */
  readonly remindedAt?: number | null;
  /** When the step went over budget and the division head was told (level 2). */
  readonly escalatedAt?: number | null;
}

/** One supplement request and its pause of the legal clock (ledger of pauses). */
export interface SupplementRecord {
  readonly requestedAt: number;
  readonly requestedBy: string;
  readonly reason: string;
  readonly items: readonly string[];
  readonly resumedAt: number | null;
  /** Working minutes the legal clock stood still (rule `pause`); null while waiting or for `restart`. */
  readonly pausedWorkingMinutes: number | null;
}

/** The digitised result file (số hóa kết quả): stored by the API, its SHA-256 recorded in the audit event. */
export interface ResultFile {
  readonly fileId: string;
  readonly sha256: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly size: number;
  readonly attachedAt: number;
  readonly attachedBy: string;
  /**
   * Digital signatures on the file, oldest first (docs/signatures.md): the approving leader's, then the
   * agency's seal. The file named above is the signed one; absent or empty: not signed.
   */
  readonly signatures?: readonly ResultSignature[];
}

/** Who signs a result: the leader who approves it, or the agency (the văn thư's seal, "đóng dấu"). */
export type SignatureKind = 'approval' | 'seal';

/** A digital signature made on the result file by the signing activity. */
export interface ResultSignature {
  readonly kind: SignatureKind;
  readonly signedAt: number;
  /** Username of the officer who approved (or sealed). */
  readonly signedBy: string;
  /** Full name of that officer, as the visible block shows it. */
  readonly signerName: string;
  /** The signing certificate's subject common name (what a verifier reports as the signer). */
  readonly certificate: string;
}

/** A signature the workflow is to have made on the result file, set by the action that asks for it. */
export interface SigningRequest {
  readonly kind: SignatureKind;
  readonly requestedAt: number;
  /** The officer in whose name it is made. */
  readonly by: Actor;
}

/** The fee of the dossier (phí, lệ phí): requested on entering the payment step, paid online or in cash. */
export interface PaymentState {
  readonly reference: string;
  readonly amount: number;
  readonly status: 'pending' | 'paid';
  readonly method: 'online' | 'cash' | null;
  /** Provider's transaction id (online) or the receipt number (cash). */
  readonly transactionId: string | null;
  readonly paidAt: number | null;
}

/** A payment confirmation from the payment provider (verified callback); no officer is involved. */
export interface PaymentConfirmation {
  readonly reference: string;
  readonly amount: number;
  readonly transactionId: string;
}

/** The partner agency's answer to a liaison request (liên thông). */
export type LiaisonAnswer = 'approved' | 'refused' | 'needs_supplement';

/** A liaison step's exchange with the partner agency (run by a child workflow). */
export interface LiaisonState {
  readonly stepId: string;
  readonly requestId: string;
  readonly partnerCode: string;
  readonly partnerName: string;
  readonly requestedAt: number;
  readonly status: 'waiting' | 'answered';
  /** The partner did not answer within the step's budget: the step is late and the dossier flagged. */
  readonly late: boolean;
  readonly answer: LiaisonAnswer | null;
  readonly note: string | null;
  readonly answeredAt: number | null;
}

/**
 * The dossier may miss its appointment (escalation ladder level 3): the remaining working time cannot
 * cover the remaining steps' budgets (`budget`), or the appointment is less than the procedure's
 * at-risk lead (default 2 working days) away (`last_day`). Leadership is told; an apology is required.
 */
export interface AtRiskRecord {
  readonly at: number;
  readonly reason: 'budget' | 'last_day';
  /** Working minutes left until the appointment, when flagged. */
  readonly remainingMinutes: number;
  /** Working minutes the remaining steps' budgets need, when flagged. */
  readonly neededMinutes: number;
}

/**
 * The apology with a new appointment (Mẫu 04, Phiếu xin lỗi và hẹn lại ngày trả kết quả), signed by a
 * leader: once per dossier. The appointment moves to `newAppointmentAt`; missing it is overdue again.
 * `dueBy` and `late` are absent from apologies signed before the legal limit was recorded.
 */
export interface ApologyRecord {
  readonly signedAt: number;
  readonly signedBy: string;
  readonly signerName: string;
  readonly signerRole: Role;
  readonly reason: string;
  readonly previousAppointmentAt: number;
  readonly newAppointmentAt: number;
  /** The legal limit: the end of the working day one working day (the procedure's lead) before the appointment. */
  readonly dueBy?: number;
  /** Signed after `dueBy`: accepted all the same (the applicant is owed it), counted as a late apology. */
  readonly late?: boolean;
}

/** The live state of one dossier, kept by its workflow and mirrored in the PostgreSQL projection. */
export interface DossierState {
  readonly code: string;
  readonly tenant: string;
  readonly procedureCode: string;
  readonly procedureVersion: number;
  readonly calendarVersion: number;
  /** The legal rule set the dossier was received under; it keeps it to its end. */
  readonly ruleSet: RuleSetId;
  readonly desk: DeskRoute;
  readonly phase: DossierPhase;
  readonly status: NationalStatus;
  readonly receivedAt: number;
  /** Current appointment (hẹn trả kết quả), moved by supplements and the apology. */
  readonly appointmentAt: number;
  readonly originalAppointmentAt: number;
  /** Null once the dossier has left the internal process (returned, refused, stopped). */
  readonly currentStep: CurrentStep | null;
  readonly supplements: readonly SupplementRecord[];
  /** More than one supplement request: Decision 766 counts the dossier against the office. */
  readonly multipleSupplements: boolean;
  readonly overdue: boolean;
  readonly resultReadyAt: number | null;
  readonly finishedAt: number | null;
  /** On-time result of the whole dossier, once finished. */
  readonly outcome: OnTimeResult | null;
  /** The digitised result, once attached (absent in dossiers started before digitisation existed). */
  readonly result?: ResultFile | null;
  /** A signature of the result being made (absent or null: none). */
  readonly signing?: SigningRequest | null;
  /** Copies asked for, when the procedure's fee is per copy (recorded at receipt); else null or absent. */
  readonly copies?: number | null;
  /** The fee, once requested (absent in dossiers started before payments existed). */
  readonly payment?: PaymentState | null;
  /** The current or last liaison with a partner agency (absent in dossiers started before liaison existed). */
  readonly liaison?: LiaisonState | null;
  /** Flagged at risk of missing the appointment (absent in dossiers started before the escalation ladder). */
  readonly atRisk?: AtRiskRecord | null;
  /** The signed apology with its new appointment, once (absent before the escalation ladder). */
  readonly apology?: ApologyRecord | null;
  /** Sequence number of the last event appended (the receipt is 1). */
  readonly seq: number;
}

/** Officer actions on a running dossier (each a Workflow Update). */
export type DossierAction =
  | { readonly type: 'assign'; readonly stepId: string; readonly assignee: Assignee }
  | { readonly type: 'complete'; readonly stepId: string; readonly note?: string }
  | { readonly type: 'approve'; readonly stepId: string; readonly note?: string }
  | { readonly type: 'send_back'; readonly stepId: string; readonly reason: string }
  | { readonly type: 'request_supplement'; readonly reason: string; readonly items: readonly string[] }
  | { readonly type: 'record_supplement'; readonly note?: string }
  | { readonly type: 'refuse'; readonly reasons: readonly string[] }
  | { readonly type: 'withdraw'; readonly reason: string }
  | { readonly type: 'stop'; readonly reason: string }
  | { readonly type: 'mark_result_ready'; readonly stepId: string; readonly note?: string }
  /** The văn thư asks for the agency's seal signature on the signed result (procedures with a seal). */
  | { readonly type: 'seal_result'; readonly stepId: string }
  | {
      readonly type: 'attach_result';
      readonly stepId: string;
      readonly file: Omit<ResultFile, 'attachedAt' | 'attachedBy'>;
    }
  | {
      readonly type: 'record_cash_payment';
      readonly stepId: string;
      readonly amount: number;
      readonly receiptNumber: string;
    }
  | { readonly type: 'return_result'; readonly note?: string }
  /** The new appointment is the close of office hours of `newAppointmentDate` (YYYY-MM-DD, Vietnam). */
  | { readonly type: 'sign_apology'; readonly reason: string; readonly newAppointmentDate: string };

export type DossierActionType = DossierAction['type'];

/** What an event records besides officer actions. */
export type SystemEventType =
  | 'receive'
  | 'overdue'
  | 'payment_requested'
  | 'payment_confirmed'
  | 'liaison_requested'
  | 'liaison_late'
  | 'liaison_answered'
  /** Escalation ladder: reminder to the assignee, step over budget to the division head, at risk. */
  | 'step_reminder'
  | 'step_overdue'
  | 'at_risk'
  /** A new calendar version moved the dossier's deadlines. */
  | 'calendar_changed'
  /** An administrator dropped actions the database refused to store (a storage incident). */
  | 'incident_discarded'
  /** The finished dossier's archival package was stored (docs/archive.md); the status does not change. */
  | 'archived'
  /** The signing activity signed the result (docs/signatures.md); the file is now the signed one. */
  | 'result_signed'
  /** The signature could not be made (no key, a PDF that cannot be signed): the request is dropped. */
  | 'result_signing_failed';

/**
 * One entry of the audit chain. Built deterministically by the workflow; the activity that stores it
 * adds the hash chain (prev_hash, hash) and is idempotent on (dossier code, seq).
 */
export interface DossierEvent {
  readonly dossierCode: string;
  readonly seq: number;
  readonly at: number;
  readonly type: DossierActionType | SystemEventType;
  /** Null for system events (the overdue timer). */
  readonly actor: Actor | null;
  readonly stepId: string | null;
  readonly fromPhase: DossierPhase | null;
  readonly toPhase: DossierPhase;
  readonly fromStatus: NationalStatus | null;
  readonly toStatus: NationalStatus;
  readonly fromStepId: string | null;
  readonly toStepId: string | null;
  /** For an action that finishes a step: its result against the step budget. */
  readonly onTime: OnTimeResult | null;
  /** Action details (reason, items, note, assignee…). */
  readonly payload: Readonly<Record<string, unknown>>;
}
