/**
 * The dossier state machine: which officer action is valid when, and what it changes. Pure and
 * deterministic (the workflow runs it in its validator and handler; the clock is passed in).
 */
import { formatDmy, MAX_YEAR, MIN_YEAR, parseIsoDate, toVnDate } from '../calendar/index.js';
import { isLeadership } from '../roles.js';
import {
  ONE_STOP_DESK_DIVISION,
  resultNeedsFile,
  type ProcedureStep,
} from '../procedure/procedure-definition.js';
import { storableText, textFault, textLengthMessages, textProblem } from '../text.js';
import { actionTextRejection, paymentTextRules } from './action-text.js';
import { authoriseAssignment, authoriseDecision, authoriseDeskWork, authoriseStepWork } from './authorise.js';
import {
  appointmentAfterSupplement,
  appointmentFrom,
  dossierResult,
  stepDeadline,
  stepResult,
} from './clock.js';
import type { DossierContext } from './context.js';
import { escalationDue } from './escalation.js';
import { actionLabels } from './labels.js';

export { actionLabels };
import { DossierRejection, type Rejection } from './rejection.js';
import { phaseLabels, statusOf } from './status.js';
import type {
  Actor,
  CurrentStep,
  DossierAction,
  DossierActionType,
  DossierEvent,
  DossierPhase,
  DossierState,
  LiaisonAnswer,
  PaymentConfirmation,
} from './types.js';

export type { DossierContext };

/**
 * Decision 766 / Decree 45: a result that is a document is digitised before it is declared ready. The
 * one rule of "result ready": true when the dossier's result still lacks its digitised file.
 */
export function resultFileMissing(ctx: DossierContext, state: DossierState): boolean {
  return resultNeedsFile(ctx.procedure) && !state.result;
}

export interface Transition {
  readonly state: DossierState;
  readonly event: DossierEvent;
}

export type Decision =
  ({ readonly ok: true } & Transition) | { readonly ok: false; readonly rejection: Rejection };

/** The action that finishes a step of each kind. */
export const finishingAction: Readonly<Record<ProcedureStep['kind'], DossierActionType>> = {
  receipt: 'complete',
  handling: 'complete',
  liaison: 'complete',
  payment: 'record_cash_payment',
  approval: 'approve',
  digitisation: 'mark_result_ready',
  return: 'return_result',
};

function stepOf(ctx: DossierContext, index: number): ProcedureStep {
  const step = ctx.procedure.steps[index];
  if (!step) throw new RangeError(`Procedure ${ctx.procedure.code} has no step ${index}`);
  return step;
}

function enterStep(ctx: DossierContext, index: number, now: number): CurrentStep {
  const step = stepOf(ctx, index);
  return {
    stepId: step.id,
    index,
    startedAt: now,
    deadline: stepDeadline(ctx.calendar, step, now),
    assignee: null,
  };
}

interface Change {
  readonly type: DossierEvent['type'];
  readonly actor: Actor | null;
  readonly at: number;
  readonly next: Omit<DossierState, 'status' | 'seq'>;
  readonly onTime?: DossierEvent['onTime'];
  readonly payload?: Readonly<Record<string, unknown>>;
}

/** Applies a change: recomputes the status, bumps the sequence and builds the audit event. */
export function transition(ctx: DossierContext, prev: DossierState | null, change: Change): Transition {
  const nextStep = change.next.currentStep;
  const status = statusOf(change.next.phase, nextStep ? stepOf(ctx, nextStep.index).kind : null);
  const state: DossierState = { ...change.next, status, seq: (prev?.seq ?? 0) + 1 };
  const event: DossierEvent = {
    dossierCode: state.code,
    seq: state.seq,
    at: change.at,
    type: change.type,
    actor: change.actor,
    stepId: prev?.currentStep?.stepId ?? nextStep?.stepId ?? null,
    fromPhase: prev?.phase ?? null,
    toPhase: state.phase,
    fromStatus: prev?.status ?? null,
    toStatus: state.status,
    fromStepId: prev?.currentStep?.stepId ?? null,
    toStepId: nextStep?.stepId ?? null,
    onTime: change.onTime ?? null,
    payload: change.payload ?? {},
  };
  return { state, event };
}

export interface ReceiveInput {
  readonly code: string;
  readonly tenant: string;
  readonly receivedAt: number;
  readonly actor: Actor;
}

/** The first event: the dossier is received and waits at the one-stop desk's receipt step. */
export function receiveDossier(ctx: DossierContext, input: ReceiveInput): Transition {
  const appointmentAt = appointmentFrom(ctx.calendar, ctx.procedure, input.receivedAt);
  return transition(ctx, null, {
    type: 'receive',
    actor: input.actor,
    at: input.receivedAt,
    payload: { appointmentAt },
    next: {
      code: input.code,
      tenant: input.tenant,
      procedureCode: ctx.procedure.code,
      procedureVersion: ctx.procedure.version,
      calendarVersion: ctx.calendar.version,
      phase: 'processing',
      receivedAt: input.receivedAt,
      appointmentAt,
      originalAppointmentAt: appointmentAt,
      currentStep: enterStep(ctx, 0, input.receivedAt),
      supplements: [],
      multipleSupplements: false,
      overdue: false,
      resultReadyAt: null,
      finishedAt: null,
      outcome: null,
      atRisk: null,
      apology: null,
    },
  });
}

const reject = (rejection: Rejection): Decision => ({ ok: false, rejection });
const accept = (t: Transition): Decision => ({ ok: true, ...t });

function requirePhase(state: DossierState, ...phases: DossierPhase[]): Rejection | null {
  return phases.includes(state.phase) ? null : DossierRejection.invalidState(phaseLabels[state.phase]);
}

/** The current step, checked against the step the officer saw (a double click finds it moved on). */
function currentFor(state: DossierState, stepId: string | undefined): CurrentStep | Rejection {
  const current = state.currentStep;
  // A stale step id means the step moved on (double click), even if the phase changed with it.
  if (current && stepId !== undefined && current.stepId !== stepId) return DossierRejection.stepMismatch();
  if (!current || state.phase !== 'processing')
    return DossierRejection.invalidState(phaseLabels[state.phase]);
  return current;
}

const isRejection = (v: unknown): v is Rejection =>
  typeof v === 'object' && v !== null && 'kind' in v && 'code' in v;

/** Finishes the current step and moves on: to the next step, to "result ready", or out (returned). */
function advance(
  ctx: DossierContext,
  state: DossierState,
  current: CurrentStep,
  actor: Actor | null,
  now: number,
  action: { readonly type: DossierEvent['type']; readonly note?: string },
  extraPayload: Readonly<Record<string, unknown>> = {},
): Transition {
  const step = stepOf(ctx, current.index);
  const onTime = stepResult(ctx.calendar, step, current.startedAt, now);
  const payload = action.note ? { note: action.note, ...extraPayload } : extraPayload;
  if (step.kind === 'return') {
    const end = state.resultReadyAt ?? now;
    const next = { ...state, phase: 'returned' as const, currentStep: null, finishedAt: now };
    // A dossier that needed an apology and a new appointment missed its legal appointment: late.
    const outcome = state.apology ? 'late' : dossierResult(state.appointmentAt, end);
    return transition(ctx, state, {
      type: action.type,
      actor,
      at: now,
      onTime,
      payload,
      next: { ...next, outcome },
    });
  }
  const nextStep = enterStep(ctx, current.index + 1, now);
  const readyNow = stepOf(ctx, nextStep.index).kind === 'return';
  return transition(ctx, state, {
    type: action.type,
    actor,
    at: now,
    onTime,
    payload,
    next: {
      ...state,
      currentStep: nextStep,
      phase: readyNow ? 'result_ready' : 'processing',
      resultReadyAt: readyNow ? now : state.resultReadyAt,
    },
  });
}

type Handler<A extends DossierAction> = (
  ctx: DossierContext,
  state: DossierState,
  action: A,
  actor: Actor,
  now: number,
) => Decision;

/** Finishing actions: complete / approve / mark_result_ready / return_result on the step they finish. */
const finishStep: Handler<
  Extract<DossierAction, { stepId: string }> | { type: 'return_result'; note?: string }
> = (ctx, state, action, actor, now) => {
  const stepId = 'stepId' in action ? action.stepId : undefined;
  const current =
    action.type === 'return_result'
      ? state.phase === 'result_ready' && state.currentStep
        ? state.currentStep
        : DossierRejection.invalidState(phaseLabels[state.phase])
      : currentFor(state, stepId);
  if (isRejection(current)) return reject(current);
  const step = stepOf(ctx, current.index);
  const expected = finishingAction[step.kind];
  if (expected !== action.type) return reject(DossierRejection.wrongActionForStep(actionLabels[expected]));
  const denied = authoriseStepWork(actor, step, current);
  if (denied) return reject(denied);
  if (action.type === 'mark_result_ready' && resultFileMissing(ctx, state)) {
    return reject(DossierRejection.resultFileMissing());
  }
  if (action.type === 'return_result' && ctx.procedure.fee.amount > 0 && state.payment?.status !== 'paid') {
    return reject(DossierRejection.unpaid());
  }
  return accept(advance(ctx, state, current, actor, now, action));
};

/** The digitised result file is attached at the digitisation step (stays at the step). */
const attachResult: Handler<Extract<DossierAction, { type: 'attach_result' }>> = (
  ctx,
  state,
  action,
  actor,
  now,
) => {
  const current = currentFor(state, action.stepId);
  if (isRejection(current)) return reject(current);
  const step = stepOf(ctx, current.index);
  if (step.kind !== 'digitisation') return reject(DossierRejection.notDigitisationStep());
  const denied = authoriseStepWork(actor, step, current);
  if (denied) return reject(denied);
  const result = { ...action.file, attachedAt: now, attachedBy: actor.username };
  return accept(
    transition(ctx, state, {
      type: 'attach_result',
      actor,
      at: now,
      payload: { ...action.file },
      next: { ...state, result },
    }),
  );
};

/** Cash at the desk: the receiver records the fee with its receipt number, and the payment step is done. */
const recordCashPayment: Handler<Extract<DossierAction, { type: 'record_cash_payment' }>> = (
  ctx,
  state,
  action,
  actor,
  now,
) => {
  const current = currentFor(state, action.stepId);
  if (isRejection(current)) return reject(current);
  const step = stepOf(ctx, current.index);
  if (step.kind !== 'payment')
    return reject(DossierRejection.wrongActionForStep(actionLabels[finishingAction[step.kind]]));
  const denied = authoriseStepWork(actor, step, current);
  if (denied) return reject(denied);
  if (action.amount !== ctx.procedure.fee.amount) return reject(DossierRejection.paymentMismatch());
  const payment = {
    reference: state.payment?.reference ?? `${state.code}-TM`,
    amount: action.amount,
    status: 'paid' as const,
    method: 'cash' as const,
    transactionId: action.receiptNumber,
    paidAt: now,
  };
  return accept(
    advance(
      ctx,
      { ...state, payment },
      current,
      actor,
      now,
      { type: 'record_cash_payment' },
      { amount: action.amount, receiptNumber: action.receiptNumber },
    ),
  );
};

const assign: Handler<Extract<DossierAction, { type: 'assign' }>> = (ctx, state, action, actor, now) => {
  const current = currentFor(state, action.stepId);
  if (isRejection(current)) return reject(current);
  const denied = authoriseAssignment(actor, stepOf(ctx, current.index));
  if (denied) return reject(denied);
  return accept(
    transition(ctx, state, {
      type: 'assign',
      actor,
      at: now,
      payload: { assignee: action.assignee },
      next: { ...state, currentStep: { ...current, assignee: action.assignee } },
    }),
  );
};

const sendBack: Handler<Extract<DossierAction, { type: 'send_back' }>> = (ctx, state, action, actor, now) => {
  const current = currentFor(state, action.stepId);
  if (isRejection(current)) return reject(current);
  if (current.index === 0) return reject(DossierRejection.cannotSendBack());
  const denied = authoriseStepWork(actor, stepOf(ctx, current.index), current);
  if (denied) return reject(denied);
  return accept(
    transition(ctx, state, {
      type: 'send_back',
      actor,
      at: now,
      onTime: stepResult(ctx.calendar, stepOf(ctx, current.index), current.startedAt, now),
      payload: { reason: action.reason },
      next: { ...state, currentStep: enterStep(ctx, current.index - 1, now) },
    }),
  );
};

const requestSupplement: Handler<Extract<DossierAction, { type: 'request_supplement' }>> = (
  ctx,
  state,
  action,
  actor,
  now,
) => {
  const current = currentFor(state, undefined);
  if (isRejection(current)) return reject(current);
  const step = stepOf(ctx, current.index);
  const denied =
    step.division === ONE_STOP_DESK_DIVISION
      ? authoriseDeskWork(actor, step.division)
      : authoriseStepWork(actor, step, current);
  if (denied) return reject(denied);
  const record = {
    requestedAt: now,
    requestedBy: actor.username,
    reason: action.reason,
    items: [...action.items],
    resumedAt: null,
    pausedWorkingMinutes: null,
  };
  const supplements = [...state.supplements, record];
  return accept(
    transition(ctx, state, {
      type: 'request_supplement',
      actor,
      at: now,
      payload: { reason: action.reason, items: record.items, count: supplements.length },
      next: {
        ...state,
        phase: 'awaiting_supplement',
        supplements,
        multipleSupplements: supplements.length > 1,
      },
    }),
  );
};

const recordSupplement: Handler<Extract<DossierAction, { type: 'record_supplement' }>> = (
  ctx,
  state,
  action,
  actor,
  now,
) => {
  const invalid = requirePhase(state, 'awaiting_supplement');
  if (invalid) return reject(invalid);
  const denied = authoriseDeskWork(actor, ONE_STOP_DESK_DIVISION);
  if (denied) return reject(denied);
  const open = state.supplements[state.supplements.length - 1];
  const current = state.currentStep;
  if (!open || !current) return reject(DossierRejection.invalidState(phaseLabels[state.phase]));
  const clock = appointmentAfterSupplement(
    ctx.calendar,
    ctx.procedure,
    state.appointmentAt,
    open.requestedAt,
    now,
  );
  const closed = { ...open, resumedAt: now, pausedWorkingMinutes: clock.pausedWorkingMinutes };
  return accept(
    transition(ctx, state, {
      type: 'record_supplement',
      actor,
      at: now,
      payload: {
        note: action.note ?? null,
        rule: ctx.procedure.supplementClockRule,
        appointmentAt: clock.appointmentAt,
      },
      next: {
        ...state,
        phase: 'processing',
        appointmentAt: clock.appointmentAt,
        overdue: state.overdue && clock.appointmentAt <= now,
        supplements: [...state.supplements.slice(0, -1), closed],
        // The step the dossier waited at starts its budget again with the complete dossier.
        currentStep: { ...enterStep(ctx, current.index, now), assignee: current.assignee },
      },
    }),
  );
};

/** Ends the dossier early (refused or stopped). */
function finish(
  ctx: DossierContext,
  state: DossierState,
  type: 'refuse' | 'stop',
  actor: Actor,
  now: number,
  payload: Record<string, unknown>,
): Transition {
  const phase = type === 'refuse' ? 'refused' : 'stopped';
  return transition(ctx, state, {
    type,
    actor,
    at: now,
    payload,
    next: { ...state, phase, currentStep: null, finishedAt: now },
  });
}

const refuse: Handler<Extract<DossierAction, { type: 'refuse' }>> = (ctx, state, action, actor, now) => {
  const invalid = requirePhase(state, 'processing', 'awaiting_supplement');
  if (invalid) return reject(invalid);
  if (action.reasons.length === 0) return reject(DossierRejection.missingText('lý do từ chối', 'reasons'));
  const step = state.currentStep ? stepOf(ctx, state.currentStep.index) : null;
  const denied = authoriseDecision(actor, step);
  return denied
    ? reject(denied)
    : accept(finish(ctx, state, 'refuse', actor, now, { reasons: [...action.reasons] }));
};

const withdraw: Handler<Extract<DossierAction, { type: 'withdraw' }>> = (ctx, state, action, actor, now) => {
  // Withdrawal is not possible once the result is ready (docs/domain.md, "Return, withdrawal and stop").
  const invalid = requirePhase(state, 'processing', 'awaiting_supplement');
  if (invalid) return reject(invalid);
  const denied = authoriseDeskWork(actor, ONE_STOP_DESK_DIVISION);
  if (denied) return reject(denied);
  return accept(
    transition(ctx, state, {
      type: 'withdraw',
      actor,
      at: now,
      payload: { reason: action.reason, fromPhase: state.phase },
      next: { ...state, phase: 'withdrawal_requested' },
    }),
  );
};

const stop: Handler<Extract<DossierAction, { type: 'stop' }>> = (ctx, state, action, actor, now) => {
  const invalid = requirePhase(state, 'processing', 'awaiting_supplement', 'withdrawal_requested');
  if (invalid) return reject(invalid);
  // After a withdrawal request the desk closes the dossier; otherwise stopping is a leader's decision.
  const step = state.currentStep ? stepOf(ctx, state.currentStep.index) : null;
  const denied =
    state.phase === 'withdrawal_requested'
      ? authoriseDeskWork(actor, ONE_STOP_DESK_DIVISION) && authoriseDecision(actor, step)
      : authoriseDecision(actor, step);
  return denied ? reject(denied) : accept(finish(ctx, state, 'stop', actor, now, { reason: action.reason }));
};

/**
 * A leader signs the apology with a new appointment (Mẫu 04): only once per dossier, while it is being
 * handled, for a later working day. The appointment moves; missing the new one is overdue again.
 */
const signApology: Handler<Extract<DossierAction, { type: 'sign_apology' }>> = (
  ctx,
  state,
  action,
  actor,
  now,
) => {
  const invalid = requirePhase(state, 'processing');
  if (invalid) return reject(invalid);
  if (actor.role !== 'admin' && !isLeadership(actor.role)) return reject(DossierRejection.leadersOnly());
  if (state.apology) return reject(DossierRejection.apologyAlreadySigned());
  const reason = action.reason.trim();
  if (reason === '') return reject(DossierRejection.missingText('lý do chậm trả kết quả', 'reason'));
  const date = action.newAppointmentDate;
  const ymd = parseIsoDate(date);
  const valid =
    ymd !== undefined &&
    ymd.year >= MIN_YEAR &&
    ymd.year <= MAX_YEAR &&
    date > toVnDate(now) &&
    ctx.calendar.isWorkingDay(date);
  const newAppointmentAt = valid ? ctx.calendar.closingTime(date) : 0;
  if (!valid || newAppointmentAt <= state.appointmentAt) {
    return reject(DossierRejection.badNewAppointment(formatDmy(toVnDate(state.appointmentAt))));
  }
  const apology = {
    signedAt: now,
    signedBy: actor.username,
    signerName: actor.fullName,
    signerRole: actor.role,
    reason,
    previousAppointmentAt: state.appointmentAt,
    newAppointmentAt,
  };
  return accept(
    transition(ctx, state, {
      type: 'sign_apology',
      actor,
      at: now,
      payload: { reason, previousAppointmentAt: state.appointmentAt, newAppointmentAt },
      next: { ...state, apology, appointmentAt: newAppointmentAt, overdue: false },
    }),
  );
};

/**
 * Decides an officer action: either the new state and its audit event, or why it is refused.
 * Nothing is changed on refusal. `now` is the workflow's deterministic clock.
 */
export function decide(
  ctx: DossierContext,
  state: DossierState,
  action: DossierAction,
  actor: Actor,
  now: number,
): Decision {
  // Text that could not be stored never enters the workflow, whoever sends the action.
  const badText = actionTextRejection(action);
  if (badText) return reject(badText);
  switch (action.type) {
    case 'assign':
      return assign(ctx, state, action, actor, now);
    case 'complete':
    case 'approve':
    case 'mark_result_ready':
    case 'return_result':
      return finishStep(ctx, state, action, actor, now);
    case 'send_back':
      return sendBack(ctx, state, action, actor, now);
    case 'attach_result':
      return attachResult(ctx, state, action, actor, now);
    case 'record_cash_payment':
      return recordCashPayment(ctx, state, action, actor, now);
    case 'request_supplement':
      return requestSupplement(ctx, state, action, actor, now);
    case 'record_supplement':
      return recordSupplement(ctx, state, action, actor, now);
    case 'refuse':
      return refuse(ctx, state, action, actor, now);
    case 'withdraw':
      return withdraw(ctx, state, action, actor, now);
    case 'stop':
      return stop(ctx, state, action, actor, now);
    case 'sign_apology':
      return signApology(ctx, state, action, actor, now);
  }
}

/**
 * The escalation due at `now` (escalation.ts), as a system event: the step's reminder or over-budget
 * flag, or the dossier's at-risk flag. Null when nothing is due. Call again until null.
 */
export function escalate(ctx: DossierContext, state: DossierState, now: number): Transition | null {
  const due = escalationDue(ctx, state, now);
  if (!due) return null;
  if (due.level === 'at_risk') {
    return transition(ctx, state, {
      type: 'at_risk',
      actor: null,
      at: now,
      payload: { ...due.record, appointmentAt: state.appointmentAt },
      next: { ...state, atRisk: due.record },
    });
  }
  const current = due.current;
  const flag = due.level === 'step_reminder' ? { remindedAt: now } : { escalatedAt: now };
  return transition(ctx, state, {
    type: due.level,
    actor: null,
    at: now,
    payload: {
      stepId: current.stepId,
      stepStartedAt: current.startedAt,
      stepDeadline: current.deadline,
      assignee: current.assignee?.username ?? null,
    },
    next: { ...state, currentStep: { ...current, ...flag } },
  });
}

/** The legal clock ran out while the dossier was still being handled: flag it overdue (once). */
export function markOverdue(ctx: DossierContext, state: DossierState, now: number): Transition | null {
  if (state.overdue || state.phase !== 'processing' || now < state.appointmentAt) return null;
  return transition(ctx, state, {
    type: 'overdue',
    actor: null,
    at: now,
    // After an apology the new appointment was missed too: recorded as such.
    payload: { appointmentAt: state.appointmentAt, ...(state.apology ? { afterApology: true } : {}) },
    next: { ...state, overdue: true },
  });
}

/** Whether the legal clock is running (it stops while waiting for the applicant and once the result is ready). */
export function legalClockRunning(state: DossierState): boolean {
  return state.phase === 'processing' && !state.overdue;
}

/** The workflow has to ask for the fee: the dossier waits at a payment step with no request yet. */
export function paymentToRequest(
  ctx: DossierContext,
  state: DossierState,
): { reference: string; amount: number } | null {
  const current = state.currentStep;
  if (state.phase !== 'processing' || !current || stepOf(ctx, current.index).kind !== 'payment') return null;
  if (state.payment) return null;
  return { reference: paymentReference(state.code, current.index), amount: ctx.procedure.fee.amount };
}

/** Our reference of the online payment request of the payment step at `stepIndex`. */
const paymentReference = (code: string, stepIndex: number): string => `${code}-TT${stepIndex}`;

/**
 * The online payment request a stored event makes void: a cash payment at the desk finishes the payment
 * step, so the step's request (if the workflow created one) must no longer be payable. Null otherwise.
 */
export function paymentRequestToCancel(
  ctx: DossierContext,
  event: DossierEvent,
): { dossierCode: string; reference: string; reason: string } | null {
  if (event.type !== 'record_cash_payment' || event.fromStepId === null) return null;
  const index = ctx.procedure.steps.findIndex((s) => s.id === event.fromStepId);
  if (index < 0) return null;
  const receipt = event.payload.receiptNumber;
  return {
    dossierCode: event.dossierCode,
    reference: paymentReference(event.dossierCode, index),
    reason:
      'Phí, lệ phí đã được nộp bằng tiền mặt tại Bộ phận Một cửa' +
      (typeof receipt === 'string' ? ` (biên lai số ${receipt})` : '') +
      '; yêu cầu thanh toán trực tuyến đã bị hủy.',
  };
}

/** The payment request was created with the provider: the dossier now waits for the fee. */
export function paymentRequested(
  ctx: DossierContext,
  state: DossierState,
  request: { reference: string; amount: number },
  now: number,
): Transition {
  const payment = { ...request, status: 'pending' as const, method: null, transactionId: null, paidAt: null };
  return transition(ctx, state, {
    type: 'payment_requested',
    actor: null,
    at: now,
    payload: { ...request },
    next: { ...state, payment },
  });
}

export type PaymentDecision = Decision | { readonly ok: 'duplicate' };

/**
 * A verified confirmation from the payment provider: the fee is paid and the payment step is done.
 * The same transaction again is a duplicate (nothing changes); another amount or reference, or no
 * payment waiting, is refused and changes nothing.
 */
export function confirmPayment(
  ctx: DossierContext,
  state: DossierState,
  confirmation: PaymentConfirmation,
  now: number,
): PaymentDecision {
  const txProblem =
    typeof confirmation.transactionId === 'string'
      ? textProblem(confirmation.transactionId, paymentTextRules.transactionId)
      : textLengthMessages.empty;
  if (txProblem) return reject(DossierRejection.invalidText('mã giao dịch', 'transactionId', txProblem));
  const payment = state.payment;
  if (payment?.status === 'paid' && payment.transactionId === confirmation.transactionId)
    return { ok: 'duplicate' };
  const current = state.currentStep;
  if (!payment || payment.status !== 'pending' || !current || state.phase !== 'processing') {
    return reject(DossierRejection.noPaymentPending());
  }
  if (payment.reference !== confirmation.reference || payment.amount !== confirmation.amount) {
    return reject(DossierRejection.paymentMismatch());
  }
  const paid = {
    ...payment,
    status: 'paid' as const,
    method: 'online' as const,
    transactionId: confirmation.transactionId,
    paidAt: now,
  };
  return accept(
    advance(
      ctx,
      { ...state, payment: paid },
      current,
      null,
      now,
      { type: 'payment_confirmed' },
      { ...confirmation },
    ),
  );
}

/** The liaison the workflow has to start: the dossier is at a liaison step that has none yet. */
export function liaisonToRequest(
  ctx: DossierContext,
  state: DossierState,
): { stepId: string; requestId: string; partnerCode: string; partnerName: string } | null {
  const current = state.currentStep;
  if (state.phase !== 'processing' || !current) return null;
  const step = stepOf(ctx, current.index);
  if (step.kind !== 'liaison') return null;
  // One request per entry into the step (a send-back and a new entry ask again).
  const requestId = `${state.code}-LT${current.index}-${current.startedAt}`;
  if (state.liaison?.requestId === requestId) return null;
  const partners = ctx.procedure.liaison ?? [];
  const partner = partners.find((p) => p.partnerCode === step.partnerCode) ?? partners[0];
  if (!partner) return null;
  return { stepId: step.id, requestId, partnerCode: partner.partnerCode, partnerName: partner.partnerName };
}

/** The request went out to the partner agency; its answer is awaited within the step's budget. */
export function liaisonRequested(
  ctx: DossierContext,
  state: DossierState,
  request: { stepId: string; requestId: string; partnerCode: string; partnerName: string },
  now: number,
): Transition {
  const liaison = {
    ...request,
    requestedAt: now,
    status: 'waiting' as const,
    late: false,
    answer: null,
    note: null,
    answeredAt: null,
  };
  return transition(ctx, state, {
    type: 'liaison_requested',
    actor: null,
    at: now,
    payload: { ...request },
    next: { ...state, liaison },
  });
}

/** When the waiting liaison's step runs out of budget; null when nothing is waited for. */
export function liaisonDeadline(state: DossierState): number | null {
  const l = state.liaison;
  if (!l || l.status !== 'waiting' || l.late || state.phase !== 'processing') return null;
  return state.currentStep?.stepId === l.stepId ? state.currentStep.deadline : null;
}

/** The partner did not answer within the step's budget: the step is late and the dossier flagged (once). */
export function liaisonLate(ctx: DossierContext, state: DossierState, now: number): Transition | null {
  const deadline = liaisonDeadline(state);
  if (deadline === null || now < deadline || !state.liaison) return null;
  const liaison = { ...state.liaison, late: true };
  return transition(ctx, state, {
    type: 'liaison_late',
    actor: null,
    at: now,
    payload: { requestId: liaison.requestId, partnerCode: liaison.partnerCode, deadline },
    next: { ...state, liaison },
  });
}

/**
 * The partner's answer: approved → the liaison step is done; refused → the dossier is refused with the
 * partner's reason; needs supplement → the applicant is asked (the clock rule of the procedure applies).
 * An answer to another request, or a second answer, is ignored (null).
 */
export function liaisonAnswered(
  ctx: DossierContext,
  state: DossierState,
  answer: { requestId: string; answer: LiaisonAnswer; note: string | null },
  now: number,
): Transition | null {
  const l = state.liaison;
  const current = state.currentStep;
  if (!l || l.requestId !== answer.requestId || l.status !== 'waiting') return null;
  // The answer is already taken (the child workflow holds it): text that could not be stored is cleaned
  // rather than refused. Acceptable notes are kept exactly as they came.
  const note =
    answer.note === null || textFault(answer.note, true) === null ? answer.note : storableText(answer.note);
  // The officers may have moved the dossier on meanwhile (e.g. the answer came on paper): ignore it then.
  if (!current || current.stepId !== l.stepId || state.phase !== 'processing') return null;
  const liaison = {
    ...l,
    status: 'answered' as const,
    answer: answer.answer,
    note,
    answeredAt: now,
  };
  const payload = {
    requestId: l.requestId,
    partnerCode: l.partnerCode,
    answer: answer.answer,
    note,
  };
  const base = { ...state, liaison };
  if (answer.answer === 'approved') {
    return advance(ctx, base, current, null, now, { type: 'liaison_answered' }, payload);
  }
  if (answer.answer === 'refused') {
    return transition(ctx, state, {
      type: 'liaison_answered',
      actor: null,
      at: now,
      payload,
      next: { ...base, phase: 'refused', currentStep: null, finishedAt: now },
    });
  }
  const record = {
    requestedAt: now,
    requestedBy: l.partnerName,
    reason: note ?? 'Cơ quan phối hợp yêu cầu bổ sung hồ sơ',
    items: [],
    resumedAt: null,
    pausedWorkingMinutes: null,
  };
  const supplements = [...state.supplements, record];
  return transition(ctx, state, {
    type: 'liaison_answered',
    actor: null,
    at: now,
    payload,
    next: { ...base, phase: 'awaiting_supplement', supplements, multipleSupplements: supplements.length > 1 },
  });
}
