import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addDays,
  epochDayFromYmd,
  formatDmy,
  isoFromEpochDay,
  parseIsoDate,
  weekdayOfEpochDay,
  ymdFromEpochDay,
} from './iso-date.js';
import { formatVnIso, parseIsoInstant, toVnDate, vnDateTimeToInstant } from './time.js';

describe('ISO dates', () => {
  test('epoch days agree with Date.UTC across 1900–2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25567, max: 47482 }), (epochDay) => {
        const { year, month, day } = ymdFromEpochDay(epochDay);
        expect(Date.UTC(year, month - 1, day) / 86_400_000).toBe(epochDay);
        expect(epochDayFromYmd(year, month, day)).toBe(epochDay);
        expect(weekdayOfEpochDay(epochDay)).toBe(new Date(epochDay * 86_400_000).getUTCDay());
      }),
    );
  });

  test.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-1-01', 'x'])(
    '%s is not a valid date',
    (text) => {
      expect(parseIsoDate(text)).toBeUndefined();
    },
  );

  test('adding days crosses months and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(isoFromEpochDay(0)).toBe('1970-01-01');
    expect(formatDmy('2026-01-02')).toBe('02/01/2026');
  });
});

describe('Vietnam local time (fixed UTC+07:00)', () => {
  test('17:00 in Hà Nội is 10:00 UTC', () => {
    const instant = vnDateTimeToInstant('2026-02-13', '17:00');
    expect(instant).toBe(Date.UTC(2026, 1, 13, 10, 0));
    expect(formatVnIso(instant)).toBe('2026-02-13T17:00:00+07:00');
  });

  test('the local date changes at 17:00 UTC', () => {
    expect(toVnDate(Date.UTC(2026, 0, 1, 16, 59, 59))).toBe('2026-01-01');
    expect(toVnDate(Date.UTC(2026, 0, 1, 17, 0))).toBe('2026-01-02');
  });

  test.each([
    ['2026-02-13T15:01:00+07:00', Date.UTC(2026, 1, 13, 8, 1)],
    ['2026-02-13T08:01:00Z', Date.UTC(2026, 1, 13, 8, 1)],
    ['2026-02-13T08:01Z', Date.UTC(2026, 1, 13, 8, 1)],
    ['2026-02-13T03:31:00.250-0430', Date.UTC(2026, 1, 13, 8, 1, 0, 250)],
  ])('parses %s', (text, expected) => {
    expect(parseIsoInstant(text)).toBe(expected);
  });

  test.each([
    '2026-02-13T15:01:00',
    '2026-02-13',
    '2026-02-30T10:00:00Z',
    '2026-02-13T24:00:00Z',
    '2026-02-13T10:00:00+25:00',
    'soon',
  ])('rejects %s (malformed or without an explicit offset)', (text) => {
    expect(parseIsoInstant(text)).toBeUndefined();
  });

  test('format then parse round-trips to the second', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 11, 31) }), (ms) => {
        const seconds = Math.floor(ms / 1000) * 1000;
        expect(parseIsoInstant(formatVnIso(ms))).toBe(seconds);
      }),
    );
  });

  test('malformed times of day are rejected', () => {
    expect(() => vnDateTimeToInstant('2026-01-01', '7:30')).toThrow(RangeError);
    expect(() => vnDateTimeToInstant('2101-01-01', '07:30')).toThrow(RangeError);
  });
});
