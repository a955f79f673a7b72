export type * from './types.js';
export type { Rejection } from './rejection.js';
export { DossierRejection } from './rejection.js';
export { nationalStatusLabels, phaseLabels, finalPhases, statusOf } from './status.js';
export type { DossierContext } from './context.js';
export { actionLabels } from './labels.js';
export type { Decision, Transition } from './transition.js';
export { decide } from './officer-actions.js';
export { AGENCY_DESK_ROUTE, receiveDossier, type ReceiveInput } from './receipt.js';
export { finishingAction, resultFileMissing } from './step-work.js';
export {
  resultSigned,
  resultSigningFailed,
  sealsResult,
  signatureReasons,
  signatureToMake,
  signedAs,
  signsResult,
  type SignatureToMake,
  type SignedResult,
} from './result-signing.js';
export {
  confirmPayment,
  paymentRequested,
  paymentRequestToCancel,
  paymentToRequest,
  type PaymentDecision,
} from './payment.js';
export {
  liaisonAnswered,
  liaisonDeadline,
  liaisonLate,
  liaisonRequested,
  liaisonToRequest,
} from './liaison.js';
export { actionTextRejection, actionTextRules, paymentTextRules } from './action-text.js';
export { allowedActions, officerActionOrder } from './allowed-actions.js';
export { appointmentFrom, stepDeadline, stepResult } from './clock.js';
export {
  apologyRequired,
  atRiskAt,
  escalate,
  legalClockRunning,
  markOverdue,
  nextEscalationAt,
  reminderAt,
  remainingBudgetsAfter,
  stepOverdueAt,
  workingInstantBefore,
} from './escalation.js';
export { apologyDueBy, apologyLimit } from './apology-limit.js';
export { adoptCalendar, recountAppointment, type DeadlineMove } from './calendar-change.js';

export {
  checkIncidentDecision,
  discardUnstored,
  IncidentRejection,
  type IncidentDecision,
  type IncidentResolution,
  type OpenIncident,
} from './incident.js';
export {
  AGENCY_DESK_UNIT,
  concernsUnit,
  currentDeskUnit,
  deskUnitOf,
  outsideDeskOf,
  stepDeskUnit,
} from './desk.js';
export { feeDue } from './fee.js';
export { recordArchived, type ArchivedPackage } from './archived.js';
