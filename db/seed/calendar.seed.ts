import type { Transaction } from 'kysely';
import { defaultVietnamCalendar } from '../../domain/calendar/index.js';
import { insertCalendarVersion, listCalendarVersions } from '../calendar.repository.js';
import type { DB } from '../schema.js';

/**
 * Publishes the shipped Vietnamese calendar (Labour Code rules + the 2024-2026 decisions) as version 1
 * of a tenant that has no calendar yet. Idempotent; later versions are published through the API.
 */
export async function seedCalendar(trx: Transaction<DB>, tenant: string): Promise<boolean> {
  if ((await listCalendarVersions(trx, tenant)).length > 0) return false;
  await insertCalendarVersion(trx, defaultVietnamCalendar(tenant), 'seed');
  return true;
}
