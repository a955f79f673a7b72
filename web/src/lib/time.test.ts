import { describe, expect, it } from 'vitest';
import { formatDateTime, formatWorkingMinutes, toVnIso, vnToday, workingMinutesBetween } from './time';

const at = (iso: string) => Date.parse(iso);
// Friday 27/11/2026 and Monday 30/11/2026 work; the weekend does not.
const days = new Map([
  ['2026-11-27', true],
  ['2026-11-28', false],
  ['2026-11-29', false],
  ['2026-11-30', true],
]);

describe('times as officers read them', () => {
  it('shows instants in Việt Nam time whatever the browser zone', () => {
    expect(formatDateTime('2026-11-27T02:05:00Z')).toBe('09:05 ngày 27/11/2026');
    expect(formatDateTime(null)).toBe('—');
    expect(vnToday(at('2026-11-27T18:00:00Z'))).toBe('2026-11-28');
    expect(toVnIso(at('2026-11-27T18:00:00Z'))).toBe('2026-11-28T01:00:00+07:00');
  });

  it('counts only office hours of working days', () => {
    // Friday 16:00 → Monday 08:30: one hour on Friday, one on Monday.
    expect(
      workingMinutesBetween(at('2026-11-27T16:00:00+07:00'), at('2026-11-30T08:30:00+07:00'), days),
    ).toBe(120);
    // The lunch break does not count.
    expect(
      workingMinutesBetween(at('2026-11-27T11:00:00+07:00'), at('2026-11-27T14:00:00+07:00'), days),
    ).toBe(60);
    // Past deadlines are negative.
    expect(
      workingMinutesBetween(at('2026-11-30T09:30:00+07:00'), at('2026-11-30T08:30:00+07:00'), days),
    ).toBe(-60);
  });

  it('writes working time in days, hours and minutes of 7.5-hour office days', () => {
    expect(formatWorkingMinutes(450 * 2 + 195)).toBe('2 ngày 3 giờ làm việc');
    expect(formatWorkingMinutes(-45)).toBe('45 phút làm việc');
    expect(formatWorkingMinutes(0)).toBe('dưới 1 phút');
  });
});
