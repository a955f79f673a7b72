/**
 * The dossier state machine: which officer action is valid when, and what it changes. Pure and
 * deterministic (the workflow runs it in its validator and handler; the clock is passed in).
 */
import type { WorkingCalendar } from '../calendar/index.js';
import {
  ONE_STOP_DESK_DIVISION,
  type ProcedureDefinition,
  type ProcedureStep,
} from '../procedure/procedure-definition.js';
import { authoriseAssignment, authoriseDecision, authoriseDeskWork, authoriseStepWork } from './authorise.js';
import {
  appointmentAfterSupplement,
  appointmentFrom,
  dossierResult,
  stepDeadline,
  stepResult,
} from './clock.js';
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
  SystemEventType,
} from './types.js';

export interface DossierContext {
  readonly procedure: ProcedureDefinition;
  readonly calendar: WorkingCalendar;
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
  payment: 'complete',
  approval: 'approve',
  digitisation: 'mark_result_ready',
  return: 'return_result',
};

/** Vietnamese names of the actions (messages, history). */
export const actionLabels: Readonly<Record<DossierActionType | SystemEventType, string>> = {
  receive: 'Tiếp nhận hồ sơ',
  assign: 'Phân công xử lý',
  complete: 'Hoàn thành bước, chuyển bước tiếp theo',
  approve: 'Phê duyệt, ký',
  send_back: 'Trả lại bước trước',
  request_supplement: 'Yêu cầu bổ sung hồ sơ',
  record_supplement: 'Nhận hồ sơ bổ sung',
  refuse: 'Từ chối giải quyết',
  withdraw: 'Ghi nhận yêu cầu rút hồ sơ',
  stop: 'Dừng xử lý',
  mark_result_ready: 'Số hóa kết quả, sẵn sàng trả',
  return_result: 'Trả kết quả',
  overdue: 'Quá hạn giải quyết',
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
function transition(ctx: DossierContext, prev: DossierState | null, change: Change): Transition {
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
  actor: Actor,
  now: number,
  action: DossierAction,
): Transition {
  const step = stepOf(ctx, current.index);
  const onTime = stepResult(ctx.calendar, step, current.startedAt, now);
  const note = 'note' in action ? action.note : undefined;
  const payload = note ? { note } : {};
  if (step.kind === 'return') {
    const end = state.resultReadyAt ?? now;
    const next = { ...state, phase: 'returned' as const, currentStep: null, finishedAt: now };
    const outcome = dossierResult(state.appointmentAt, end);
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
  return denied ? reject(denied) : accept(advance(ctx, state, current, actor, now, action));
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
  if (action.reasons.length === 0) return reject(DossierRejection.missingText('lý do từ chối'));
  const step = state.currentStep ? stepOf(ctx, state.currentStep.index) : null;
  const denied = authoriseDecision(actor, step);
  return denied
    ? reject(denied)
    : accept(finish(ctx, state, 'refuse', actor, now, { reasons: [...action.reasons] }));
};

const withdraw: Handler<Extract<DossierAction, { type: 'withdraw' }>> = (ctx, state, action, actor, now) => {
  // Withdrawal is not possible once the result is ready (DOMAIN §1.8).
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
  }
}

/** The legal clock ran out while the dossier was still being handled: flag it overdue (once). */
export function markOverdue(ctx: DossierContext, state: DossierState, now: number): Transition | null {
  if (state.overdue || state.phase !== 'processing' || now < state.appointmentAt) return null;
  return transition(ctx, state, {
    type: 'overdue',
    actor: null,
    at: now,
    payload: { appointmentAt: state.appointmentAt },
    next: { ...state, overdue: true },
  });
}

/** Whether the legal clock is running (it stops while waiting for the applicant and once the result is ready). */
export function legalClockRunning(state: DossierState): boolean {
  return state.phase === 'processing' && !state.overdue;
}
