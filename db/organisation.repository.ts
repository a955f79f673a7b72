import type { Executor } from './database.js';
import type { Role } from '../domain/roles.js';
import type {
  DivisionRow,
  NewDivisionRow,
  NewOfficerRow,
  NewReceivingUnitRow,
  OfficerRow,
  ReceivingUnitRow,
} from './organisation.table.js';
import type { NewTenantRow, TenantRow } from './schema.js';

/** Filter of {@link listOfficers}; every given field must match. */
export interface OfficerFilter {
  role?: Role;
  divisionCode?: string;
  active?: boolean;
}

// PostgreSQL rejects a malformed uuid literal with an error; a lookup by a bad id simply finds nothing.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The officer with this username (any tenant: usernames are unique across tenants), if any. */
export async function findOfficerByUsername(db: Executor, username: string): Promise<OfficerRow | undefined> {
  return db.selectFrom('officer').selectAll().where('username', '=', username).executeTakeFirst();
}

/** The officer with this id, if any; a string that is not a uuid finds nothing (no database error). */
export async function findOfficerById(db: Executor, id: string): Promise<OfficerRow | undefined> {
  if (!UUID.test(id)) return undefined;
  return db.selectFrom('officer').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The divisions of a tenant, by code. */
export async function listDivisions(db: Executor, tenant: string): Promise<DivisionRow[]> {
  return db.selectFrom('division').selectAll().where('tenant', '=', tenant).orderBy('code').execute();
}

/** The officers of a tenant matching `filter`, by username. */
export async function listOfficers(
  db: Executor,
  tenant: string,
  filter: OfficerFilter = {},
): Promise<OfficerRow[]> {
  let query = db.selectFrom('officer').selectAll().where('tenant', '=', tenant);
  if (filter.role !== undefined) query = query.where('role', '=', filter.role);
  if (filter.divisionCode !== undefined) query = query.where('division_code', '=', filter.divisionCode);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  return query.orderBy('username').execute();
}

/** The tenant with this code, if any. */
export async function findTenant(db: Executor, code: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenant').selectAll().where('code', '=', code).executeTakeFirst();
}

/**
 * Inserts the tenant or updates its name and unit code. The unit code prefixes the dossier codes given
 * from now on (dossiers already received keep theirs, and the day's numbering is per unit code); the
 * default tenant's comes from the configuration (`config/units.ts`), the one place it is set.
 */
export async function upsertTenant(db: Executor, tenant: NewTenantRow): Promise<TenantRow> {
  return db
    .insertInto('tenant')
    .values(tenant)
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        unit_code: eb.ref('excluded.unit_code'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Inserts the division or updates its name and kind. */
export async function upsertDivision(db: Executor, division: NewDivisionRow): Promise<DivisionRow> {
  return db
    .insertInto('division')
    .values(division)
    .onConflict((oc) =>
      oc.columns(['tenant', 'code']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        kind: eb.ref('excluded.kind'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Inserts the officer, or updates the profile (name, email, role, division) of the officer with that
 * username. The password hash and the active flag of an existing officer are left alone, so a seed run
 * never resets a changed password nor re-activates a deactivated account. Throws when the username
 * belongs to another tenant.
 */
export async function upsertOfficer(db: Executor, officer: NewOfficerRow): Promise<OfficerRow> {
  const row = await db
    .insertInto('officer')
    .values(officer)
    .onConflict((oc) =>
      oc
        .column('username')
        .doUpdateSet((eb) => ({
          full_name: eb.ref('excluded.full_name'),
          email: eb.ref('excluded.email'),
          role: eb.ref('excluded.role'),
          division_code: eb.ref('excluded.division_code'),
          receiving_unit_code: eb.ref('excluded.receiving_unit_code'),
        }))
        .where('officer.tenant', '=', (eb) => eb.ref('excluded.tenant')),
    )
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new Error(`username ${officer.username} already belongs to another tenant`);
  return row;
}

/** Activates or deactivates an officer; returns false when there is no such officer. */
export async function setOfficerActive(db: Executor, id: string, active: boolean): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const result = await db.updateTable('officer').set({ active }).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The receiving units of a tenant (its own desk, the Centre, branches, commune points), by code. */
export async function listReceivingUnits(db: Executor, tenant: string): Promise<ReceivingUnitRow[]> {
  return db.selectFrom('receiving_unit').selectAll().where('tenant', '=', tenant).orderBy('code').execute();
}

/** The receiving unit of a tenant with this code, if any (active or not). */
export async function findReceivingUnit(
  db: Executor,
  tenant: string,
  code: string,
): Promise<ReceivingUnitRow | undefined> {
  return db
    .selectFrom('receiving_unit')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('code', '=', code)
    .executeTakeFirst();
}

/**
 * Inserts the receiving unit unless the tenant already has one with that code: a seed run never
 * overwrites what the operator recorded since (real names, addresses, electronic identifiers).
 */
export async function insertReceivingUnitIfMissing(db: Executor, unit: NewReceivingUnitRow): Promise<void> {
  await db
    .insertInto('receiving_unit')
    .values(unit)
    .onConflict((oc) => oc.columns(['tenant', 'code']).doNothing())
    .execute();
}
