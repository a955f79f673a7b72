import { sql, type Transaction } from 'kysely';
import type { DossierEvent, DossierState, NationalStatus } from '../domain/dossier/types.js';
import {
  buildNationalStatusDocument,
  type NationalStatusDocument,
  type SequencedNationalDocument,
} from '../domain/national-sync/document.js';
import type { Executor } from './database.js';
import type { NationalSyncOutboxRow } from './national-sync.table.js';
import type { DB } from './schema.js';

/** A national status to append to a dossier's outbox. */
export interface NationalStatusInput {
  tenant: string;
  dossierCode: string;
  status: NationalStatus;
  /** Built with `buildNationalStatusDocument`; the outbox adds `SoThuTuTrangThai`. */
  document: NationalStatusDocument;
}

/**
 * Appends the dossier's next national status (status_seq = the last one + 1) to the outbox, in the
 * caller's transaction. The caller must hold a lock that serialises the dossier's changes (the dossier
 * row `for update`, or its own); the unique (dossier_code, status_seq) refuses a race all the same.
 * After the commit, kick the dossier's pusher (`kickNationalSync`, common/national-sync-kick.ts).
 */
export async function appendNationalStatus(
  trx: Transaction<DB>,
  input: NationalStatusInput,
): Promise<{ statusSeq: number }> {
  const last = await trx
    .selectFrom('national_sync_outbox')
    .select((eb) => eb.fn.max('status_seq').as('seq'))
    .where('dossier_code', '=', input.dossierCode)
    .executeTakeFirst();
  const statusSeq = (last?.seq ?? 0) + 1;
  const document: SequencedNationalDocument = { ...input.document, SoThuTuTrangThai: statusSeq };
  await trx
    .insertInto('national_sync_outbox')
    .values({
      tenant: input.tenant,
      dossier_code: input.dossierCode,
      status_seq: statusSeq,
      national_status: input.status,
      document: JSON.stringify(document),
    })
    .execute();
  return { statusSeq };
}

/** Whether an event is pushed: it changes the national status, or it is the dossier's first. */
export const changesNationalStatus = (event: DossierEvent): boolean =>
  event.seq === 1 || event.fromStatus !== event.toStatus;

/**
 * Appends the national status `event` leads to, with the dossier's facts as they are in `state` and in
 * its projection row (channel, names), when the event changes it. Runs in the audit event's transaction,
 * under the dossier row's lock. Returns whether a status was appended.
 */
export async function recordNationalStatusOfEvent(
  trx: Transaction<DB>,
  { event, state }: { event: DossierEvent; state: DossierState },
): Promise<boolean> {
  if (!changesNationalStatus(event)) return false;
  const row = await trx
    .selectFrom('dossier')
    .select(['channel', 'procedure_name', 'unit_code', 'applicant_name'])
    .where('code', '=', event.dossierCode)
    .executeTakeFirstOrThrow();
  const ended = state.phase === 'refused' || state.phase === 'stopped';
  const document = buildNationalStatusDocument({
    dossierCode: state.code,
    procedureCode: state.procedureCode,
    procedureName: row.procedure_name,
    unitCode: row.unit_code,
    applicantName: row.applicant_name,
    channel: row.channel,
    status: event.toStatus,
    at: event.at,
    receivedAt: state.receivedAt,
    appointmentAt: state.appointmentAt,
    handlingEndedAt: state.resultReadyAt ?? (ended ? state.finishedAt : null),
    returnedAt: state.phase === 'returned' ? state.finishedAt : null,
    paidOnline: state.payment?.status === 'paid' && state.payment.method === 'online',
    // An online dossier's components are the citizen's uploaded files; the desk does not digitise the
    // paper components yet (docs/reports.md).
    componentsDigitised: row.channel === 'online',
    resultDigitised: Boolean(state.result),
  });
  await appendNationalStatus(trx, {
    tenant: state.tenant,
    dossierCode: state.code,
    status: event.toStatus,
    document,
  });
  return true;
}

/** The dossier's statuses to push, in order: the pending ones, or every one when `all`. */
export function listStatusesToPush(
  db: Executor,
  dossierCode: string,
  opts: { all?: boolean; limit: number },
): Promise<NationalSyncOutboxRow[]> {
  let query = db.selectFrom('national_sync_outbox').selectAll().where('dossier_code', '=', dossierCode);
  if (!opts.all) query = query.where('delivered_at', 'is', null);
  return query.orderBy('status_seq').limit(opts.limit).execute();
}

/** Whether the dossier has a status not delivered yet. */
export async function hasPendingStatuses(db: Executor, dossierCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('national_sync_outbox')
    .select('id')
    .where('dossier_code', '=', dossierCode)
    .where('delivered_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The national status of the dossier's last recorded change, if any. */
export async function lastNationalStatus(db: Executor, dossierCode: string): Promise<NationalStatus | null> {
  const row = await db
    .selectFrom('national_sync_outbox')
    .select('national_status')
    .where('dossier_code', '=', dossierCode)
    .orderBy('status_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.national_status ?? null;
}

/** Records a delivery the portal acknowledged (an earlier delivery keeps its instant). */
export async function markStatusDelivered(db: Executor, id: number): Promise<void> {
  await db
    .updateTable('national_sync_outbox')
    .set((eb) => ({
      delivered_at: sql<Date>`coalesce(delivered_at, now())`,
      attempts: eb('attempts', '+', 1),
      last_error: null,
      last_attempt_at: sql<Date>`now()`,
    }))
    .where('id', '=', id)
    .execute();
}

/** Records a failed attempt and its reason (kept until a later attempt succeeds). */
export async function markStatusFailed(db: Executor, id: number, error: string): Promise<void> {
  await db
    .updateTable('national_sync_outbox')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: error.slice(0, 2000),
      last_attempt_at: sql<Date>`now()`,
    }))
    .where('id', '=', id)
    .execute();
}

/**
 * Dossiers with a status recorded before `before` and still not delivered (the safety net's list),
 * by oldest pending status.
 */
export async function listDossiersPendingSince(db: Executor, before: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('national_sync_outbox')
    .select('dossier_code')
    .where('delivered_at', 'is', null)
    .where('recorded_at', '<', before)
    .groupBy('dossier_code')
    .orderBy(sql`min(recorded_at)`)
    .limit(limit)
    .execute();
  return rows.map((r) => r.dossier_code);
}

/** A dossier's statuses in order (the managers' view of one dossier). */
export function listDossierStatuses(
  db: Executor,
  tenant: string,
  dossierCode: string,
): Promise<NationalSyncOutboxRow[]> {
  return db
    .selectFrom('national_sync_outbox')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('dossier_code', '=', dossierCode)
    .orderBy('status_seq')
    .execute();
}
