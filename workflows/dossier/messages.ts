import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CalendarDefinition } from '../../domain/calendar/index.js';
import type {
  Actor,
  DeskRoute,
  DossierAction,
  DossierState,
  IncidentDecision,
  PaymentConfirmation,
} from '../../domain/dossier/index.js';
import type { ProcedureDefinition } from '../../domain/procedure/procedure-definition.js';
import type { RuleSetId } from '../../domain/rules/rule-sets.js';

/** Start input of a dossier workflow: the snapshots in force at receipt, so later edits never apply. */
export interface DossierWorkflowInput {
  readonly code: string;
  readonly tenant: string;
  readonly procedure: ProcedureDefinition;
  readonly calendar: CalendarDefinition;
  readonly receivedAt: number;
  readonly receiver: Actor;
  /** The rule set in force on the receipt date, kept to the end. */
  readonly ruleSet: RuleSetId;
  /** Where the dossier was received and where its result goes back. */
  readonly desk: DeskRoute;
  /** Copies asked for, when the procedure's fee is per copy. */
  readonly copies?: number | null;
}

/** An officer action with the authenticated officer who asked for it. */
export interface DossierActionRequest {
  readonly action: DossierAction;
  readonly actor: Actor;
}

/**
 * Every officer action is this Update. Its validator runs the state machine: an invalid action
 * (state, role, division) is rejected with an ApplicationFailure whose `type` is the stable error
 * code and whose first detail is the rejection kind ('forbidden' | 'conflict' | 'invalid'), and it
 * never enters the history. An accepted action resolves once its audit event is stored.
 */
export const dossierActionUpdate = defineUpdate<DossierState, [DossierActionRequest]>('dossierAction');

/**
 * A verified payment confirmation from the payment provider (the API checks the signature first).
 * Rejected (not recorded) when the dossier waits for no payment, or when the reference or amount
 * differ: type `DOSSIER.PAYMENT_MISMATCH` / `DOSSIER.NO_PAYMENT_PENDING`. A confirmation of a payment
 * already paid with the same transaction id resolves with the state and changes nothing.
 */
export const paymentConfirmedUpdate = defineUpdate<DossierState, [PaymentConfirmation]>('paymentConfirmed');

/**
 * A new version of the tenant's calendar was published (sent to every open dossier of the tenant by the
 * calendar rollout). The dossier counts its deadlines again with it and records every moved deadline;
 * an older or repeated version changes nothing.
 */
export const calendarPublishedSignal = defineSignal<[CalendarPublication]>('calendarPublished');

/** A published calendar version (the dossier loads its definition). */
export interface CalendarPublication {
  readonly tenant: string;
  readonly version: number;
}

/**
 * An administrator resolves the dossier's storage incident (an audit event the database refused for good):
 * `retry` stores the event again (after the cause was fixed; a new incident opens if it fails again),
 * `discard` drops every action not stored and puts the dossier back at its last stored state, recording
 * an `incident_discarded` event. Refused unless the actor is an administrator and an incident is open.
 * Resolves once the decision is applied (for `discard`, once its event is stored).
 */
export const resolveIncidentUpdate = defineUpdate<DossierState, [IncidentDecision]>('resolveIncident');

/** The live state of the dossier. */
export const dossierStateQuery = defineQuery<DossierState>('dossierState');
