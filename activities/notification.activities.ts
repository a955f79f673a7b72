import { ApplicationFailure, log } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import {
  findNotification,
  insertNotificationIfMissing,
  listRecipientOfficers,
  markNotificationSent,
  recordNotificationError,
  startNotificationAttempt,
} from '../db/notification.repository.js';
import type { NotificationKind } from '../db/notification.table.js';
import type { DB } from '../db/schema.js';
import type { Role } from '../domain/roles.js';
import { isPermanentSmtpError, type Mailer } from './mailer.js';
import type { MailContent } from './notification-templates.js';

/** What the notification activities need. */
export interface NotificationActivityDeps {
  db: Kysely<DB>;
  mailer: Mailer;
  /** Public address of the API, where the links of the mails point (`PUBLIC_BASE_URL`). */
  publicBaseUrl: string;
}

/** Codes of the non-retryable failures of the notification activities. */
export const NotificationActivityErrors = {
  /** The SMTP server refused the message for good (5xx): recorded as `failed`, never retried. */
  rejected: 'NOTIFY.REJECTED',
} as const;

/** One notification to send, under its idempotency key. */
export interface SendNotificationInput {
  /** Stable key: `dossier:<code>:step:<stepId>:<level>`, `digest:<tenant>:<YYYY-MM-DD>`… */
  key: string;
  tenant: string;
  dossierCode: string | null;
  kind: NotificationKind;
  to: string[];
  content: MailContent;
}

export type SendNotificationResult = {
  status: 'sent' | 'already_sent' | 'no_recipient' | 'failed';
};

/** An officer a notification goes to. */
export interface NotificationRecipient {
  username: string;
  fullName: string;
  email: string;
}

/**
 * A Message-ID derived from the key (the same on every attempt), so a message sent again after a crash
 * between the SMTP server's acceptance and our bookkeeping can be recognised by the receiver.
 */
export const notificationMessageId = (key: string): string =>
  `<${key.replace(/[^A-Za-z0-9._-]/g, '_')}@mot-cua>`;

/** Activities that send the engine's e-mails through the notification ledger. */
export function createNotificationActivities(deps: NotificationActivityDeps) {
  const { db, mailer } = deps;

  return {
    /**
     * Sends one notification at most once per key, whatever the retries, replays and restarts: the row is
     * recorded first; a sent one is not sent again, a refused one (`failed`) is never retried. Every
     * attempt is counted and its error kept. An SMTP outage throws a plain error (Temporal retries with
     * backoff); a permanent refusal marks the row `failed` and throws a non-retryable `NOTIFY.REJECTED`.
     * No recipient: recorded as `skipped`, nothing sent (a later call with recipients sends it).
     */
    async sendNotification(input: SendNotificationInput): Promise<SendNotificationResult> {
      const to = [...new Set(input.to.map((a) => a.trim()).filter((a) => a !== ''))];
      const meta = { key: input.key, kind: input.kind, dossierCode: input.dossierCode };
      const { row } = await insertNotificationIfMissing(db, {
        key: input.key,
        tenant: input.tenant,
        dossier_code: input.dossierCode,
        kind: input.kind,
        recipients: JSON.stringify(to),
        subject: input.content.subject,
        status: to.length === 0 ? 'skipped' : 'pending',
        ...(to.length === 0 ? { last_error: 'no recipient' } : {}),
      });
      if (row.status === 'sent') {
        log.info('notification already sent', { ...meta, messageId: row.message_id });
        return { status: 'already_sent' };
      }
      if (row.status === 'failed') {
        log.warn('notification was refused before; not sent again', { ...meta, lastError: row.last_error });
        return { status: 'failed' };
      }
      if (to.length === 0) {
        log.info('notification has no recipient', meta);
        return { status: 'no_recipient' };
      }

      const attempt = await startNotificationAttempt(db, input.key, to);
      if (!attempt) {
        // Sent or refused by a concurrent attempt between our read and this update.
        const now = await findNotification(db, input.key);
        return { status: now?.status === 'sent' ? 'already_sent' : 'failed' };
      }
      const messageId = notificationMessageId(input.key);
      try {
        await mailer.send({
          to,
          subject: input.content.subject,
          text: input.content.text,
          html: input.content.html,
          headers: {
            'Message-ID': messageId,
            'X-Mot-Cua-Notification': input.key,
            ...(input.dossierCode ? { 'X-Mot-Cua-Dossier': input.dossierCode } : {}),
          },
        });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const permanent = isPermanentSmtpError(err);
        await recordNotificationError(db, input.key, message, permanent);
        if (permanent) {
          log.error('notification refused by the SMTP server', {
            ...meta,
            attempts: attempt.attempts,
            error: message,
          });
          throw ApplicationFailure.nonRetryable(
            `the SMTP server refused notification ${input.key}: ${message}`,
            NotificationActivityErrors.rejected,
          );
        }
        log.warn('notification not delivered; will retry', {
          ...meta,
          attempts: attempt.attempts,
          error: message,
        });
        throw new Error(`notification ${input.key} not delivered: ${message}`);
      }
      await markNotificationSent(db, input.key, messageId);
      log.info('notification sent', { ...meta, messageId, attempts: attempt.attempts });
      return { status: 'sent' };
    },

    /** The active officers of the tenant with one of `roles` (in `division` when given) and an e-mail. */
    async resolveRecipients(input: {
      tenant: string;
      division?: string;
      roles: Role[];
    }): Promise<NotificationRecipient[]> {
      const rows = await listRecipientOfficers(db, input.tenant, input.roles, input.division);
      return rows.map((r) => ({ username: r.username, fullName: r.full_name, email: r.email }));
    },
  };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
