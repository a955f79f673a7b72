import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  allHandlersFinished,
  condition,
  log,
  proxyActivities,
  proxyLocalActivities,
  sleep,
  startChild,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { workingCalendarOf } from '../../domain/calendar/index.js';
import { noticesFor, type DossierNotice } from '../../domain/dossier/notices.js';
import {
  adoptCalendar,
  currentDeskUnit,
  checkIncidentDecision,
  discardUnstored,
  IncidentRejection,
  type IncidentDecision,
  type OpenIncident,
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
  recordArchived,
  resultSigned,
  resultSigningFailed,
  signatureReasons,
  signatureToMake,
  type SignatureToMake,
  type SignedResult,
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
  resolveIncidentUpdate,
  type DossierActionRequest,
  type DossierWorkflowInput,
} from './messages.js';

const { createPaymentRequest, cancelPaymentRequest } = proxyActivities<Activities>({
  // Short: after a worker crash the call is retried on another worker once this expires.
  startToCloseTimeout: '10 seconds',
  // A database outage is waited out.
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const { recordDossierEvent, loadCalendarDefinition } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  // The event is kept in the workflow until it is stored: a database outage is waited out. Short retries
  // stay inside the workflow task (the first comes fast: the receipt's transaction commits just after it
  // starts the workflow); past a minute of failures they continue on durable timers with the same backoff.
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const { openDossierIncident, closeDossierIncident } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const { archiveDossier } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  // The activity heartbeats while it builds and writes the package: an attempt lost with its worker is
  // retried within seconds, not when the start-to-close timeout fires.
  heartbeatTimeout: '30 seconds',
  // A store or database outage is waited out; a broken chain or a missing file is a non-retryable failure.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

const { signResult } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  // Heartbeats while signing (a remote CSC signature can take a while): a lost attempt is retried in seconds.
  heartbeatTimeout: '30 seconds',
  // A signing service, store or database outage is waited out; no key or a PDF that cannot be signed is a
  // non-retryable failure, recorded as `result_signing_failed`.
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

const { notifyDossier, notifyDossierIncident } = proxyActivities<Activities>({
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
  let ctx: DossierContext = { procedure: input.procedure, calendar: workingCalendarOf(input.calendar) };
  /** Transitions applied but not yet stored, oldest first, each with the context it was made in. */
  const pending: { transition: Transition; ctx: DossierContext }[] = [];
  let storedSeq = 0;
  /** The last stored state and its context: where a discarded incident puts the dossier back. */
  let stored: { state: DossierState; ctx: DossierContext } | null = null;
  /** An event the database refused for good: nothing moves until an administrator decides. */
  let incident: OpenIncident | null = null;
  /** Administrators' decisions on the open incident, and how many the loop has applied. */
  const decisions: IncidentDecision[] = [];
  let decided = 0;
  /** The end-of-dossier archiving was done (or failed for good): the loop may end. */
  let archived = false;
  const received = receiveDossier(ctx, {
    code: input.code,
    tenant: input.tenant,
    receivedAt: input.receivedAt,
    actor: input.receiver,
    ruleSet: input.ruleSet,
    desk: input.desk,
    copies: input.copies ?? null,
  });
  let state: DossierState = received.state;
  /**
   * The search attributes as last set, by key (a value's JSON), starting with those the workflow was
   * started with (tenant, procedure): only changes are upserted.
   */
  const upserted = new Map<string, string>(
    workflowInfo()
      .typedSearchAttributes.getAll()
      .map((pair) => [pair.key.name, JSON.stringify(pair.value)]),
  );
  /**
   * Wakes the main loop when something arrives for it. A plain promise rather than a `condition`: the SDK
   * checks conditions in extra passes into the workflow's context at the end of an activation, while a
   * resolved promise goes on in the same pass (an officer's action costs fewer passes).
   */
  let wakeLoop: (() => void) | null = null;
  const arrived = (): void => {
    const wake = wakeLoop;
    wakeLoop = null;
    wake?.();
  };
  const apply = (t: Transition): void => {
    state = t.state;
    pending.push({ transition: t, ctx });
    arrived();
    // An upsert is a command and a history event: none when nothing the lists filter on changed (an
    // assignment, an attached file, a signature, a stored mail…).
    const changed = searchAttributesOf(ctx, state).filter(({ key, value }) => {
      const json = JSON.stringify(value);
      if (upserted.get(key.name) === json) return false;
      upserted.set(key.name, json);
      return true;
    });
    if (changed.length > 0) upsertSearchAttributes(changed);
  };
  apply(received);

  /** Answers of liaison children, applied by the main loop in arrival order. */
  const answers: LiaisonResult[] = [];
  /** Calendar versions published since, applied by the main loop in arrival order. */
  const calendars: CalendarPublication[] = [];
  /** Outcomes of the signing activity, applied by the main loop; one signature is made at a time. */
  const signatures: ({ ok: true; signed: SignedResult } | { ok: false; code: string | undefined })[] = [];
  let signing = false;
  const wakeUp = () =>
    pending.length > 0 || answers.length > 0 || calendars.length > 0 || signatures.length > 0;

  /** Mails being sent; each runs on its own (an SMTP outage must not hold up officers' actions). */
  const mailing = new Set<Promise<void>>();
  function inBackground(mail: Promise<unknown>, what: Record<string, unknown>): void {
    const sent: Promise<void> = mail.then(
      () => undefined,
      (err: unknown) => log.warn('mail not sent', { ...what, err }),
    );
    mailing.add(sent);
    void sent.then(() => mailing.delete(sent));
  }
  const dispatch = (notice: DossierNotice): void => inBackground(notifyDossier(notice), { key: notice.key });

  /** Update handlers waiting for an event to be stored (settled as the loop stores, or opens an incident). */
  const storeWaiters: { seq: number; resolve: () => void; reject: (err: unknown) => void }[] = [];
  /**
   * Waits until the event of `seq` is stored; an Update's caller gets `DOSSIER.NEEDS_ATTENTION` when the
   * database refused it (the dossier then waits for an administrator).
   */
  function untilStored(seq: number): Promise<void> {
    return new Promise((resolve, reject) => {
      storeWaiters.push({ seq, resolve, reject });
      settleStoreWaiters();
    });
  }
  function settleStoreWaiters(): void {
    for (let i = 0; i < storeWaiters.length;) {
      const waiter = storeWaiters[i]!;
      if (storedSeq >= waiter.seq) waiter.resolve();
      else if (incident) waiter.reject(rejectionFailure(IncidentRejection.notStored()));
      else {
        i++;
        continue;
      }
      storeWaiters.splice(i, 1);
    }
  }
  const refuseWhileIncident = (): void => {
    if (incident) throw rejectionFailure(IncidentRejection.needsAttention());
  };

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
      (answer) => {
        answers.push(answer);
        arrived();
      },
      (err: unknown) => log.warn('liaison child failed; officers can complete the step by hand', { err }),
    );
  }

  setHandler(dossierStateQuery, () => state);
  setHandler(calendarPublishedSignal, (publication: CalendarPublication) => {
    calendars.push(publication);
    arrived();
  });
  setHandler(
    paymentConfirmedUpdate,
    async (confirmation: PaymentConfirmation) => {
      const decision = confirmPayment(ctx, state, confirmation, Date.now());
      if (decision.ok === 'duplicate') return state;
      if (!decision.ok) throw rejectionFailure(decision.rejection);
      apply(decision);
      await untilStored(decision.state.seq);
      return decision.state;
    },
    {
      validator: (confirmation: PaymentConfirmation) => {
        refuseWhileIncident();
        const decision = confirmPayment(ctx, state, confirmation, Date.now());
        if (decision.ok === false) throw rejectionFailure(decision.rejection);
      },
    },
  );
  /**
   * The validator's decision, for the handler that runs right after it on the same request, state and
   * instant (one `decide` per action instead of two). A replayed Update runs no validator: the handler
   * decides again, with the same inputs and so the same outcome.
   */
  const validated = new WeakMap<
    DossierActionRequest,
    { on: DossierState; decision: ReturnType<typeof decide> }
  >();
  const decideAction = (request: DossierActionRequest): ReturnType<typeof decide> => {
    const memo = validated.get(request);
    if (memo && memo.on === state) return memo.decision;
    return decide(ctx, state, request.action, request.actor, Date.now());
  };
  setHandler(
    dossierActionUpdate,
    async (request: DossierActionRequest) => {
      const decision = decideAction(request);
      validated.delete(request);
      if (!decision.ok) throw rejectionFailure(decision.rejection);
      apply(decision);
      await untilStored(decision.state.seq);
      return decision.state;
    },
    {
      validator: (request: DossierActionRequest) => {
        refuseWhileIncident();
        const decision = decide(ctx, state, request.action, request.actor, Date.now());
        if (!decision.ok) throw rejectionFailure(decision.rejection);
        validated.set(request, { on: state, decision });
      },
    },
  );

  const incidentCheck = (decision: IncidentDecision): void => {
    const rejection = checkIncidentDecision(incident, stored?.state ?? null, decision);
    if (rejection) throw rejectionFailure(rejection);
    // One decision per incident: a second one sent meanwhile finds it being resolved.
    if (decisions.length > 0) throw rejectionFailure(IncidentRejection.noIncident());
  };
  setHandler(
    resolveIncidentUpdate,
    async (decision: IncidentDecision) => {
      incidentCheck(decision);
      decisions.push(decision);
      const mine = decided + 1;
      await condition(() => decided >= mine);
      if (decision.resolution === 'discard') await untilStored(state.seq);
      return state;
    },
    { validator: incidentCheck },
  );

  /**
   * An administrator's decision ends the open incident: the refused event is stored again (retry), or
   * the dossier goes back to its last stored state with an event naming the dropped actions (discard).
   */
  async function resolveIncident(): Promise<void> {
    await condition(() => decisions.length > 0);
    const decision = decisions.shift()!;
    await closeDossierIncident({
      dossierCode: input.code,
      resolution: decision.resolution,
      resolvedBy: decision.actor.username,
      note: decision.note,
    });
    incident = null;
    if (decision.resolution === 'discard' && stored) {
      const dropped = pending
        .splice(0)
        .map(({ transition: t }) => ({ seq: t.event.seq, type: t.event.type }));
      ctx = stored.ctx;
      state = stored.state;
      apply(discardUnstored(ctx, stored.state, dropped, decision, Date.now()));
    }
    decided++;
  }

  /** Stores the oldest unstored event, then what follows it: the voided online payment, the mails. */
  async function storeNextEvent(next: (typeof pending)[number]): Promise<void> {
    const { transition: t } = next;
    const index = t.state.currentStep?.index;
    const step = index === undefined ? undefined : next.ctx.procedure.steps[index];
    const record = {
      event: t.event,
      state: t.state,
      stepDivision: step?.division ?? null,
      stepRole: step?.role ?? null,
      deskUnit: currentDeskUnit(next.ctx.procedure.steps, t.state),
    };
    try {
      // A local activity stores the event within the workflow task (no round trip through the task
      // queue): an officer's action is answered sooner.
      await recordDossierEvent(record);
    } catch (err) {
      // Refused for good (the database will not take it): retrying forever would jam the dossier and
      // grow its history. It waits for an administrator instead, who is told by mail.
      const failure = permanentFailureOf(err);
      if (!failure) throw err;
      await openIncident(t, failure);
      return;
    }
    pending.shift();
    storedSeq = t.state.seq;
    settleStoreWaiters();
    stored = { state: t.state, ctx: next.ctx };
    // Cash at the desk: the step's online request must not stay payable (idempotent, after the event).
    const voided = paymentRequestToCancel(next.ctx, t.event);
    if (voided) await cancelPaymentRequest(voided);
    // Mails follow the stored event: a mail never announces what the audit trail does not hold.
    for (const notice of noticesFor(next.ctx, t.event, t.state)) dispatch(notice);
  }

  /** The event `t` was refused for good: the dossier stops until an administrator decides. */
  async function openIncident(t: Transition, failure: ApplicationFailure): Promise<void> {
    const report = {
      tenant: input.tenant,
      dossierCode: input.code,
      seq: t.event.seq,
      eventType: t.event.type,
      errorCode: failure.type ?? 'UNKNOWN',
      sqlState: typeof failure.details?.[0] === 'string' ? failure.details[0] : null,
      message: failure.message,
    };
    const opened = await openDossierIncident(report);
    incident = { seq: report.seq, eventType: report.eventType, errorCode: report.errorCode };
    settleStoreWaiters();
    inBackground(notifyDossierIncident({ ...report, ...opened }), { incidentId: opened.incidentId });
  }

  /**
   * The dossier ended: its archival package is stored and an `archived` event names it (docs/archive.md).
   * A package that cannot be built (broken chain, missing file) is logged; the dossier ends all the same.
   */
  async function archive(): Promise<void> {
    try {
      apply(recordArchived(ctx, state, await archiveDossier({ code: input.code }), Date.now()));
    } catch (err) {
      log.error('dossier not archived', { code: input.code, err });
    }
  }

  /**
   * Has the signing activity make the signature the dossier waits for, in the background (a signing
   * service outage must not hold up officers' actions); its outcome comes back through `signatures`.
   */
  function startSigning(toMake: SignatureToMake): void {
    signing = true;
    signResult({
      tenant: input.tenant,
      dossierCode: input.code,
      kind: toMake.kind,
      signer: { username: toMake.by.username, fullName: toMake.by.fullName },
      signingTime: toMake.signingTime,
      reason: signatureReasons[toMake.kind],
      file: { sha256: toMake.file.sha256, fileName: toMake.file.fileName },
    }).then(
      (signed) => {
        signatures.push({ ok: true, signed });
        arrived();
      },
      (err: unknown) => {
        const failure = err instanceof ActivityFailure ? err.cause : err;
        const code = failure instanceof ApplicationFailure ? (failure.type ?? undefined) : undefined;
        log.warn('result not signed', { code: input.code, kind: toMake.kind, failure: code });
        signatures.push({ ok: false, code });
        arrived();
      },
    );
  }

  /** Asks the provider for the fee of the payment step the dossier waits at. */
  async function requestFee(fee: NonNullable<ReturnType<typeof paymentToRequest>>): Promise<void> {
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
  }

  /**
   * The next escalation instant of the current state and context (computed once per state: working-time
   * arithmetic over the calendar).
   */
  let escalation: { ctx: DossierContext; state: DossierState; at: number | null } | null = null;
  const escalationAt = (): number | null => {
    if (escalation?.ctx !== ctx || escalation.state !== state)
      escalation = { ctx, state, at: nextEscalationAt(ctx, state) };
    return escalation.at;
  };

  /**
   * The durable timer the loop waits on. It is kept across wake-ups while its instant stays the same (an
   * officer's action seldom moves it): a timer started and cancelled at every action would cost two
   * commands and two history events each time.
   */
  let timer: { at: number; fired: boolean; scope: CancellationScope } | null = null;
  function armTimer(at: number | undefined): void {
    if (timer?.at === at) return;
    if (timer && !timer.fired) timer.scope.cancel();
    timer = null;
    if (at === undefined) return;
    const armed = { at, fired: false, scope: new CancellationScope() };
    timer = armed;
    armed.scope
      .run(() => sleep(Math.max(1, at - Date.now())))
      .then(
        () => {
          armed.fired = true;
          arrived();
        },
        () => undefined, // cancelled: the instant moved
      );
  }

  /**
   * Waits until something arrives (an action's event to store, a liaison answer, a calendar publication,
   * a signature) or the durable timer of the next instant fires; true when the timer fired.
   */
  async function waitForSomething(): Promise<boolean> {
    armTimer(nextTimer(state, escalationAt()));
    const armed = timer;
    if (!wakeUp() && !armed?.fired) await new Promise<void>((resolve) => (wakeLoop = resolve));
    if (!armed?.fired) return false;
    timer = null;
    return true;
  }

  /**
   * What came from outside while waiting, in arrival order: signatures made, liaison answers, then
   * published calendars.
   */
  async function applyArrivals(): Promise<void> {
    for (let outcome = signatures.shift(); outcome; outcome = signatures.shift()) {
      signing = false;
      const now = Date.now();
      const made = outcome.ok
        ? resultSigned(ctx, state, outcome.signed, now)
        : resultSigningFailed(ctx, state, outcome.code, now);
      if (made) apply(made);
    }
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
      const adopted = adoptCalendar(ctx, state, workingCalendarOf(definition), Date.now());
      if (!adopted) continue;
      ctx = adopted.ctx;
      apply(adopted.transition);
    }
  }

  /** A timer fired: the appointment passed (overdue), or a waiting liaison's step deadline (late). */
  function applyTimers(): void {
    const overdue = markOverdue(ctx, state, Date.now());
    if (overdue) apply(overdue);
    const late = liaisonLate(ctx, state, Date.now());
    if (late) apply(late);
  }

  /** Every rung of the escalation ladder due now, in order (none before the next escalation instant). */
  function applyEscalations(): void {
    for (;;) {
      const at = escalationAt();
      const due = at !== null && Date.now() >= at ? escalate(ctx, state, Date.now()) : null;
      if (!due) return;
      apply(due);
    }
  }

  // The procedure: events are stored one by one, in order, before anything else happens; then the dossier
  // asks for its fee or its liaison when a step needs one, or waits for an action, an arrival or a timer.
  for (;;) {
    if (incident) {
      await resolveIncident();
      continue;
    }
    const next = pending[0];
    if (next) {
      await storeNextEvent(next);
      continue;
    }
    if (finalPhases.has(state.phase)) {
      if (archived) break;
      archived = true;
      await archive();
      continue;
    }
    const toSign = signing ? null : signatureToMake(state);
    if (toSign) {
      startSigning(toSign);
      continue;
    }
    const fee = paymentToRequest(ctx, state);
    if (fee) {
      await requestFee(fee);
      continue;
    }
    const liaison = liaisonToRequest(ctx, state);
    if (liaison) {
      await startLiaison(liaison);
      continue;
    }
    const fired = await waitForSomething();
    await applyArrivals();
    if (fired) applyTimers();
    applyEscalations();
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

/** The non-retryable failure of an activity (the database refused the event for good), if that is what `err` is. */
function permanentFailureOf(err: unknown): ApplicationFailure | undefined {
  // A remote activity's failure comes wrapped in an ActivityFailure, a local activity's as it was thrown.
  const failure = err instanceof ActivityFailure ? err.cause : err;
  return failure instanceof ApplicationFailure && failure.nonRetryable ? failure : undefined;
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
