/** Receipt at the one-stop desk: the dossier's first event and its appointment. Pure. */
import { appointmentFrom } from './clock.js';
import { AGENCY_DESK_UNIT } from './desk.js';
import type { DossierContext } from './context.js';
import { enterStep, transition, type Transition } from './transition.js';
import type { RuleSetId } from '../rules/rule-sets.js';
import type { Actor, DeskRoute } from './types.js';

export interface ReceiveInput {
  readonly code: string;
  readonly tenant: string;
  readonly receivedAt: number;
  readonly actor: Actor;
  /** Default: the 2018 rules, under which the agency received at its own desk. */
  readonly ruleSet?: RuleSetId;
  /** Default: received and returned at the agency's own desk ({@link AGENCY_DESK_ROUTE}). */
  readonly desk?: DeskRoute;
  /** Copies asked for, when the procedure's fee is per copy. */
  readonly copies?: number | null;
}

/** Received and returned at the counter of the agency's own one-stop desk. */
export const AGENCY_DESK_ROUTE: DeskRoute = {
  receivingUnit: AGENCY_DESK_UNIT,
  returnMethod: 'counter',
  returnUnit: AGENCY_DESK_UNIT,
};

/** The first event: the dossier is received and waits at the one-stop desk's receipt step. */
export function receiveDossier(ctx: DossierContext, input: ReceiveInput): Transition {
  const appointmentAt = appointmentFrom(ctx.calendar, ctx.procedure, input.receivedAt);
  const ruleSet = input.ruleSet ?? 'ND61_2018';
  const desk = input.desk ?? AGENCY_DESK_ROUTE;
  return transition(ctx, null, {
    type: 'receive',
    actor: input.actor,
    at: input.receivedAt,
    payload: { appointmentAt, ruleSet, desk },
    next: {
      code: input.code,
      tenant: input.tenant,
      procedureCode: ctx.procedure.code,
      procedureVersion: ctx.procedure.version,
      calendarVersion: ctx.calendar.version,
      ruleSet,
      desk,
      copies: input.copies ?? null,
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
