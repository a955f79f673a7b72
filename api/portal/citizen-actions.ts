import type { Database } from '../../db/database.js';
import { findDossier } from '../../db/dossier.repository.js';
import {
  appendOnlineSubmissionEvent,
  lockOnlineSubmission,
  updateOnlineSubmission,
} from '../../db/online-submission.repository.js';
import type { OnlineSubmissionRow, SubmittedComponent } from '../../db/online-submission.table.js';
import { findProcedureVersion } from '../../db/procedure.repository.js';
import {
  onlineCompletedSignal,
  onlineSubmissionWorkflowId,
} from '../../workflows/online-submission/messages.js';
import type { CitizenPrincipal } from '../citizen-session.js';
import { ApiError } from '../errors.js';
import { resolveComponentFiles, type ComponentFiles } from './component-files.js';
import type { PortalDeps } from './deps.js';
import { kickSubmissionSync, recordSubmissionStatus, SIGNAL_DEADLINE_MS } from './national-status.js';

const notAsked = (what: string) =>
  new ApiError(409, 'PORTAL.NOT_ASKED', `Cơ quan chưa yêu cầu ${what} cho hồ sơ này.`);

/** The files the citizen adds to components of the submission's procedure (checked as at submission). */
async function addedFiles(
  db: Database,
  citizen: CitizenPrincipal,
  row: OnlineSubmissionRow,
  components: ComponentFiles,
): Promise<SubmittedComponent[]> {
  const version = await findProcedureVersion(db, row.tenant, row.procedure_code, row.procedure_version);
  if (!version) throw new Error(`${row.code}: procedure version missing`);
  return resolveComponentFiles(db, citizen.personalId, version.definition, components, { required: false });
}

/** Replaces the files of the components given and keeps the others. */
function merge(
  current: readonly SubmittedComponent[],
  added: readonly SubmittedComponent[],
): SubmittedComponent[] {
  const codes = new Set(added.map((c) => c.code));
  return [...current.filter((c) => !codes.has(c.code)), ...added];
}

/**
 * The citizen completes a submission after the desk's request: the files replace those of their
 * components, the submission waits for the desk again (national status 1) and its workflow is told.
 * 409 `PORTAL.NOT_ASKED` when the desk asked nothing.
 */
export async function completeSubmission(
  deps: PortalDeps,
  citizen: CitizenPrincipal,
  row: OnlineSubmissionRow,
  body: { components: ComponentFiles; note?: string | undefined },
): Promise<void> {
  if (row.status !== 'awaiting_completion') throw notAsked('bổ sung, hoàn thiện');
  const added = await addedFiles(deps.db, citizen, row, body.components);
  const at = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const locked = await lockOnlineSubmission(trx, row.code);
    if (locked?.status !== 'awaiting_completion') throw notAsked('bổ sung, hoàn thiện');
    await updateOnlineSubmission(trx, row.code, {
      status: 'pending',
      at,
      completionRequest: null,
      components: merge(locked.components, added),
    });
    await appendOnlineSubmissionEvent(trx, {
      code: row.code,
      at,
      type: 'completed',
      actorKind: 'citizen',
      actor: citizen.personalId,
      payload: { components: added, note: body.note ?? null },
    });
    await recordSubmissionStatus(trx, { dossierCode: row.code, status: 1, at });
  });
  try {
    await deps.client.withDeadline(Date.now() + SIGNAL_DEADLINE_MS, async () => {
      await kickSubmissionSync(deps, row.code);
      await deps.client.workflow
        .getHandle(onlineSubmissionWorkflowId(row.code))
        .signal(onlineCompletedSignal, { at });
    });
  } catch {
    // The completion is stored: the workflow reads it from the database at its next wake-up or re-check.
  }
}

/**
 * The citizen sends what a supplement request during processing asked for: the files are kept with the
 * dossier's submission, where the officers see them; the officer still records the supplement (which
 * moves the legal clock). 409 `PORTAL.NOT_ASKED` when the dossier does not wait for a supplement.
 */
export async function sendSupplement(
  deps: PortalDeps,
  citizen: CitizenPrincipal,
  row: OnlineSubmissionRow,
  body: { components: ComponentFiles; note?: string | undefined },
): Promise<void> {
  const dossier = row.status === 'accepted' ? await findDossier(deps.db, row.code) : undefined;
  if (dossier?.state.phase !== 'awaiting_supplement') throw notAsked('bổ sung hồ sơ');
  const added = await addedFiles(deps.db, citizen, row, body.components);
  await appendOnlineSubmissionEvent(deps.db, {
    code: row.code,
    at: deps.now(),
    type: 'supplemented',
    actorKind: 'citizen',
    actor: citizen.personalId,
    payload: { components: added, note: body.note ?? null },
  });
}
