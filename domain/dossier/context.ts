import type { WorkingCalendar } from '../calendar/index.js';
import type { ProcedureDefinition } from '../procedure/procedure-definition.js';

/** What a dossier's rules read besides its state: the snapshots taken at receipt (calendar as adopted since). */
export interface DossierContext {
  readonly procedure: ProcedureDefinition;
  readonly calendar: WorkingCalendar;
}
