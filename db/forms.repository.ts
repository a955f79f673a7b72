/** Reads the legal forms need beyond one dossier's row and events: the register's period, the guidance. */
import type { Executor } from './database.js';
import { dossierListColumns, type DossierListItem } from './dossier.repository.js';
import type { ReceiptGuidanceRow } from './dossier.table.js';

/** The tenant's name, unit code and document symbol, if the tenant exists. */
export function findTenant(db: Executor, code: string) {
  return db
    .selectFrom('tenant')
    .select(['code', 'name', 'unit_code', 'symbol'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Division code of each of these officers (by username); officers without a division are left out. */
export async function officerDivisions(
  db: Executor,
  usernames: readonly string[],
): Promise<Map<string, string>> {
  if (usernames.length === 0) return new Map();
  const rows = await db
    .selectFrom('officer')
    .select(['username', 'division_code'])
    .where('username', 'in', [...new Set(usernames)])
    .execute();
  return new Map(rows.flatMap((r) => (r.division_code ? [[r.username, r.division_code] as const] : [])));
}

/** The tenant's dossiers received in [from, to) (instants), oldest first; without the state. */
export function listDossiersReceivedBetween(
  db: Executor,
  tenant: string,
  from: Date,
  to: Date,
): Promise<DossierListItem[]> {
  return db
    .selectFrom('dossier')
    .select(dossierListColumns)
    .where('tenant', '=', tenant)
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .orderBy('received_at')
    .orderBy('code')
    .execute();
}

/**
 * The step moves (an event whose step differs before and after, to another step) of the tenant's
 * dossiers received in [from, to), in order: the register reads when each left its receipt step.
 */
export function listStepMovesOfDossiersReceivedBetween(db: Executor, tenant: string, from: Date, to: Date) {
  return db
    .selectFrom('dossier_event as e')
    .innerJoin('dossier as d', 'd.code', 'e.dossier_code')
    .select(['e.dossier_code', 'e.seq', 'e.at', 'e.from_step_id', 'e.to_step_id'])
    .where('d.tenant', '=', tenant)
    .where('d.received_at', '>=', from)
    .where('d.received_at', '<', to)
    .where('e.from_step_id', 'is not', null)
    .where('e.to_step_id', 'is not', null)
    .whereRef('e.from_step_id', '<>', 'e.to_step_id')
    .orderBy('e.dossier_code')
    .orderBy('e.seq')
    .execute();
}

/** One guidance given at the desk for an incomplete dossier, if it exists. */
export function findReceiptGuidance(db: Executor, id: number): Promise<ReceiptGuidanceRow | undefined> {
  return db.selectFrom('receipt_guidance').selectAll().where('id', '=', id).executeTakeFirst();
}
