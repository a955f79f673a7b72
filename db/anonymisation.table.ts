import type { ColumnType, Generated, Selectable } from 'kysely';

/** One batch of the anonymisation job (docs/personal-data.md): who, when, how many, which dossiers. */
export interface AnonymisationRunTable {
  id: Generated<number>;
  at: ColumnType<Date, Date | string | undefined, never>;
  /** Who ran it: `system:anonymise` and the workflow ID. */
  actor: ColumnType<string, string, never>;
  /** The retention cut-off: dossiers finished before it (and archived) were anonymised. */
  finished_before: ColumnType<Date, Date | string, never>;
  dossiers: ColumnType<number, number, never>;
  /** Codes of the dossiers anonymised (JSON array). */
  codes: ColumnType<string[], string, never>;
  /** Receipt guidances (Mẫu 02 of incomplete dossiers) given before the cut-off and anonymised. */
  guidances: ColumnType<number, number, never>;
}

export type AnonymisationRunRow = Selectable<AnonymisationRunTable>;
