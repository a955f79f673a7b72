import { sql, type Transaction } from 'kysely';
import type { Executor } from './database.js';
import type { ProcedureDefinition } from '../domain/procedure/procedure-definition.js';
import type { Successor } from '../domain/procedure/succession.js';
import type { ProcedureVersionRow } from './procedure.table.js';
import type { DB } from './schema.js';

/** One line of the catalog: the version of a procedure in force, as listed to officers and citizens. */
export interface ProcedureSummary {
  code: string;
  name: string;
  version: number;
  effectiveFrom: string;
  field: ProcedureDefinition['field'];
  legalLimit: ProcedureDefinition['legalLimit'];
  fee: ProcedureDefinition['fee'];
  onlineLevel: ProcedureDefinition['onlineLevel'];
}

function toSummary(row: Pick<ProcedureVersionRow, 'code' | 'version' | 'definition'>): ProcedureSummary {
  const def = row.definition;
  return {
    code: row.code,
    name: def.name,
    version: row.version,
    effectiveFrom: def.effectiveFrom,
    field: def.field,
    legalLimit: def.legalLimit,
    fee: def.fee,
    onlineLevel: def.onlineLevel,
  };
}

/**
 * The procedures of a tenant in force on `date` ('YYYY-MM-DD', the Vietnam date), by code: of each code
 * the version {@link findProcedureInForce} would take, leaving out the codes not yet in force and those a
 * successor replaces by then ({@link findSuccessor}). What the desk can receive that day.
 */
export async function listProcedures(
  db: Executor,
  tenant: string,
  date: string,
): Promise<ProcedureSummary[]> {
  const rows = await db
    .selectFrom('procedure_version as p')
    .distinctOn('p.code')
    .select(['p.code', 'p.version', 'p.definition'])
    .where('p.tenant', '=', tenant)
    .where('p.effective_from', '<=', date)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('procedure_version as s')
            .select('s.code')
            .whereRef('s.tenant', '=', 'p.tenant')
            .whereRef('s.replaces', '=', 'p.code')
            .where('s.effective_from', '<=', date),
        ),
      ),
    )
    .orderBy('p.code')
    .orderBy('p.version', 'desc')
    .execute();
  return rows.map(toSummary);
}

/** The highest published version number of each code of a tenant (the seed's starting point). */
export async function latestVersionNumbers(db: Executor, tenant: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('procedure_version')
    .select(['code', (eb) => eb.fn.max<number>('version').as('version')])
    .where('tenant', '=', tenant)
    .groupBy('code')
    .execute();
  return new Map(rows.map((r) => [r.code, r.version]));
}

/**
 * The procedure that replaces `code` on `date`: the earliest version effective on or before it that
 * declares `replaces: code`. A succession is never undone, so once found the old code stays closed to
 * new receipts. Undefined when the code is not superseded on that date.
 */
export async function findSuccessor(
  db: Executor,
  tenant: string,
  code: string,
  date: string,
): Promise<Successor | undefined> {
  const row = await db
    .selectFrom('procedure_version')
    .select(['code', 'name', 'effective_from'])
    .where('tenant', '=', tenant)
    .where('replaces', '=', code)
    .where('effective_from', '<=', date)
    .orderBy('effective_from')
    .orderBy('version')
    .limit(1)
    .executeTakeFirst();
  return row && { code: row.code, name: row.name, effectiveFrom: row.effective_from };
}

/**
 * The version of a procedure in force on `date` ('YYYY-MM-DD', the receipt date): among the versions
 * effective on or before it, the latest published (a newer publication supersedes an older one from its
 * effective date on). Undefined when the procedure is unknown or not yet in force.
 */
export function findProcedureInForce(
  db: Executor,
  tenant: string,
  code: string,
  date: string,
): Promise<ProcedureVersionRow | undefined> {
  return db
    .selectFrom('procedure_version')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('code', '=', code)
    .where('effective_from', '<=', date)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** One published version (a dossier's snapshot reference), if it exists. */
export function findProcedureVersion(
  db: Executor,
  tenant: string,
  code: string,
  version: number,
): Promise<ProcedureVersionRow | undefined> {
  return db
    .selectFrom('procedure_version')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
}

/**
 * Publishes a definition (already validated with `validateProcedureDefinition`) as the next version of
 * its code for the tenant; its `version` field is replaced by the number assigned here. Serialised per
 * (tenant, code) with a transaction-scoped advisory lock, so concurrent publications get consecutive
 * numbers. Must run inside a transaction.
 */
export async function insertProcedureVersion(
  trx: Transaction<DB>,
  tenant: string,
  def: ProcedureDefinition,
  publishedBy: string | null,
): Promise<ProcedureVersionRow> {
  await sql`select pg_advisory_xact_lock(hashtext(${`procedure:${tenant}:${def.code}`}))`.execute(trx);
  const { max } = await trx
    .selectFrom('procedure_version')
    .select((eb) => eb.fn.max<number | null>('version').as('max'))
    .where('tenant', '=', tenant)
    .where('code', '=', def.code)
    .executeTakeFirstOrThrow();
  const stored: ProcedureDefinition = { ...def, version: (max ?? 0) + 1 };
  return trx
    .insertInto('procedure_version')
    .values({
      tenant,
      code: stored.code,
      version: stored.version,
      name: stored.name,
      effective_from: stored.effectiveFrom,
      replaces: stored.replaces ?? null,
      definition: JSON.stringify(stored),
      published_by: publishedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
