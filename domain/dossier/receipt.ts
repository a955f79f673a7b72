/** Receipt at the one-stop desk: the dossier's first event and its appointment. Pure. */
import { appointmentFrom } from './clock.js';
import type { DossierContext } from './context.js';
import { enterStep, transition, type Transition } from './transition.js';
import type { Actor } from './types.js';

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
