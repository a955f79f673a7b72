import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Frozen<T> = ColumnType<T, T, never>;

/**
 * The archive index: one row per finished dossier whose archival package is stored (docs/archive.md).
 * Append-only. The applicant's ID number is kept only as its keyed hash, so auditors find a package by ID
 * without the index holding it in clear.
 */
export interface ArchivePackageTable {
  dossier_code: Frozen<string>;
  tenant: Frozen<string>;
  /** Where the archive store keeps the package (`<tenant>/<dossier code>`). */
  key: Frozen<string>;
  /** SHA-256 (hex) of the package's manifest.json. */
  package_hash: Frozen<string>;
  procedure_code: Frozen<string>;
  /** Hex HMAC-SHA256 (key `ARCHIVE_INDEX_KEY`) of the applicant's ID number as received (`idNumberHash`). */
  applicant_id_hash: Frozen<string>;
  /** The Vietnam local date the dossier ended. */
  end_date: Frozen<string>;
  retention_years: Frozen<number>;
  created_at: Generated<Date>;
}

export type ArchivePackageRow = Selectable<ArchivePackageTable>;
export type NewArchivePackageRow = Insertable<ArchivePackageTable>;
