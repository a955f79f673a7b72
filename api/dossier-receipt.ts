import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  type Client,
} from '@temporalio/client';
import { toVnDate, type WorkingCalendar } from '../domain/calendar/index.js';
import { receiveDossier, type Actor, type DossierState } from '../domain/dossier/index.js';
import { checkCompleteness, type MissingComponent } from '../domain/procedure/completeness.js';
import type { ProcedureDefinition } from '../domain/procedure/procedure-definition.js';
import type { Database } from '../db/database.js';
import {
  allocateDossierCode,
  deleteDossier,
  dossierProjection,
  findDossier,
  insertDossier,
  insertReceiptGuidance,
} from '../db/dossier.repository.js';
import type { DossierRow } from '../db/dossier.table.js';
import { findTenant } from '../db/organisation.repository.js';
import { findProcedureInForce, findSuccessor } from '../db/procedure.repository.js';
import { supersededMessage } from '../domain/procedure/succession.js';
import type { CalendarService } from './calendar.service.js';
import { ApiError, badRequest } from './errors.js';
import { dossierWorkflow } from '../workflows/dossier/dossier.workflow.js';
import { DossierProcedure, DossierTenant } from '../workflows/search-attributes.js';
import { recordResource, type IdempotencyReservation } from './idempotency.js';

export interface ReceiptRequest {
  procedureCode: string;
  applicant: { fullName: string; idNumber: string; email?: string | undefined; phone?: string | undefined };
  components: string[];
  channel: 'direct' | 'online' | 'postal';
}

export interface ReceiptDeps {
  db: Database;
  client: Client;
  taskQueue: string;
}

export interface Receipt {
  row: DossierRow;
  state: DossierState;
}

const MAX_CODE_ATTEMPTS = 5;

/**
 * Receives a complete dossier: in one transaction, takes the unit's next code of the day (gap-free:
 * the counter row stays locked until commit and a failure gives the number back), stores the projection
 * row and, with an Idempotency-Key, the dossier it created (so that a re-run of the request after a crash
 * answers with that dossier instead of receiving it again), and starts the workflow with the procedure and calendar snapshots.
 * The workflow is started before the commit, so a dossier never exists without its workflow; should
 * a commit fail after the start, the code's workflow exists and the next receipt skips that number.
 */
export async function receiveCompleteDossier(
  deps: ReceiptDeps,
  input: {
    request: ReceiptRequest;
    procedure: ProcedureDefinition;
    calendar: WorkingCalendar;
    tenant: string;
    unitCode: string;
    actor: Actor;
    receivedAt: number;
    /** The Idempotency-Key the request holds (`request.idempotency`), if any. */
    idempotency?: IdempotencyReservation | undefined;
  },
): Promise<Receipt> {
  const { request, procedure, calendar, actor, receivedAt } = input;
  const day = toVnDate(receivedAt);
  return deps.db.transaction().execute(async (trx) => {
    for (let attempt = 1; ; attempt++) {
      const { code } = await allocateDossierCode(trx, input.unitCode, day);
      const { state } = receiveDossier(
        { procedure, calendar },
        { code, tenant: input.tenant, receivedAt, actor },
      );
      const firstStep = procedure.steps[0];
      const row = await insertDossier(trx, {
        code,
        tenant: input.tenant,
        unit_code: input.unitCode,
        procedure_code: procedure.code,
        procedure_version: procedure.version,
        procedure_name: procedure.name,
        calendar_version: calendar.version,
        applicant_name: request.applicant.fullName,
        applicant_id_number: request.applicant.idNumber,
        applicant_email: request.applicant.email ?? null,
        applicant_phone: request.applicant.phone ?? null,
        components: JSON.stringify(request.components),
        channel: request.channel,
        received_at: new Date(receivedAt),
        received_by: actor.username,
        ...dossierProjection(state, firstStep?.division ?? null, firstStep?.role ?? null),
        // The workflow's first event (the receipt) brings the row to seq 1.
        seq: 0,
      });
      await recordResource(trx, input.idempotency, code);
      try {
        await deps.client.workflow.start(dossierWorkflow, {
          taskQueue: deps.taskQueue,
          workflowId: code,
          args: [
            {
              code,
              tenant: input.tenant,
              procedure,
              calendar: calendar.definition,
              receivedAt,
              receiver: actor,
            },
          ],
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          typedSearchAttributes: [
            { key: DossierTenant, value: input.tenant },
            { key: DossierProcedure, value: procedure.code },
          ],
        });
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError && attempt < MAX_CODE_ATTEMPTS) {
          // An earlier receipt's commit failed after its start: this number is taken, use the next (the
          // next attempt records its own code for the Idempotency-Key).
          await deleteDossier(trx, code);
          continue;
        }
        throw err;
      }
      return { row, state };
    }
  });
}

export interface DeskReceiptDeps extends ReceiptDeps {
  calendars: Pick<CalendarService, 'inForce'>;
}

/** What a receipt at the desk did. */
export type ReceiptOutcome =
  /** The dossier was received now: code, appointment, workflow. */
  | { readonly kind: 'received'; readonly row: DossierRow; readonly state: DossierState }
  /**
   * An earlier run of this same request (its Idempotency-Key) received the dossier and crashed before
   * answering: nothing was received again, this is that dossier.
   */
  | { readonly kind: 'replayed'; readonly row: DossierRow; readonly state: DossierState }
  /** Required components are missing: not received, no clock starts; the one-time guidance (Mẫu 02). */
  | { readonly kind: 'incomplete'; readonly missing: MissingComponent[]; readonly guidanceId: number };

/**
 * A receipt at the one-stop desk: the procedure in force, the completeness rule
 * (`domain/procedure/completeness.ts`), then either the written guidance of an incomplete dossier or the
 * receipt of a complete one ({@link receiveCompleteDossier}).
 * @throws ApiError 400 `DOSSIER.PROCEDURE_SUPERSEDED` (the code was replaced; the message names the new one),
 *   `DOSSIER.UNKNOWN_PROCEDURE` / `DOSSIER.UNKNOWN_COMPONENT`, 503 `CALENDAR.MISSING`.
 */
export async function receiveAtDesk(
  deps: DeskReceiptDeps,
  input: {
    request: ReceiptRequest;
    tenant: string;
    actor: Actor;
    /** The Idempotency-Key the request holds (`request.idempotency`), if any. */
    idempotency?: IdempotencyReservation | undefined;
  },
): Promise<ReceiptOutcome> {
  const { request, tenant, actor } = input;
  const earlier = input.idempotency?.resource;
  const done = earlier ? await findDossier(deps.db, earlier) : undefined;
  if (done) return { kind: 'replayed', row: done, state: done.state };

  const receivedAt = Date.now();
  const day = toVnDate(receivedAt);
  const successor = await findSuccessor(deps.db, tenant, request.procedureCode, day);
  if (successor) {
    throw badRequest(
      'body.procedureCode',
      supersededMessage(request.procedureCode, successor),
      'DOSSIER.PROCEDURE_SUPERSEDED',
    );
  }
  const procedureRow = await findProcedureInForce(deps.db, tenant, request.procedureCode, day);
  if (!procedureRow) {
    throw badRequest(
      'body.procedureCode',
      'Không có thủ tục hành chính với mã này.',
      'DOSSIER.UNKNOWN_PROCEDURE',
    );
  }
  const procedure = procedureRow.definition;
  const completeness = checkCompleteness(procedure.components, request.components);
  switch (completeness.kind) {
    case 'unknown':
      throw badRequest(
        `body.components.${completeness.index}`,
        `Thủ tục không có thành phần hồ sơ "${completeness.code}".`,
        'DOSSIER.UNKNOWN_COMPONENT',
      );
    case 'incomplete': {
      const { missing } = completeness;
      const guidance = await insertReceiptGuidance(deps.db, {
        tenant,
        procedure_code: procedure.code,
        procedure_version: procedure.version,
        applicant_name: request.applicant.fullName,
        applicant_id_number: request.applicant.idNumber,
        applicant_email: request.applicant.email ?? null,
        applicant_phone: request.applicant.phone ?? null,
        missing: JSON.stringify(missing),
        given_by: actor.username,
      });
      return { kind: 'incomplete', missing, guidanceId: guidance.id };
    }
    case 'complete':
      break;
  }
  const calendar = await deps.calendars.inForce(tenant, receivedAt);
  if (!calendar) throw new ApiError(503, 'CALENDAR.MISSING', 'Chưa có lịch làm việc cho đơn vị.');
  const unit = await findTenant(deps.db, tenant);
  if (!unit) throw new Error(`receiveAtDesk: tenant ${tenant} does not exist`);
  const receipt = await receiveCompleteDossier(deps, {
    request,
    procedure,
    calendar,
    tenant,
    unitCode: unit.unit_code,
    actor,
    receivedAt,
    idempotency: input.idempotency,
  });
  return { kind: 'received', ...receipt };
}
