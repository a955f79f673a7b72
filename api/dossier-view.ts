import { z } from 'zod';
import { applicantKinds } from '../domain/applicant/index.js';
import { ruleSetIds } from '../domain/rules/rule-sets.js';
import { formatVnIso } from '../domain/calendar/index.js';
import {
  currentDeskUnit,
  allowedActions,
  apologyRequired,
  nationalStatusLabels,
  phaseLabels,
  type Actor,
  type DossierActionType,
  type DossierContext,
  type DossierPhase,
  type DossierState,
} from '../domain/dossier/index.js';
import { procedureStepKinds, type ProcedureDefinition } from '../domain/procedure/procedure-definition.js';
import { isRole, roleSchema } from '../domain/roles.js';
import type { DossierRow } from '../db/dossier.table.js';

const iso = (ms: number | null): string | null => (ms === null ? null : formatVnIso(ms));

/**
 * The route of each officer action (`POST /dossiers/{code}/<route>`, api/routes/dossier-action.routes.ts
 * and result-file.routes.ts): what `allowedActions` names, so a client calls what it is offered.
 */
export const actionRoutes = {
  assign: 'assign',
  complete: 'complete',
  approve: 'approve',
  record_cash_payment: 'cash-payment',
  attach_result: 'result-file',
  mark_result_ready: 'result-ready',
  seal_result: 'seal',
  send_back: 'send-back',
  request_supplement: 'supplement-request',
  return_result: 'return',
  record_supplement: 'supplement-received',
  withdraw: 'withdraw',
  refuse: 'refuse',
  stop: 'stop',
  sign_apology: 'sign-apology',
} as const satisfies Record<DossierActionType, string>;

export type ActionRoute = (typeof actionRoutes)[DossierActionType];

const actionRouteNames = Object.values(actionRoutes) as [ActionRoute, ...ActionRoute[]];
const phaseNames = Object.keys(phaseLabels) as [DossierPhase, ...DossierPhase[]];

export const dossierViewSchema = z.object({
  code: z.string(),
  tenant: z.string(),
  status: z.number().int(),
  statusLabel: z.string(),
  phase: z.enum(phaseNames),
  phaseLabel: z.string(),
  procedure: z.object({
    code: z.string(),
    version: z.number().int(),
    name: z.string(),
    resultSigning: z
      .object({ seal: z.boolean() })
      .nullable()
      .describe(
        "How the result is signed: digitally by the approving leader (and the agency's seal), or null: on paper",
      ),
  }),
  applicant: z.object({
    kind: z.enum(applicantKinds),
    fullName: z.string(),
    idNumber: z.string(),
    address: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    representative: z
      .object({
        fullName: z.string(),
        idNumber: z.string(),
        authorisation: z.object({ document: z.string(), issuedOn: z.string().optional() }),
      })
      .nullable(),
  }),
  ruleSet: z.enum(ruleSetIds).describe('The legal rule set the dossier was received under, kept to its end'),
  desk: z
    .object({
      receivingUnit: z.string().describe('Receiving unit where the dossier was received'),
      returnMethod: z.enum(['counter', 'post', 'online']),
      returnUnit: z.string().describe('Receiving unit that returns the result'),
      currentUnit: z.string().nullable().describe('Receiving unit whose desk holds the dossier now, if any'),
    })
    .describe('Where the dossier meets the applicant (Decree 118/2025)'),
  components: z.array(z.string()),
  receivedAt: z.string(),
  receivedBy: z.string(),
  appointmentAt: z.string(),
  originalAppointmentAt: z.string(),
  calendarVersion: z.number().int(),
  currentStep: z
    .object({
      stepId: z.string(),
      index: z.number().int(),
      name: z.string().nullable(),
      kind: z.enum(procedureStepKinds).nullable(),
      division: z.string().nullable(),
      role: roleSchema.nullable(),
      startedAt: z.string(),
      deadline: z.string(),
      assignee: z.object({ officerId: z.string(), username: z.string(), fullName: z.string() }).nullable(),
    })
    .nullable(),
  clock: z.object({
    running: z.boolean(),
    paused: z.boolean(),
    supplementRequests: z.number().int(),
    multipleSupplements: z.boolean(),
    pauses: z.array(
      z.object({
        requestedAt: z.string(),
        resumedAt: z.string().nullable(),
        reason: z.string(),
        items: z.array(z.string()),
        pausedWorkingMinutes: z.number().nullable(),
      }),
    ),
  }),
  overdue: z.boolean(),
  /** Escalated to the leadership: the dossier may miss its appointment (an apology is required). */
  atRisk: z
    .object({
      at: z.string(),
      reason: z.enum(['budget', 'last_day']),
      remainingMinutes: z.number(),
      neededMinutes: z.number(),
    })
    .nullable(),
  /** The signed apology with its new appointment (Mẫu 04), once. */
  apology: z
    .object({
      signedAt: z.string(),
      signedBy: z.string(),
      signerName: z.string(),
      signerRole: z.string(),
      reason: z.string(),
      previousAppointmentAt: z.string(),
      newAppointmentAt: z.string(),
      /** Its legal limit: the end of the working day one working day before the appointment it moved. */
      dueBy: z.string().nullable(),
      /** Signed after `dueBy`: taken all the same, counted as a late apology. */
      late: z.boolean(),
    })
    .nullable(),
  /** At risk or overdue and no apology signed yet: a leader must sign one (Mẫu 04). */
  apologyRequired: z.boolean(),
  /** An audit event could not be stored: the dossier waits for an administrator (storage incident). */
  needsAttention: z.boolean(),
  allowedActions: z
    .array(z.enum(actionRouteNames))
    .describe(
      'The officer actions the viewing officer may take now (`POST /dossiers/{code}/<action>`), in the order ' +
        "a client shows them: a dry run of the workflow's own decision, with the officer's input still to enter",
    ),
  payment: z
    .object({
      reference: z.string(),
      amount: z.number(),
      status: z.enum(['pending', 'paid']),
      method: z.enum(['online', 'cash']).nullable(),
      transactionId: z.string().nullable(),
      paidAt: z.string().nullable(),
      unitAmount: z
        .number()
        .nullable()
        .describe("The procedure's fee per dossier, or per copy when `copies` is set (đồng)"),
      copies: z
        .number()
        .int()
        .nullable()
        .describe('Number of copies charged when the fee is per copy (bản sao); null otherwise'),
      note: z.string().nullable().describe("The procedure's note on the fee (legal basis, per copy…)"),
      payUrl: z
        .string()
        .nullable()
        .describe("The payment provider's page of the online request (null: none, or paid in cash)"),
    })
    .nullable(),
  result: z
    .object({
      fileId: z.string(),
      sha256: z.string(),
      fileName: z.string(),
      mediaType: z.string(),
      size: z.number(),
      attachedAt: z.string(),
      attachedBy: z.string(),
      signatures: z
        .array(
          z.object({
            kind: z
              .enum(['approval', 'seal'])
              .describe("approval: the leader's signature; seal: the agency's"),
            signedAt: z.string(),
            signedBy: z.string(),
            signerName: z.string(),
            certificate: z.string().describe("The signing certificate's subject (common name)"),
          }),
        )
        .describe('Digital signatures made on the file, oldest first (empty: not signed)'),
      signing: z.enum(['approval', 'seal']).nullable().describe('A signature being made now (null: none)'),
    })
    .nullable(),
  liaison: z
    .object({
      stepId: z.string(),
      requestId: z.string(),
      partnerCode: z.string(),
      partnerName: z.string(),
      status: z.enum(['waiting', 'answered']),
      late: z.boolean(),
      answer: z.enum(['approved', 'refused', 'needs_supplement']).nullable(),
      note: z.string().nullable(),
      requestedAt: z.string(),
      answeredAt: z.string().nullable(),
    })
    .nullable(),
  resultReadyAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  /** The workflow's history page in the Temporal Web UI (workflow ID = dossier code); null without a UI. */
  temporalUiUrl: z.string().nullable(),
  links: z.object({ self: z.string(), history: z.string(), temporal: z.string().nullable() }),
});
export type DossierView = z.output<typeof dossierViewSchema>;

export interface ViewContext {
  /** Base URL of the Temporal Web UI (`TEMPORAL_UI_URL`); null or undefined when there is none. */
  temporalUiUrl: string | null | undefined;
  namespace: string;
  /** The procedure snapshot, when at hand, to name the current step and explain the fee. */
  procedure?: Pick<ProcedureDefinition, 'steps'> &
    Partial<Pick<ProcedureDefinition, 'fee' | 'resultSigning'>>;
  /** The online payment request of the dossier's fee (db/payment.repository.ts), when there is one. */
  paymentRequest?: { payUrl: string | null } | null;
  /** Who reads the view: `allowedActions` are theirs. */
  viewer: Actor;
  /** The dossier's rules (procedure and calendar snapshots); without them no action is offered. */
  rules: DossierContext | undefined;
  /** The instant the actions are decided at. */
  now: number;
}

/** The routes of the actions `ctx.viewer` may take now; none while the dossier waits for an administrator. */
function allowedRoutes(row: DossierRow, state: DossierState, ctx: ViewContext): ActionRoute[] {
  if (!ctx.rules || row.needs_attention) return [];
  return allowedActions(ctx.rules, state, ctx.viewer, ctx.now).map((type) => actionRoutes[type]);
}

/** The fee as the officer reads it: what is charged, per what, and where the applicant pays. */
function feeView(
  payment: NonNullable<DossierState['payment']>,
  copies: number | null | undefined,
  ctx: ViewContext,
) {
  const fee = ctx.procedure?.fee;
  return {
    unitAmount: fee?.amount ?? null,
    copies: fee?.per === 'copy' ? (copies ?? 1) : null,
    note: fee?.note ?? null,
    payUrl: payment.status === 'pending' ? (ctx.paymentRequest?.payUrl ?? null) : null,
  };
}

/** The Temporal Web UI page of a dossier's workflow, or null when no UI URL is configured. */
export function temporalWorkflowUrl(
  uiUrl: string | null | undefined,
  namespace: string,
  code: string,
): string | null {
  if (!uiUrl) return null;
  const base = uiUrl.replace(/\/+$/, '');
  return `${base}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(code)}`;
}

/** The API's view of a dossier: the projection row (applicant, receipt) and the workflow's state. */
export function toDossierView(row: DossierRow, state: DossierState, ctx: ViewContext): DossierView {
  const step = state.currentStep;
  const def = step ? ctx.procedure?.steps[step.index] : undefined;
  const paused = state.phase === 'awaiting_supplement';
  return {
    code: state.code,
    tenant: state.tenant,
    status: state.status,
    statusLabel: nationalStatusLabels[state.status],
    phase: state.phase,
    phaseLabel: phaseLabels[state.phase],
    procedure: {
      code: state.procedureCode,
      version: state.procedureVersion,
      name: row.procedure_name,
      resultSigning: ctx.procedure?.resultSigning ?? null,
    },
    applicant: {
      kind: row.applicant?.kind ?? 'citizen',
      fullName: row.applicant_name,
      idNumber: row.applicant_id_number,
      address: row.applicant?.address ?? null,
      email: row.applicant_email,
      phone: row.applicant_phone,
      representative: row.applicant?.representative ?? null,
    },
    ruleSet: state.ruleSet,
    desk: {
      ...state.desk,
      currentUnit: ctx.procedure ? currentDeskUnit(ctx.procedure.steps, state) : row.current_unit,
    },
    components: [...row.components],
    receivedAt: formatVnIso(state.receivedAt),
    receivedBy: row.received_by,
    appointmentAt: formatVnIso(state.appointmentAt),
    originalAppointmentAt: formatVnIso(state.originalAppointmentAt),
    calendarVersion: state.calendarVersion,
    currentStep: step
      ? {
          stepId: step.stepId,
          index: step.index,
          name: def?.name ?? null,
          kind: def?.kind ?? null,
          division: def?.division ?? row.current_division,
          role: def?.role ?? (isRole(row.current_role) ? row.current_role : null),
          startedAt: formatVnIso(step.startedAt),
          deadline: formatVnIso(step.deadline),
          assignee: step.assignee ? { ...step.assignee } : null,
        }
      : null,
    clock: {
      running: state.phase === 'processing',
      paused,
      supplementRequests: state.supplements.length,
      multipleSupplements: state.multipleSupplements,
      pauses: state.supplements.map((s) => ({
        requestedAt: formatVnIso(s.requestedAt),
        resumedAt: iso(s.resumedAt),
        reason: s.reason,
        items: [...s.items],
        pausedWorkingMinutes: s.pausedWorkingMinutes,
      })),
    },
    overdue: state.overdue,
    atRisk: state.atRisk ? { ...state.atRisk, at: formatVnIso(state.atRisk.at) } : null,
    apology: state.apology
      ? {
          ...state.apology,
          signedAt: formatVnIso(state.apology.signedAt),
          previousAppointmentAt: formatVnIso(state.apology.previousAppointmentAt),
          newAppointmentAt: formatVnIso(state.apology.newAppointmentAt),
          dueBy: iso(state.apology.dueBy ?? null),
          late: state.apology.late === true,
        }
      : null,
    apologyRequired: apologyRequired({
      atRisk: Boolean(state.atRisk),
      overdue: state.overdue,
      apologySigned: Boolean(state.apology),
      phase: state.phase,
    }),
    needsAttention: row.needs_attention,
    allowedActions: allowedRoutes(row, state, ctx),
    payment: state.payment
      ? { ...state.payment, paidAt: iso(state.payment.paidAt), ...feeView(state.payment, state.copies, ctx) }
      : null,
    result: state.result
      ? {
          ...state.result,
          attachedAt: formatVnIso(state.result.attachedAt),
          signatures: (state.result.signatures ?? []).map((s) => ({
            ...s,
            signedAt: formatVnIso(s.signedAt),
          })),
          signing: state.signing?.kind ?? null,
        }
      : null,
    liaison: state.liaison
      ? {
          ...state.liaison,
          requestedAt: formatVnIso(state.liaison.requestedAt),
          answeredAt: iso(state.liaison.answeredAt),
        }
      : null,
    resultReadyAt: iso(state.resultReadyAt),
    finishedAt: iso(state.finishedAt),
    outcome: state.outcome,
    temporalUiUrl: temporalWorkflowUrl(ctx.temporalUiUrl, ctx.namespace, state.code),
    links: {
      self: `/dossiers/${encodeURIComponent(state.code)}`,
      history: `/dossiers/${encodeURIComponent(state.code)}/history`,
      temporal: temporalWorkflowUrl(ctx.temporalUiUrl, ctx.namespace, state.code),
    },
  };
}
