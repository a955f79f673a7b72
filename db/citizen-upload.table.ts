import type { ColumnType, Selectable } from 'kysely';

/** A file a citizen uploaded on the portal; the bytes are in the content-addressed file store. */
export interface CitizenUploadTable {
  personal_id: ColumnType<string, string, never>;
  /** Lower-case hex SHA-256 of the bytes: the file's id on the portal and its address in the store. */
  sha256: ColumnType<string, string, never>;
  /** The cleaned file name (extension of the detected type). */
  name: string;
  content_type: string;
  size: ColumnType<number, number, number>;
  uploaded_at: ColumnType<Date, Date, Date>;
}

export type CitizenUploadRow = Selectable<CitizenUploadTable>;
