import {
  createWorkingCalendar,
  toVnDate,
  type CalendarDefinition,
  type WorkingCalendar,
} from '../domain/calendar/index.js';
import {
  findCalendarInForce,
  findCalendarVersion,
  listCalendarVersions,
  type CalendarVersionSummary,
} from '../db/calendar.repository.js';
import type { Database } from '../db/database.js';

/** How long the list of a tenant's versions is trusted before it is read again (publications elsewhere). */
const VERSION_LIST_TTL_MS = 10_000;
const MAX_CACHED_CALENDARS = 64;

/**
 * Calendars for the API. Published versions are immutable, so each built `WorkingCalendar` (with its
 * per-year day tables) is cached for good; only "which version is in force" is re-read, every 10 s or
 * at once after a publication through this process.
 */
export function createCalendarService(db: Database) {
  const built = new Map<string, WorkingCalendar>();
  const versionLists = new Map<string, { at: number; versions: CalendarVersionSummary[] }>();

  function remember(definition: CalendarDefinition): WorkingCalendar {
    const key = `${definition.tenant}#${definition.version}`;
    let calendar = built.get(key);
    if (!calendar) {
      calendar = createWorkingCalendar(definition);
      if (built.size >= MAX_CACHED_CALENDARS) built.delete(built.keys().next().value!);
      built.set(key, calendar);
    }
    return calendar;
  }

  async function versionsOf(tenant: string): Promise<CalendarVersionSummary[]> {
    const cached = versionLists.get(tenant);
    if (cached && Date.now() - cached.at < VERSION_LIST_TTL_MS) return cached.versions;
    const versions = await listCalendarVersions(db, tenant);
    versionLists.set(tenant, { at: Date.now(), versions });
    return versions;
  }

  return {
    /** Every published version (all tenants, or one). */
    list: (tenant?: string) => listCalendarVersions(db, tenant),

    /** The version in force at `instant` (undefined when the tenant has none then). */
    async inForce(tenant: string, instant: number): Promise<WorkingCalendar | undefined> {
      const date = toVnDate(instant);
      const versions = await versionsOf(tenant);
      const candidates = versions.filter((v) => v.effective_from <= date);
      const latest = candidates.reduce<CalendarVersionSummary | undefined>(
        (best, v) => (!best || v.version > best.version ? v : best),
        undefined,
      );
      if (!latest) return undefined;
      const key = `${tenant}#${latest.version}`;
      const hit = built.get(key);
      if (hit) return hit;
      const row = await findCalendarInForce(db, tenant, date);
      return row ? remember(row.definition) : undefined;
    },

    /** A given version (undefined when it does not exist). */
    async version(tenant: string, version: number): Promise<WorkingCalendar | undefined> {
      const hit = built.get(`${tenant}#${version}`);
      if (hit) return hit;
      const row = await findCalendarVersion(db, tenant, version);
      return row ? remember(row.definition) : undefined;
    },

    /** Forget the version list of a tenant (after a publication). */
    invalidate(tenant: string): void {
      versionLists.delete(tenant);
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
