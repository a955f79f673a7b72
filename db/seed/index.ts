import { sql } from 'kysely';
import type { UnitCodes } from '../../domain/unit-codes.js';
import type { Database } from '../database.js';
import { seedCalendar } from './calendar.seed.js';
import { seedOrganisation } from './organisation.seed.js';
import { seedPartnerAgencies } from './partners.seed.js';
import { seedProcedureCatalog } from './procedures.seed.js';

export interface SeedOptions {
  /** Create the dev users (`receiver`, `specialist`, …, password `motcua`). Never in production. */
  devUsers: boolean;
  /** The configured province and unit codes (`config/units.ts`). */
  units: UnitCodes;
}

/**
 * Reference data every installation needs (tenant, divisions, the shipped calendar) and, in dev and
 * test, the dev users. Idempotent, atomic, and safe to run from several processes at once.
 */
export async function seedDatabase(db: Database, options: SeedOptions): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // One seeding at a time across processes (the API and the worker start together).
    await sql`select pg_advisory_xact_lock(hashtext(${'mot-cua:seed'}))`.execute(trx);
    const { devUsers, units } = options;
    const org = await seedOrganisation(trx, { devUsers, unitCode: units.department });
    await seedCalendar(trx, org.tenant);
    await seedProcedureCatalog(trx, org.tenant, units.province);
    await seedPartnerAgencies(trx, org.tenant, units);
  });
}
