import type { Kysely } from 'kysely';
import { listRecipientOfficers } from '../db/notification.repository.js';
import type { NotificationKind } from '../db/notification.table.js';
import type { DB } from '../db/schema.js';
import type { OnlineNotice } from '../workflows/online-submission/messages.js';
import { loadOnlineSubmissionProgress } from './online-submission-progress.js';
import {
  onlineAcceptedMail,
  onlineCheckDueMail,
  onlineCompletionMail,
  onlineRefusedMail,
  onlineSubmittedMail,
  type OnlineFacts,
} from './online-submission-mails.js';
import type { MailContent } from './notification-templates.js';
import type { SendNotificationInput, SendNotificationResult } from './notification.activities.js';

export interface OnlineSubmissionActivityDeps {
  db: Kysely<DB>;
  publicBaseUrl: string;
  sendNotification(input: SendNotificationInput): Promise<SendNotificationResult>;
}

const kinds: Readonly<Record<OnlineNotice['kind'], NotificationKind>> = {
  submitted: 'online_submitted',
  completion_requested: 'online_completion_requested',
  refused: 'online_refused',
  accepted: 'online_accepted',
  check_due: 'online_check_due',
};

/** The ledger key of a notice: one mail per submission and kind (per request for completion requests). */
export const onlineNoticeKey = (n: OnlineNotice): string =>
  `online:${n.code}:${n.kind}${n.kind === 'completion_requested' ? `:${n.seq}` : ''}`;

/** Activities of the online receipt's workflow. */
export function createOnlineSubmissionActivities(deps: OnlineSubmissionActivityDeps) {
  const { db } = deps;
  return {
    /** Where the submission stands in the database: what its workflow mails comes from there. */
    loadOnlineSubmissionProgress: (code: string) => loadOnlineSubmissionProgress(db, code),
    /**
     * One mail of an online submission, through the notification ledger (at most once per key): to the
     * citizen who filed (the portal account's address, else the applicant's) or, for `check_due`, to the
     * active receivers of the submission's receiving unit.
     */
    async notifyOnlineSubmission(notice: OnlineNotice): Promise<SendNotificationResult> {
      const row = await db
        .selectFrom('online_submission as s')
        .innerJoin('tenant as t', 't.code', 's.tenant')
        .innerJoin('citizen as c', 'c.personal_id', 's.personal_id')
        .innerJoin('receiving_unit as u', (j) =>
          j.onRef('u.tenant', '=', 's.tenant').onRef('u.code', '=', 's.receiving_unit'),
        )
        .select([
          's.code',
          's.tenant',
          's.procedure_name',
          's.applicant',
          's.submitted_at',
          's.check_by',
          's.receiving_unit',
          't.name as agency_name',
          'u.name as unit_name',
          'c.full_name',
          'c.email',
        ])
        .where('s.code', '=', notice.code)
        .executeTakeFirst();
      // The submission's transaction commits just after it starts the workflow: retry until the row is there.
      if (!row) throw new Error(`online submission ${notice.code} is not in the database yet`);
      const facts: OnlineFacts = {
        publicBaseUrl: deps.publicBaseUrl,
        code: row.code,
        procedureName: row.procedure_name,
        agencyName: row.agency_name,
        unitName: row.unit_name,
        citizenName: row.full_name,
        submittedAt: row.submitted_at.getTime(),
        checkBy: row.check_by.getTime(),
      };
      let to: string[];
      if (notice.kind === 'check_due') {
        const receivers = await listRecipientOfficers(
          db,
          row.tenant,
          ['receiver'],
          undefined,
          row.receiving_unit,
        );
        to = receivers.map((r) => r.email);
      } else {
        const email = row.email ?? row.applicant.email;
        to = email ? [email] : [];
      }
      return deps.sendNotification({
        key: onlineNoticeKey(notice),
        tenant: row.tenant,
        dossierCode: row.code,
        kind: kinds[notice.kind],
        to,
        content: mailOf(notice, facts),
      });
    },
  };
}

function mailOf(notice: OnlineNotice, facts: OnlineFacts): MailContent {
  switch (notice.kind) {
    case 'submitted':
      return onlineSubmittedMail(facts);
    case 'check_due':
      return onlineCheckDueMail(facts);
    case 'completion_requested':
      return onlineCompletionMail({ ...facts, components: notice.components, note: notice.note });
    case 'refused':
      return onlineRefusedMail({ ...facts, reason: notice.reason });
    case 'accepted':
      return onlineAcceptedMail({ ...facts, acceptedAt: notice.at, appointmentAt: notice.appointmentAt });
  }
}
