/**
 * `createWorkingCalendar`: a validated calendar definition with cached per-year day tables and
 * working-time arithmetic. Pure and deterministic: safe inside Temporal workflow code.
 */
import type { CalendarDefinition, CalendarDefinitionInput } from './definition.js';
import { CalendarDefinitionError, validateCalendarDefinition } from './validation.js';
import { epochDayFromIso, isoFromEpochDay } from './iso-date.js';
import {
  addWorkingMs,
  isWorkingTime,
  joinInstant,
  nextWorkingInstant,
  officeHoursOf,
  type OfficeHours,
  splitInstant,
  workingMsBetween,
} from './office-hours.js';
import { MS_PER_MINUTE, parseHhmm } from './time.js';
import type { DayClassification, IsoDate, WorkingCalendar } from './types.js';
import { createYearCache, type YearCache } from './year-cache.js';

/** Longest span `listDays` accepts, in days (three years). */
export const MAX_LIST_DAYS = 3 * 366;

function assertInstant(instant: number): void {
  if (!Number.isFinite(instant)) throw new RangeError(`Invalid instant: ${instant}`);
}

function assertMinutes(minutes: number): void {
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new RangeError(`Working minutes must be finite and ≥ 0, got ${minutes}`);
}

type DayMethods = Pick<
  WorkingCalendar,
  'isWorkingDay' | 'classifyDay' | 'listDays' | 'listSpecialDays' | 'nextWorkingDay' | 'closingTime'
>;
type TimeMethods = Pick<
  WorkingCalendar,
  'isWorkingTime' | 'nextWorkingInstant' | 'addWorkingMinutes' | 'workingMinutesBetween'
>;

function dayMethods(cache: YearCache, hours: OfficeHours): DayMethods {
  const collect = (from: IsoDate, to: IsoDate, keep: (code: number) => boolean): DayClassification[] => {
    const days: DayClassification[] = [];
    for (let day = epochDayFromIso(from), last = epochDayFromIso(to); day <= last; day++) {
      if (keep(cache.codeAt(day))) days.push(cache.classify(day));
    }
    return days;
  };
  return {
    isWorkingDay: (date) => cache.isWorking(epochDayFromIso(date)),
    classifyDay: (date) => cache.classify(epochDayFromIso(date)),
    listDays(from, to) {
      if (epochDayFromIso(to) - epochDayFromIso(from) + 1 > MAX_LIST_DAYS) {
        throw new RangeError(`listDays spans more than ${MAX_LIST_DAYS} days: ${from}..${to}`);
      }
      return collect(from, to, () => true);
    },
    listSpecialDays: (from, to) => collect(from, to, (code) => code !== 0),
    nextWorkingDay(date) {
      let day = epochDayFromIso(date) + 1;
      while (!cache.isWorking(day)) day++;
      return isoFromEpochDay(day);
    },
    closingTime: (date) => joinInstant(epochDayFromIso(date), hours.closeMs),
  };
}

function timeMethods(hours: OfficeHours, isWorking: (epochDay: number) => boolean): TimeMethods {
  return {
    isWorkingTime(instant) {
      assertInstant(instant);
      return isWorkingTime(hours, isWorking, instant);
    },
    nextWorkingInstant(instant) {
      assertInstant(instant);
      return nextWorkingInstant(hours, isWorking, instant);
    },
    addWorkingMinutes(instant, minutes) {
      assertInstant(instant);
      assertMinutes(minutes);
      isWorking(splitInstant(instant).epochDay); // range check, also for 0 minutes
      return addWorkingMs(hours, isWorking, instant, Math.round(minutes * MS_PER_MINUTE));
    },
    workingMinutesBetween(a, b) {
      assertInstant(a);
      assertInstant(b);
      return workingMsBetween(hours, isWorking, a, b) / MS_PER_MINUTE;
    },
  };
}

/**
 * Validates `input` and returns a working calendar over it. Year tables are built on first use
 * and cached inside the returned object.
 * @throws CalendarDefinitionError with every issue when the definition is invalid.
 */
export function createWorkingCalendar(input: CalendarDefinitionInput): WorkingCalendar {
  const validation = validateCalendarDefinition(input);
  if (!validation.ok) throw new CalendarDefinitionError(validation.issues);
  return workingCalendarOf(validation.value);
}

/**
 * A working calendar over a definition validated before (`validateCalendarDefinition`): what workflows
 * use, on the snapshots of stored calendar versions. It runs no zod schema: the workflow sandbox shares
 * the domain modules deep-frozen between workflows, and a frozen zod schema cannot parse
 * (worker/worker.ts, `preloadedWorkflowModules`).
 */
export function workingCalendarOf(def: CalendarDefinition): WorkingCalendar {
  const hours = officeHoursOf(def);
  const cache = createYearCache(def);
  return {
    tenant: def.tenant,
    version: def.version,
    definition: def,
    workingMinutesPerDay: hours.dayMs / MS_PER_MINUTE,
    sameDayCutoffMinute: parseHhmm(def.sameDayCutoff) ?? 0,
    ...dayMethods(cache, hours),
    ...timeMethods(hours, cache.isWorking),
  };
}
