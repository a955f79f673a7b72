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
import { isPermanentSmtpError, type Mailer } from '../common/mailer.js';
import {
  dossierIncidentMail,
  leadershipDigestMail,
  renderNotice,
  type DigestItem,
  type MailContent,
} from './notification-templates.js';
import { createWorkingCalendar } from '../domain/calendar/index.js';
import { findCalendarInForce } from '../db/calendar.repository.js';
import { listLateDossiers } from '../db/dossier.repository.js';
import type { DossierNotice } from '../domain/dossier/notices.js';
import { actionLabels } from '../domain/dossier/labels.js';
import { isLeadership, isRole, type Role } from '../domain/roles.js';
import { ONE_STOP_DESK_DIVISION } from '../domain/procedure/procedure-definition.js';
import { findOfficerByUsername } from '../db/organisation.repository.js';
import { findPaymentRequest } from '../db/payment.repository.js';

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

  async function recipientsOf(
    notice: DossierNotice,
    applicantEmail: string | null,
    deskUnit: string | null,
  ): Promise<string[]> {
    const a = notice.audience;
    const emails = (rows: { email: string }[]) => rows.map((r) => r.email);
    switch (a.kind) {
      case 'applicant':
        return applicantEmail ? [applicantEmail] : [];
      case 'leadership':
        return emails(await listRecipientOfficers(db, notice.tenant, LEADERSHIP));
      case 'division_heads': {
        const heads = await listRecipientOfficers(db, notice.tenant, ['head'], a.division);
        // A division without a head (or the leadership's own steps): the leadership is told instead.
        return emails(heads.length > 0 ? heads : await listRecipientOfficers(db, notice.tenant, LEADERSHIP));
      }
      case 'step_officers': {
        if (a.assignee) {
          const officer = await findOfficerByUsername(db, a.assignee);
          if (officer?.active && officer.email) return [officer.email];
        }
        const role = isRole(a.role) ? a.role : 'specialist';
        if (isLeadership(role)) return emails(await listRecipientOfficers(db, notice.tenant, LEADERSHIP));
        // A desk step is worked by the receiving unit that holds the dossier, not by the Sở's desk division.
        return emails(
          a.division === ONE_STOP_DESK_DIVISION && deskUnit
            ? await listRecipientOfficers(db, notice.tenant, [role], undefined, deskUnit)
            : await listRecipientOfficers(db, notice.tenant, [role], a.division),
        );
      }
    }
  }

  return {
    /**
     * One notice about a dossier (domain/dossier/notices.ts): resolves who gets it, renders the Vietnamese
     * mail from the dossier's data and sends it through the ledger under the notice's key (at most once).
     */
    async notifyDossier(notice: DossierNotice): Promise<SendNotificationResult> {
      const dossier = await db
        .selectFrom('dossier')
        .innerJoin('tenant', 'tenant.code', 'dossier.tenant')
        .leftJoin('receiving_unit', (j) =>
          j
            .onRef('receiving_unit.tenant', '=', 'dossier.tenant')
            .onRef('receiving_unit.code', '=', 'dossier.current_unit'),
        )
        .select([
          'dossier.applicant_name',
          'dossier.applicant_email',
          'dossier.current_unit',
          'receiving_unit.name as desk_name',
          'tenant.name as agency_name',
        ])
        .where('dossier.code', '=', notice.dossierCode)
        .executeTakeFirst();
      // The receipt's transaction commits just after it starts the workflow: retry until the row is there.
      if (!dossier) throw new Error(`dossier ${notice.dossierCode} is not in the database yet`);
      const division = notice.step
        ? await db
            .selectFrom('division')
            .select('name')
            .where('tenant', '=', notice.tenant)
            .where('code', '=', notice.step.division)
            .executeTakeFirst()
        : undefined;
      const to = await recipientsOf(notice, dossier.applicant_email, dossier.current_unit);
      const payment = notice.payment ? await findPaymentRequest(db, notice.payment.reference) : undefined;
      const content = renderNotice(notice, {
        payUrl: payment?.status === 'pending' ? payment.pay_url : null,
        publicBaseUrl: deps.publicBaseUrl,
        agencyName: dossier.agency_name,
        applicantName: dossier.applicant_name,
        divisionName:
          (notice.step?.division === ONE_STOP_DESK_DIVISION ? dossier.desk_name : null) ??
          division?.name ??
          notice.step?.division ??
          '',
        recipientName: recipientGreeting(notice),
      });
      return sendOnce({
        key: notice.key,
        tenant: notice.tenant,
        dossierCode: notice.dossierCode,
        kind: notice.kind,
        to,
        content,
      });
    },

    /**
     * Sends one notification at most once per key, whatever the retries, replays and restarts: the row is
     * recorded first; a sent one is not sent again, a refused one (`failed`) is never retried. Every
     * attempt is counted and its error kept. An SMTP outage throws a plain error (Temporal retries with
     * backoff); a permanent refusal marks the row `failed` and throws a non-retryable `NOTIFY.REJECTED`.
     * No recipient: recorded as `skipped`, nothing sent (a later call with recipients sends it).
     */
    sendNotification: sendOnce,

    /**
     * The working-day morning digest of the tenant's overdue and at-risk dossiers, to the leadership, once
     * per day (ledger key `digest:<tenant>:<date>`). A non-working day of the tenant's calendar (weekend,
     * holiday, decided day off) sends nothing: the schedule fires every day and this decides.
     */
    async sendLeadershipDigest(input: {
      tenant: string;
      /** The day, `YYYY-MM-DD` (Vietnam). */
      date: string;
      /** The instant the lateness is measured at (the workflow's time). */
      at: number;
    }): Promise<SendNotificationResult | { status: 'non_working_day' }> {
      const version = await findCalendarInForce(db, input.tenant, input.date);
      if (!version) throw new Error(`tenant ${input.tenant} has no calendar in force on ${input.date}`);
      const cal = createWorkingCalendar(version.definition);
      if (!cal.isWorkingDay(input.date)) {
        log.info('no digest on a non-working day', { tenant: input.tenant, date: input.date });
        return { status: 'non_working_day' };
      }
      const [tenant, late, leaders] = await Promise.all([
        db.selectFrom('tenant').select('name').where('code', '=', input.tenant).executeTakeFirst(),
        listLateDossiers(db, { tenant: input.tenant }),
        listRecipientOfficers(db, input.tenant, LEADERSHIP),
      ]);
      const items: DigestItem[] = late.map((r) => {
        const appointmentAt = r.appointment_at.getTime();
        const overdue = r.overdue || appointmentAt <= input.at;
        return {
          dossierCode: r.code,
          procedureName: r.procedure_name,
          divisionName: r.division_name ?? r.current_division ?? '',
          appointmentAt,
          state: overdue ? 'overdue' : 'at_risk',
          ...(overdue
            ? { lateMinutes: Math.round(cal.workingMinutesBetween(appointmentAt, input.at)) }
            : { remainingMinutes: Math.round(cal.workingMinutesBetween(input.at, appointmentAt)) }),
        };
      });
      return sendOnce({
        key: `digest:${input.tenant}:${input.date}`,
        tenant: input.tenant,
        dossierCode: null,
        kind: 'leadership_digest',
        to: leaders.map((l) => l.email),
        content: leadershipDigestMail({
          publicBaseUrl: deps.publicBaseUrl,
          date: input.date,
          agencyName: tenant?.name ?? input.tenant,
          items,
          workingMinutesPerDay: cal.workingMinutesPerDay,
        }),
      });
    },

    /**
     * Tells the tenant's administrators that an audit event of a dossier could not be stored (once per
     * incident: ledger key `incident:<id>`).
     */
    async notifyDossierIncident(input: {
      tenant: string;
      dossierCode: string;
      incidentId: string;
      seq: number;
      eventType: string;
      errorCode: string;
      sqlState: string | null;
      flaggedAt: number;
    }): Promise<SendNotificationResult> {
      const admins = await listRecipientOfficers(db, input.tenant, ['admin']);
      const label = (actionLabels as Readonly<Record<string, string>>)[input.eventType] ?? input.eventType;
      return sendOnce({
        key: `incident:${input.incidentId}`,
        tenant: input.tenant,
        dossierCode: input.dossierCode,
        kind: 'dossier_incident',
        to: admins.map((a) => a.email),
        content: dossierIncidentMail({ publicBaseUrl: deps.publicBaseUrl, ...input, eventLabel: label }),
      });
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

  async function sendOnce(input: SendNotificationInput): Promise<SendNotificationResult> {
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
  }
}

const LEADERSHIP: Role[] = ['director', 'deputy'];

/** "Kính gửi: …" of an officer notice: the role addressed (the mail may go to several people). */
function recipientGreeting(notice: DossierNotice): string {
  switch (notice.audience.kind) {
    case 'division_heads':
      return 'Trưởng phòng';
    case 'leadership':
      return 'Ban Giám đốc Sở';
    case 'step_officers':
      return notice.audience.assignee ? 'Cán bộ được phân công xử lý' : 'Cán bộ xử lý hồ sơ';
    case 'applicant':
      return 'Ông/bà';
  }
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
