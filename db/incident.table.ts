import type { ColumnType, Generated, Selectable } from 'kysely';

/** How an administrator ended a storage incident: store the event again, or drop the unstored actions. */
export type IncidentResolution = 'retry' | 'discard';

/**
 * A storage incident: an audit event of a dossier that PostgreSQL refused for good (a data or
 * constraint error). The dossier waits for an administrator; at most one incident per dossier is open.
 */
export interface DossierIncidentTable {
  id: Generated<number>;
  tenant: ColumnType<string, string, never>;
  dossier_code: ColumnType<string, string, never>;
  /** Seq of the event that could not be stored. */
  seq: ColumnType<number, number, never>;
  event_type: ColumnType<string, string, never>;
  /** The activity failure's type, e.g. `DOSSIER.STORAGE_REJECTED`. */
  error_code: ColumnType<string, string, never>;
  /** PostgreSQL's SQLSTATE when the database refused it (e.g. 22P05). */
  sql_state: ColumnType<string | null, string | null | undefined, never>;
  message: ColumnType<string, string, never>;
  flagged_at: ColumnType<Date, Date | string | undefined, never>;
  resolved_at: ColumnType<Date | null, never, Date | string>;
  /** Username of the administrator who resolved it. */
  resolved_by: ColumnType<string | null, never, string>;
  resolution: ColumnType<IncidentResolution | null, never, IncidentResolution>;
  note: ColumnType<string | null, never, string>;
}

export type DossierIncidentRow = Selectable<DossierIncidentTable>;
