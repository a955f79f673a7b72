import { sql, type Transaction } from 'kysely';
import type { Executor } from './database.js';
import type { ProcedureDefinition } from '../domain/procedure/procedure-definition.js';
import type { ProcedureVersionRow } from './procedure.table.js';
import type { DB } from './schema.js';

/** One line of the catalog: the latest version of a procedure, as listed to officers and citizens. */
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

/** The latest published version of each procedure of a tenant, by code. */
export async function listProcedures(db: Executor, tenant: string): Promise<ProcedureSummary[]> {
  const rows = await db
    .selectFrom('procedure_version')
    .distinctOn('code')
    .select(['code', 'version', 'definition'])
    .where('tenant', '=', tenant)
    .orderBy('code')
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toSummary);
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
      definition: JSON.stringify(stored),
      published_by: publishedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
