import { describe, expect, it } from 'vitest';
import { currentPlanPeriod } from './report-period';

describe('the current plan window', () => {
  it('is the shortest window of the plan still open on the day', () => {
    expect(currentPlanPeriod('2026-12-05')).toEqual({ kind: 'year', year: 2026 });
    expect(currentPlanPeriod('2026-12-10')).toEqual({ kind: 'year', year: 2026 });
    expect(currentPlanPeriod('2026-12-11')).toEqual({ kind: 'q1', year: 2027 });
    expect(currentPlanPeriod('2027-01-15')).toEqual({ kind: 'q1', year: 2027 });
    expect(currentPlanPeriod('2027-03-10')).toEqual({ kind: 'q1', year: 2027 });
    expect(currentPlanPeriod('2027-03-11')).toEqual({ kind: 'h1', year: 2027 });
    expect(currentPlanPeriod('2027-06-11')).toEqual({ kind: 'q3', year: 2027 });
    expect(currentPlanPeriod('2027-09-10')).toEqual({ kind: 'q3', year: 2027 });
    expect(currentPlanPeriod('2027-09-11')).toEqual({ kind: 'year', year: 2027 });
  });
});
