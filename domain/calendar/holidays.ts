/**
 * Day classification of a whole year: weekly rest days, rule holidays, compensatory days and the
 * official decisions (days off, make-up working days), packed into a compact per-year table.
 */
import type { CalendarDefinition, DecisionEntry } from './definition.js';
import { compensatoryDays, governedHolidays, ruleHolidays } from './holiday-rules.js';
import {
  assertYearInRange,
  epochDayFromIso,
  epochDayFromYmd,
  isoFromEpochDay,
  WEEKDAY_NAMES_VI,
  weekdayOfEpochDay,
} from './iso-date.js';
import type { DayClassification, DayKind, IsoDate } from './types.js';

/** Kind codes in precedence order: a higher code wins when several apply to one day. */
export const KIND_BY_CODE: readonly DayKind[] = [
  'working',
  'weekly_rest',
  'decision_day_off',
  'compensatory',
  'holiday',
  'make_up_working',
];
const [WORKING, WEEKLY_REST, DECISION_OFF, COMPENSATORY, HOLIDAY, MAKE_UP] = [0, 1, 2, 3, 4, 5] as const;

/** True for the codes of working days. */
export function isWorkingCode(code: number): boolean {
  return code === WORKING || code === MAKE_UP;
}

/** One year's classification: `kinds[i]` and `reasons[i]` describe epoch day `firstEpochDay + i`. */
export interface YearTable {
  readonly year: number;
  readonly firstEpochDay: number;
  readonly kinds: Uint8Array;
  readonly reasons: readonly (readonly string[] | undefined)[];
}

interface TableBuilder {
  readonly firstEpochDay: number;
  readonly kinds: Uint8Array;
  /** Reason lists are immutable and shared (weekday names); `mark` copies on write. */
  readonly reasons: (readonly string[] | undefined)[];
}

const WEEKDAY_REASONS: readonly (readonly string[])[] = WEEKDAY_NAMES_VI.map((name) => Object.freeze([name]));

function mark(t: TableBuilder, epochDay: number, code: number, reason: string): void {
  const i = epochDay - t.firstEpochDay;
  if (i < 0 || i >= t.kinds.length) return;
  t.kinds[i] = Math.max(t.kinds[i] ?? 0, code);
  const list = t.reasons[i];
  if (!list?.includes(reason)) t.reasons[i] = Object.freeze(list ? [...list, reason] : [reason]);
}

/** Decision entries (of any decision) whose date falls in `year`, with their epoch days. */
function entriesInYear(def: CalendarDefinition, year: number): { epochDay: number; entry: DecisionEntry }[] {
  const prefix = `${String(year).padStart(4, '0')}-`;
  const found: { epochDay: number; entry: DecisionEntry }[] = [];
  for (const decision of def.decisions) {
    for (const entry of decision.entries) {
      if (entry.date.startsWith(prefix)) found.push({ epochDay: epochDayFromIso(entry.date), entry });
    }
  }
  return found;
}

function applyMakeUpDays(
  t: TableBuilder,
  working: readonly { epochDay: number; entry: DecisionEntry }[],
): void {
  const reasons = new Map<number, string[]>();
  for (const { epochDay, entry } of working) {
    const list = reasons.get(epochDay) ?? [];
    if (!list.includes(entry.reason)) list.push(entry.reason);
    reasons.set(epochDay, list);
  }
  for (const [epochDay, list] of reasons) {
    t.kinds[epochDay - t.firstEpochDay] = MAKE_UP;
    t.reasons[epochDay - t.firstEpochDay] = Object.freeze(list);
  }
}

/**
 * Builds the classification table of `year` for a (validated) definition.
 * @throws RangeError when `year` is outside 1900–2100.
 */
export function buildYearTable(def: CalendarDefinition, year: number): YearTable {
  assertYearInRange(year);
  const firstEpochDay = epochDayFromYmd(year, 1, 1);
  const length = epochDayFromYmd(year + 1, 1, 1) - firstEpochDay;
  const t: TableBuilder = {
    firstEpochDay,
    kinds: new Uint8Array(length),
    reasons: new Array<undefined>(length).fill(undefined),
  };
  const isRest = WEEKDAY_REASONS.map((_, weekday) => def.weeklyRestDays.includes(weekday));
  for (let i = 0, weekday = weekdayOfEpochDay(firstEpochDay); i < length; i++, weekday = (weekday + 1) % 7) {
    if (isRest[weekday]) {
      t.kinds[i] = WEEKLY_REST;
      t.reasons[i] = WEEKDAY_REASONS[weekday];
    }
  }
  const governed = governedHolidays(def, year);
  const holidays = ruleHolidays(def, year, governed);
  for (const h of holidays) mark(t, h.epochDay, HOLIDAY, h.reason);
  const entries = entriesInYear(def, year);
  const offs = entries.filter((e) => e.entry.kind === 'day_off');
  const working = entries.filter((e) => e.entry.kind === 'working_day');
  for (const { epochDay, entry } of offs)
    mark(t, epochDay, entry.holiday ? HOLIDAY : DECISION_OFF, entry.reason);
  const decided = {
    dayOff: new Set(offs.map((e) => e.epochDay)),
    working: new Set(working.map((e) => e.epochDay)),
  };
  for (const c of compensatoryDays(def, holidays, governed, decided))
    mark(t, c.epochDay, COMPENSATORY, c.reason);
  applyMakeUpDays(t, working);
  return { year, firstEpochDay, kinds: t.kinds, reasons: t.reasons };
}

const NO_REASONS: readonly string[] = Object.freeze([]);

/** The classification of epoch day `epochDay`, which must lie in `table`'s year. */
export function classificationAt(table: YearTable, epochDay: number): DayClassification {
  const i = epochDay - table.firstEpochDay;
  const code = table.kinds[i] ?? WORKING;
  return {
    date: isoFromEpochDay(epochDay),
    working: isWorkingCode(code),
    kind: KIND_BY_CODE[code] ?? 'working',
    reasons: table.reasons[i] ?? NO_REASONS,
  };
}

/**
 * Classifies one date of a (validated) definition without caching. Prefer
 * `createWorkingCalendar(def).classifyDay(date)` when classifying many days.
 * @throws RangeError for an invalid date or one outside 1900–2100.
 */
export function classifyDay(def: CalendarDefinition, date: IsoDate): DayClassification {
  const epochDay = epochDayFromIso(date);
  return classificationAt(buildYearTable(def, Number(date.slice(0, 4))), epochDay);
}
