import type { ColumnType, Insertable, Selectable } from 'kysely';

/**
 * What a notification is about (docs/architecture.md, "Escalation ladder"; applicant notices; the morning
 * digest).
 */
export const notificationKinds = [
  'step_reminder',
  'step_overdue',
  'dossier_at_risk',
  'dossier_overdue',
  'leadership_digest',
  'applicant_received',
  'applicant_payment',
  'applicant_supplement',
  'applicant_apology',
  'applicant_result_ready',
  /** An audit event could not be stored: the administrators are told (dossier_incident). */
  'dossier_incident',
  /** A periodic report is due in five working days: the divisions in charge are reminded. */
  'report_due_reminder',
  /** Online receipt (docs/domain.md, "Online receipt"): the citizen's acknowledgement and the desk's answers. */
  'online_submitted',
  'online_completion_requested',
  'online_refused',
  'online_accepted',
  /** An online submission is still unchecked at its legal check time: the receiving unit is reminded. */
  'online_check_due',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/**
 * Where a notification stands: `pending` (recorded, not accepted yet: an SMTP outage is being retried),
 * `sent` (the SMTP server accepted it), `failed` (refused for good: never retried), `skipped` (nobody to
 * send it to, e.g. an applicant without an e-mail address).
 */
export const notificationStatuses = ['pending', 'sent', 'failed', 'skipped'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

/**
 * The notification ledger: one row per notification, keyed by a stable idempotency key such as
 * `dossier:<code>:step:<stepId>:<level>` or `digest:<tenant>:<YYYY-MM-DD>`. Written before anything is
 * sent, so a retried or replayed activity sends nothing twice.
 */
export interface NotificationTable {
  key: ColumnType<string, string, never>;
  tenant: ColumnType<string, string, never>;
  dossier_code: ColumnType<string | null, string | null | undefined, never>;
  kind: ColumnType<NotificationKind, NotificationKind, never>;
  /** E-mail addresses (JSON array of strings). */
  recipients: ColumnType<string[], string, string>;
  subject: string;
  status: ColumnType<NotificationStatus, NotificationStatus | undefined, NotificationStatus>;
  /** Delivery attempts so far (incremented before each send). */
  attempts: ColumnType<number, number | undefined, number>;
  /** The last SMTP error, kept after a later success for the record. */
  last_error: string | null;
  /** Message-ID of the accepted message. */
  message_id: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  sent_at: ColumnType<Date | null, never, Date | null>;
  failed_at: ColumnType<Date | null, never, Date | null>;
}

export type NotificationRow = Selectable<NotificationTable>;
export type NewNotificationRow = Insertable<NotificationTable>;
