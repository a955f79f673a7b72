export type * from './types.js';
export type { Rejection } from './rejection.js';
export { DossierRejection } from './rejection.js';
export { nationalStatusLabels, phaseLabels, finalPhases, statusOf } from './status.js';
export {
  actionLabels,
  decide,
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
