/**
 * Which officer actions a given officer may take on a dossier now: a dry run of the state machine's own
 * decision (`decide`), so that what a client offers can never drift from what the workflow accepts.
 * Pure: nothing is changed, the transitions of accepted probes are thrown away.
 */
import type { DossierContext } from './context.js';
// Through the package's entry: the state machine's modules are its own business (a cycle, harmless:
// `decide` is only called, never read, while the modules load).
import { decide } from './officer-actions.js';
import type { Rejection } from './rejection.js';
import type { Actor, DossierAction, DossierActionType, DossierState } from './types.js';

/** Text put where an action needs the officer's words (a note, a reason): well-formed, never stored. */
const PLACEHOLDER = 'probe';

interface Probe {
  readonly action: DossierAction;
  /**
   * The inputs the probe fills with a placeholder: an `invalid` rejection naming one of them is about
   * what the officer has yet to enter (the action is available, it needs input), not about the dossier.
   */
  readonly placeholders: readonly string[];
}

/** A minimal well-formed action of each type, aimed at the dossier's current step. */
function probesFor(ctx: DossierContext, state: DossierState): Readonly<Record<DossierActionType, Probe>> {
  // Without a current step a stale id is as good as any: `decide` refuses on the phase first.
  const stepId = state.currentStep?.stepId ?? PLACEHOLDER;
  const none: readonly string[] = [];
  return {
    assign: {
      action: {
        type: 'assign',
        stepId,
        assignee: { officerId: PLACEHOLDER, username: PLACEHOLDER, fullName: PLACEHOLDER },
      },
      placeholders: ['assignee'],
    },
    complete: { action: { type: 'complete', stepId }, placeholders: none },
    approve: { action: { type: 'approve', stepId }, placeholders: none },
    record_cash_payment: {
      // The fee the procedure asks: any other amount is refused, and the officer enters this one.
      action: {
        type: 'record_cash_payment',
        stepId,
        amount: ctx.procedure.fee.amount,
        receiptNumber: PLACEHOLDER,
      },
      placeholders: ['receiptNumber'],
    },
    attach_result: {
      action: {
        type: 'attach_result',
        stepId,
        file: {
          fileId: PLACEHOLDER,
          sha256: '0'.repeat(64),
          fileName: `${PLACEHOLDER}.pdf`,
          mediaType: 'application/pdf',
          size: 1,
        },
      },
      placeholders: ['file'],
    },
    mark_result_ready: { action: { type: 'mark_result_ready', stepId }, placeholders: none },
    seal_result: { action: { type: 'seal_result', stepId }, placeholders: none },
    send_back: { action: { type: 'send_back', stepId, reason: PLACEHOLDER }, placeholders: ['reason'] },
    request_supplement: {
      action: { type: 'request_supplement', reason: PLACEHOLDER, items: [PLACEHOLDER] },
      placeholders: ['reason', 'items.0'],
    },
    return_result: { action: { type: 'return_result' }, placeholders: none },
    record_supplement: { action: { type: 'record_supplement' }, placeholders: none },
    withdraw: { action: { type: 'withdraw', reason: PLACEHOLDER }, placeholders: ['reason'] },
    refuse: { action: { type: 'refuse', reasons: [PLACEHOLDER] }, placeholders: ['reasons.0'] },
    stop: { action: { type: 'stop', reason: PLACEHOLDER }, placeholders: ['reason'] },
    sign_apology: {
      // A well-formed date that is never a valid new appointment: the leader chooses the day.
      action: { type: 'sign_apology', reason: PLACEHOLDER, newAppointmentDate: '0001-01-01' },
      placeholders: ['reason', 'newAppointmentDate'],
    },
  };
}

/** The officer actions in the order a client shows them: the step's own work first, decisions last. */
export const officerActionOrder: readonly DossierActionType[] = [
  'assign',
  'complete',
  'approve',
  'record_cash_payment',
  'attach_result',
  'seal_result',
  'mark_result_ready',
  'send_back',
  'request_supplement',
  'return_result',
  'record_supplement',
  'withdraw',
  'refuse',
  'stop',
  'sign_apology',
];

/**
 * Whether a probe's rejection still leaves the action available. `forbidden` (role, division, assignee)
 * and `conflict` (phase, step, missing file, unpaid fee…) say the action cannot be taken now; `invalid`
 * naming an input the probe only filled with a placeholder says the officer has to enter it.
 */
function availableDespite(rejection: Rejection, probe: Probe): boolean {
  return (
    rejection.kind === 'invalid' &&
    rejection.field !== undefined &&
    probe.placeholders.includes(rejection.field)
  );
}

/**
 * The actions `actor` could take on the dossier at `now`, in {@link officerActionOrder}: those whose probe
 * the state machine accepts, or refuses only for the placeholder input. What the workflow checks besides
 * the state machine (an open storage incident, a closed workflow) is the caller's business.
 */
export function allowedActions(
  ctx: DossierContext,
  state: DossierState,
  actor: Actor,
  now: number,
): DossierActionType[] {
  const probes = probesFor(ctx, state);
  return officerActionOrder.filter((type) => {
    const probe = probes[type];
    const decision = decide(ctx, state, probe.action, actor, now);
    return decision.ok || availableDespite(decision.rejection, probe);
  });
}
