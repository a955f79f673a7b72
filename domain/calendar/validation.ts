/**
 * Validation of a calendar definition: its zod schema (structure, Vietnamese messages), then the
 * semantic rules of `definition-checks.ts`.
 */
import { z } from 'zod';
import { semanticIssues } from './definition-checks.js';
import { calendarDefinitionSchema, type CalendarDefinition, type CalendarIssue } from './definition.js';

/** Result of `validateCalendarDefinition`: the parsed value, or every issue found. */
export type CalendarValidation =
  | { readonly ok: true; readonly value: CalendarDefinition }
  | { readonly ok: false; readonly issues: readonly CalendarIssue[] };

/** Thrown by `createWorkingCalendar` for an invalid definition. */
export class CalendarDefinitionError extends Error {
  constructor(readonly issues: readonly CalendarIssue[]) {
    super(
      `Invalid calendar definition: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
    this.name = 'CalendarDefinitionError';
  }
}

const viErrors = z.locales.vi().localeError;

/**
 * Validates a calendar definition: structure (zod, Vietnamese messages), then the semantic rules:
 * real dates within 1900–2100, sorted non-overlapping office hours, no date listed with
 * contradictory kinds, `working_day` only on a weekly rest day or holiday, entries within their
 * decision's year (late December / early January of the adjacent years allowed).
 * The definition is rejected whole on any issue.
 */
export function validateCalendarDefinition(input: unknown): CalendarValidation {
  const parsed = calendarDefinitionSchema.safeParse(input, { error: viErrors });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      code: i.code,
      message: i.message,
    }));
    return { ok: false, issues };
  }
  const issues = semanticIssues(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: parsed.data };
}
