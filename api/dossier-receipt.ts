import { createHash } from 'node:crypto';
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
import {
  allocateDossierCode,
  dossierProjection,
  findIdempotencyKey,
  insertDossier,
  insertIdempotencyKey,
} from '../db/dossier.repository.js';
import type { DossierRow } from '../db/dossier.table.js';
import { dossierWorkflow } from '../workflows/dossier/dossier.workflow.js';
import { DossierProcedure, DossierTenant } from '../workflows/search-attributes.js';
import { ApiError } from './errors.js';

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
  /** True when an earlier receipt with the same Idempotency-Key answered. */
  replayed: boolean;
}

/** Digest of what makes two receipts "the same request" for an Idempotency-Key. */
export function receiptDigest(request: ReceiptRequest): string {
  const canonical = JSON.stringify([
    request.procedureCode,
    request.applicant.fullName,
    request.applicant.idNumber,
    request.applicant.email ?? null,
    request.applicant.phone ?? null,
    [...request.components].sort(),
    request.channel,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The answer for a key already used: the first dossier, or 422 when the key came with another request. */
export async function replayReceipt(
  db: Database,
  tenant: string,
  key: string,
  digest: string,
): Promise<Receipt | undefined> {
  const found = await findIdempotencyKey(db, tenant, key);
  if (!found) return undefined;
  if (found.request_digest !== digest) {
    throw new ApiError(
      422,
      'DOSSIER.IDEMPOTENCY_KEY_REUSED',
      'Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.',
      'headers.idempotency-key',
    );
  }
  const row = await db
    .selectFrom('dossier')
    .selectAll()
    .where('code', '=', found.dossier_code)
    .executeTakeFirstOrThrow();
  return { row, state: row.state, replayed: true };
}

const MAX_CODE_ATTEMPTS = 5;

/**
 * Receives a complete dossier: in one transaction, takes the unit's next code of the day (gap-free:
 * the counter row stays locked until commit and a failure gives the number back), stores the projection
 * row and the Idempotency-Key, and starts the workflow with the procedure and calendar snapshots.
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
    idempotencyKey?: string | undefined;
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
      if (input.idempotencyKey) {
        const fresh = await insertIdempotencyKey(trx, {
          tenant: input.tenant,
          key: input.idempotencyKey,
          dossier_code: code,
          request_digest: receiptDigest(request),
        });
        if (!fresh) throw new IdempotencyRace();
      }
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
          // An earlier receipt's commit failed after its start: this number is taken, use the next.
          if (input.idempotencyKey) {
            await trx
              .deleteFrom('idempotency_key')
              .where('tenant', '=', input.tenant)
              .where('key', '=', input.idempotencyKey)
              .execute();
          }
          await trx.deleteFrom('dossier').where('code', '=', code).execute();
          continue;
        }
        throw err;
      }
      return { row, state, replayed: false };
    }
  });
}

/** A concurrent receipt with the same Idempotency-Key committed first: answer from it. */
export class IdempotencyRace extends Error {
  constructor() {
    super('idempotency key taken by a concurrent receipt');
    this.name = 'IdempotencyRace';
  }
}
