import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { createWorkingCalendar } from '../../domain/calendar/index.js';
import {
  decide,
  finalPhases,
  legalClockRunning,
  markOverdue,
  receiveDossier,
  type DossierContext,
  type DossierState,
  type Transition,
} from '../../domain/dossier/index.js';
import type { Activities } from '../../activities/index.js';
import {
  DossierAppointment,
  DossierDivision,
  DossierOverdue,
  DossierProcedure,
  DossierState as DossierStateAttribute,
  DossierStatus,
  DossierStep,
  DossierStepDeadline,
  DossierTenant,
} from '../search-attributes.js';
import {
  dossierActionUpdate,
  dossierStateQuery,
  type DossierActionRequest,
  type DossierWorkflowInput,
} from './messages.js';

const { recordDossierEvent } = proxyActivities<Activities>({
  // Short: after a worker crash the event is retried on another worker once this expires.
  startToCloseTimeout: '10 seconds',
  // A database outage is waited out: the event is kept in the workflow until it is stored.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

function searchAttributesOf(ctx: DossierContext, state: DossierState) {
  const step = state.currentStep ? ctx.procedure.steps[state.currentStep.index] : undefined;
  return [
    { key: DossierStatus, value: String(state.status) },
    { key: DossierStateAttribute, value: state.phase },
    { key: DossierStep, value: state.currentStep?.stepId ?? '' },
    { key: DossierDivision, value: step?.division ?? '' },
    { key: DossierProcedure, value: state.procedureCode },
    { key: DossierTenant, value: state.tenant },
    { key: DossierAppointment, value: new Date(state.appointmentAt) },
    { key: DossierStepDeadline, value: state.currentStep ? new Date(state.currentStep.deadline) : null },
    { key: DossierOverdue, value: state.overdue },
  ];
}

/**
 * One dossier (hồ sơ), from receipt to its end: an interpreter of the procedure's internal process
 * (snapshot taken at receipt). Officer actions arrive as the `dossierAction` Update; the legal clock
 * is a durable timer on the appointment. Every transition is stored, in order, as an audit event.
 */
export async function dossierWorkflow(input: DossierWorkflowInput): Promise<DossierState> {
  const ctx: DossierContext = { procedure: input.procedure, calendar: createWorkingCalendar(input.calendar) };
  /** Transitions applied but not yet stored, oldest first. */
  const pending: Transition[] = [];
  let storedSeq = 0;
  const received = receiveDossier(ctx, {
    code: input.code,
    tenant: input.tenant,
    receivedAt: input.receivedAt,
    actor: input.receiver,
  });
  let state: DossierState = received.state;
  const apply = (t: Transition): void => {
    state = t.state;
    pending.push(t);
    upsertSearchAttributes(searchAttributesOf(ctx, state));
  };
  apply(received);

  setHandler(dossierStateQuery, () => state);
  setHandler(
    dossierActionUpdate,
    async ({ action, actor }: DossierActionRequest) => {
      const decision = decide(ctx, state, action, actor, Date.now());
      if (!decision.ok) throw rejectionFailure(decision.rejection);
      apply(decision);
      const seq = decision.state.seq;
      await condition(() => storedSeq >= seq);
      return decision.state;
    },
    {
      validator: ({ action, actor }: DossierActionRequest) => {
        const decision = decide(ctx, state, action, actor, Date.now());
        if (!decision.ok) throw rejectionFailure(decision.rejection);
      },
    },
  );

  for (;;) {
    const next = pending[0];
    if (next) {
      const index = next.state.currentStep?.index;
      const step = index === undefined ? undefined : ctx.procedure.steps[index];
      await recordDossierEvent({
        event: next.event,
        state: next.state,
        stepDivision: step?.division ?? null,
        stepRole: step?.role ?? null,
      });
      pending.shift();
      storedSeq = next.state.seq;
      continue;
    }
    if (finalPhases.has(state.phase)) break;
    const wait = legalClockRunning(state) ? Math.max(1, state.appointmentAt - Date.now()) : undefined;
    const woke =
      wait === undefined
        ? (await condition(() => pending.length > 0), true)
        : await condition(() => pending.length > 0, wait);
    if (!woke) {
      const overdue = markOverdue(ctx, state, Date.now());
      if (overdue) apply(overdue);
    }
  }
  await condition(allHandlersFinished);
  return state;
}

function rejectionFailure(rejection: { code: string; kind: string; message: string }): ApplicationFailure {
  return ApplicationFailure.create({
    type: rejection.code,
    message: rejection.message,
    nonRetryable: true,
    details: [rejection.kind],
  });
}
