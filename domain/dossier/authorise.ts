import { canWrite, isLeadership } from '../roles.js';
import { ONE_STOP_DESK_DIVISION, type ProcedureStep } from '../procedure/procedure-definition.js';
import type { DossierContext } from './context.js';
import { deskUnitOf, stepDeskUnit } from './desk.js';
import { DossierRejection, type Rejection } from './rejection.js';
import { stepOf } from './transition.js';
import type { Actor, CurrentStep, DossierState } from './types.js';

/**
 * May `actor` do the work of `step`? The step's division and role decide: the officer of that role in
 * that division; the division head also for the specialists' steps of the division; either leader
 * (Giám đốc, Phó Giám đốc) for the leadership's steps; the system administrator always. A step given
 * to a specialist is theirs alone among specialists. A desk step (receipt, return) belongs to the
 * dossier's receiving unit for that step (`stepDeskUnit` of desk.ts): only its receivers work it.
 */
export function authoriseStepWork(
  actor: Actor,
  step: ProcedureStep,
  current: CurrentStep,
  /** The receiving unit of this step for this dossier, when it is a desk step (`stepDeskUnit` of desk.ts). */
  deskUnit: string,
): Rejection | null {
  if (!canWrite(actor.role)) return DossierRejection.readOnlyRole();
  if (actor.role === 'admin') return null;
  if (isLeadership(step.role)) return isLeadership(actor.role) ? null : DossierRejection.wrongRole();
  if (step.division === ONE_STOP_DESK_DIVISION) {
    if (deskUnitOf(actor) !== deskUnit) return DossierRejection.wrongDesk(deskUnit);
  } else if (actor.divisionCode !== step.division) return DossierRejection.wrongDivision(step.division);
  const headOverSpecialist = actor.role === 'head' && step.role === 'specialist';
  if (actor.role !== step.role && !headOverSpecialist) return DossierRejection.wrongRole();
  if (actor.role === 'specialist' && current.assignee && current.assignee.officerId !== actor.officerId) {
    return DossierRejection.notAssignee();
  }
  return null;
}

/** {@link authoriseStepWork} on the dossier's current step, its desk unit taken from the dossier's route. */
export function authoriseCurrentStep(
  ctx: DossierContext,
  state: Pick<DossierState, 'desk'>,
  actor: Actor,
  current: CurrentStep,
): Rejection | null {
  const step = stepOf(ctx, current.index);
  return authoriseStepWork(
    actor,
    step,
    current,
    stepDeskUnit(ctx.procedure.steps, state.desk, current.index),
  );
}

/** May `actor` assign the step? Its division head, the leadership, or the administrator. */
export function authoriseAssignment(actor: Actor, step: ProcedureStep): Rejection | null {
  if (!canWrite(actor.role)) return DossierRejection.readOnlyRole();
  if (actor.role === 'admin' || isLeadership(actor.role)) return null;
  if (actor.role !== 'head') return DossierRejection.wrongRole();
  return actor.divisionCode === step.division ? null : DossierRejection.wrongDivision(step.division);
}

/** Decisions that end a dossier early (refusal, stop): a division head of the step, or the leadership. */
export function authoriseDecision(actor: Actor, step: ProcedureStep | null): Rejection | null {
  if (!canWrite(actor.role)) return DossierRejection.readOnlyRole();
  if (actor.role === 'admin' || isLeadership(actor.role)) return null;
  if (actor.role !== 'head') return DossierRejection.wrongRole();
  if (step && actor.divisionCode !== step.division) return DossierRejection.wrongDivision(step.division);
  return null;
}

/**
 * Work of the one-stop desk with the applicant (a supplement request at receipt, recording the supplement
 * or a withdrawal request): the receivers of the receiving unit `unit` — for a dossier, where it was
 * received ({@link DeskRoute.receivingUnit}).
 */
export function authoriseDeskWork(actor: Actor, unit: string): Rejection | null {
  if (!canWrite(actor.role)) return DossierRejection.readOnlyRole();
  if (actor.role === 'admin') return null;
  if (actor.role !== 'receiver') return DossierRejection.wrongRole();
  return deskUnitOf(actor) === unit ? null : DossierRejection.wrongDesk(unit);
}
