import type { Executor } from '../../db/database.js';
import { findOnlineSubmission } from '../../db/online-submission.repository.js';
import type { OnlineSubmissionRow } from '../../db/online-submission.table.js';
import type { Principal } from '../auth.js';
import type { CitizenPrincipal } from '../citizen-session.js';
import { ApiError } from '../errors.js';

/** The receiving unit whose online queue an officer works (null: every unit, the administrator). */
export function queueUnitOf(principal: Principal): string | null {
  return principal.role === 'admin' ? null : (principal.receivingUnit ?? '\u0000none');
}

const officerNotFound = () => new ApiError(404, 'ONLINE.NOT_FOUND', 'Không tìm thấy hồ sơ nộp trực tuyến.');

/**
 * The submission an officer may check: of the officer's tenant and, for a receiver, of the officer's
 * receiving unit; otherwise 404 `ONLINE.NOT_FOUND` (existence is not revealed, as in the desk's lists).
 */
export async function officerSubmission(
  db: Executor,
  code: string,
  principal: Principal,
): Promise<OnlineSubmissionRow> {
  const row = await findOnlineSubmission(db, code);
  const unit = queueUnitOf(principal);
  if (!row || row.tenant !== principal.tenant || (unit !== null && row.receiving_unit !== unit)) {
    throw officerNotFound();
  }
  return row;
}

/** 404 `PORTAL.NOT_FOUND`: an unknown code and another citizen's dossier answer the same. */
export const portalNotFound = (): ApiError => new ApiError(404, 'PORTAL.NOT_FOUND', 'Không tìm thấy hồ sơ.');

/** The citizen's own submission, or 404 `PORTAL.NOT_FOUND`. */
export async function citizenSubmission(
  db: Executor,
  code: string,
  citizen: CitizenPrincipal,
): Promise<OnlineSubmissionRow> {
  const row = await findOnlineSubmission(db, code);
  if (!row || row.personal_id !== citizen.personalId) throw portalNotFound();
  return row;
}
