import type { ColumnType, Selectable } from 'kysely';

/** A draft of the submission form, one per citizen and procedure. */
export interface PortalDraftTable {
  personal_id: ColumnType<string, string, never>;
  procedure_code: ColumnType<string, string, never>;
  data: ColumnType<Record<string, unknown>, string, string>;
  saved_at: ColumnType<Date, Date, Date>;
}

export type PortalDraftRow = Selectable<PortalDraftTable>;
