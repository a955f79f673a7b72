/**
 * What every officer action checks first: the dossier's phase, and the step the officer saw against the
 * step the dossier is at. Also the shape of an action's handler (see officer-actions.ts). Pure.
 */
import { DossierRejection, type Rejection } from './rejection.js';
import type { DossierContext } from './context.js';
import { phaseLabels } from './status.js';
import type { Decision } from './transition.js';
import type { Actor, CurrentStep, DossierAction, DossierPhase, DossierState } from './types.js';

export function requirePhase(state: DossierState, ...phases: DossierPhase[]): Rejection | null {
  return phases.includes(state.phase) ? null : DossierRejection.invalidState(phaseLabels[state.phase]);
}

/** The current step, checked against the step the officer saw (a double click finds it moved on). */
export function currentFor(state: DossierState, stepId: string | undefined): CurrentStep | Rejection {
  const current = state.currentStep;
  // A stale step id means the step moved on (double click), even if the phase changed with it.
  if (current && stepId !== undefined && current.stepId !== stepId) return DossierRejection.stepMismatch();
  if (!current || state.phase !== 'processing')
    return DossierRejection.invalidState(phaseLabels[state.phase]);
  return current;
}

export const isRejection = (v: unknown): v is Rejection =>
  typeof v === 'object' && v !== null && 'kind' in v && 'code' in v;

/** An officer action of one type: its decision on the dossier as it is now. */
export type Handler<A extends DossierAction> = (
  ctx: DossierContext,
  state: DossierState,
  action: A,
  actor: Actor,
  now: number,
) => Decision;
