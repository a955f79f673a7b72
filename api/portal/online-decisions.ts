import type { Transaction } from 'kysely';
import type { Actor, DossierState } from '../../domain/dossier/index.js';
import type { DB } from '../../db/schema.js';
import { findDossier } from '../../db/dossier.repository.js';
import type { DossierRow } from '../../db/dossier.table.js';
import { findTenant } from '../../db/organisation.repository.js';
import { findProcedureVersion } from '../../db/procedure.repository.js';
import {
  appendOnlineSubmissionEvent,
  listOnlineSubmissionEvents,
  lockOnlineSubmission,
  updateOnlineSubmission,
} from '../../db/online-submission.repository.js';
import type { OnlineSubmissionRow } from '../../db/online-submission.table.js';
import {
  onlineDecisionSignal,
  onlineSubmissionWorkflowId,
  type OnlineDecision,
} from '../../workflows/online-submission/messages.js';
import { CODE_TAKEN, receiveWithCode } from '../dossier-receipt.js';
import { ApiError, badRequest } from '../errors.js';
import type { IdempotencyReservation } from '../idempotency.js';
import type { PortalDeps } from './deps.js';
import { kickSubmissionSync, recordSubmissionStatus } from './national-status.js';
import { issueSubmissionForm } from './submission-forms.js';

const alreadyDecided = () =>
  new ApiError(
    409,
    'ONLINE.ALREADY_DECIDED',
    'Hồ sơ này không còn chờ kiểm tra (đã được tiếp nhận, từ chối hoặc đang chờ công dân bổ sung).',
  );

/** Locks the submission for a decision: it must still wait for the desk (409 `ONLINE.ALREADY_DECIDED`). */
async function lockPending(trx: Transaction<DB>, code: string): Promise<OnlineSubmissionRow> {
  const row = await lockOnlineSubmission(trx, code);
  if (!row || row.status !== 'pending') throw alreadyDecided();
  return row;
}

/**
 * Tells the submission's workflow (which mails the citizen) and, for a decision that changed the national
 * status (completion request, refusal), the national sync's pusher; the decision is stored already.
 */
export async function signalDecision(
  deps: Pick<PortalDeps, 'client' | 'taskQueue'>,
  code: string,
  d: OnlineDecision,
) {
  if (d.kind !== 'accepted') await kickSubmissionSync(deps, code);
  await deps.client.workflow.getHandle(onlineSubmissionWorkflowId(code)).signal(onlineDecisionSignal, d);
}

/**
 * Accepts a submission: in one transaction, marks it accepted, records the decision and receives the
 * dossier under the submission's code (channel online, received now: the appointment counts from now,
 * from the next working moment outside office hours), its workflow started before the commit.
 */
export async function acceptSubmission(
  deps: PortalDeps,
  row: OnlineSubmissionRow,
  actor: Actor,
  idempotency: IdempotencyReservation | undefined,
): Promise<{ row: DossierRow; state: DossierState; replayed: boolean }> {
  const earlier = idempotency?.resource ? await findDossier(deps.db, idempotency.resource) : undefined;
  if (earlier) return { row: earlier, state: earlier.state, replayed: true };
  if (row.status !== 'pending') throw alreadyDecided();
  const at = deps.now();
  const [calendar, tenant, version] = await Promise.all([
    deps.calendars.inForce(row.tenant, at),
    findTenant(deps.db, row.tenant),
    findProcedureVersion(deps.db, row.tenant, row.procedure_code, row.procedure_version),
  ]);
  if (!calendar) throw new ApiError(503, 'CALENDAR.MISSING', 'Chưa có lịch làm việc cho đơn vị.');
  if (!tenant || !version) throw new Error(`acceptSubmission: ${row.code} lost its tenant or procedure`);
  const receipt = await deps.db.transaction().execute(async (trx) => {
    await lockPending(trx, row.code);
    await updateOnlineSubmission(trx, row.code, { status: 'accepted', at, decidedBy: actor.username });
    await appendOnlineSubmissionEvent(trx, {
      code: row.code,
      at,
      type: 'accepted',
      actorKind: 'officer',
      actor: actor.username,
    });
    const received = await receiveWithCode(
      trx,
      deps,
      {
        request: {
          procedureCode: row.procedure_code,
          applicant: row.applicant,
          components: row.components.map((c) => c.code),
          channel: 'online',
          copies: row.copies ?? undefined,
        },
        procedure: version.definition,
        calendar,
        tenant: row.tenant,
        unitCode: tenant.unit_code,
        desk: {
          receivingUnit: row.receiving_unit,
          returnMethod: row.return_method,
          returnUnit: row.receiving_unit,
        },
        actor,
        receivedAt: at,
        idempotency,
      },
      row.code,
    );
    if (received === CODE_TAKEN) throw alreadyDecided();
    return received;
  });
  return { ...receipt, replayed: false };
}

/**
 * Asks the citizen to complete the submission: what to add and why; no clock starts. The request is the
 * submission's n-th Mẫu 02, numbered in this transaction.
 */
export async function requestCompletion(
  deps: PortalDeps,
  row: OnlineSubmissionRow,
  actor: Actor,
  body: { components: string[]; note: string },
): Promise<Extract<OnlineDecision, { kind: 'completion_requested' }>> {
  const names = new Map(
    (
      await findProcedureVersion(deps.db, row.tenant, row.procedure_code, row.procedure_version)
    )?.definition.components.map((c) => [c.code, c.name]) ?? [],
  );
  body.components.forEach((c, i) => {
    if (!names.has(c)) {
      throw badRequest(
        `body.components.${i}`,
        `Thủ tục không có thành phần hồ sơ "${c}".`,
        'ONLINE.UNKNOWN_COMPONENT',
      );
    }
  });
  const at = deps.now();
  const components = body.components.map((code) => ({ code, name: names.get(code)! }));
  const request = { at, by: actor.username, components, note: body.note };
  await deps.db.transaction().execute(async (trx) => {
    await lockPending(trx, row.code);
    await updateOnlineSubmission(trx, row.code, {
      status: 'awaiting_completion',
      at,
      completionRequest: request,
    });
    await appendOnlineSubmissionEvent(trx, {
      code: row.code,
      at,
      type: 'completion_requested',
      actorKind: 'officer',
      actor: actor.username,
      payload: { components, note: body.note },
    });
    const requests = (await listOnlineSubmissionEvents(trx, row.code)).filter(
      (e) => e.type === 'completion_requested',
    );
    await issueSubmissionForm(trx, deps.ruleSetSwitchDate, {
      row,
      kind: 'supplement',
      occurrence: requests.length,
      at,
      by: actor.username,
    });
    await recordSubmissionStatus(trx, { dossierCode: row.code, status: 5, at });
  });
  return { kind: 'completion_requested', at, components, note: body.note };
}

/** Refuses a submission (not received) with its reason; its Mẫu 03 is numbered in this transaction. */
export async function refuseSubmission(
  deps: PortalDeps,
  row: OnlineSubmissionRow,
  actor: Actor,
  reason: string,
): Promise<Extract<OnlineDecision, { kind: 'refused' }>> {
  const at = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await lockPending(trx, row.code);
    await updateOnlineSubmission(trx, row.code, {
      status: 'refused',
      at,
      decidedBy: actor.username,
      refusalReason: reason,
    });
    await appendOnlineSubmissionEvent(trx, {
      code: row.code,
      at,
      type: 'refused',
      actorKind: 'officer',
      actor: actor.username,
      payload: { reason },
    });
    await issueSubmissionForm(trx, deps.ruleSetSwitchDate, {
      row,
      kind: 'refusal',
      occurrence: 1,
      at,
      by: actor.username,
    });
    await recordSubmissionStatus(trx, { dossierCode: row.code, status: 3, at });
  });
  return { kind: 'refused', at, reason };
}
