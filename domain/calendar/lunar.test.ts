import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { epochDayFromYmd, ymdFromEpochDay } from './iso-date.js';
import { lunarToSolar, solarToLunar } from './lunar.js';

const iso = (d: { year: number; month: number; day: number }): string =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

describe('Vietnamese lunar calendar (UTC+7)', () => {
  test.each([
    [1968, '1968-01-29'],
    [1985, '1985-01-21'],
    [2007, '2007-02-17'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2030, '2030-02-02'],
  ])('Tết (1/1 lunar) of %i falls on %s', (year, expected) => {
    expect(iso(lunarToSolar(1, 1, year))).toBe(expected);
    const [y, m, d] = expected.split('-').map(Number) as [number, number, number];
    expect(solarToLunar(y, m, d)).toEqual({ day: 1, month: 1, year, leap: false });
  });

  test.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('Giỗ Tổ Hùng Vương (10/3 lunar) of %i falls on %s', (year, expected) => {
    expect(iso(lunarToSolar(10, 3, year))).toBe(expected);
  });

  // The Chinese calendar is computed at UTC+8; a new moon shortly before midnight in Vietnam falls
  // on the next day in China. 1985 differs by a whole month (the leap month falls differently).
  test.each([
    [1968, '1968-01-29', '1968-01-30'],
    [1985, '1985-01-21', '1985-02-20'],
    [2007, '2007-02-17', '2007-02-18'],
    [2030, '2030-02-02', '2030-02-03'],
  ])('Tết %i is %s in Vietnam (tz=7) but %s in China (tz=8)', (year, vietnam, china) => {
    expect(iso(lunarToSolar(1, 1, year, false, 7))).toBe(vietnam);
    expect(iso(lunarToSolar(1, 1, year, false, 8))).toBe(china);
  });

  test('the last day of lunar year Quý Mão (2023) is 30 Chạp, 2024-02-09', () => {
    expect(solarToLunar(2024, 2, 9)).toEqual({ day: 30, month: 12, year: 2023, leap: false });
  });

  test('2023 has a leap second month: 2023-03-22 is 1/2 nhuận', () => {
    expect(solarToLunar(2023, 3, 22)).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(iso(lunarToSolar(1, 2, 2023, true))).toBe('2023-03-22');
  });

  test('a leap month that does not exist is rejected with a RangeError', () => {
    expect(() => lunarToSolar(1, 5, 2024, true)).toThrow(RangeError);
  });

  test('day 30 of a 29-day lunar month is rejected with a RangeError', () => {
    // 12th month of Ất Tỵ (2025) has 29 days: Tết 2026 follows 29 Chạp.
    expect(solarToLunar(2026, 2, 16)).toEqual({ day: 29, month: 12, year: 2025, leap: false });
    expect(() => lunarToSolar(30, 12, 2025)).toThrow(RangeError);
  });

  test('dates just before a new moon are not "day 0" (edge of the original month estimate)', () => {
    expect(solarToLunar(2054, 5, 7).day).toBeGreaterThanOrEqual(29);
    expect(solarToLunar(2062, 4, 9).day).toBeGreaterThanOrEqual(29);
  });

  test('solar → lunar → solar round-trips for every date 1900–2100', () => {
    const first = epochDayFromYmd(1900, 1, 1);
    const last = epochDayFromYmd(2100, 12, 31);
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (epochDay) => {
        const solar = ymdFromEpochDay(epochDay);
        const lunar = solarToLunar(solar.year, solar.month, solar.day);
        expect(lunarToSolar(lunar.day, lunar.month, lunar.year, lunar.leap)).toEqual(solar);
      }),
      { numRuns: 2000 },
    );
  });
});
