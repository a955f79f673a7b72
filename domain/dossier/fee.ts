/** What a dossier's applicant owes. Pure. */
import type { ProcedureDefinition } from '../procedure/procedure-definition.js';

/**
 * The fee the applicant owes for this dossier: the procedure's amount, times the copies asked for when it
 * is charged per copy (phí cấp bản sao).
 */
export function feeDue(
  procedure: Pick<ProcedureDefinition, 'fee'>,
  copies: number | null | undefined,
): number {
  return procedure.fee.per === 'copy' ? procedure.fee.amount * (copies ?? 1) : procedure.fee.amount;
}
