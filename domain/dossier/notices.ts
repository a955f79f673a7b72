/**
 * Which e-mails a stored dossier event calls for: the escalation ladder's (assignee, division head,
 * leadership) and the applicant's notices (received, supplement requested, apology, result ready). Pure:
 * the workflow turns each notice into one activity call; the activity resolves the addresses, renders the
 * Vietnamese mail and sends it through the ledger under `key`, so a notice is mailed at most once.
 */
import type { ProcedureStep } from '../procedure/procedure-definition.js';
import { apologyDueBy } from './apology-limit.js';
import type { DossierContext } from './context.js';
import { feeDue } from './fee.js';
import type { DossierEvent, DossierState } from './types.js';

/** Kinds of notice (the notification ledger's `kind`). */
export type NoticeKind =
  | 'step_reminder'
  | 'step_overdue'
  | 'dossier_at_risk'
  | 'dossier_overdue'
  | 'applicant_received'
  | 'applicant_payment'
  | 'applicant_supplement'
  | 'applicant_apology'
  | 'applicant_result_ready';

/**
 * Who receives it. `step_officers`: the assignee when there is one, else the officers of the step's
 * division holding its role. `division_heads`: the heads of the division (the leadership when it has
 * none). `leadership`: Giám đốc and Phó Giám đốc. `applicant`: the address the applicant gave, if any.
 */
export type NoticeAudience =
  | {
      readonly kind: 'step_officers';
      readonly assignee: string | null;
      readonly division: string;
      readonly role: string;
    }
  | { readonly kind: 'division_heads'; readonly division: string }
  | { readonly kind: 'leadership' }
  | { readonly kind: 'applicant' };

/** One e-mail to send about a dossier, with the facts the mail states (computed by the workflow). */
export interface DossierNotice {
  /** Idempotency key of the ledger: `dossier:<code>:step:<stepId>:<entry>:<level>`, `dossier:<code>:at_risk`… */
  readonly key: string;
  readonly kind: NoticeKind;
  readonly audience: NoticeAudience;
  readonly tenant: string;
  readonly dossierCode: string;
  readonly procedureName: string;
  /** The step the notice is about (current step for dossier-level notices), null outside the process. */
  readonly step: { readonly id: string; readonly name: string; readonly division: string } | null;
  readonly stepDeadline: number | null;
  readonly appointmentAt: number;
  readonly receivedAt?: number;
  readonly workingMinutesPerDay: number;
  /** Working minutes left (reminder, at risk) or past the deadline (overdue), when the event happened. */
  readonly remainingMinutes?: number;
  readonly lateMinutes?: number;
  /**
   * At risk: the legal limit by which a leader must sign the apology with a new appointment (Mẫu 04), and
   * whether it had already passed when the dossier was flagged (the apology is then signed late).
   */
  readonly apologyDue?: { readonly by: number; readonly passed: boolean };
  /** Receipt of a dossier whose procedure charges a fee: how much, and the fee note (per copy…). */
  readonly fee?: { readonly amount: number; readonly note: string | null };
  /** The fee requested at the payment step (the pay link is the payment request's, read when mailing). */
  readonly payment?: { readonly reference: string; readonly amount: number; readonly note: string | null };
  /** Supplement request: reason and items. */
  readonly supplement?: { readonly reason: string; readonly items: readonly string[] };
  /** Apology: the missed and the new appointment, and the reason. */
  readonly apology?: {
    readonly previousAppointmentAt: number;
    readonly newAppointmentAt: number;
    readonly reason: string;
  };
}

const stepInfo = (step: ProcedureStep | undefined) =>
  step ? { id: step.id, name: step.name, division: step.division } : null;

/** The notices a stored event calls for (often none). */
export function noticesFor(ctx: DossierContext, event: DossierEvent, state: DossierState): DossierNotice[] {
  const code = state.code;
  const current = state.currentStep;
  const currentStep = current ? ctx.procedure.steps[current.index] : undefined;
  const base = {
    tenant: state.tenant,
    dossierCode: code,
    procedureName: ctx.procedure.name,
    step: stepInfo(currentStep),
    stepDeadline: current?.deadline ?? null,
    appointmentAt: state.appointmentAt,
    receivedAt: state.receivedAt,
    workingMinutesPerDay: ctx.calendar.workingMinutesPerDay,
  };
  const cal = ctx.calendar;
  if (event.type === 'receive')
    return [
      {
        ...base,
        key: `dossier:${code}:applicant:received`,
        kind: 'applicant_received',
        audience: { kind: 'applicant' },
        ...(ctx.procedure.fee.amount > 0
          ? { fee: { amount: feeDue(ctx.procedure, state.copies), note: ctx.procedure.fee.note ?? null } }
          : {}),
      },
    ];
  if (event.type === 'payment_requested' && state.payment)
    return [
      {
        ...base,
        key: `dossier:${code}:applicant:payment:${state.payment.reference}`,
        kind: 'applicant_payment',
        audience: { kind: 'applicant' },
        payment: {
          reference: state.payment.reference,
          amount: state.payment.amount,
          note: ctx.procedure.fee.note ?? null,
        },
      },
    ];
  if (event.type === 'step_reminder' || event.type === 'step_overdue') {
    if (!current || !currentStep) return [];
    const level = event.type === 'step_reminder' ? 'reminder' : 'overdue';
    const key = `dossier:${code}:step:${current.stepId}:${current.startedAt}:${level}`;
    if (event.type === 'step_reminder') {
      return [
        {
          ...base,
          key,
          kind: 'step_reminder',
          audience: {
            kind: 'step_officers',
            assignee: current.assignee?.username ?? null,
            division: currentStep.division,
            role: currentStep.role,
          },
          remainingMinutes: Math.round(cal.workingMinutesBetween(event.at, current.deadline)),
        },
      ];
    }
    return [
      {
        ...base,
        key,
        kind: 'step_overdue',
        audience: { kind: 'division_heads', division: currentStep.division },
        lateMinutes: Math.round(cal.workingMinutesBetween(current.deadline, event.at)),
      },
    ];
  }
  if (event.type === 'at_risk') {
    const dueBy = apologyDueBy(ctx, state.appointmentAt);
    return [
      {
        ...base,
        key: `dossier:${code}:at_risk`,
        kind: 'dossier_at_risk',
        audience: { kind: 'leadership' },
        remainingMinutes: Math.round(cal.workingMinutesBetween(event.at, state.appointmentAt)),
        apologyDue: { by: dueBy, passed: event.at > dueBy },
      },
    ];
  }
  if (event.type === 'overdue')
    return [
      {
        ...base,
        key: `dossier:${code}:overdue:${state.appointmentAt}`,
        kind: 'dossier_overdue',
        audience: { kind: 'leadership' },
        lateMinutes: Math.round(cal.workingMinutesBetween(state.appointmentAt, event.at)),
      },
    ];
  if (event.type === 'sign_apology')
    return state.apology
      ? [
          {
            ...base,
            key: `dossier:${code}:applicant:apology`,
            kind: 'applicant_apology',
            audience: { kind: 'applicant' },
            apology: {
              previousAppointmentAt: state.apology.previousAppointmentAt,
              newAppointmentAt: state.apology.newAppointmentAt,
              reason: state.apology.reason,
            },
          },
        ]
      : [];
  const notices: DossierNotice[] = [];
  if (event.toPhase === 'awaiting_supplement' && event.fromPhase !== 'awaiting_supplement') {
    const open = state.supplements[state.supplements.length - 1];
    notices.push({
      ...base,
      key: `dossier:${code}:applicant:supplement:${state.supplements.length}`,
      kind: 'applicant_supplement',
      audience: { kind: 'applicant' },
      supplement: { reason: open?.reason ?? '', items: open?.items ?? [] },
    });
  }
  if (event.toPhase === 'result_ready' && event.fromPhase !== 'result_ready') {
    notices.push({
      ...base,
      key: `dossier:${code}:applicant:result_ready:${state.resultReadyAt ?? event.at}`,
      kind: 'applicant_result_ready',
      audience: { kind: 'applicant' },
    });
  }
  return notices;
}
