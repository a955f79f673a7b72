export type * from './types.js';
export type { Rejection } from './rejection.js';
export { DossierRejection } from './rejection.js';
export { nationalStatusLabels, phaseLabels, finalPhases, statusOf } from './status.js';
export {
  actionLabels,
  confirmPayment,
  decide,
  liaisonAnswered,
  liaisonDeadline,
  liaisonLate,
  liaisonRequested,
  liaisonToRequest,
  paymentRequested,
  paymentToRequest,
  type PaymentDecision,
  finishingAction,
  legalClockRunning,
  markOverdue,
  receiveDossier,
  type Decision,
  type DossierContext,
  type ReceiveInput,
  type Transition,
} from './machine.js';
export { appointmentFrom, stepDeadline, stepResult } from './clock.js';
