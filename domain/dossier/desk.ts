/**
 * The desk side of a dossier (Decree 118/2025): which receiving unit works its desk steps and holds it
 * while it waits for the applicant. Pure.
 *
 * The internal process names the one-stop desk (`BPMC`) as the division of its receipt and return steps;
 * for a given dossier that desk is a receiving unit — where it was received for the receipt step and the
 * supplement and withdrawal work, where the applicant takes the result for the return step.
 */
import { ONE_STOP_DESK_DIVISION, type ProcedureStep } from '../procedure/procedure-definition.js';
import type { Actor, DeskRoute, DossierState } from './types.js';

/**
 * The receiving unit of the agency's own one-stop desk: officers of the agency's desk division work there
 * unless they are attached to another unit.
 */
export const AGENCY_DESK_UNIT = ONE_STOP_DESK_DIVISION;

/** The receiving unit whose desk an officer works at, or null (not a desk officer). */
export function deskUnitOf(actor: Pick<Actor, 'receivingUnit' | 'divisionCode'>): string | null {
  if (actor.receivingUnit) return actor.receivingUnit;
  return actor.divisionCode === ONE_STOP_DESK_DIVISION ? AGENCY_DESK_UNIT : null;
}

/**
 * The unit of the desk step at `index` of the process. The desk steps that open the process (the receipt,
 * and for instance a fee paid on filing) are worked where the dossier was received; those after the first
 * step of the agency's divisions (the return) at the unit that returns the result.
 */
export function stepDeskUnit(
  steps: readonly Pick<ProcedureStep, 'division'>[],
  desk: DeskRoute,
  index: number,
): string {
  const firstHandling = steps.findIndex((s) => s.division !== ONE_STOP_DESK_DIVISION);
  return firstHandling === -1 || index < firstHandling ? desk.receivingUnit : desk.returnUnit;
}

/**
 * The receiving unit whose desk holds the dossier now: at a desk step, or waiting for the applicant (a
 * supplement, a withdrawal to close), else null (with the agency's divisions, or finished).
 */
export function currentDeskUnit(
  steps: readonly Pick<ProcedureStep, 'division'>[],
  state: DossierState,
): string | null {
  if (state.phase === 'awaiting_supplement' || state.phase === 'withdrawal_requested') {
    return state.desk.receivingUnit;
  }
  const index = state.currentStep?.index;
  if (index === undefined || steps[index]?.division !== ONE_STOP_DESK_DIVISION) return null;
  return stepDeskUnit(steps, state.desk, index);
}

/**
 * The receiving unit an officer outside the agency works for (a Centre, branch or commune point), or
 * null for the agency's own staff. Such an officer sees only the dossiers that unit receives, returns or
 * holds at its desk; the agency's divisions see all the agency's dossiers.
 */
export function outsideDeskOf(actor: Pick<Actor, 'receivingUnit' | 'divisionCode'>): string | null {
  return actor.receivingUnit && actor.divisionCode === null ? actor.receivingUnit : null;
}

/** Whether the dossier concerns the unit: received there, returned there, or at its desk now. */
export function concernsUnit(
  row: { received_unit: string | null; return_unit: string | null; current_unit: string | null },
  unit: string,
): boolean {
  return row.received_unit === unit || row.return_unit === unit || row.current_unit === unit;
}
