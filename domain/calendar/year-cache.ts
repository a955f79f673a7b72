/**
 * Lazily built, cached per-year day tables of one calendar definition. A one-entry "last table"
 * shortcut makes day-by-day scans cost one array read per day.
 */
import type { CalendarDefinition } from './definition.js';
import { buildYearTable, classificationAt, isWorkingCode, type YearTable } from './holidays.js';
import { ymdFromEpochDay } from './iso-date.js';
import type { DayClassification } from './types.js';

/** Cached classification lookups by local epoch day. */
export interface YearCache {
  /** The year table containing `epochDay` (built on first use; `RangeError` outside 1900–2100). */
  readonly tableFor: (epochDay: number) => YearTable;
  readonly isWorking: (epochDay: number) => boolean;
  /** Kind code (see `KIND_BY_CODE`) of `epochDay`. */
  readonly codeAt: (epochDay: number) => number;
  readonly classify: (epochDay: number) => DayClassification;
}

/** A cache over one (validated) definition. */
export function createYearCache(def: CalendarDefinition): YearCache {
  const tables = new Map<number, YearTable>();
  let last: YearTable | undefined;
  const tableFor = (epochDay: number): YearTable => {
    if (last && epochDay >= last.firstEpochDay && epochDay < last.firstEpochDay + last.kinds.length)
      return last;
    const year = ymdFromEpochDay(epochDay).year;
    let table = tables.get(year);
    if (!table) {
      table = buildYearTable(def, year);
      tables.set(year, table);
    }
    last = table;
    return table;
  };
  const codeAt = (epochDay: number): number => {
    const table = tableFor(epochDay);
    return table.kinds[epochDay - table.firstEpochDay] ?? 0;
  };
  return {
    tableFor,
    codeAt,
    isWorking: (epochDay) => isWorkingCode(codeAt(epochDay)),
    classify: (epochDay) => classificationAt(tableFor(epochDay), epochDay),
  };
}
