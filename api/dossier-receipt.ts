import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  type Client,
} from '@temporalio/client';
import { toVnDate, type WorkingCalendar } from '../domain/calendar/index.js';
import { receiveDossier, type Actor, type DossierState } from '../domain/dossier/index.js';
import type { ProcedureDefinition } from '../domain/procedure/procedure-definition.js';
import type { Database } from '../db/database.js';
import { allocateDossierCode, dossierProjection, insertDossier } from '../db/dossier.repository.js';
import type { DossierRow } from '../db/dossier.table.js';
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
          await trx.deleteFrom('dossier').where('code', '=', code).execute();
          continue;
        }
        throw err;
      }
      return { row, state };
    }
  });
}
