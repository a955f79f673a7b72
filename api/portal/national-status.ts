import type { Client } from '@temporalio/client';
import type { Transaction } from 'kysely';
import { kickNationalSync } from '../../common/national-sync-kick.js';
import { appendNationalStatus } from '../../db/national-sync.repository.js';
import type { DB } from '../../db/schema.js';
import { buildNationalStatusDocument } from '../../domain/national-sync/document.js';

/** A national status an online submission reports before it becomes a dossier (docs/domain.md). */
export interface SubmissionStatusReport {
  dossierCode: string;
  /** 1 Mới đăng ký (filed, completed), 3 Không được tiếp nhận (refused), 5 Yêu cầu bổ sung (completion). */
  status: 1 | 3 | 5;
  /** When it changed (epoch ms). */
  at: number;
}

/**
 * Appends an online submission's national status to the national portal's outbox, in the transaction that
 * changes the submission (status 2 onwards comes from the dossier workflow's events, in theirs). The
 * submission row, written earlier in `trx`, gives the facts; its files are the digitised components.
 * After the commit, {@link kickSubmissionSync} starts the push.
 */
export async function recordSubmissionStatus(
  trx: Transaction<DB>,
  report: SubmissionStatusReport,
): Promise<void> {
  const row = await trx
    .selectFrom('online_submission as s')
    .innerJoin('tenant as t', 't.code', 's.tenant')
    .select(['s.tenant', 's.procedure_code', 's.procedure_name', 's.applicant_name', 't.unit_code'])
    .where('s.code', '=', report.dossierCode)
    .executeTakeFirstOrThrow();
  const document = buildNationalStatusDocument({
    dossierCode: report.dossierCode,
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    unitCode: row.unit_code,
    applicantName: row.applicant_name,
    channel: 'online',
    status: report.status,
    at: report.at,
    receivedAt: null,
    appointmentAt: null,
    handlingEndedAt: report.status === 3 ? report.at : null,
    returnedAt: null,
    paidOnline: false,
    componentsDigitised: true,
    resultDigitised: false,
  });
  await appendNationalStatus(trx, {
    tenant: row.tenant,
    dossierCode: report.dossierCode,
    status: report.status,
    document,
  });
}

/** How long a portal or queue route waits for Temporal to take a wake-up signal after its commit. */
export const SIGNAL_DEADLINE_MS = 3000;

/**
 * After the commit of a {@link recordSubmissionStatus}: tells the dossier's pusher. A failure is only
 * logged by the caller: the status waits in the outbox and the sync's sweep sends it within minutes.
 */
export function kickSubmissionSync(
  deps: { client: Client; taskQueue: string },
  dossierCode: string,
): Promise<void> {
  return kickNationalSync(deps.client, deps.taskQueue, dossierCode);
}
