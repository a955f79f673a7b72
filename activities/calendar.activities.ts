import { ApplicationFailure } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import { validateCalendarDefinition, type CalendarDefinition } from '../domain/calendar/index.js';
import { findCalendarVersion } from '../db/calendar.repository.js';
import type { DB } from '../db/schema.js';

/** Activities of the calendar rollout: what a published version holds and which dossiers it concerns. */
export function createCalendarActivities({ db }: { db: Kysely<DB> }) {
  return {
    /**
     * The definition of a published calendar version (immutable once published), validated here: the
     * workflow builds its working calendar without validating (`workingCalendarOf`).
     */
    async loadCalendarDefinition(input: { tenant: string; version: number }): Promise<CalendarDefinition> {
      const row = await findCalendarVersion(db, input.tenant, input.version);
      if (!row) {
        throw ApplicationFailure.nonRetryable(
          `calendar ${input.tenant} v${input.version} does not exist`,
          'CALENDAR.VERSION_NOT_FOUND',
        );
      }
      const checked = validateCalendarDefinition(row.definition);
      if (!checked.ok) {
        throw ApplicationFailure.nonRetryable(
          `calendar ${input.tenant} v${input.version} is invalid: ${checked.issues.map((i) => i.message).join('; ')}`,
          'CALENDAR.INVALID',
        );
      }
      return checked.value;
    },

    /** Whether a calendar version is published (visible: its transaction committed). */
    async calendarVersionExists(input: { tenant: string; version: number }): Promise<boolean> {
      return (await findCalendarVersion(db, input.tenant, input.version)) !== undefined;
    },

    /** Codes of the tenant's open dossiers after `after` (by code), at most `limit`: pages of the rollout. */
    async listOpenDossierCodes(input: { tenant: string; after: string; limit: number }): Promise<string[]> {
      const rows = await db
        .selectFrom('dossier')
        .select('code')
        .where('tenant', '=', input.tenant)
        .where('finished_at', 'is', null)
        .where('code', '>', input.after)
        .orderBy('code')
        .limit(input.limit)
        .execute();
      return rows.map((r) => r.code);
    },
  };
}

export type CalendarActivities = ReturnType<typeof createCalendarActivities>;
