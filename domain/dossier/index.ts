export type * from './types.js';
export type { Rejection } from './rejection.js';
export { DossierRejection } from './rejection.js';
export { nationalStatusLabels, phaseLabels, finalPhases, statusOf } from './status.js';
export {
  actionLabels,
  confirmPayment,
  decide,
  escalate,
  liaisonAnswered,
  liaisonDeadline,
  liaisonLate,
  liaisonRequested,
  liaisonToRequest,
  paymentRequested,
  paymentRequestToCancel,
  paymentToRequest,
  type PaymentDecision,
  finishingAction,
  legalClockRunning,
  markOverdue,
  receiveDossier,
  resultFileMissing,
  type Decision,
  type DossierContext,
  type ReceiveInput,
  type Transition,
} from './machine.js';
export { actionTextRejection, actionTextRules, paymentTextRules } from './action-text.js';
export { allowedActions, officerActionOrder } from './allowed-actions.js';
export { appointmentFrom, stepDeadline, stepResult } from './clock.js';
export {
  apologyRequired,
  atRiskAt,
  escalationPolicy,
  nextEscalationAt,
  reminderAt,
  remainingBudgetsAfter,
  stepOverdueAt,
  workingInstantBefore,
} from './escalation.js';
export { adoptCalendar, recountAppointment, type DeadlineMove } from './calendar-change.js';

export {
  checkIncidentDecision,
  discardUnstored,
  IncidentRejection,
  type IncidentDecision,
  type IncidentResolution,
  type OpenIncident,
} from './incident.js';
