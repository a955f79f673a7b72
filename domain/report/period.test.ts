import { describe, expect, it } from 'vitest';
import { formatVnIso } from '../calendar/index.js';
import { periodBounds, planPeriod, REPORT_ERROR, resolveReportPeriod } from './period.js';

describe('the plan windows (Kế hoạch CCHC)', () => {
  it.each([
    ['q1', 2026, '2025-12-10', '2026-03-10'],
    ['h1', 2026, '2025-12-10', '2026-06-10'],
    ['q3', 2026, '2026-06-11', '2026-09-10'],
    ['year', 2026, '2025-12-10', '2026-12-10'],
    ['q1', 2000, '1999-12-10', '2000-03-10'],
  ] as const)('%s %i runs from %s to %s', (kind, year, from, to) => {
    expect(planPeriod(kind, year)).toEqual({ from, to, kind, year });
  });

  it('refuses a year outside the calendar range', () => {
    expect(() => planPeriod('q1', 1900)).toThrow(RangeError);
    expect(() => planPeriod('q1', 2026.5)).toThrow(RangeError);
  });

  it('bounds a period by whole Vietnam local days: from 00:00+07:00 to the day after `to` at 00:00+07:00', () => {
    const { start, end } = periodBounds(planPeriod('q1', 2026));
    expect(formatVnIso(start)).toBe('2025-12-10T00:00:00+07:00');
    expect(formatVnIso(end)).toBe('2026-03-11T00:00:00+07:00');
    expect(new Date(start).toISOString()).toBe('2025-12-09T17:00:00.000Z');
    expect(new Date(end).toISOString()).toBe('2026-03-10T17:00:00.000Z');
  });
});

describe('resolving a report request', () => {
  it('takes a plan window or a free range', () => {
    expect(resolveReportPeriod({ period: 'h1', year: 2026 })).toEqual({
      ok: true,
      period: planPeriod('h1', 2026),
    });
    expect(resolveReportPeriod({ from: '2026-01-01', to: '2026-01-01' })).toEqual({
      ok: true,
      period: { from: '2026-01-01', to: '2026-01-01', kind: null, year: null },
    });
  });

  it.each([
    [{}, REPORT_ERROR.MISSING_PERIOD, 'period'],
    [{ period: 'q1' }, REPORT_ERROR.MISSING_YEAR, 'year'],
    [{ period: 'q1', year: 2026, from: '2026-01-01' }, REPORT_ERROR.CONFLICTING_PARAMETERS, 'from'],
    [{ period: 'q1', year: 2026, to: '2026-01-01' }, REPORT_ERROR.CONFLICTING_PARAMETERS, 'to'],
    [{ year: 2026, from: '2026-01-01', to: '2026-02-01' }, REPORT_ERROR.CONFLICTING_PARAMETERS, 'year'],
    [{ year: 2026 }, REPORT_ERROR.CONFLICTING_PARAMETERS, 'year'],
    [{ period: 'year', year: 1900 }, REPORT_ERROR.INVALID_DATE, 'year'],
    [{ from: '2026-01-01' }, REPORT_ERROR.MISSING_DATE, 'to'],
    [{ to: '2026-01-01' }, REPORT_ERROR.MISSING_DATE, 'from'],
    [{ from: '2026-02-30', to: '2026-03-01' }, REPORT_ERROR.INVALID_DATE, 'from'],
    [{ from: '2026-02-01', to: '26-03-01' }, REPORT_ERROR.INVALID_DATE, 'to'],
    [{ from: '2026-03-02', to: '2026-03-01' }, REPORT_ERROR.INVALID_PERIOD, 'to'],
    [{ from: '2023-01-01', to: '2026-01-01' }, REPORT_ERROR.PERIOD_TOO_LONG, 'to'],
    [{ from: '2024-02-29', to: '2027-03-01' }, REPORT_ERROR.PERIOD_TOO_LONG, 'to'],
  ] as const)('refuses %j with %s at %s', (request, code, field) => {
    const result = resolveReportPeriod(request);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatchObject({ code, field });
  });

  it('accepts a range of just under 3 years', () => {
    expect(resolveReportPeriod({ from: '2023-01-01', to: '2025-12-31' }).ok).toBe(true);
    expect(resolveReportPeriod({ from: '2024-02-29', to: '2027-02-28' }).ok).toBe(true);
  });
});
