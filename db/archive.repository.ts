import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from './database.js';
import type { ArchivePackageRow, NewArchivePackageRow } from './archive.table.js';

/**
 * The hash under which the index keeps an applicant's ID number: HMAC-SHA256 under `key`
 * (`ARCHIVE_INDEX_KEY`) of the number with spaces removed and letters upper-cased (a passport number), so
 * the lookup finds it however it is typed. Keyed, because a plain hash of a 12-digit number is reversed by
 * trying every number: without the key the index does not reveal whose dossiers it lists. The writer (the
 * archive activity) and the searcher (`GET /archive?idNumber=`) both call this.
 */
export function idNumberHash(key: string, idNumber: string): string {
  return createHmac('sha256', key).update(idNumber.replace(/\s+/g, '').toUpperCase(), 'utf8').digest('hex');
}

/**
 * Sets `dossier.archived_at` (column of the retention branch's migration 2026_12_08_000200, not on this
 * branch: raw SQL, and nothing calls it here yet; to be called where the package is recorded, at merge).
 */
export async function markDossierArchived(db: Executor, code: string, at: Date): Promise<void> {
  await sql`update dossier set archived_at = ${at} where code = ${code}`.execute(db);
}

/** Adds the package to the index once; the row already there (same dossier) is given back otherwise. */
export async function recordArchivePackage(
  db: Executor,
  row: NewArchivePackageRow,
): Promise<ArchivePackageRow> {
  const inserted = await db
    .insertInto('archive_package')
    .values(row)
    .onConflict((oc) => oc.column('dossier_code').doNothing())
    .returningAll()
    .executeTakeFirst();
  return inserted ?? (await findArchivePackage(db, row.dossier_code))!;
}

export function findArchivePackage(
  db: Executor,
  dossierCode: string,
): Promise<ArchivePackageRow | undefined> {
  return db
    .selectFrom('archive_package')
    .selectAll()
    .where('dossier_code', '=', dossierCode)
    .executeTakeFirst();
}

export interface ArchiveSearch {
  tenant: string;
  code?: string;
  /** The applicant's ID number and the index key it is hashed with (see `idNumberHash`). */
  idNumber?: { value: string; key: string };
  /** Vietnam local end dates, inclusive. */
  from?: string;
  to?: string;
  limit: number;
}

/** The tenant's packages matching every criterion given, newest end date first. */
export function searchArchivePackages(db: Executor, s: ArchiveSearch): Promise<ArchivePackageRow[]> {
  let q = db.selectFrom('archive_package').selectAll().where('tenant', '=', s.tenant);
  if (s.code !== undefined) q = q.where('dossier_code', '=', s.code);
  if (s.idNumber !== undefined) {
    q = q.where('applicant_id_hash', '=', idNumberHash(s.idNumber.key, s.idNumber.value));
  }
  if (s.from !== undefined) q = q.where('end_date', '>=', s.from);
  if (s.to !== undefined) q = q.where('end_date', '<=', s.to);
  return q.orderBy('end_date', 'desc').orderBy('dossier_code').limit(s.limit).execute();
}
