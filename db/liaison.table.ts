import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** A timestamptz the database fills in (`default now()`) and nobody changes afterwards. */
type RecordedAt = ColumnType<Date, Date | string | undefined, never>;

/**
 * A partner agency (cơ quan phối hợp) of a tenant for liaison steps (liên thông), e.g. the UBND tỉnh.
 * Procedure definitions name it by `code` (`liaison[].partnerCode`).
 */
export interface PartnerAgencyTable {
  tenant: ColumnType<string, string, never>;
  /** Short ASCII code, e.g. `UBND_TINH`. */
  code: ColumnType<string, string, never>;
  name: string;
  /** Its electronic identifier per QCVN 102:2016 (mã định danh), e.g. 000.00.00.H42. */
  unit_code: string;
  /** Where liaison requests are e-mailed (văn thư of the agency). */
  email: string;
  /** When set, each request is also POSTed there as JSON (the agency's one-stop system). */
  webhook_url: string | null;
  /**
   * HMAC-SHA256 key that signs the answer links (tokens) sent to this agency: only a token we issued
   * can answer, and rotating the key revokes every link still out. Never leaves the server.
   */
  callback_secret: string;
  /** An inactive agency gets no new requests; answers to requests already sent are still taken. */
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

/**
 * One liaison request sent to a partner agency: one per liaison child workflow (`request_id` is the
 * child's request id). Written before anything is sent, so a retried activity sends nothing twice.
 */
export interface LiaisonRequestTable {
  request_id: ColumnType<string, string, never>;
  tenant: ColumnType<string, string, never>;
  dossier_code: ColumnType<string, string, never>;
  partner_code: ColumnType<string, string, never>;
  step_id: ColumnType<string, string, never>;
  /** When the request was first recorded (just before the first delivery attempt). */
  sent_at: RecordedAt;
  /** Message-ID of the e-mail the SMTP server accepted; null until then. */
  email_message_id: string | null;
  /**
   * Last webhook delivery: the HTTP status (`'200'`, `'404'`…), `'timeout'` or `'network_error'`; null
   * when the agency has no webhook or nothing was tried yet.
   */
  webhook_status: string | null;
  /** When the answer link stops working (60 days after `sent_at`). */
  expires_at: ColumnType<Date, Date | string, never>;
}

/** What became of one answer callback. */
export type LiaisonCallbackOutcome =
  /** The child workflow took the answer. */
  | 'applied'
  /** The request was already answered (a replay, a retry, or a second answer): nothing changed. */
  | 'duplicate'
  /** The token's signature does not match. */
  | 'forged'
  /** The token is past its expiry. */
  | 'expired'
  /** The token names no known partner, request or liaison workflow. */
  | 'unknown_request'
  /** Malformed token or body. */
  | 'invalid'
  /** The liaison workflow was closed without an answer (e.g. the dossier ended): nothing changed. */
  | 'closed'
  /** Something failed on our side (Temporal unreachable…): the partner should try again. */
  | 'error';

/**
 * Every answer callback received, whatever happened to it (append-only: the database refuses UPDATE,
 * DELETE and TRUNCATE). At most one `applied` row per request (unique partial index).
 */
export interface LiaisonCallbackTable {
  id: Generated<number>;
  received_at: RecordedAt;
  /** As claimed by the token (not verified when the outcome says so). */
  request_id: string | null;
  partner_code: string | null;
  outcome: LiaisonCallbackOutcome;
  /** The answer, note and file URL sent, the error code answered, the callback id, the HTTP request id… */
  detail: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export type PartnerAgencyRow = Selectable<PartnerAgencyTable>;
export type NewPartnerAgencyRow = Insertable<PartnerAgencyTable>;
export type LiaisonRequestRow = Selectable<LiaisonRequestTable>;
export type NewLiaisonRequestRow = Insertable<LiaisonRequestTable>;
export type LiaisonCallbackRow = Selectable<LiaisonCallbackTable>;
export type NewLiaisonCallbackRow = Insertable<LiaisonCallbackTable>;
