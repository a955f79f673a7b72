import { toVnDate } from '../../domain/calendar/index.js';
import type { ProcedureDefinition } from '../../domain/procedure/procedure-definition.js';
import type { Database } from '../../db/database.js';
import { findProcedureInForce, findSuccessor, listProcedures } from '../../db/procedure.repository.js';
import type { ProcedureVersionRow } from '../../db/procedure.table.js';

/**
 * The version of a procedure the portal offers at `at`: in force that day and not replaced by a successor
 * (what the desk would receive); undefined otherwise.
 */
export async function currentProcedure(
  db: Database,
  tenant: string,
  code: string,
  at: number,
): Promise<ProcedureVersionRow | undefined> {
  const day = toVnDate(at);
  if (await findSuccessor(db, tenant, code, day)) return undefined;
  return findProcedureInForce(db, tenant, code, day);
}

/** Every procedure the portal offers at `at`, ordered by name. */
export async function currentProcedures(
  db: Database,
  tenant: string,
  at: number,
): Promise<{ code: string; definition: ProcedureDefinition }[]> {
  const summaries = await listProcedures(db, tenant, toVnDate(at));
  const rows = await Promise.all(
    summaries.map((s) => findProcedureInForce(db, tenant, s.code, toVnDate(at))),
  );
  return rows
    .filter((r): r is ProcedureVersionRow => r !== undefined)
    .map((r) => ({ code: r.code, definition: r.definition }))
    .sort((a, b) => a.definition.name.localeCompare(b.definition.name, 'vi'));
}
