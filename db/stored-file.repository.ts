import type { Executor } from './database.js';
import type { NewStoredFileRow, StoredFilePurpose, StoredFileRow } from './stored-file.table.js';

/** Records one upload; gives back the row with its id. */
export async function insertStoredFile(db: Executor, row: NewStoredFileRow): Promise<StoredFileRow> {
  return db.insertInto('stored_file').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Removes the record of an upload the dossier did not take (the bytes stay: they are content-addressed). */
export async function deleteStoredFile(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('stored_file').where('id', '=', id).execute();
}

/**
 * The upload of a dossier with the given content: the row `preferredId` when it is one of them, otherwise
 * the latest one.
 */
export async function findStoredFile(
  db: Executor,
  dossierCode: string,
  purpose: StoredFilePurpose,
  sha256: string,
  preferredId?: string,
): Promise<StoredFileRow | undefined> {
  const rows = await db
    .selectFrom('stored_file')
    .selectAll()
    .where('dossier_code', '=', dossierCode)
    .where('purpose', '=', purpose)
    .where('sha256', '=', sha256)
    .orderBy('uploaded_at', 'desc')
    .execute();
  return rows.find((r) => r.id === preferredId) ?? rows[0];
}
