import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Applicant } from '../domain/applicant/index.js';
import type { ReturnMethod } from '../domain/dossier/types.js';

/** A jsonb column: read as parsed JSON, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;
type Frozen<T> = ColumnType<T, T, never>;

/**
 * Where an online submission stands (docs/domain.md, "Online receipt"): waiting for the desk's check
 * (`pending`, also after the citizen completed it), waiting for the citizen to add what the desk asked
 * (`awaiting_completion`), received as a dossier (`accepted`) or not received (`refused`).
 */
export const onlineSubmissionStatuses = ['pending', 'awaiting_completion', 'accepted', 'refused'] as const;
export type OnlineSubmissionStatus = (typeof onlineSubmissionStatuses)[number];

/** One component of a submission: the citizen's uploaded file for a component of the procedure. */
export interface SubmittedComponent {
  code: string;
  /** SHA-256 of the citizen's upload (`citizen_upload`). */
  fileId: string;
  /** The component's name in the procedure. */
  name: string;
}

/** What the desk asked the citizen to add before it can accept the submission. */
export interface CompletionRequest {
  at: number;
  by: string;
  components: { code: string; name: string }[];
  note: string;
}

/** A dossier filed on the citizen portal, before (and after) the one-stop desk's decision. */
export interface OnlineSubmissionTable {
  /** The future dossier code, allocated at submission (`<unit code>-YYMMDD-NNNN`). */
  code: Frozen<string>;
  tenant: Frozen<string>;
  procedure_code: Frozen<string>;
  procedure_version: Frozen<number>;
  procedure_name: Frozen<string>;
  /** The signed-in citizen who filed it (the applicant or its representative). */
  personal_id: Frozen<string>;
  applicant: Json<Applicant>;
  applicant_name: string;
  components: Json<SubmittedComponent[]>;
  receiving_unit: Frozen<string>;
  return_method: Frozen<ReturnMethod>;
  copies: Frozen<number | null>;
  status: ColumnType<OnlineSubmissionStatus, OnlineSubmissionStatus | undefined, OnlineSubmissionStatus>;
  submitted_at: Frozen<Date>;
  /** The legal time by which the desk must check it and answer (docs/domain.md, "Online receipt"). */
  check_by: Frozen<Date>;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  decided_by: ColumnType<string | null, string | null | undefined, string | null>;
  refusal_reason: ColumnType<string | null, string | null | undefined, string | null>;
  completion_request: ColumnType<CompletionRequest | null, string | null | undefined, string | null>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export const onlineSubmissionEventTypes = [
  'submitted',
  'completion_requested',
  'completed',
  'accepted',
  'refused',
  'supplemented',
] as const;
export type OnlineSubmissionEventType = (typeof onlineSubmissionEventTypes)[number];

/** One entry of a submission's append-only history: who did what, when. */
export interface OnlineSubmissionEventTable {
  id: Generated<number>;
  submission_code: Frozen<string>;
  at: Frozen<Date>;
  type: Frozen<OnlineSubmissionEventType>;
  actor_kind: Frozen<'citizen' | 'officer'>;
  /** The citizen's personal ID or the officer's username. */
  actor: Frozen<string>;
  payload: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export type OnlineSubmissionRow = Selectable<OnlineSubmissionTable>;
export type NewOnlineSubmissionRow = Insertable<OnlineSubmissionTable>;
export type OnlineSubmissionEventRow = Selectable<OnlineSubmissionEventTable>;
