/**
 * Working-time calendar for Vietnamese administrative deadlines: lunar calendar, Labour Code
 * holidays, yearly decisions, working-time arithmetic and legal deadlines. Pure code.
 */
export type {
  DayClassification,
  DayKind,
  DeadlineLimit,
  DeadlineResult,
  DeadlineUnit,
  ExplanationEntry,
  HolidayKey,
  IsoDate,
  WorkingCalendar,
} from './types.js';
export type { LunarDate, SolarDate } from './lunar.js';
export type {
  CalendarDefinition,
  CalendarDefinitionInput,
  CalendarIssue,
  DecisionEntry,
} from './definition.js';
export type { CalendarValidation } from './validation.js';
export { lunarToSolar, solarToLunar } from './lunar.js';
export { calendarDefinitionSchema, DEFAULT_OFFICE_HOURS } from './definition.js';
export { CalendarDefinitionError, validateCalendarDefinition } from './validation.js';
export { classifyDay } from './holidays.js';
export { HOLIDAY_NAMES_VI } from './holiday-rules.js';
export { defaultVietnamCalendar } from './shipped-vn.js';
export { createWorkingCalendar, MAX_LIST_DAYS, workingCalendarOf } from './working-time.js';
export { computeDeadline, LEGAL_HOURS_PER_WORKING_DAY, workingHoursToMinutes } from './deadline.js';
export { formatVnIso, parseIsoInstant, toVnDate, vnDateTimeToInstant } from './time.js';
export { addDays, formatDmy, MAX_YEAR, MIN_YEAR, parseIsoDate } from './iso-date.js';
