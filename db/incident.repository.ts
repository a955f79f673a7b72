import { sql } from 'kysely';
import type { Database, Executor } from './database.js';
import type { DossierIncidentRow, IncidentResolution } from './incident.table.js';

/** What the workflow reports when an audit event of a dossier cannot be stored. */
export interface IncidentReport {
  tenant: string;
  dossierCode: string;
  seq: number;
  eventType: string;
  errorCode: string;
  sqlState: string | null;
  message: string;
}

/**
 * Opens the dossier's incident (or gives back the open one: safe under activity retries) and flags the
 * projection row, in one transaction.
 */
export async function openDossierIncident(db: Database, report: IncidentReport): Promise<DossierIncidentRow> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('dossier_incident')
      .values({
        tenant: report.tenant,
        dossier_code: report.dossierCode,
        seq: report.seq,
        event_type: report.eventType,
        error_code: report.errorCode,
        sql_state: report.sqlState,
        message: report.message,
      })
      .onConflict((oc) => oc.column('dossier_code').where(sql.ref('resolved_at'), 'is', null).doNothing())
      .execute();
    await trx
      .updateTable('dossier')
      .set({ needs_attention: true })
      .where('code', '=', report.dossierCode)
      .execute();
    return trx
      .selectFrom('dossier_incident')
      .selectAll()
      .where('dossier_code', '=', report.dossierCode)
      .where('resolved_at', 'is', null)
      .executeTakeFirstOrThrow();
  });
}

/** Closes the dossier's open incident and clears the flag; nothing to do when none is open (a retry). */
export async function closeDossierIncident(
  db: Database,
  input: { dossierCode: string; resolution: IncidentResolution; resolvedBy: string; note: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('dossier_incident')
      .set({
        resolved_at: sql<Date>`now()`,
        resolved_by: input.resolvedBy,
        resolution: input.resolution,
        note: input.note,
      })
      .where('dossier_code', '=', input.dossierCode)
      .where('resolved_at', 'is', null)
      .execute();
    await trx
      .updateTable('dossier')
      .set({ needs_attention: false })
      .where('code', '=', input.dossierCode)
      .execute();
  });
}

/** The tenant's incidents, newest first: open ones only unless `all`. */
export function listDossierIncidents(
  db: Executor,
  filter: { tenant: string; open: boolean; limit: number },
): Promise<DossierIncidentRow[]> {
  let q = db.selectFrom('dossier_incident').selectAll().where('tenant', '=', filter.tenant);
  if (filter.open) q = q.where('resolved_at', 'is', null);
  return q.orderBy('flagged_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

/** How many dossiers of every tenant wait for an administrator (health details). */
export async function countOpenIncidents(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('dossier_incident')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('resolved_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
