import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { ProcedureDefinition } from '../domain/procedure/procedure-definition.js';

/**
 * One published, immutable version of a procedure (TTHC) of a tenant. `definition` is the whole
 * validated definition, the source of truth that dossiers snapshot at receipt; `name` and
 * `effective_from` are copied out of it for listing and lookup by date, `replaces` for succession.
 */
export interface ProcedureVersionTable {
  tenant: string;
  /** Procedure code at the locality, e.g. '1.004889.000.00.00.H42'. */
  code: string;
  version: number;
  name: string;
  /** 'YYYY-MM-DD': the version applies to dossiers received from this date on. */
  effective_from: string;
  /** The code this version succeeds (`definition.replaces`): not received from `effective_from` on. */
  replaces: string | null;
  definition: ColumnType<ProcedureDefinition, string, never>;
  published_at: ColumnType<Date, Date | string | undefined, never>;
  published_by: string | null;
}

export type ProcedureVersionRow = Selectable<ProcedureVersionTable>;
export type NewProcedureVersionRow = Insertable<ProcedureVersionTable>;
