import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  DossierEvent,
  DossierPhase,
  DossierState,
  NationalStatus,
  OnTimeResult,
  ReturnMethod,
} from '../domain/dossier/types.js';
import type { Applicant } from '../domain/applicant/index.js';
import type { RuleSetId } from '../domain/rules/rule-sets.js';

/** A timestamptz column: read as a Date, written as a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz the database fills in (`default now()`) and nobody changes afterwards. */
type RecordedAt = ColumnType<Date, Date | string | undefined, never>;
/** A column written once and never updated (append-only tables). */
type Frozen<T> = ColumnType<T, T, never>;
/** A jsonb column: read as parsed JSON, written as JSON text (pg would turn a JS array into a SQL array). */
type Json<T> = ColumnType<T, string, string>;

/** How the dossier reached the one-stop desk (Decree 61/2018 art. 15). */
export type DossierChannel = 'direct' | 'online' | 'postal';

/**
 * The projection of one dossier (hồ sơ) for lists, reports and forms. The workflow is the source of
 * truth; `state` mirrors its whole {@link DossierState} as of event `seq`, and the other columns copy the
 * fields lists filter and sort on.
 */
export interface DossierTable {
  /** Dossier code `<unit code>-YYMMDD-NNNN` (docs/domain.md, "Dossier code"), also the workflow ID. */
  code: string;
  tenant: string;
  unit_code: string;
  procedure_code: string;
  procedure_version: number;
  procedure_name: string;
  calendar_version: number;
  applicant_name: string;
  /** Số CCCD/CMND/hộ chiếu of the applicant. */
  applicant_id_number: string;
  applicant_email: string | null;
  applicant_phone: string | null;
  /** The applicant as received (kind, address, representative); null on rows received before 2026-12-06. */
  applicant: Json<Applicant> | null;
  /** Rule set the dossier was received under (domain/rules/rule-sets.ts); it keeps it to its end. */
  rule_set: RuleSetId;
  /** Receiving unit (receiving_unit.code) where the dossier was received; null: the agency's own desk. */
  received_unit: string | null;
  /** How the applicant takes the result: at a unit's counter, by post, or online. */
  return_method: ReturnMethod;
  /** Receiving unit whose counter returns the result (return_method `counter`). */
  return_unit: string | null;
  /** Receiving unit whose desk holds the dossier now (its receipt or return step); null elsewhere. */
  current_unit: string | null;
  /** Codes of the dossier components (thành phần hồ sơ) received. */
  components: Json<string[]>;
  channel: ColumnType<DossierChannel, DossierChannel | undefined, DossierChannel>;
  received_at: Timestamp;
  /** Username of the receiving officer. */
  received_by: string;
  phase: DossierPhase;
  status: NationalStatus;
  current_step_id: string | null;
  current_division: string | null;
  current_role: string | null;
  assignee_id: string | null;
  assignee_username: string | null;
  step_deadline: Timestamp | null;
  appointment_at: Timestamp;
  original_appointment_at: Timestamp;
  overdue: Generated<boolean>;
  /** Flagged at risk of missing the appointment (escalated to leadership; an apology is required). */
  at_risk: Generated<boolean>;
  /** When the apology with a new appointment (Mẫu 04) was signed; null when none. */
  apology_signed_at: Timestamp | null;
  /** The apology was signed after its legal limit (one working day before the appointment). */
  apology_late: Generated<boolean>;
  supplement_count: Generated<number>;
  multiple_supplements: Generated<boolean>;
  result_ready_at: Timestamp | null;
  finished_at: Timestamp | null;
  outcome: OnTimeResult | null;
  state: Json<DossierState>;
  /** Seq of the last event applied to this row (0 when inserted before any event). */
  seq: number;
  /** An audit event of the dossier could not be stored: it waits for an administrator (`dossier_incident`). */
  needs_attention: Generated<boolean>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** When the dossier's archive package was made (set by the archive); null: not archived. */
  archived_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When its personal data was cleared from the live tables (docs/personal-data.md); null: not yet. */
  anonymised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/**
 * One entry of the append-only, hash-chained audit trail of a dossier (docs/architecture.md, "Audit chain").
 * The database refuses UPDATE, DELETE and TRUNCATE; `hash` = sha256(prev_hash + '\n' + canonical JSON of the
 * stored fields), see `db/dossier-chain.ts`.
 */
export interface DossierEventTable {
  dossier_code: Frozen<string>;
  seq: Frozen<number>;
  at: ColumnType<Date, Date | string, never>;
  type: Frozen<DossierEvent['type']>;
  actor_id: Frozen<string | null>;
  actor_username: Frozen<string | null>;
  actor_role: Frozen<string | null>;
  actor_name: Frozen<string | null>;
  step_id: Frozen<string | null>;
  from_phase: Frozen<DossierPhase | null>;
  to_phase: Frozen<DossierPhase>;
  from_status: Frozen<NationalStatus | null>;
  to_status: Frozen<NationalStatus>;
  from_step_id: Frozen<string | null>;
  to_step_id: Frozen<string | null>;
  on_time: Frozen<OnTimeResult | null>;
  payload: ColumnType<Record<string, unknown>, string, never>;
  /** sha256 hex of the canonical JSON of `payload`. */
  payload_digest: Frozen<string>;
  /** `hash` of the previous event; 64 zeros for seq 1. */
  prev_hash: Frozen<string>;
  hash: Frozen<string>;
  recorded_at: RecordedAt;
}

/** An action the API refused (validator or authorisation), kept for the audit even without a dossier. */
export interface DossierRejectionTable {
  id: Generated<number>;
  /** Not a foreign key: the code may not exist. */
  dossier_code: string;
  at: RecordedAt;
  actor_id: string | null;
  actor_username: string | null;
  actor_role: string | null;
  action: string;
  /** The stable error code, e.g. `DOSSIER.STEP_MISMATCH`. */
  code: string;
  message: string;
  payload: ColumnType<Record<string, unknown>, string | undefined, never>;
}

/** Last dossier number given per unit and Vietnam local day, gap-free (docs/domain.md, "Dossier code"). */
export interface DossierCodeCounterTable {
  unit_code: string;
  /** 'YYYY-MM-DD', Vietnam local date of receipt. */
  day: string;
  last: number;
}

/** A client-supplied Idempotency-Key of a receipt and the dossier it created. */
export interface IdempotencyKeyTable {
  tenant: string;
  key: string;
  dossier_code: string;
  /** Digest of the request body: the same key with another body is a conflict. */
  request_digest: string;
  created_at: RecordedAt;
}

/** A missing component of an incomplete dossier at receipt. */
export interface MissingComponent {
  code: string;
  name: string;
}

/**
 * One-time written guidance (Mẫu 02, Circular 01/2018) given when a dossier is incomplete at receipt:
 * no dossier is created, but the guidance is recorded.
 */
export interface ReceiptGuidanceTable {
  id: Generated<number>;
  tenant: string;
  procedure_code: string;
  procedure_version: number;
  applicant_name: string;
  applicant_id_number: string;
  applicant_email: string | null;
  applicant_phone: string | null;
  /** The applicant as given at the desk (kind, address, representative). */
  applicant: Json<Applicant> | null;
  /** Receiving unit where the guidance was given; null: the agency's own desk. */
  received_unit: string | null;
  /** The rule set in force when it was given: its form set. */
  rule_set: RuleSetId;
  missing: ColumnType<MissingComponent[], string, never>;
  /** Username of the officer who gave it. */
  given_by: string;
  given_at: RecordedAt;
}

export type DossierRow = Selectable<DossierTable>;
export type NewDossierRow = Insertable<DossierTable>;
export type DossierUpdate = Updateable<DossierTable>;
export type DossierEventRow = Selectable<DossierEventTable>;
export type NewDossierEventRow = Insertable<DossierEventTable>;
export type DossierRejectionRow = Selectable<DossierRejectionTable>;
export type NewDossierRejectionRow = Insertable<DossierRejectionTable>;
export type IdempotencyKeyRow = Selectable<IdempotencyKeyTable>;
export type NewIdempotencyKeyRow = Insertable<IdempotencyKeyTable>;
export type ReceiptGuidanceRow = Selectable<ReceiptGuidanceTable>;
export type NewReceiptGuidanceRow = Insertable<ReceiptGuidanceTable>;
