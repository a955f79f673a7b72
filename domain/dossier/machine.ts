/**
 * Nothing but re-exports: the dossier's rules now live in one module per reason to change (transition.ts,
 * receipt.ts, officer-actions.ts and the modules it routes to, payment.ts, liaison.ts, escalation.ts).
 * Kept only for imports from outside domain/dossier that still name this file; import from index.js.
 */
export type { DossierContext } from './context.js';
export { actionLabels } from './labels.js';
export type { Decision, Transition } from './transition.js';
export { transition } from './transition.js';
export { decide } from './officer-actions.js';
export { receiveDossier, type ReceiveInput } from './receipt.js';
export { finishingAction, resultFileMissing } from './step-work.js';
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
export { escalate, legalClockRunning, markOverdue } from './escalation.js';
