import { z } from 'zod';
import { safeName, safeText, type TextRules } from '../../domain/text.js';
import { actionTextRules, type Actor, type DossierAction } from '../../domain/dossier/index.js';
import { findOfficerByUsername } from '../../db/organisation.repository.js';
import type { OfficerRow } from '../../db/organisation.table.js';
import type { AppInstance } from '../app-instance.js';
import { principalOf, type Principal } from '../auth.js';
import { performDossierAction } from '../dossier-actions.js';
import { badRequest, errorBodySchema } from '../errors.js';
import { dossierViewSchema } from '../dossier-view.js';
import { holdsStepRole, registerDossierAssigneeRoute } from './dossier-assignee.routes.js';
import { idempotencyHeaders, idempotentUpdateId } from '../idempotency.js';
import type { DossierRoutesDeps } from './dossier-deps.js';

const rules = actionTextRules;
const text = (r: TextRules = rules.reason) => safeText(r);
const stepId = safeName(rules.stepId.max).describe(
  'The step the officer acts on (a stale one is rejected: 409)',
);
const note = text(rules.note).optional();

/** The officer actions, one route each: path, operationId, body and how it becomes a workflow action. */
const actions = [
  {
    path: 'assign',
    operationId: 'assignDossierStep',
    summary: 'Assign the current step to an officer of its division (division head, leadership)',
    body: z.object({ stepId, assignee: safeName(rules.username.max).describe('Username of the officer') }),
    toAction: null,
  },
  {
    path: 'complete',
    operationId: 'completeDossierStep',
    summary: 'Finish the current step and hand the dossier to the next division',
    body: z.object({ stepId, note }),
    toAction: (b: { stepId: string; note?: string | undefined }): DossierAction => ({
      type: 'complete',
      stepId: b.stepId,
      ...(b.note ? { note: b.note } : {}),
    }),
  },
  {
    path: 'approve',
    operationId: 'approveDossier',
    summary: 'Approve and sign (leadership approval step)',
    body: z.object({ stepId, note }),
    toAction: (b: { stepId: string; note?: string | undefined }): DossierAction => ({
      type: 'approve',
      stepId: b.stepId,
      ...(b.note ? { note: b.note } : {}),
    }),
  },
  {
    path: 'send-back',
    operationId: 'sendBackDossier',
    summary: 'Send the dossier back to the previous step with a reason',
    body: z.object({ stepId, reason: text() }),
    toAction: (b: { stepId: string; reason: string }): DossierAction => ({
      type: 'send_back',
      stepId: b.stepId,
      reason: b.reason,
    }),
  },
  {
    path: 'supplement-request',
    operationId: 'requestSupplement',
    summary:
      'Ask the applicant for a supplement (Mẫu 02); the legal clock pauses or restarts per the procedure',
    body: z.object({ reason: text(), items: z.array(text(rules.item)).min(1).max(50) }),
    toAction: (b: { reason: string; items: string[] }): DossierAction => ({
      type: 'request_supplement',
      reason: b.reason,
      items: b.items,
    }),
  },
  {
    path: 'supplement-received',
    operationId: 'recordSupplement',
    summary: 'Record the supplement received at the one-stop desk',
    body: z.object({ note }),
    toAction: (b: { note?: string | undefined }): DossierAction => ({
      type: 'record_supplement',
      ...(b.note ? { note: b.note } : {}),
    }),
  },
  {
    path: 'refuse',
    operationId: 'refuseDossier',
    summary: 'Refuse the dossier with reasons (Mẫu 03)',
    body: z.object({ reasons: z.array(text()).min(1).max(20) }),
    toAction: (b: { reasons: string[] }): DossierAction => ({ type: 'refuse', reasons: b.reasons }),
  },
  {
    path: 'withdraw',
    operationId: 'withdrawDossier',
    summary: "Record the applicant's request to withdraw the dossier",
    body: z.object({ reason: text() }),
    toAction: (b: { reason: string }): DossierAction => ({ type: 'withdraw', reason: b.reason }),
  },
  {
    path: 'stop',
    operationId: 'stopDossier',
    summary: 'Stop processing the dossier',
    body: z.object({ reason: text() }),
    toAction: (b: { reason: string }): DossierAction => ({ type: 'stop', reason: b.reason }),
  },
  {
    path: 'result-ready',
    operationId: 'markResultReady',
    summary: 'Mark the digitised result ready to return',
    body: z.object({ stepId, note }),
    toAction: (b: { stepId: string; note?: string | undefined }): DossierAction => ({
      type: 'mark_result_ready',
      stepId: b.stepId,
      ...(b.note ? { note: b.note } : {}),
    }),
  },
  {
    path: 'seal',
    operationId: 'sealResult',
    summary:
      "Ask for the agency's seal (digital signature of the agency) on the leader-signed result, at the " +
      'digitisation step of a procedure whose result is sealed; the signature is made by the workflow',
    body: z.object({ stepId }),
    toAction: (b: { stepId: string }): DossierAction => ({ type: 'seal_result', stepId: b.stepId }),
  },
  {
    path: 'cash-payment',
    operationId: 'recordCashPayment',
    summary: 'Record the fee paid in cash at the one-stop desk (receipt number); finishes the payment step',
    body: z.object({
      stepId,
      amount: z.number().int().min(0).max(1_000_000_000).describe('VND; must equal the procedure fee'),
      receiptNumber: safeName(rules.receiptNumber.max).describe('Số biên lai thu phí, lệ phí'),
    }),
    toAction: (b: { stepId: string; amount: number; receiptNumber: string }): DossierAction => ({
      type: 'record_cash_payment',
      stepId: b.stepId,
      amount: b.amount,
      receiptNumber: b.receiptNumber,
    }),
  },
  {
    path: 'sign-apology',
    operationId: 'signApology',
    summary:
      'Sign the apology with a new appointment (Mẫu 04): leadership only, once per dossier; the new ' +
      'appointment is the close of office hours of a later working day',
    body: z.object({
      reason: text(),
      newAppointmentDate: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày hẹn mới có dạng YYYY-MM-DD')
        .describe('The new appointment day (Vietnam), e.g. 2026-12-15'),
    }),
    toAction: (b: { reason: string; newAppointmentDate: string }): DossierAction => ({
      type: 'sign_apology',
      reason: b.reason,
      newAppointmentDate: b.newAppointmentDate,
    }),
  },
  {
    path: 'return',
    operationId: 'returnResult',
    summary: 'Return the result to the applicant',
    body: z.object({ note }),
    toAction: (b: { note?: string | undefined }): DossierAction => ({
      type: 'return_result',
      ...(b.note ? { note: b.note } : {}),
    }),
  },
] as const;

export const actorOf = (p: Principal): Actor => ({
  officerId: p.officerId,
  username: p.username,
  fullName: p.fullName,
  role: p.role,
  divisionCode: p.divisionCode,
  ...(p.receivingUnit ? { receivingUnit: p.receivingUnit } : {}),
});

export function registerDossierActionRoutes(app: AppInstance, deps: DossierRoutesDeps): void {
  for (const spec of actions) {
    app.post(
      `/dossiers/:code/${spec.path}`,
      {
        preHandler: [deps.auth.authenticate, deps.idempotency.guard()],
        schema: {
          operationId: spec.operationId,
          tags: ['dossier actions'],
          summary: spec.summary,
          security: [{ bearerAuth: [] }],
          params: z.object({ code: safeName(100) }),
          headers: idempotencyHeaders,
          body: spec.body,
          response: {
            200: dossierViewSchema,
            400: errorBodySchema,
            401: errorBodySchema,
            403: errorBodySchema,
            404: errorBodySchema,
            409: errorBodySchema,
            422: errorBodySchema,
          },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { code } = request.params;
        const body = request.body as Record<string, unknown>;
        // An assignment reads its assignee while the dossier is read (one round trip of waiting, not two).
        // The dossier's answer (404, 403) still comes first: a failed read of the assignee is marked handled
        // here and thrown only where it is awaited.
        const assignee = spec.toAction ? undefined : findOfficerByUsername(deps.db, String(body.assignee));
        assignee?.catch(() => undefined);
        const row = await deps.loadDossier(code, principal);
        const action = assignee
          ? assignAction(
              principal,
              { division: row.current_division, role: row.current_role },
              body as { stepId: string; assignee: string },
              await assignee,
            )
          : (spec.toAction as (b: unknown) => DossierAction)(body);
        const state = await performDossierAction(
          deps,
          code,
          action,
          actorOf(principal),
          idempotentUpdateId(request),
        );
        return deps.view(row, state, actorOf(principal));
      },
    );
  }
  registerDossierAssigneeRoute(app, deps);
}

/**
 * The assignment to the officer found under the assignee's username: an active officer of the same tenant
 * holding the step's division and role (the officers `GET /dossiers/{code}/assignees` lists).
 */
function assignAction(
  principal: Principal,
  step: { division: string | null; role: string | null },
  body: { stepId: string; assignee: string },
  officer: OfficerRow | undefined,
): DossierAction {
  if (!officer || officer.tenant !== principal.tenant || !officer.active) {
    throw badRequest(
      'body.assignee',
      'Không tìm thấy cán bộ được giao (hoặc tài khoản đã bị khóa).',
      'DOSSIER.UNKNOWN_ASSIGNEE',
    );
  }
  if (officer.role === 'auditor' || officer.role === 'admin') {
    throw badRequest('body.assignee', 'Không thể giao hồ sơ cho vai trò này.', 'DOSSIER.INVALID_ASSIGNEE');
  }
  if (step.division && officer.division_code !== step.division) {
    throw badRequest(
      'body.assignee',
      'Cán bộ được giao không thuộc đơn vị xử lý bước này.',
      'DOSSIER.ASSIGNEE_WRONG_DIVISION',
    );
  }
  if (!holdsStepRole(officer.role, step.role)) {
    throw badRequest(
      'body.assignee',
      'Cán bộ được giao không giữ vai trò xử lý bước này.',
      'DOSSIER.ASSIGNEE_WRONG_ROLE',
    );
  }
  return {
    type: 'assign',
    stepId: body.stepId,
    assignee: { officerId: officer.id, username: officer.username, fullName: officer.full_name },
  };
}
