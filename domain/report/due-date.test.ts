import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, defaultVietnamCalendar } from '../calendar/index.js';
import { remindersDueOn, reportDueDate, workingDaysBefore } from './due-date.js';

const cal = createWorkingCalendar(defaultVietnamCalendar());

describe('report due dates', () => {
  it('are the 12th of the last month of each plan period', () => {
    expect(reportDueDate('q1', 2026)).toBe('2026-03-12');
    expect(reportDueDate('h1', 2026)).toBe('2026-06-12');
    expect(reportDueDate('q3', 2026)).toBe('2026-09-12');
    expect(reportDueDate('year', 2026)).toBe('2026-12-12');
  });
});

describe('the reminder day, five working days before', () => {
  it('counts back over working days only', () => {
    // Thu 12/03/2026: Wed 11, Tue 10, Mon 9, Fri 6, Thu 5.
    expect(workingDaysBefore(cal, '2026-03-12', 5)).toBe('2026-03-05');
    // Sat 12/12/2026 (a rest day): Fri 11, Thu 10, Wed 9, Tue 8, Mon 7.
    expect(workingDaysBefore(cal, '2026-12-12', 5)).toBe('2026-12-07');
    // Sat 12/09/2026: Fri 11, Thu 10, Wed 9, Tue 8, Mon 7 (National Day 01–02/09 is earlier).
    expect(workingDaysBefore(cal, '2026-09-12', 5)).toBe('2026-09-07');
    // Fri 12/06/2026: Thu 11, Wed 10, Tue 9, Mon 8, Fri 5.
    expect(workingDaysBefore(cal, '2026-06-12', 5)).toBe('2026-06-05');
  });

  it('skips holidays and days off of the calendar', () => {
    // Tue 05/05/2026: Mon 4; Fri 1/5 and Thu 30/4 are holidays; Wed 29, Tue 28; Mon 27/4 is the Giỗ Tổ
    // compensatory day off; Fri 24, Thu 23.
    expect(workingDaysBefore(cal, '2026-05-05', 5)).toBe('2026-04-23');
  });

  it('is the day a report is due for reminding, and no other', () => {
    expect(remindersDueOn(cal, '2026-03-05')).toEqual([{ kind: 'q1', year: 2026, dueDate: '2026-03-12' }]);
    expect(remindersDueOn(cal, '2026-12-07')).toEqual([{ kind: 'year', year: 2026, dueDate: '2026-12-12' }]);
    expect(remindersDueOn(cal, '2026-03-04')).toEqual([]);
    expect(remindersDueOn(cal, '2026-03-06')).toEqual([]);
    expect(remindersDueOn(cal, '2026-06-05')).toEqual([{ kind: 'h1', year: 2026, dueDate: '2026-06-12' }]);
  });
});
