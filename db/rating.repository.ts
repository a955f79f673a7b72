import type { Executor } from './database.js';
import type { DossierRatingRow, NewDossierRatingRow } from './rating.table.js';

/**
 * The ID number the dossier with this code was received with, or undefined when there is no such
 * dossier: the one query the citizen lookup runs before it compares the ID number, the same whatever the
 * outcome. It reads one short column by primary key, so a row that exists costs about as much to fetch
 * and decode as no row (the dossier itself is read only once the pair is proven).
 */
export async function findApplicantIdNumber(db: Executor, code: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('dossier')
    .select('applicant_id_number')
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.applicant_id_number;
}

/** The applicant's rating of a dossier, if any. */
export function findRating(db: Executor, code: string): Promise<DossierRatingRow | undefined> {
  return db.selectFrom('dossier_rating').selectAll().where('dossier_code', '=', code).executeTakeFirst();
}

/**
 * Records the rating of a dossier; undefined when the dossier was rated already (the first rating stays:
 * the primary key decides, so two concurrent ratings cannot both pass).
 */
export async function insertRating(
  db: Executor,
  rating: NewDossierRatingRow,
): Promise<DossierRatingRow | undefined> {
  return db
    .insertInto('dossier_rating')
    .values(rating)
    .onConflict((oc) => oc.column('dossier_code').doNothing())
    .returningAll()
    .executeTakeFirst();
}
