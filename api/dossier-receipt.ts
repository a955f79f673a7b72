import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  type Client,
} from '@temporalio/client';
import { z } from 'zod';
import { toVnDate, type WorkingCalendar } from '../domain/calendar/index.js';
import type { Applicant } from '../domain/applicant/index.js';
import {
  AGENCY_DESK_UNIT,
  currentDeskUnit,
  deskUnitOf,
  receiveDossier,
  type Actor,
  type DeskRoute,
  type DossierState,
  type ReturnMethod,
} from '../domain/dossier/index.js';
import { FORMS_ISSUED_AT_RECEIPT, GUIDANCE_ISSUE } from '../domain/forms/numbering.js';
import { ruleSetOn } from '../domain/rules/rule-sets.js';
import { checkCompleteness, type MissingComponent } from '../domain/procedure/completeness.js';
import type { ProcedureDefinition } from '../domain/procedure/procedure-definition.js';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/schema.js';
import {
  allocateDossierCode,
  deleteDossier,
  dossierProjection,
  findDossier,
  insertDossier,
  insertReceiptGuidance,
} from '../db/dossier.repository.js';
import type { DossierRow } from '../db/dossier.table.js';
import { issueForms } from '../db/form-issue.repository.js';
import { findReceivingUnit, findTenant } from '../db/organisation.repository.js';
import { findProcedureInForce, findSuccessor } from '../db/procedure.repository.js';
import { supersededMessage } from '../domain/procedure/succession.js';
import type { CalendarService } from './calendar.service.js';
import { ApiError, badRequest } from './errors.js';
import { dossierWorkflow } from '../workflows/dossier/dossier.workflow.js';
import { DossierProcedure, DossierTenant } from '../workflows/search-attributes.js';
import { recordResource, type IdempotencyReservation } from './idempotency.js';
import { withinDeadline } from './outage.js';

export interface ReceiptRequest {
  procedureCode: string;
  applicant: Applicant;
  components: string[];
  channel: 'direct' | 'online' | 'postal';
  /** Copies asked for, when the procedure's fee is per copy. */
  copies?: number | undefined;
  /** Where the applicant takes the result; default: the counter of the unit that receives the dossier. */
  returnTo?: { method: ReturnMethod; unit?: string | undefined } | undefined;
}

export interface ReceiptDeps {
  db: Database;
  client: Client;
  taskQueue: string;
  /** First receipt date of the Decree 118/2025 rule set (config `RULE_SET_SWITCH_DATE`). */
  ruleSetSwitchDate?: string | undefined;
  /** How long the workflow start may take (`ACTION_TIMEOUT_MS`); default `DEFAULT_ACTION_TIMEOUT_MS`. */
  actionTimeoutMs?: number | undefined;
}

export interface Receipt {
  row: DossierRow;
  state: DossierState;
}

const MAX_CODE_ATTEMPTS = 5;

/** Most copies one dossier may ask for (a request beyond is a typing mistake, or several dossiers). */
export const MAX_COPIES = 100;

/** Copies asked for (desk receipt and online submission): required when the fee is per copy. */
export const copiesSchema = z
  .number()
  .int('Số bản sao là số nguyên')
  .min(1, 'Tối thiểu 1 bản sao')
  .max(MAX_COPIES, `Tối đa ${MAX_COPIES} bản sao mỗi hồ sơ`)
  .optional()
  .describe('Copies asked for, required when the procedure charges its fee per copy (bản sao)');

/**
 * Copies are asked exactly when the fee is per copy.
 * @throws ApiError 400 `DOSSIER.COPIES_REQUIRED` / `DOSSIER.COPIES_NOT_APPLICABLE` (`body.copies`).
 */
export function checkCopies(procedure: ProcedureDefinition, copies: number | undefined): void {
  const perCopy = procedure.fee.per === 'copy';
  if (perCopy && copies === undefined) {
    throw badRequest(
      'body.copies',
      'Thủ tục thu phí theo bản sao: cần ghi số bản sao yêu cầu.',
      'DOSSIER.COPIES_REQUIRED',
    );
  }
  if (!perCopy && copies !== undefined) {
    throw badRequest(
      'body.copies',
      'Thủ tục này không thu phí theo bản sao: không ghi số bản sao.',
      'DOSSIER.COPIES_NOT_APPLICABLE',
    );
  }
}

/** What {@link receiveCompleteDossier} and {@link receiveWithCode} receive. */
export interface CompleteReceiptInput {
  request: ReceiptRequest;
  procedure: ProcedureDefinition;
  calendar: WorkingCalendar;
  tenant: string;
  unitCode: string;
  desk: DeskRoute;
  actor: Actor;
  receivedAt: number;
  /** The Idempotency-Key the request holds (`request.idempotency`), if any. */
  idempotency?: IdempotencyReservation | undefined;
}

/**
 * Receives a complete dossier: in one transaction, takes the unit's next code of the day (gap-free:
 * the counter row stays locked until commit and a failure gives the number back), stores the projection
 * row and, with an Idempotency-Key, the dossier it created (so that a re-run of the request after a crash
 * answers with that dossier instead of receiving it again), starts the workflow with the procedure and
 * calendar snapshots, and numbers the receipt slip and the control sheet in the receiving unit's series
 * (gap-free the same way: a failed receipt gives its numbers back, a replayed one finds them).
 * The workflow is started before the commit, so a dossier never exists without its workflow; should
 * a commit fail after the start, the code's workflow exists and the next receipt skips that number.
 */
export async function receiveCompleteDossier(
  deps: ReceiptDeps,
  input: CompleteReceiptInput,
): Promise<Receipt> {
  const day = toVnDate(input.receivedAt);
  return deps.db.transaction().execute(async (trx) => {
    for (let attempt = 1; ; attempt++) {
      const { code } = await allocateDossierCode(trx, input.unitCode, day);
      const receipt = await receiveWithCode(trx, deps, input, code);
      // An earlier receipt's commit failed after its start: this number is taken, use the next (the
      // next attempt records its own code for the Idempotency-Key).
      if (receipt === CODE_TAKEN && attempt < MAX_CODE_ATTEMPTS) continue;
      if (receipt === CODE_TAKEN) throw new Error(`receiveCompleteDossier: code ${code} is taken`);
      return receipt;
    }
  });
}

/** {@link receiveWithCode}'s answer when a workflow with that code exists already (nothing was stored). */
export const CODE_TAKEN = 'code_taken' as const;

/**
 * Receives a complete dossier under a code allocated beforehand (the online receipt's, allocated at
 * submission), in the caller's transaction: the projection row, the Idempotency-Key's record, the dossier
 * workflow started before the commit, the receipt forms numbered. {@link CODE_TAKEN} when a workflow
 * already has this code (the row it inserted is removed again).
 */
export async function receiveWithCode(
  trx: Transaction<DB>,
  deps: Pick<ReceiptDeps, 'client' | 'taskQueue' | 'ruleSetSwitchDate' | 'actionTimeoutMs'>,
  input: CompleteReceiptInput,
  code: string,
): Promise<Receipt | typeof CODE_TAKEN> {
  const { request, procedure, calendar, actor, receivedAt, desk } = input;
  const ruleSet = ruleSetOn(toVnDate(receivedAt), deps.ruleSetSwitchDate);
  const { state } = receiveDossier(
    { procedure, calendar },
    { code, tenant: input.tenant, receivedAt, actor, ruleSet, desk, copies: request.copies ?? null },
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
    applicant: JSON.stringify(request.applicant),
    rule_set: ruleSet,
    received_unit: desk.receivingUnit,
    return_method: desk.returnMethod,
    return_unit: desk.returnMethod === 'counter' ? desk.returnUnit : null,
    components: JSON.stringify(request.components),
    channel: request.channel,
    received_at: new Date(receivedAt),
    received_by: actor.username,
    ...dossierProjection(
      state,
      firstStep?.division ?? null,
      firstStep?.role ?? null,
      currentDeskUnit(procedure.steps, state),
    ),
    // The workflow's first event (the receipt) brings the row to seq 1.
    seq: 0,
  });
  await recordResource(trx, input.idempotency, code);
  try {
    // Bounded: the unit's counter row stays locked until this transaction ends, so a start hanging on an
    // unreachable Temporal would hold every receipt of the unit. Past the deadline the transaction rolls
    // back (503); if the start had reached Temporal, its workflow holds the code and the next receipt
    // skips that number (CODE_TAKEN below), as after a failed commit.
    await withinDeadline(
      deps.client,
      () =>
        deps.client.workflow.start(dossierWorkflow, {
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
              ruleSet,
              desk,
              copies: request.copies ?? null,
            },
          ],
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          typedSearchAttributes: [
            { key: DossierTenant, value: input.tenant },
            { key: DossierProcedure, value: procedure.code },
          ],
        }),
      deps.actionTimeoutMs,
    );
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      await deleteDossier(trx, code);
      return CODE_TAKEN;
    }
    throw err;
  }
  await issueForms(
    trx,
    {
      tenant: input.tenant,
      ruleSet,
      dossierCode: code,
      guidanceId: null,
      receivingUnit: desk.receivingUnit,
      issuedAt: receivedAt,
      issuedBy: actor.username,
    },
    FORMS_ISSUED_AT_RECEIPT,
  );
  return { row, state };
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
  checkCopies(procedure, request.copies);
  const desk = await resolveDesk(deps.db, tenant, actor, request);
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
      const guidanceId = await recordGuidance(deps, {
        request,
        procedure,
        tenant,
        actor,
        desk,
        missing,
        receivedAt,
      });
      return { kind: 'incomplete', missing, guidanceId };
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
    desk,
    actor,
    receivedAt,
    idempotency: input.idempotency,
  });
  return { kind: 'received', ...receipt };
}

/**
 * Records the one-time guidance for an incomplete dossier with its number in the unit's Mẫu 02 series, in
 * one transaction. Returns its id.
 */
async function recordGuidance(
  deps: ReceiptDeps,
  input: {
    request: ReceiptRequest;
    procedure: ProcedureDefinition;
    tenant: string;
    actor: Actor;
    desk: DeskRoute;
    missing: MissingComponent[];
    receivedAt: number;
  },
): Promise<number> {
  const { request, procedure, tenant, actor, desk } = input;
  const ruleSet = ruleSetOn(toVnDate(input.receivedAt), deps.ruleSetSwitchDate);
  return deps.db.transaction().execute(async (trx) => {
    const guidance = await insertReceiptGuidance(trx, {
      tenant,
      procedure_code: procedure.code,
      procedure_version: procedure.version,
      applicant_name: request.applicant.fullName,
      applicant_id_number: request.applicant.idNumber,
      applicant_email: request.applicant.email ?? null,
      applicant_phone: request.applicant.phone ?? null,
      applicant: JSON.stringify(request.applicant),
      received_unit: desk.receivingUnit,
      rule_set: ruleSet,
      missing: JSON.stringify(input.missing),
      given_by: actor.username,
      given_at: new Date(input.receivedAt),
    });
    await issueForms(
      trx,
      {
        tenant,
        ruleSet,
        dossierCode: null,
        guidanceId: guidance.id,
        receivingUnit: desk.receivingUnit,
        issuedAt: input.receivedAt,
        issuedBy: actor.username,
      },
      [GUIDANCE_ISSUE],
    );
    return guidance.id;
  });
}

/**
 * Where the dossier is received (the officer's receiving unit; the agency's own desk for the
 * administrator) and where its result goes back (`returnTo`, default: the same unit's counter).
 * @throws ApiError 403 `DOSSIER.NOT_AT_A_DESK` for an officer of no active receiving unit; 400
 *   `DOSSIER.UNKNOWN_RECEIVING_UNIT` (`body.returnTo.unit`) for a return unit the tenant does not have
 *   open, `DOSSIER.RETURN_UNIT_NOT_APPLICABLE` for a unit given with a post or online return, and
 *   `DOSSIER.EMAIL_REQUIRED` (`body.applicant.email`) for an online return without an e-mail address.
 */
export async function resolveDesk(
  db: Database,
  tenant: string,
  actor: Actor,
  request: Pick<ReceiptRequest, 'returnTo' | 'applicant'>,
): Promise<DeskRoute> {
  const receivingUnit = deskUnitOf(actor) ?? (actor.role === 'admin' ? AGENCY_DESK_UNIT : null);
  const unit = receivingUnit ? await findReceivingUnit(db, tenant, receivingUnit) : undefined;
  if (!receivingUnit || !unit?.active) {
    throw new ApiError(
      403,
      'DOSSIER.NOT_AT_A_DESK',
      'Tài khoản của bạn không thuộc bộ phận tiếp nhận nào đang hoạt động nên không tiếp nhận được hồ sơ.',
    );
  }
  const method = request.returnTo?.method ?? 'counter';
  const chosen = request.returnTo?.unit;
  if (method !== 'counter') {
    if (chosen !== undefined) {
      throw badRequest(
        'body.returnTo.unit',
        'Chỉ chọn nơi trả kết quả khi người nộp nhận tại quầy.',
        'DOSSIER.RETURN_UNIT_NOT_APPLICABLE',
      );
    }
    if (method === 'online' && !request.applicant.email) {
      throw badRequest(
        'body.applicant.email',
        'Cần địa chỉ email để trả kết quả trực tuyến.',
        'DOSSIER.EMAIL_REQUIRED',
      );
    }
    return { receivingUnit, returnMethod: method, returnUnit: receivingUnit };
  }
  if (chosen !== undefined && chosen !== receivingUnit) {
    const returnUnit = await findReceivingUnit(db, tenant, chosen);
    if (!returnUnit?.active) {
      throw badRequest(
        'body.returnTo.unit',
        `Không có bộ phận tiếp nhận và trả kết quả mã "${chosen}" đang hoạt động.`,
        'DOSSIER.UNKNOWN_RECEIVING_UNIT',
      );
    }
  }
  return { receivingUnit, returnMethod: 'counter', returnUnit: chosen ?? receivingUnit };
}
