import type { Kysely } from 'kysely';
import type { DossierRow } from './dossier.table.js';
import type { DossierRatingRow, NewDossierRatingRow } from './rating.table.js';
import type { DB } from './schema.js';

/** A dossier as the citizen lookup reads it, with the applicant's rating when there is one. */
export interface LookupCandidate {
  dossier: DossierRow;
  rating: Pick<DossierRatingRow, 'level' | 'comment' | 'rated_at'> | null;
}

/**
 * The dossier with this code and its rating, in one query whatever the outcome: the lookup runs exactly
 * this, and only this, before it compares the ID number, so a wrong code and a wrong ID number cost the
 * database the same work.
 */
export async function findLookupCandidate(
  db: Kysely<DB>,
  code: string,
): Promise<LookupCandidate | undefined> {
  const row = await db
    .selectFrom('dossier')
    .leftJoin('dossier_rating', 'dossier_rating.dossier_code', 'dossier.code')
    .selectAll('dossier')
    .select([
      'dossier_rating.level as rating_level',
      'dossier_rating.comment as rating_comment',
      'dossier_rating.rated_at as rating_rated_at',
    ])
    .where('dossier.code', '=', code)
    .executeTakeFirst();
  if (!row) return undefined;
  const { rating_level: level, rating_comment: comment, rating_rated_at: ratedAt, ...dossier } = row;
  return {
    dossier,
    rating: level !== null && ratedAt !== null ? { level, comment, rated_at: ratedAt } : null,
  };
}

/**
 * Records the rating of a dossier; undefined when the dossier was rated already (the first rating stays:
 * the primary key decides, so two concurrent ratings cannot both pass).
 */
export async function insertRating(
  db: Kysely<DB>,
  rating: NewDossierRatingRow,
): Promise<DossierRatingRow | undefined> {
  return db
    .insertInto('dossier_rating')
    .values(rating)
    .onConflict((oc) => oc.column('dossier_code').doNothing())
    .returningAll()
    .executeTakeFirst();
}
