import { describe, expect, test } from 'vitest';
import { defaultVietnamCalendar } from './shipped-vn.js';
import { formatVnIso, parseIsoInstant } from './time.js';
import { createWorkingCalendar } from './working-time.js';

const cal = createWorkingCalendar(defaultVietnamCalendar());
const at = (text: string): number => parseIsoInstant(`${text}+07:00`)!;
const show = (instant: number): string => formatVnIso(instant).slice(0, 16);

describe('working calendar', () => {
  test('exposes tenant, version and 450 working minutes a day (07:30–11:30 + 13:30–17:00)', () => {
    expect(cal.tenant).toBe('default');
    expect(cal.version).toBe(1);
    expect(cal.workingMinutesPerDay).toBe(450);
    expect(cal.sameDayCutoffMinute).toBe(900);
  });

  test.each([
    ['2026-03-02T07:29:59', false],
    ['2026-03-02T07:30', true],
    ['2026-03-02T11:29', true],
    ['2026-03-02T11:30', false],
    ['2026-03-02T13:30', true],
    ['2026-03-02T16:59', true],
    ['2026-03-02T17:00', false],
    ['2026-03-07T09:00', false],
    ['2026-01-10T09:00', true],
    ['2026-02-16T09:00', false],
  ])('%s is working time: %s', (text, expected) => {
    expect(cal.isWorkingTime(at(text))).toBe(expected);
  });

  test.each([
    ['2026-03-02T09:00', '2026-03-02T09:00'],
    ['2026-03-02T06:00', '2026-03-02T07:30'],
    ['2026-03-02T12:00', '2026-03-02T13:30'],
    ['2026-03-02T17:00', '2026-03-03T07:30'],
    ['2026-03-06T18:00', '2026-03-09T07:30'],
    ['2026-02-13T17:30', '2026-02-23T07:30'],
    ['2026-01-09T17:30', '2026-01-10T07:30'],
  ])('the next working instant after %s is %s', (text, expected) => {
    expect(show(cal.nextWorkingInstant(at(text)))).toBe(expected);
  });

  test.each([
    ['2026-03-02T09:00', 150, '2026-03-02T11:30'],
    ['2026-03-02T09:00', 151, '2026-03-02T13:31'],
    ['2026-03-02T09:00', 360, '2026-03-02T17:00'],
    ['2026-03-02T09:00', 361, '2026-03-03T07:31'],
    ['2026-03-06T18:00', 450, '2026-03-09T17:00'],
    ['2026-03-02T09:00', 0, '2026-03-02T09:00'],
    ['2026-03-07T09:00', 0, '2026-03-07T09:00'],
  ])('%s plus %i working minutes is %s (an interval end stays put)', (text, minutes, expected) => {
    expect(show(cal.addWorkingMinutes(at(text), minutes))).toBe(expected);
  });

  test.each([
    ['2026-03-02T09:00', '2026-03-09T09:00', 5 * 450],
    ['2026-03-02T12:00', '2026-03-02T13:00', 0],
    ['2026-03-06T17:00', '2026-03-09T07:30', 0],
    ['2026-02-13T16:00', '2026-02-23T08:00', 90],
    ['2026-03-09T09:00', '2026-03-02T09:00', 0],
  ])('%s to %s has %i working minutes', (a, b, minutes) => {
    expect(cal.workingMinutesBetween(at(a), at(b))).toBe(minutes);
  });

  test('listDays is inclusive and refuses spans over three years', () => {
    expect(cal.listDays('2026-02-13', '2026-02-16').map((d) => d.date)).toEqual([
      '2026-02-13',
      '2026-02-14',
      '2026-02-15',
      '2026-02-16',
    ]);
    expect(cal.listDays('2024-01-01', '2026-12-31')).toHaveLength(1096);
    expect(() => cal.listDays('2024-01-01', '2027-01-05')).toThrow(RangeError);
  });

  test('nextWorkingDay skips the whole Tết break', () => {
    expect(cal.nextWorkingDay('2026-02-13')).toBe('2026-02-23');
    expect(cal.nextWorkingDay('2026-01-09')).toBe('2026-01-10');
  });

  test('negative or non-finite minutes are a RangeError', () => {
    expect(() => cal.addWorkingMinutes(at('2026-03-02T09:00'), -1)).toThrow(RangeError);
    expect(() => cal.addWorkingMinutes(at('2026-03-02T09:00'), Number.NaN)).toThrow(RangeError);
    expect(() => cal.isWorkingTime(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  test('counting past 2100 is a RangeError', () => {
    expect(() => cal.addWorkingMinutes(at('2100-12-31T09:00'), 10_000)).toThrow(RangeError);
  });

  test('classifications returned to callers cannot corrupt the cache', () => {
    const reasons = cal.classifyDay('2026-02-16').reasons as string[];
    expect(() => reasons.push('x')).toThrow(TypeError);
  });
});
