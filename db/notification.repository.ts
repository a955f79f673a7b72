import { sql } from 'kysely';
import type { Executor } from './database.js';
import type { Role } from '../domain/roles.js';
import type {
  NotificationKind,
  NotificationRow,
  NotificationStatus,
  NewNotificationRow,
} from './notification.table.js';

export function findNotification(db: Executor, key: string): Promise<NotificationRow | undefined> {
  return db.selectFrom('notification').selectAll().where('key', '=', key).executeTakeFirst();
}

/**
 * Records a notification unless one with the same key exists, and returns the stored row either way (the
 * first one wins).
 */
export async function insertNotificationIfMissing(
  db: Executor,
  row: NewNotificationRow,
): Promise<{ row: NotificationRow; created: boolean }> {
  const inserted = await db
    .insertInto('notification')
    .values(row)
    .onConflict((oc) => oc.column('key').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const stored = await findNotification(db, row.key);
  if (!stored) throw new Error(`notification ${row.key} vanished after a conflicting insert`);
  return { row: stored, created: false };
}

/**
 * Counts one delivery attempt of a notification still to send (`pending`, or `skipped` now that there are
 * recipients) and sets it `pending` with these recipients. Undefined when it was sent or failed meanwhile.
 */
export function startNotificationAttempt(
  db: Executor,
  key: string,
  recipients: string[],
): Promise<NotificationRow | undefined> {
  return db
    .updateTable('notification')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      status: 'pending',
      recipients: JSON.stringify(recipients),
    }))
    .where('key', '=', key)
    .where('status', 'in', ['pending', 'skipped'])
    .returningAll()
    .executeTakeFirst();
}

/** Notes that the SMTP server accepted the notification. */
export async function markNotificationSent(db: Executor, key: string, messageId: string): Promise<void> {
  await db
    .updateTable('notification')
    .set({ status: 'sent', message_id: messageId, sent_at: new Date() })
    .where('key', '=', key)
    .where('status', '=', 'pending')
    .execute();
}

/** Notes a failed attempt: transient (stays `pending`) or permanent (`failed`, never retried). */
export async function recordNotificationError(
  db: Executor,
  key: string,
  error: string,
  permanent: boolean,
): Promise<void> {
  await db
    .updateTable('notification')
    .set(permanent ? { last_error: error, status: 'failed', failed_at: new Date() } : { last_error: error })
    .where('key', '=', key)
    .where('status', '=', 'pending')
    .execute();
}

/** Filter of {@link listNotifications}; every given field must match. */
export interface NotificationFilter {
  tenant: string;
  dossierCode?: string;
  status?: NotificationStatus;
  kind?: NotificationKind;
  /** Only the notifications sent to this address. */
  recipient?: string;
  page: number;
  pageSize: number;
}

/** A page of notifications, newest first, with the total count of the filter. */
export async function listNotifications(
  db: Executor,
  filter: NotificationFilter,
): Promise<{ items: NotificationRow[]; total: number }> {
  let query = db.selectFrom('notification').where('tenant', '=', filter.tenant);
  if (filter.dossierCode !== undefined) query = query.where('dossier_code', '=', filter.dossierCode);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  if (filter.recipient !== undefined) {
    query = query.where(sql<boolean>`recipients @> ${JSON.stringify([filter.recipient])}::jsonb`);
  }
  const [items, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('key')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** Active officers of a tenant holding one of `roles` (in `division` when given), by username. */
export function listRecipientOfficers(
  db: Executor,
  tenant: string,
  roles: readonly Role[],
  division?: string,
  /** Only officers of this receiving unit (the desk that holds the dossier). */
  receivingUnit?: string,
): Promise<{ username: string; full_name: string; email: string }[]> {
  if (roles.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('officer')
    .select(['username', 'full_name', 'email'])
    .where('tenant', '=', tenant)
    .where('active', '=', true)
    .where('role', 'in', [...roles])
    .where('email', '<>', '');
  if (division !== undefined) query = query.where('division_code', '=', division);
  if (receivingUnit !== undefined) query = query.where('receiving_unit_code', '=', receivingUnit);
  return query.orderBy('username').execute();
}
