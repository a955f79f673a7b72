import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  startChild,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { createWorkingCalendar } from '../../domain/calendar/index.js';
import { noticesFor, type DossierNotice } from '../../domain/dossier/notices.js';
import {
  adoptCalendar,
  escalate,
  nextEscalationAt,
  confirmPayment,
  decide,
  finalPhases,
  paymentRequested,
  paymentRequestToCancel,
  paymentToRequest,
  type PaymentConfirmation,
  legalClockRunning,
  liaisonAnswered,
  liaisonDeadline,
  liaisonLate,
  liaisonRequested,
  liaisonToRequest,
  markOverdue,
  receiveDossier,
  type DossierContext,
  type DossierState,
  type Rejection,
  type Transition,
} from '../../domain/dossier/index.js';
import type { Activities } from '../../activities/index.js';
import { liaisonWorkflow } from '../liaison/liaison.workflow.js';
import { liaisonWorkflowId, type LiaisonResult } from '../liaison/messages.js';
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
  calendarPublishedSignal,
  dossierActionUpdate,
  dossierStateQuery,
  type CalendarPublication,
  paymentConfirmedUpdate,
  type DossierActionRequest,
  type DossierWorkflowInput,
} from './messages.js';

const { recordDossierEvent, createPaymentRequest, cancelPaymentRequest } = proxyActivities<Activities>({
  // Short: after a worker crash the event is retried on another worker once this expires.
  startToCloseTimeout: '10 seconds',
  // A database outage is waited out: the event is kept in the workflow until it is stored. The first
  // retry comes fast: the receipt's transaction commits just after it starts the workflow.
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const { recordDossierEvent: recordDossierEventLocally, loadCalendarDefinition } =
  proxyLocalActivities<Activities>({
    startToCloseTimeout: '10 seconds',
    // Short retries stay inside the workflow task; past a minute of failures (a database outage) they
    // continue on durable timers with the same backoff.
    retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });

const { notifyDossier } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  // An SMTP outage is waited out (no attempt limit); a permanent refusal is a non-retryable failure.
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
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
  // Dossiers started before the escalation ladder keep running without it (their histories replay as they were).
  const ladder = patched('escalation-ladder');
  let ctx: DossierContext = {
    procedure: input.procedure,
    calendar: createWorkingCalendar(input.calendar),
    // Dossiers started before every document-producing result kind needed its file keep the older rule.
    ...(patched('result-file-every-document') ? {} : { fileOnlyForDocumentResult: true }),
  };
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

  /** Answers of liaison children, applied by the main loop in arrival order. */
  const answers: LiaisonResult[] = [];
  /** Calendar versions published since, applied by the main loop in arrival order. */
  const calendars: CalendarPublication[] = [];
  const wakeUp = () => pending.length > 0 || answers.length > 0 || calendars.length > 0;

  /** Notices being mailed; each runs on its own (an SMTP outage must not hold up officers' actions). */
  const mailing = new Set<Promise<void>>();
  function dispatch(notice: DossierNotice): void {
    const sent: Promise<void> = notifyDossier(notice).then(
      () => undefined,
      (err: unknown) => log.warn('notice not sent', { key: notice.key, err }),
    );
    mailing.add(sent);
    void sent.then(() => mailing.delete(sent));
  }

  /** Starts the liaison child for the current step; its answer comes back through `answers`. */
  async function startLiaison(request: NonNullable<ReturnType<typeof liaisonToRequest>>): Promise<void> {
    const step = state.currentStep!;
    const child = await startChild(liaisonWorkflow, {
      workflowId: liaisonWorkflowId(input.code, request.requestId),
      args: [
        {
          tenant: input.tenant,
          dossierCode: input.code,
          requestId: request.requestId,
          stepId: request.stepId,
          partnerCode: request.partnerCode,
          partnerName: request.partnerName,
          procedureName: input.procedure.name,
          deadline: step.deadline,
        },
      ],
    });
    apply(liaisonRequested(ctx, state, request, Date.now()));
    child.result().then(
      (answer) => void answers.push(answer),
      (err: unknown) => log.warn('liaison child failed; officers can complete the step by hand', { err }),
    );
  }

  setHandler(dossierStateQuery, () => state);
  setHandler(calendarPublishedSignal, (publication: CalendarPublication) => {
    if (ladder) calendars.push(publication);
  });
  setHandler(
    paymentConfirmedUpdate,
    async (confirmation: PaymentConfirmation) => {
      const decision = confirmPayment(ctx, state, confirmation, Date.now());
      if (decision.ok === 'duplicate') return state;
      if (!decision.ok) throw rejectionFailure(decision.rejection);
      apply(decision);
      const seq = decision.state.seq;
      await condition(() => storedSeq >= seq);
      return decision.state;
    },
    {
      validator: (confirmation: PaymentConfirmation) => {
        const decision = confirmPayment(ctx, state, confirmation, Date.now());
        if (decision.ok === false) throw rejectionFailure(decision.rejection);
      },
    },
  );
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
      const record = {
        event: next.event,
        state: next.state,
        stepDivision: step?.division ?? null,
        stepRole: step?.role ?? null,
      };
      // A local activity stores the event within the workflow task (no round trip through the task
      // queue): an officer's action is answered sooner. Dossiers started before keep the old path.
      if (patched('audit-local-activity')) await recordDossierEventLocally(record);
      else await recordDossierEvent(record);
      pending.shift();
      storedSeq = next.state.seq;
      // Cash at the desk: the step's online request must not stay payable (idempotent, after the event).
      const voided = paymentRequestToCancel(ctx, next.event);
      if (voided) await cancelPaymentRequest(voided);
      // Mails follow the stored event: a mail never announces what the audit trail does not hold.
      if (ladder) for (const notice of noticesFor(ctx, next.event, next.state)) dispatch(notice);
      continue;
    }
    if (finalPhases.has(state.phase)) break;
    const fee = paymentToRequest(ctx, state);
    if (fee && patched('payment-request')) {
      await createPaymentRequest({
        tenant: input.tenant,
        dossierCode: input.code,
        reference: fee.reference,
        amount: fee.amount,
        description: `Phí, lệ phí: ${input.procedure.name} (hồ sơ ${input.code})`,
      });
      // An officer may have recorded a cash payment meanwhile: only a still-waiting step gets the request.
      if (paymentToRequest(ctx, state)?.reference === fee.reference)
        apply(paymentRequested(ctx, state, fee, Date.now()));
      continue;
    }
    const liaison = liaisonToRequest(ctx, state);
    if (liaison && patched('liaison-child')) {
      await startLiaison(liaison);
      continue;
    }
    const wait = nextTimer(state, ladder ? nextEscalationAt(ctx, state) : null);
    const woke =
      wait === undefined
        ? (await condition(wakeUp), true)
        : await condition(wakeUp, Math.max(1, wait - Date.now()));
    for (let answer = answers.shift(); answer; answer = answers.shift()) {
      const answered = liaisonAnswered(ctx, state, answer, Date.now());
      if (answered) apply(answered);
    }
    for (let publication = calendars.shift(); publication; publication = calendars.shift()) {
      if (publication.tenant !== input.tenant || publication.version <= ctx.calendar.version) continue;
      let definition;
      try {
        definition = await loadCalendarDefinition(publication);
      } catch (err) {
        log.warn('published calendar not found; deadlines kept', { ...publication, err });
        continue;
      }
      const adopted = adoptCalendar(ctx, state, createWorkingCalendar(definition), Date.now());
      if (!adopted) continue;
      ctx = adopted.ctx;
      apply(adopted.transition);
    }
    if (!woke) {
      const overdue = markOverdue(ctx, state, Date.now());
      if (overdue) apply(overdue);
      const late = liaisonLate(ctx, state, Date.now());
      if (late) apply(late);
    }
    if (ladder) {
      for (let due = escalate(ctx, state, Date.now()); due; due = escalate(ctx, state, Date.now()))
        apply(due);
    }
  }
  await condition(allHandlersFinished);
  await Promise.all([...mailing]);
  return state;
}

/**
 * The next instant a durable timer must fire: the appointment (legal clock), a liaison's step deadline or
 * the next level of the escalation ladder.
 */
function nextTimer(state: DossierState, escalation: number | null): number | undefined {
  const instants = [
    legalClockRunning(state) ? state.appointmentAt : null,
    liaisonDeadline(state),
    escalation,
  ].filter((t): t is number => t !== null);
  return instants.length > 0 ? Math.min(...instants) : undefined;
}

/** A refusal as the Update's failure: `type` the stable code, details [kind, field at fault or null]. */
function rejectionFailure(rejection: Rejection): ApplicationFailure {
  return ApplicationFailure.create({
    type: rejection.code,
    message: rejection.message,
    nonRetryable: true,
    details: [rejection.kind, rejection.field ?? null],
  });
}
