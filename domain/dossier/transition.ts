/**
 * How every rule of the dossier changes it: a `Transition` is the next state and its audit event, built
 * by `transition()`, which recomputes the status and bumps the sequence. Also the step helpers the rules
 * share (entering a step, finishing one and moving on) and the `Decision` an officer action gets. Pure.
 */
import type { ProcedureStep } from '../procedure/procedure-definition.js';
import { dossierResult, stepDeadline, stepResult } from './clock.js';
import type { DossierContext } from './context.js';
import type { Rejection } from './rejection.js';
import { statusOf } from './status.js';
import type { Actor, CurrentStep, DossierEvent, DossierState } from './types.js';

export interface Transition {
  readonly state: DossierState;
  readonly event: DossierEvent;
}

/** An officer action's outcome: the transition it makes, or why it is refused (nothing changes). */
export type Decision =
  ({ readonly ok: true } & Transition) | { readonly ok: false; readonly rejection: Rejection };

/** The procedure's step at `index` (there is always one: a missing step is a bug). */
export function stepOf(ctx: DossierContext, index: number): ProcedureStep {
  const step = ctx.procedure.steps[index];
  if (!step) throw new RangeError(`Procedure ${ctx.procedure.code} has no step ${index}`);
  return step;
}

/** The dossier enters the step at `index` at `now`: its budget starts, nobody is assigned yet. */
export function enterStep(ctx: DossierContext, index: number, now: number): CurrentStep {
  const step = stepOf(ctx, index);
  return {
    stepId: step.id,
    index,
    startedAt: now,
    deadline: stepDeadline(ctx.calendar, step, now),
    assignee: null,
  };
}

/** What a rule changes; `transition()` makes the state and event of it. */
export interface Change {
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

/** An officer action refused: nothing changes. */
export const reject = (rejection: Rejection): Decision => ({ ok: false, rejection });
/** An officer action accepted: the transition it makes. */
export const accept = (t: Transition): Decision => ({ ok: true, ...t });

/** Finishes the current step and moves on: to the next step, to "result ready", or out (returned). */
export function advance(
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
