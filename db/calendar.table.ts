import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { CalendarDefinition } from '../domain/calendar/index.js';

/** One published, immutable calendar version of a tenant. */
export interface CalendarVersionTable {
  tenant: string;
  version: number;
  name: string;
  /** 'YYYY-MM-DD': the version applies to computations from this date on. */
  effective_from: string;
  definition: ColumnType<CalendarDefinition, string, never>;
  published_at: ColumnType<Date, Date | string | undefined, never>;
  published_by: string | null;
}

/** A decision day of a calendar version (denormalised from `definition` for querying). */
export interface CalendarEntryTable {
  tenant: string;
  version: number;
  date: string;
  kind: 'day_off' | 'working_day';
  reason: string;
  holiday: string | null;
  reference: string;
}

export type CalendarVersionRow = Selectable<CalendarVersionTable>;
export type NewCalendarVersionRow = Insertable<CalendarVersionTable>;
export type CalendarEntryRow = Selectable<CalendarEntryTable>;
