/**
 * The calendar definition: versioned, per-tenant data (office hours, weekly rest days, Labour Code
 * holiday rules and each year's official decisions) and its zod schema (validated by `validation.ts`).
 */
import { z } from 'zod';
import { safeText } from '../text.js';
import type { ValidationIssue } from '../validation-issue.js';

const isoDateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');
const hhmmText = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ phải có dạng HH:MM (00:00–23:59)');

/** Keys of the holidays a decision entry may belong to (see `HolidayKey`). */
export const holidayKeySchema = z.enum([
  'newYear',
  'tet',
  'hungKings',
  'victoryDay',
  'labourDay',
  'nationalDay',
  'cultureDay',
]);

/**
 * One day of an official decision. `day_off` adds a non-working day (a swapped weekday, the exact
 * Tết days…); `working_day` turns a rest day into a working day (make-up Saturday, "làm bù").
 * `holiday` tags a `day_off` as one of that holiday's official days: the decision then governs that
 * holiday for its year (see `holiday-rules.ts`).
 */
export const decisionEntrySchema = z.object({
  date: isoDateText,
  kind: z.enum(['day_off', 'working_day']),
  reason: safeText({ max: 500 }),
  holiday: holidayKeySchema.optional(),
});

/** A yearly official decision (Prime Minister / ministry notice) with its reference text. */
export const decisionSchema = z.object({
  year: z.number().int().min(1900).max(2100),
  reference: safeText({ max: 500 }),
  entries: z.array(decisionEntrySchema),
});

/**
 * Labour Code 2019 Art. 112 as data. `tet.days` Tết days (default pattern: the last day of the lunar
 * year + the first `days − 1` days of the new one); `nationalDay.days` is 2/9 plus, when 2, the
 * adjacent day (`before` = 1/9 by default). `cultureDay` (24/11, Ngày Văn hóa Việt Nam) applies from
 * `fromYear`; its legal status is UNCONFIRMED, so it is off unless the data turns it on.
 */
export const holidayRulesSchema = z.object({
  newYear: z.boolean().default(true),
  tet: z.object({ days: z.number().int().min(0).max(9) }).default({ days: 5 }),
  hungKings: z.boolean().default(true),
  victoryDay: z.boolean().default(true),
  labourDay: z.boolean().default(true),
  nationalDay: z
    .object({ days: z.number().int().min(0).max(2), adjacent: z.enum(['before', 'after']).default('before') })
    .default({ days: 2, adjacent: 'before' }),
  cultureDay: z.object({ fromYear: z.number().int().min(1900).max(2100) }).optional(),
});

/** Default office hours: 07:30–11:30 and 13:30–17:00 (7.5 working hours). */
export const DEFAULT_OFFICE_HOURS = [
  { start: '07:30', end: '11:30' },
  { start: '13:30', end: '17:00' },
];

/** Schema of a calendar definition; defaults are applied on parse. */
export const calendarDefinitionSchema = z.object({
  tenant: safeText({ max: 64 }),
  version: z.number().int().min(1),
  effectiveFrom: isoDateText,
  name: safeText({ max: 200 }),
  officeHours: z
    .array(z.object({ start: hhmmText, end: hhmmText }))
    .min(1)
    .default(() => DEFAULT_OFFICE_HOURS.map((h) => ({ ...h }))),
  weeklyRestDays: z.array(z.number().int().min(0).max(6)).default(() => [0, 6]),
  sameDayCutoff: hhmmText.default('15:00'),
  holidayRules: holidayRulesSchema.prefault({}),
  decisions: z.array(decisionSchema).default(() => []),
});

/** A calendar definition after parsing (defaults applied). */
export type CalendarDefinition = z.output<typeof calendarDefinitionSchema>;
/** A calendar definition as authored (defaults optional). */
export type CalendarDefinitionInput = z.input<typeof calendarDefinitionSchema>;
/** One decision entry. */
export type DecisionEntry = z.output<typeof decisionEntrySchema>;

/** A validation problem; `path` points into the definition, e.g. `['decisions', 0, 'entries', 3, 'date']`. */
export type CalendarIssue = ValidationIssue;
