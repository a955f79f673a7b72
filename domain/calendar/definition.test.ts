import { describe, expect, test } from 'vitest';
import { DEFAULT_OFFICE_HOURS, type CalendarDefinition, type CalendarIssue } from './definition.js';
import { CalendarDefinitionError, validateCalendarDefinition } from './validation.js';
import { defaultVietnamCalendar } from './shipped-vn.js';
import { createWorkingCalendar } from './working-time.js';

const minimal = { tenant: 'nam-dinh', version: 1, effectiveFrom: '2026-01-01', name: 'Lịch Sở GDĐT' };

function issuesOf(input: unknown): readonly CalendarIssue[] {
  const result = validateCalendarDefinition(input);
  if (result.ok) throw new Error('expected the definition to be rejected');
  return result.issues;
}

function withDecisions(decisions: CalendarDefinition['decisions']): unknown {
  return { ...minimal, decisions };
}

describe('calendar definition validation', () => {
  test('the shipped calendar is valid', () => {
    expect(validateCalendarDefinition(defaultVietnamCalendar()).ok).toBe(true);
  });

  test('defaults fill office hours, rest days, cut-off and Labour Code rules', () => {
    const result = validateCalendarDefinition(minimal);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.officeHours).toEqual(DEFAULT_OFFICE_HOURS);
    expect(result.value.weeklyRestDays).toEqual([0, 6]);
    expect(result.value.sameDayCutoff).toBe('15:00');
    expect(result.value.holidayRules).toEqual({
      newYear: true,
      tet: { days: 5 },
      hungKings: true,
      victoryDay: true,
      labourDay: true,
      nationalDay: { days: 2, adjacent: 'before' },
    });
    expect(result.value.decisions).toEqual([]);
  });

  test('a date listed as both day off and working day is rejected whole, naming the path', () => {
    const issues = issuesOf(
      withDecisions([
        { year: 2026, reference: 'A', entries: [{ date: '2026-01-10', kind: 'day_off', reason: 'Nghỉ' }] },
        {
          year: 2026,
          reference: 'B',
          entries: [{ date: '2026-01-10', kind: 'working_day', reason: 'Làm bù' }],
        },
      ]),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      path: ['decisions', 1, 'entries', 0, 'kind'],
      code: 'contradictory_entries',
    });
    expect(issues[0]?.message).toContain('decisions.0.entries.0');
  });

  test('the same day off listed twice is fine', () => {
    const entry = { date: '2026-01-02', kind: 'day_off', reason: 'Nghỉ' } as const;
    expect(
      validateCalendarDefinition(withDecisions([{ year: 2026, reference: 'A', entries: [entry, entry] }])).ok,
    ).toBe(true);
  });

  test('a make-up working day on an ordinary weekday is rejected', () => {
    const issues = issuesOf(
      withDecisions([
        {
          year: 2026,
          reference: 'A',
          entries: [{ date: '2026-01-07', kind: 'working_day', reason: 'Làm bù' }],
        },
      ]),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        path: ['decisions', 0, 'entries', 0, 'date'],
        code: 'working_day_not_rest_day',
      }),
    ]);
  });

  test('a make-up working day may be a holiday or a rest day', () => {
    const entries = [
      { date: '2026-04-30', kind: 'working_day', reason: 'Làm việc ngày lễ' },
      { date: '2026-01-10', kind: 'working_day', reason: 'Làm bù' },
    ] as const;
    expect(
      validateCalendarDefinition(withDecisions([{ year: 2026, reference: 'A', entries: [...entries] }])).ok,
    ).toBe(true);
  });

  test.each([
    ['2026-12-31', 2027, true],
    ['2027-01-31', 2026, true],
    ['2026-11-30', 2027, false],
    ['2028-01-02', 2026, false],
  ])('an entry on %s in a decision of %i is accepted: %s', (date, year, ok) => {
    const result = validateCalendarDefinition(
      withDecisions([{ year, reference: 'A', entries: [{ date, kind: 'day_off', reason: 'Nghỉ' }] }]),
    );
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.issues[0]?.code).toBe('entry_outside_decision_year');
  });

  test('impossible and out-of-range dates are reported with their paths', () => {
    const issues = issuesOf({
      ...minimal,
      effectiveFrom: '1899-12-31',
      decisions: [
        { year: 2026, reference: 'A', entries: [{ date: '2026-02-30', kind: 'day_off', reason: 'Nghỉ' }] },
      ],
    });
    expect(issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['effectiveFrom', 'date_out_of_range'],
      ['decisions.0.entries.0.date', 'invalid_date'],
    ]);
  });

  test('overlapping or unsorted office hours are rejected', () => {
    const issues = issuesOf({
      ...minimal,
      officeHours: [
        { start: '07:30', end: '11:30' },
        { start: '11:00', end: '17:00' },
        { start: '18:00', end: '18:00' },
      ],
    });
    expect(issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['officeHours.1', 'overlapping_office_hours'],
      ['officeHours.2', 'empty_interval'],
    ]);
  });

  test('seven rest days a week leave no working day and are rejected', () => {
    const issues = issuesOf({ ...minimal, weeklyRestDays: [0, 1, 2, 3, 4, 5, 6] });
    expect(issues.map((i) => i.code)).toEqual(['no_working_weekday']);
  });

  test('structural errors come from the schema with Vietnamese messages', () => {
    const issues = issuesOf({ ...minimal, version: 0, sameDayCutoff: '3pm' });
    expect(issues.map((i) => i.path.join('.'))).toEqual(['version', 'sameDayCutoff']);
    expect(issues[1]?.message).toBe('Giờ phải có dạng HH:MM (00:00–23:59)');
  });

  test('a tag on a working-day entry is rejected', () => {
    const issues = issuesOf(
      withDecisions([
        {
          year: 2026,
          reference: 'A',
          entries: [{ date: '2026-01-10', kind: 'working_day', reason: 'Làm bù', holiday: 'newYear' }],
        },
      ]),
    );
    expect(issues.map((i) => i.code)).toEqual(['holiday_on_working_day']);
  });

  test('createWorkingCalendar throws a CalendarDefinitionError carrying every issue', () => {
    const bad = { ...minimal, effectiveFrom: '2026-02-30', weeklyRestDays: [0, 0] };
    try {
      createWorkingCalendar(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarDefinitionError);
      expect((error as CalendarDefinitionError).issues.map((i) => i.code)).toEqual([
        'invalid_date',
        'duplicate_rest_day',
      ]);
    }
  });
});
