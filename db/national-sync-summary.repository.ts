import { sql } from 'kysely';
import type { Executor } from './database.js';

/** The managers' figures of a tenant's sync with the national portal (docs/national-sync.md). */
export interface NationalSyncSummary {
  /** Statuses not delivered yet (failed ones included). */
  pending: number;
  /** … of which at least one attempt failed. */
  failed: number;
  /** Dossiers with a status not delivered yet. */
  pendingDossiers: number;
  /** The most recent failure among the statuses still not delivered. */
  lastError: { dossierCode: string; statusSeq: number; error: string; at: Date } | null;
  /** Per month (Vietnam time) of each dossier's first status, newest first, at most 24. */
  months: { month: string; dossiers: number; synced: number }[];
}

/** Counts, the last error and the sync rate by month of a tenant's outbox. */
export async function nationalSyncSummary(db: Executor, tenant: string): Promise<NationalSyncSummary> {
  const [counts, lastError, months] = await Promise.all([
    db
      .selectFrom('national_sync_outbox')
      .select([
        sql<number>`count(*)`.as('pending'),
        sql<number>`count(*) filter (where attempts > 0)`.as('failed'),
        sql<number>`count(distinct dossier_code)`.as('dossiers'),
      ])
      .where('tenant', '=', tenant)
      .where('delivered_at', 'is', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('national_sync_outbox')
      .select(['dossier_code', 'status_seq', 'last_error', 'last_attempt_at'])
      .where('tenant', '=', tenant)
      .where('delivered_at', 'is', null)
      .where('last_error', 'is not', null)
      .orderBy('last_attempt_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom((eb) =>
        eb
          .selectFrom('national_sync_outbox')
          .select([
            'dossier_code',
            sql<Date>`min(recorded_at)`.as('first_at'),
            sql<number>`count(*) filter (where delivered_at is null)`.as('undelivered'),
          ])
          .where('tenant', '=', tenant)
          .groupBy('dossier_code')
          .as('d'),
      )
      .select([
        sql<string>`to_char(first_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM')`.as('month'),
        sql<number>`count(*)`.as('dossiers'),
        sql<number>`count(*) filter (where undelivered = 0)`.as('synced'),
      ])
      .groupBy('month')
      .orderBy('month', 'desc')
      .limit(24)
      .execute(),
  ]);
  return {
    pending: Number(counts.pending),
    failed: Number(counts.failed),
    pendingDossiers: Number(counts.dossiers),
    lastError:
      lastError && lastError.last_error !== null && lastError.last_attempt_at !== null
        ? {
            dossierCode: lastError.dossier_code,
            statusSeq: lastError.status_seq,
            error: lastError.last_error,
            at: lastError.last_attempt_at,
          }
        : null,
    months: months.map((m) => ({ month: m.month, dossiers: Number(m.dossiers), synced: Number(m.synced) })),
  };
}
