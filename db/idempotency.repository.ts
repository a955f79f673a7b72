import { sql } from 'kysely';
import type { Executor } from './database.js';
import type { IdempotentRequestRow } from './idempotency.table.js';

/** A stored key as the API checks it: the row, and whether its lease has lapsed (by the database clock). */
export type IdempotentRequestState = IdempotentRequestRow & { lease_lapsed: boolean };

/** What binds a key, and the lease of whoever reserves it. */
export interface IdempotentRequestReservation {
  tenant: string;
  key: string;
  officerId: string;
  operation: string;
  requestDigest: string;
  leaseToken: string;
  leaseSeconds: number;
  ttlSeconds: number;
}

/** Identifies a reservation: the key and the lease token of its current holder. */
export interface IdempotentLease {
  tenant: string;
  key: string;
  leaseToken: string;
}

const seconds = (n: number) => sql<Date>`now() + make_interval(secs => ${n})`;

/** Expired keys deleted at most per reservation (the rest go with the next ones). */
const CLEANUP_BATCH = 100;

/**
 * Reserves a key for a first request, atomically (INSERT … ON CONFLICT DO NOTHING): the row when this
 * call took the key, undefined when the key is held (see {@link findIdempotentRequest}). An expired row of
 * the key is deleted first, so the key is free again after its time to live, and so is a batch of other
 * expired rows (the table's only cleanup; no schedule needed).
 */
export async function reserveIdempotentRequest(
  db: Executor,
  r: IdempotentRequestReservation,
): Promise<IdempotentRequestRow | undefined> {
  await db
    .deleteFrom('idempotent_request')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('tenant', '=', r.tenant),
          eb('key', '=', r.key),
          eb('expires_at', '<=', sql<Date>`now()`),
        ]),
        eb(
          sql.ref('ctid'),
          'in',
          eb
            .selectFrom('idempotent_request')
            .select(sql.ref('ctid').as('ctid'))
            .where('expires_at', '<=', sql<Date>`now()`)
            .limit(CLEANUP_BATCH),
        ),
      ]),
    )
    .execute();
  return db
    .insertInto('idempotent_request')
    .values({
      tenant: r.tenant,
      key: r.key,
      officer_id: r.officerId,
      operation: r.operation,
      request_digest: r.requestDigest,
      lease_token: r.leaseToken,
      leased_until: seconds(r.leaseSeconds),
      expires_at: seconds(r.ttlSeconds),
    })
    .onConflict((oc) => oc.columns(['tenant', 'key']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** The live (not expired) row of a key, with whether its lease has lapsed. */
export function findIdempotentRequest(
  db: Executor,
  tenant: string,
  key: string,
): Promise<IdempotentRequestState | undefined> {
  return db
    .selectFrom('idempotent_request')
    .selectAll()
    .select(sql<boolean>`leased_until <= now()`.as('lease_lapsed'))
    .where('tenant', '=', tenant)
    .where('key', '=', key)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
}

/**
 * Takes over a reservation whose holder's lease lapsed without an answer (a crashed process): a new lease
 * token, atomically, so one request only wins. Undefined when the key was answered or re-leased meanwhile.
 */
export function takeOverIdempotentRequest(
  db: Executor,
  lease: IdempotentLease & { leaseSeconds: number },
): Promise<IdempotentRequestRow | undefined> {
  return db
    .updateTable('idempotent_request')
    .set({ lease_token: lease.leaseToken, leased_until: seconds(lease.leaseSeconds) })
    .where('tenant', '=', lease.tenant)
    .where('key', '=', lease.key)
    .where('status_code', 'is', null)
    .where('leased_until', '<=', sql<Date>`now()`)
    .where('expires_at', '>', sql<Date>`now()`)
    .returningAll()
    .executeTakeFirst();
}

/** Stores the answer of the lease holder; false when it no longer holds the lease (taken over). */
export async function storeIdempotentAnswer(
  db: Executor,
  lease: IdempotentLease,
  answer: { statusCode: number; body: unknown; headers: Record<string, string> },
): Promise<boolean> {
  const result = await db
    .updateTable('idempotent_request')
    .set({
      status_code: answer.statusCode,
      response_body: JSON.stringify(answer.body),
      response_headers: JSON.stringify(answer.headers),
    })
    .where('tenant', '=', lease.tenant)
    .where('key', '=', lease.key)
    .where('lease_token', '=', lease.leaseToken)
    .where('status_code', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Ends the holder's lease without an answer: the key stays bound to its request, and the next request
 * with it takes over at once and runs it again.
 */
export async function lapseIdempotentLease(db: Executor, lease: IdempotentLease): Promise<void> {
  await db
    .updateTable('idempotent_request')
    .set({ leased_until: sql<Date>`now()` })
    .where('tenant', '=', lease.tenant)
    .where('key', '=', lease.key)
    .where('lease_token', '=', lease.leaseToken)
    .where('status_code', 'is', null)
    .execute();
}

/**
 * Records what the request created, inside the operation's own transaction (it keeps the row locked until
 * commit, so a take-over waits and then sees it). False when the caller no longer holds the lease: roll
 * back, another request runs it.
 */
export async function recordIdempotentResource(
  trx: Executor,
  lease: IdempotentLease,
  resource: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('idempotent_request')
    .set({ resource })
    .where('tenant', '=', lease.tenant)
    .where('key', '=', lease.key)
    .where('lease_token', '=', lease.leaseToken)
    .where('status_code', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
