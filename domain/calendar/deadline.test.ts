import { describe, expect, test } from 'vitest';
import { computeDeadline } from './deadline.js';
import { defaultVietnamCalendar } from './shipped-vn.js';
import { formatVnIso, parseIsoInstant } from './time.js';
import type { DeadlineLimit } from './types.js';
import { createWorkingCalendar } from './working-time.js';

const cal = createWorkingCalendar(defaultVietnamCalendar('nam-dinh'));
const at = (text: string): number => parseIsoInstant(`${text}+07:00`)!;
const due = (from: string, limit: DeadlineLimit, calendar = cal): string =>
  formatVnIso(computeDeadline(calendar, at(from), limit).deadline).slice(0, 16);
const explain = (from: string, limit: DeadlineLimit): string[] =>
  computeDeadline(cal, at(from), limit).explanation.map((e) => `${e.date} ${e.reason}`);
const days = (amount: number): DeadlineLimit => ({ amount, unit: 'working_days' });
const SAME_DAY: DeadlineLimit = { amount: 1, unit: 'same_day' };
const TET_2026 = [
  '2026-02-14 Thứ Bảy; Nghỉ Tết Nguyên đán',
  '2026-02-15 Chủ nhật; Nghỉ Tết Nguyên đán',
  '2026-02-16 Nghỉ Tết Nguyên đán',
  '2026-02-17 Nghỉ Tết Nguyên đán',
  '2026-02-18 Nghỉ Tết Nguyên đán',
  '2026-02-19 Nghỉ Tết Nguyên đán',
  '2026-02-20 Nghỉ Tết Nguyên đán',
  '2026-02-21 Thứ Bảy; Nghỉ Tết Nguyên đán',
  '2026-02-22 Chủ nhật; Nghỉ Tết Nguyên đán',
];

describe('working-day deadlines (counted as working time to the minute)', () => {
  test('5 working days from Mon 2026-03-02 09:00 is Mon 2026-03-09 09:00', () => {
    expect(due('2026-03-02T09:00', days(5))).toBe('2026-03-09T09:00');
    expect(explain('2026-03-02T09:00', days(5))).toEqual(['2026-03-07 Thứ Bảy', '2026-03-08 Chủ nhật']);
  });

  test('25 working days received Wed 2026-02-11 10:00, just before Tết, end Wed 2026-03-25 10:00', () => {
    // Working days after Wed 11/02: Thu 12 (1), Fri 13 (2); 14–22/02 Tết break; Mon 23 – Fri 27 (3–7),
    // 02–06/03 (8–12), 09–13/03 (13–17), 16–20/03 (18–22), Mon 23 (23), Tue 24 (24), Wed 25/03 (25).
    // The count started at 10:00, so it ends at 10:00 of the 25th working day.
    expect(due('2026-02-11T10:00', days(25))).toBe('2026-03-25T10:00');
    const explanation = explain('2026-02-11T10:00', days(25));
    expect(explanation.slice(0, 9)).toEqual(TET_2026);
    expect(explanation.slice(9)).toEqual([
      '2026-02-28 Thứ Bảy',
      '2026-03-01 Chủ nhật',
      '2026-03-07 Thứ Bảy',
      '2026-03-08 Chủ nhật',
      '2026-03-14 Thứ Bảy',
      '2026-03-15 Chủ nhật',
      '2026-03-21 Thứ Bảy',
      '2026-03-22 Chủ nhật',
    ]);
  });

  test('received Friday evening with 1 working day is due Monday 17:00, not Tuesday 07:30', () => {
    expect(due('2026-03-06T18:00', days(1))).toBe('2026-03-09T17:00');
    expect(explain('2026-03-06T18:00', days(1))).toEqual(['2026-03-07 Thứ Bảy', '2026-03-08 Chủ nhật']);
  });

  test('received at 07:30 with 1 working day is due the same day at 17:00', () => {
    expect(due('2026-03-02T07:30', days(1))).toBe('2026-03-02T17:00');
  });

  test('received during the lunch break, 1 working day ends at 11:30 the next day', () => {
    expect(due('2026-03-02T12:00', days(1))).toBe('2026-03-03T11:30');
  });

  test('the make-up Saturday 2026-01-10 counts as a working day', () => {
    expect(due('2026-01-09T09:00', days(1))).toBe('2026-01-10T09:00');
    expect(explain('2026-01-09T09:00', days(1))).toEqual(['2026-01-10 Làm bù cho ngày 02/01/2026']);
  });

  test('a count across New Year 2026 skips 1/1, the swapped 2/1 and the weekend', () => {
    expect(due('2025-12-31T10:00', days(2))).toBe('2026-01-06T10:00');
    expect(explain('2025-12-31T10:00', days(2))).toEqual([
      '2026-01-01 Tết Dương lịch',
      '2026-01-02 Nghỉ hoán đổi ngày làm việc (làm bù thứ Bảy 10/01/2026)',
      '2026-01-03 Thứ Bảy',
      '2026-01-04 Chủ nhật',
    ]);
  });

  test('Giỗ Tổ 2026 on Sunday moves a deadline over the compensatory Monday 27/04', () => {
    expect(due('2026-04-24T09:00', days(1))).toBe('2026-04-28T09:00');
    expect(explain('2026-04-24T09:00', days(1))).toContain('2026-04-27 Nghỉ bù Giỗ Tổ Hùng Vương');
  });

  test('0 working days is the start of counting', () => {
    expect(due('2026-03-06T18:00', days(0))).toBe('2026-03-09T07:30');
  });
});

describe('working-hour deadlines', () => {
  test('40 working hours are 5 working days on an 8-hour office day', () => {
    const eightHours = createWorkingCalendar({
      ...defaultVietnamCalendar(),
      officeHours: [
        { start: '07:30', end: '11:30' },
        { start: '13:00', end: '17:00' },
      ],
    });
    expect(eightHours.workingMinutesPerDay).toBe(480);
    expect(due('2026-03-02T07:30', { amount: 40, unit: 'working_hours' }, eightHours)).toBe(
      '2026-03-06T17:00',
    );
    expect(due('2026-03-02T07:30', days(5), eightHours)).toBe('2026-03-06T17:00');
  });

  test('on the default 7.5-hour office day a legal working hour is 1/8 of the day: 40 h are 5 days', () => {
    expect(due('2026-03-02T07:30', { amount: 40, unit: 'working_hours' })).toBe('2026-03-06T17:00');
    expect(due('2026-03-02T09:00', { amount: 40, unit: 'working_hours' })).toBe(
      due('2026-03-02T09:00', days(5)),
    );
  });

  test('200 working hours are the same appointment as 25 working days (Ninh Bình internal process)', () => {
    expect(due('2026-03-02T09:00', { amount: 200, unit: 'working_hours' })).toBe(
      due('2026-03-02T09:00', days(25)),
    );
  });

  test('4 working hours (half a day, 225 office minutes) from 09:00 cross the lunch break', () => {
    expect(due('2026-03-02T09:00', { amount: 4, unit: 'working_hours' })).toBe('2026-03-02T14:45');
  });
});

describe('same-day deadlines with the 15:00 cut-off', () => {
  test('received Fri 2026-02-13 at 14:59 is due 17:00 the same day', () => {
    expect(due('2026-02-13T14:59', SAME_DAY)).toBe('2026-02-13T17:00');
    expect(explain('2026-02-13T14:59', SAME_DAY)).toEqual([]);
  });

  test('received Fri 2026-02-13 at 15:01, the last day before Tết, is due Mon 2026-02-23 17:00', () => {
    expect(due('2026-02-13T15:01', SAME_DAY)).toBe('2026-02-23T17:00');
    expect(explain('2026-02-13T15:01', SAME_DAY)).toEqual([
      '2026-02-13 Nhận sau 15:00, hẹn trả ngày làm việc tiếp theo',
      ...TET_2026,
    ]);
  });

  test('received at exactly 15:00 is still the same day', () => {
    expect(due('2026-04-29T15:00', SAME_DAY)).toBe('2026-04-29T17:00');
  });

  test('received after 15:00 on the day before 30/4–1/5 is due after the holidays and the weekend', () => {
    expect(due('2026-04-29T15:30', SAME_DAY)).toBe('2026-05-04T17:00');
    expect(explain('2026-04-29T15:30', SAME_DAY)).toEqual([
      '2026-04-29 Nhận sau 15:00, hẹn trả ngày làm việc tiếp theo',
      '2026-04-30 Ngày Chiến thắng',
      '2026-05-01 Ngày Quốc tế Lao động',
      '2026-05-02 Thứ Bảy',
      '2026-05-03 Chủ nhật',
    ]);
  });

  test('received before office hours on a working day is due that day', () => {
    expect(due('2026-03-02T06:00', SAME_DAY)).toBe('2026-03-02T17:00');
  });

  test('received on a Saturday is due Monday 17:00', () => {
    expect(due('2026-03-07T10:00', SAME_DAY)).toBe('2026-03-09T17:00');
    expect(explain('2026-03-07T10:00', SAME_DAY)).toEqual(['2026-03-07 Thứ Bảy', '2026-03-08 Chủ nhật']);
  });

  test('received late on the Friday before a make-up Saturday is due that Saturday', () => {
    expect(due('2026-01-09T16:00', SAME_DAY)).toBe('2026-01-10T17:00');
  });
});

describe('calendar-day deadlines (Civil Code Art. 147–148)', () => {
  test('counting starts the next day and ends at 17:00 of the last day', () => {
    expect(due('2026-03-02T10:00', { amount: 3, unit: 'calendar_days' })).toBe('2026-03-05T17:00');
    expect(explain('2026-03-02T10:00', { amount: 10, unit: 'calendar_days' })).toEqual([]);
  });

  test('a period ending on a Sunday moves to Monday 17:00', () => {
    expect(due('2026-03-02T10:00', { amount: 6, unit: 'calendar_days' })).toBe('2026-03-09T17:00');
    expect(explain('2026-03-02T10:00', { amount: 6, unit: 'calendar_days' })).toEqual([
      '2026-03-08 Chủ nhật',
    ]);
  });

  test('a period ending inside the Tết break moves to the first working day after it', () => {
    expect(due('2026-02-11T10:00', { amount: 10, unit: 'calendar_days' })).toBe('2026-02-23T17:00');
    expect(explain('2026-02-11T10:00', { amount: 10, unit: 'calendar_days' })).toEqual(TET_2026.slice(7));
  });

  test('a fractional number of calendar days is a RangeError', () => {
    expect(() =>
      computeDeadline(cal, at('2026-03-02T10:00'), { amount: 1.5, unit: 'calendar_days' }),
    ).toThrow(RangeError);
  });
});

describe('deadline results and validation', () => {
  test('a result names the calendar version and tenant it was computed with', () => {
    const result = computeDeadline(cal, at('2026-03-02T09:00'), days(1));
    expect(result).toMatchObject({ calendarVersion: 1, tenant: 'nam-dinh' });
  });

  test.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('amount %d is a RangeError', (amount) => {
    expect(() => computeDeadline(cal, at('2026-03-02T09:00'), { amount, unit: 'working_days' })).toThrow(
      RangeError,
    );
  });

  test('an unknown unit is a RangeError', () => {
    const limit = { amount: 1, unit: 'weeks' } as unknown as DeadlineLimit;
    expect(() => computeDeadline(cal, at('2026-03-02T09:00'), limit)).toThrow(RangeError);
  });

  test('receipts and results outside 1900–2100 are RangeErrors', () => {
    expect(() => computeDeadline(cal, at('1899-12-31T09:00'), days(1))).toThrow(RangeError);
    expect(() => computeDeadline(cal, at('2100-12-20T09:00'), days(30))).toThrow(RangeError);
    expect(() => computeDeadline(cal, at('2100-12-20T09:00'), { amount: 30, unit: 'calendar_days' })).toThrow(
      RangeError,
    );
  });
});
