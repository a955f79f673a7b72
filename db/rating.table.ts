import type { ColumnType, Insertable, Selectable } from 'kysely';

/**
 * Satisfaction levels of an applicant's rating (docs/domain.md, "Satisfaction rating"): "Rất hài lòng",
 * "Hài lòng", "Không hài lòng". Decision 766 counts "dissatisfied" against the office's satisfaction index.
 */
export const ratingLevels = ['very_satisfied', 'satisfied', 'dissatisfied'] as const;
export type RatingLevel = (typeof ratingLevels)[number];

/** Vietnamese names of the satisfaction levels, as the applicant reads them. */
export const ratingLevelLabels: Readonly<Record<RatingLevel, string>> = {
  very_satisfied: 'Rất hài lòng',
  satisfied: 'Hài lòng',
  dissatisfied: 'Không hài lòng',
};

/** Longest comment an applicant may leave with a rating (characters). */
export const RATING_COMMENT_MAX = 1000;

/** The applicant's rating of a returned dossier: at most one per dossier (primary key `dossier_code`). */
export interface DossierRatingTable {
  dossier_code: ColumnType<string, string, never>;
  tenant: ColumnType<string, string, never>;
  level: ColumnType<RatingLevel, RatingLevel, never>;
  comment: ColumnType<string | null, string | null | undefined, never>;
  rated_at: ColumnType<Date, Date | string | undefined, never>;
}

export type DossierRatingRow = Selectable<DossierRatingTable>;
export type NewDossierRatingRow = Insertable<DossierRatingTable>;
