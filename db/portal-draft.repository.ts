import type { Executor } from './database.js';
import type { PortalDraftRow } from './portal-draft.table.js';

/** The citizen's draft of a procedure's submission form, if any. */
export function findPortalDraft(
  db: Executor,
  personalId: string,
  procedureCode: string,
): Promise<PortalDraftRow | undefined> {
  return db
    .selectFrom('portal_draft')
    .selectAll()
    .where('personal_id', '=', personalId)
    .where('procedure_code', '=', procedureCode)
    .executeTakeFirst();
}

/** Saves (replaces) the citizen's draft of a procedure. */
export async function savePortalDraft(
  db: Executor,
  d: { personalId: string; procedureCode: string; data: unknown; at: number },
): Promise<void> {
  const data = JSON.stringify(d.data);
  await db
    .insertInto('portal_draft')
    .values({ personal_id: d.personalId, procedure_code: d.procedureCode, data, saved_at: new Date(d.at) })
    .onConflict((oc) =>
      oc.columns(['personal_id', 'procedure_code']).doUpdateSet({ data, saved_at: new Date(d.at) }),
    )
    .execute();
}

/** Removes the citizen's draft of a procedure (true when there was one). */
export async function deletePortalDraft(
  db: Executor,
  personalId: string,
  procedureCode: string,
): Promise<boolean> {
  const r = await db
    .deleteFrom('portal_draft')
    .where('personal_id', '=', personalId)
    .where('procedure_code', '=', procedureCode)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}
