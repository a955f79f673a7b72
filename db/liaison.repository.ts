import type { Executor } from './database.js';
import type {
  LiaisonCallbackRow,
  LiaisonRequestRow,
  NewLiaisonCallbackRow,
  NewLiaisonRequestRow,
  NewPartnerAgencyRow,
  PartnerAgencyRow,
} from './liaison.table.js';

// ---------------------------------------------------------------------------------------------------------
// Partner agencies

export function findPartnerAgency(
  db: Executor,
  tenant: string,
  code: string,
): Promise<PartnerAgencyRow | undefined> {
  return db
    .selectFrom('partner_agency')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** The partner agencies of a tenant, by code. */
export function listPartnerAgencies(db: Executor, tenant: string): Promise<PartnerAgencyRow[]> {
  return db.selectFrom('partner_agency').selectAll().where('tenant', '=', tenant).orderBy('code').execute();
}

/**
 * Inserts the agency unless (tenant, code) exists; an existing row is left as it is (its key above all:
 * re-seeding must never invalidate the links already sent). True when inserted.
 */
export async function insertPartnerAgencyIfMissing(db: Executor, row: NewPartnerAgencyRow): Promise<boolean> {
  const inserted = await db
    .insertInto('partner_agency')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant', 'code']).doNothing())
    .returning('code')
    .executeTakeFirst();
  return inserted !== undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Requests

export function findLiaisonRequest(db: Executor, requestId: string): Promise<LiaisonRequestRow | undefined> {
  return db.selectFrom('liaison_request').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

/**
 * Records a request unless one with the same id exists, and returns the stored row either way (the first
 * one wins: a retried activity gets back the same `sent_at` and `expires_at`, hence the same token).
 */
export async function insertLiaisonRequest(
  db: Executor,
  row: NewLiaisonRequestRow,
): Promise<{ row: LiaisonRequestRow; created: boolean }> {
  const inserted = await db
    .insertInto('liaison_request')
    .values(row)
    .onConflict((oc) => oc.column('request_id').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const stored = await findLiaisonRequest(db, row.request_id);
  if (!stored) throw new Error(`liaison request ${row.request_id} vanished after a conflicting insert`);
  return { row: stored, created: false };
}

/** Notes the Message-ID of the e-mail the SMTP server accepted. */
export async function setLiaisonEmailSent(db: Executor, requestId: string, messageId: string): Promise<void> {
  await db
    .updateTable('liaison_request')
    .set({ email_message_id: messageId })
    .where('request_id', '=', requestId)
    .execute();
}

/** Notes the outcome of the last webhook delivery attempt. */
export async function setLiaisonWebhookStatus(
  db: Executor,
  requestId: string,
  status: string,
): Promise<void> {
  await db
    .updateTable('liaison_request')
    .set({ webhook_status: status })
    .where('request_id', '=', requestId)
    .execute();
}

/** The liaison requests of a dossier, oldest first. */
export function listLiaisonRequests(db: Executor, dossierCode: string): Promise<LiaisonRequestRow[]> {
  return db
    .selectFrom('liaison_request')
    .selectAll()
    .where('dossier_code', '=', dossierCode)
    .orderBy('sent_at')
    .orderBy('request_id')
    .execute();
}

// ---------------------------------------------------------------------------------------------------------
// Callbacks

/** Postgres `unique_violation` on the one-applied-answer-per-request index. */
export const isAppliedTwiceError = (err: unknown): boolean =>
  (err as { code?: string; constraint?: string } | null)?.code === '23505' &&
  (err as { constraint?: string }).constraint === 'liaison_callback_applied_uq';

/**
 * Logs one callback (append-only). Logging a second `applied` row for the same request fails with a
 * unique violation (see {@link isAppliedTwiceError}).
 */
export function insertLiaisonCallback(db: Executor, row: NewLiaisonCallbackRow): Promise<LiaisonCallbackRow> {
  return db.insertInto('liaison_callback').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The callback that applied the answer of a request, if any. */
export function findAppliedLiaisonCallback(
  db: Executor,
  requestId: string,
): Promise<LiaisonCallbackRow | undefined> {
  return db
    .selectFrom('liaison_callback')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('outcome', '=', 'applied')
    .executeTakeFirst();
}

/** The callbacks that named one of the dossier's requests, in arrival order. */
export function listLiaisonCallbacks(db: Executor, dossierCode: string): Promise<LiaisonCallbackRow[]> {
  return db
    .selectFrom('liaison_callback')
    .selectAll()
    .where('request_id', 'in', (qb) =>
      qb.selectFrom('liaison_request').select('request_id').where('dossier_code', '=', dossierCode),
    )
    .orderBy('id')
    .execute();
}
