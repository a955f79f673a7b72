import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** What a stored file is for. */
export type StoredFilePurpose = 'result';

/**
 * One upload of a file attached to a dossier (docs/architecture.md, "Payment and digitisation"). The bytes
 * are kept by the content-addressed file store (`common/file-store.ts`) under `sha256`, so the same content
 * uploaded twice is stored once but has a row per upload.
 */
export interface StoredFileTable {
  id: Generated<string>;
  tenant: string;
  dossier_code: string;
  purpose: StoredFilePurpose;
  /** Lower-case hex SHA-256 of the bytes: also their address in the file store. */
  sha256: string;
  size: number;
  /** Detected from the content (magic bytes), never taken from the client. */
  media_type: string;
  /** The uploader's file name, cleaned up (no path, no control characters). */
  file_name: string;
  /** Username of the uploading officer. */
  uploaded_by: string;
  uploaded_at: ColumnType<Date, Date | string | undefined, never>;
}

export type StoredFileRow = Selectable<StoredFileTable>;
export type NewStoredFileRow = Insertable<StoredFileTable>;
