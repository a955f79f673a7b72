import { sql } from 'kysely';
import type { Executor } from './database.js';
import type { CitizenRow, CitizenSessionRow } from './citizen.table.js';

/** What the identity provider says of a citizen at login. */
export interface CitizenIdentity {
  personalId: string;
  fullName: string;
  email: string | null;
  phone: string | null;
}

/** Records a login: creates the citizen on first sight, else refreshes the data the provider gave now. */
export async function upsertCitizen(db: Executor, who: CitizenIdentity): Promise<CitizenRow> {
  return db
    .insertInto('citizen')
    .values({ personal_id: who.personalId, full_name: who.fullName, email: who.email, phone: who.phone })
    .onConflict((oc) =>
      oc.column('personal_id').doUpdateSet({
        full_name: who.fullName,
        email: who.email,
        phone: who.phone,
        last_login_at: sql<Date>`now()`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findCitizen(db: Executor, personalId: string): Promise<CitizenRow | undefined> {
  return db.selectFrom('citizen').selectAll().where('personal_id', '=', personalId).executeTakeFirst();
}

export async function insertCitizenSession(
  db: Executor,
  row: { tokenHash: string; personalId: string; csrfToken: string; expiresAt: Date; now: Date },
): Promise<void> {
  await db
    .insertInto('citizen_session')
    .values({
      token_hash: row.tokenHash,
      personal_id: row.personalId,
      csrf_token: row.csrfToken,
      created_at: row.now,
      last_seen_at: row.now,
      expires_at: row.expiresAt,
    })
    .execute();
}

/** A live session with its citizen: not revoked, not past its absolute end (idle time is the caller's). */
export function findCitizenSession(
  db: Executor,
  tokenHash: string,
  now: Date,
): Promise<(CitizenSessionRow & Pick<CitizenRow, 'full_name' | 'email' | 'phone'>) | undefined> {
  return db
    .selectFrom('citizen_session as s')
    .innerJoin('citizen as c', 'c.personal_id', 's.personal_id')
    .selectAll('s')
    .select(['c.full_name', 'c.email', 'c.phone'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchCitizenSession(db: Executor, tokenHash: string, now: Date): Promise<void> {
  await db
    .updateTable('citizen_session')
    .set({ last_seen_at: now })
    .where('token_hash', '=', tokenHash)
    .execute();
}

export async function revokeCitizenSession(db: Executor, tokenHash: string, now: Date): Promise<void> {
  await db
    .updateTable('citizen_session')
    .set({ revoked_at: now })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .execute();
}
