import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/** A national status an online submission reports before it becomes a dossier (docs/domain.md). */
export interface SubmissionStatusReport {
  tenant: string;
  dossierCode: string;
  /** 1 Mới đăng ký (filed, completed), 3 Không được tiếp nhận (refused), 5 Yêu cầu bổ sung (completion). */
  status: 1 | 3 | 5;
  /** What the national portal is told with it (the reason, what to add). */
  document: Record<string, unknown>;
}

/**
 * Reports an online submission's national status to the national portal's sync, in the transaction that
 * changes the submission. Status 2 onwards comes from the dossier workflow's events.
 * NATIONAL-SYNC: the sync's `appendNationalStatus(trx, { tenant, dossierCode, status, document })`
 * (db/national-sync.repository.ts) is not on this branch yet; the lead wires it here at merge. The call
 * sites name their status (`// NATIONAL-SYNC: status <n>`).
 */
export async function recordSubmissionStatus(
  trx: Transaction<DB>,
  report: SubmissionStatusReport,
): Promise<void> {
  // NATIONAL-SYNC: await appendNationalStatus(trx, report);
  void trx;
  void report;
  await Promise.resolve();
}
