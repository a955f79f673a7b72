import { sql, type Transaction } from 'kysely';
import type { CalendarDefinition } from '../domain/calendar/index.js';
import type { Executor } from './database.js';
import type { DB } from './schema.js';
import type { CalendarVersionRow } from './calendar.table.js';

/** Summary of a published version (without its definition). */
export type CalendarVersionSummary = Omit<CalendarVersionRow, 'definition'>;

const summaryColumns = [
  'tenant',
  'version',
  'name',
  'effective_from',
  'published_at',
  'published_by',
] as const;

export function listCalendarVersions(db: Executor, tenant?: string): Promise<CalendarVersionSummary[]> {
  let query = db.selectFrom('calendar_version').select(summaryColumns);
  if (tenant) query = query.where('tenant', '=', tenant);
  return query.orderBy('tenant').orderBy('version').execute();
}

export function findCalendarVersion(
  db: Executor,
  tenant: string,
  version: number,
): Promise<CalendarVersionRow | undefined> {
  return db
    .selectFrom('calendar_version')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('version', '=', version)
    .executeTakeFirst();
}

/**
 * The version in force on `date`: among the versions effective on or before it, the latest published
 * (a newer publication supersedes an older one from its effective date on).
 */
export function findCalendarInForce(
  db: Executor,
  tenant: string,
  date: string,
): Promise<CalendarVersionRow | undefined> {
  return db
    .selectFrom('calendar_version')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('effective_from', '<=', date)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Publishes a definition as the tenant's next version (its `version` field is replaced by the number
 * assigned here). Serialised per tenant with a transaction-scoped advisory lock, so concurrent
 * publications get consecutive numbers. Must run inside a transaction.
 */
export async function insertCalendarVersion(
  trx: Transaction<DB>,
  definition: CalendarDefinition,
  publishedBy: string | null,
): Promise<CalendarVersionRow> {
  await sql`select pg_advisory_xact_lock(hashtext(${`calendar:${definition.tenant}`}))`.execute(trx);
  const { max } = await trx
    .selectFrom('calendar_version')
    .select((eb) => eb.fn.max<number | null>('version').as('max'))
    .where('tenant', '=', definition.tenant)
    .executeTakeFirstOrThrow();
  const stored: CalendarDefinition = { ...definition, version: (max ?? 0) + 1 };
  const row = await trx
    .insertInto('calendar_version')
    .values({
      tenant: stored.tenant,
      version: stored.version,
      name: stored.name,
      effective_from: stored.effectiveFrom,
      definition: JSON.stringify(stored),
      published_by: publishedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const entries = stored.decisions.flatMap((d) =>
    d.entries.map((e) => ({
      tenant: stored.tenant,
      version: stored.version,
      date: e.date,
      kind: e.kind,
      reason: e.reason,
      holiday: e.holiday ?? null,
      reference: d.reference,
    })),
  );
  if (entries.length > 0) await trx.insertInto('calendar_entry').values(entries).execute();
  return row;
}
