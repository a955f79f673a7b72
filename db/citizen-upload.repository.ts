import type { Executor } from './database.js';
import type { CitizenUploadRow } from './citizen-upload.table.js';

/** Records a citizen's upload; the same content uploaded again keeps one row (its name and time refreshed). */
export function upsertCitizenUpload(
  db: Executor,
  row: { personalId: string; sha256: string; name: string; contentType: string; size: number; at: number },
): Promise<CitizenUploadRow> {
  return db
    .insertInto('citizen_upload')
    .values({
      personal_id: row.personalId,
      sha256: row.sha256,
      name: row.name,
      content_type: row.contentType,
      size: row.size,
      uploaded_at: new Date(row.at),
    })
    .onConflict((oc) =>
      oc.columns(['personal_id', 'sha256']).doUpdateSet({ name: row.name, uploaded_at: new Date(row.at) }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The citizen's uploads among `sha256s`, by SHA-256. */
export async function findCitizenUploads(
  db: Executor,
  personalId: string,
  sha256s: readonly string[],
): Promise<Map<string, CitizenUploadRow>> {
  if (sha256s.length === 0) return new Map();
  const rows = await db
    .selectFrom('citizen_upload')
    .selectAll()
    .where('personal_id', '=', personalId)
    .where('sha256', 'in', [...sha256s])
    .execute();
  return new Map(rows.map((r) => [r.sha256, r]));
}
