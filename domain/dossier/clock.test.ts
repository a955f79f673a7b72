import { describe, expect, test } from 'vitest';
import {
  computeDeadline,
  createWorkingCalendar,
  defaultVietnamCalendar,
  formatVnIso,
  vnDateTimeToInstant,
} from '../calendar/index.js';
import type { ProcedureStep } from '../procedure/procedure-definition.js';
import {
  appointmentAfterSupplement,
  appointmentFrom,
  dossierResult,
  stepDeadline,
  stepResult,
} from './clock.js';
import { procedureCode, seededProcedure } from '../../test/support/catalog.js';

// March 2026 has no holiday; office hours 07:30–11:30 + 13:30–17:00 (450 min); 1 legal hour = 56.25 min.
const cal = createWorkingCalendar(defaultVietnamCalendar('default'));
const at = (date: string, hhmm: string): number => vnDateTimeToInstant(date, hhmm);
const show = (instant: number): string => formatVnIso(instant).slice(0, 16);
const MINUTE = 60_000;

const COPY = seededProcedure(procedureCode('3.000465')); // same day, restart
const CORRECTION = seededProcedure(procedureCode('3.000466')); // 5 working days, restart
const RECOGNITION = seededProcedure(procedureCode('1.004889')); // 15 working days, pause
const TRANSFER = seededProcedure(procedureCode('2.002478')); // 40 working hours, pause

const step = (budgetHours: number): ProcedureStep => ({
  id: 'tham-dinh',
  name: 'Thẩm định',
  kind: 'handling',
  division: 'QLCL',
  role: 'specialist',
  budgetHours,
});

describe('the appointment (hẹn trả kết quả)', () => {
  test.each([
    ['a correction (5 working days)', CORRECTION, '2026-03-02', '09:00', '2026-03-09T09:00'],
    ['a transfer (40 working hours = 5 days)', TRANSFER, '2026-03-02', '09:00', '2026-03-09T09:00'],
    ['a recognition (15 working days)', RECOGNITION, '2026-03-02', '08:00', '2026-03-23T08:00'],
    ['a copy (same day) before 15:00', COPY, '2026-03-02', '14:00', '2026-03-02T17:00'],
    ['a copy (same day) after 15:00', COPY, '2026-03-02', '15:30', '2026-03-03T17:00'],
  ])('%s received %s %s is due %s', (_what, p, date, hhmm, due) => {
    const receivedAt = at(date, hhmm);
    expect(show(appointmentFrom(cal, p, receivedAt))).toBe(due);
    expect(appointmentFrom(cal, p, receivedAt)).toBe(computeDeadline(cal, receivedAt, p.legalLimit).deadline);
  });
});

describe('the step clock (Mẫu 05)', () => {
  test.each([
    ['4 h from Monday 09:00 crosses the lunch break', 4, '2026-03-02', '09:00', '2026-03-02T14:45'],
    ['4 h from Friday 16:00 crosses the weekend', 4, '2026-03-06', '16:00', '2026-03-09T10:15'],
    ['4 h from a Saturday counts from Monday 07:30', 4, '2026-03-07', '10:00', '2026-03-09T11:15'],
    ['8 h (one working day) from 07:30 ends at 17:00', 8, '2026-03-02', '07:30', '2026-03-02T17:00'],
    ['20 h from Monday 13:52 ends Thursday morning', 20, '2026-03-02', '13:52', '2026-03-05T08:07'],
  ])('a budget of %s → %s', (_what, hours, date, hhmm, due) => {
    expect(show(stepDeadline(cal, step(hours), at(date, hhmm)))).toBe(due);
  });

  test('a budget of half a legal hour is 28.125 office minutes', () => {
    expect(stepDeadline(cal, step(0.5), at('2026-03-02', '08:00'))).toBe(at('2026-03-02', '08:28') + 7_500);
  });

  test.each([
    ['well inside the budget', '10:00', 'early'],
    ['one minute inside the budget', '14:44', 'early'],
    ['exactly at the budget', '14:45', 'on_time'],
    ['one minute over the budget', '14:46', 'late'],
  ])('a 4-hour step started Monday 09:00 and finished %s (%s) is %s', (_what, hhmm, result) => {
    expect(stepResult(cal, step(4), at('2026-03-02', '09:00'), at('2026-03-02', hhmm))).toBe(result);
  });

  test('a step finished at its own step deadline is on time', () => {
    for (const hours of [0.5, 1, 2, 3, 4, 6, 20, 80, 132]) {
      const startedAt = at('2026-03-04', '10:17');
      const s = step(hours);
      expect(stepResult(cal, s, startedAt, stepDeadline(cal, s, startedAt))).toBe('on_time');
    }
  });

  test('the comparison is in whole minutes: 28 min of a 28.125-min budget is on time, 29 is late', () => {
    const startedAt = at('2026-03-02', '08:00');
    expect(stepResult(cal, step(0.5), startedAt, startedAt + 27 * MINUTE)).toBe('early');
    expect(stepResult(cal, step(0.5), startedAt, startedAt + 28 * MINUTE)).toBe('on_time');
    expect(stepResult(cal, step(0.5), startedAt, startedAt + 29 * MINUTE)).toBe('late');
  });

  test('the time outside office hours does not count against the step', () => {
    // Started Friday 16:30, finished Monday 07:45: 30 + 15 = 45 working minutes of 56.25.
    expect(stepResult(cal, step(1), at('2026-03-06', '16:30'), at('2026-03-09', '07:45'))).toBe('early');
  });
});

// docs/domain.md, "Statistics categories".
describe('the dossier result against the appointment', () => {
  const appointmentAt = at('2026-03-09', '09:00');
  test.each([
    ['before the appointment', '2026-03-09', '08:59', 'early'],
    ['at the appointment', '2026-03-09', '09:00', 'on_time'],
    ['after the appointment', '2026-03-09', '09:01', 'late'],
    ['the weekend before the appointment', '2026-03-07', '10:00', 'early'],
    ['after office hours on the appointment day', '2026-03-09', '17:30', 'late'],
  ])('a dossier ended %s (%s %s) is %s', (_what, date, hhmm, result) => {
    expect(dossierResult(appointmentAt, at(date, hhmm))).toBe(result);
  });
});

describe('the appointment after a supplement', () => {
  describe('rule `pause`: the legal clock stood still while the applicant supplemented', () => {
    const appointmentAt = at('2026-03-23', '08:00'); // recognition received Mon 02/03 08:00

    test('Thursday 15:00 → Monday 10:00 pauses 720 working minutes and moves the appointment by as much', () => {
      const result = appointmentAfterSupplement(
        cal,
        RECOGNITION,
        appointmentAt,
        at('2026-03-05', '15:00'),
        at('2026-03-09', '10:00'),
      );
      // 120 (Thu) + 450 (Fri) + 0 (weekend) + 150 (Mon) = 720; Mon 23/03 08:00 + 720 → Tue 24/03 14:30.
      expect(result.pausedWorkingMinutes).toBe(720);
      expect(show(result.appointmentAt)).toBe('2026-03-24T14:30');
    });

    test('a request and a supplement within the same weekend pause nothing', () => {
      const result = appointmentAfterSupplement(
        cal,
        RECOGNITION,
        appointmentAt,
        at('2026-03-07', '09:00'),
        at('2026-03-08', '16:00'),
      );
      expect(result).toEqual({ appointmentAt, pausedWorkingMinutes: 0 });
    });

    test('a supplement received in the evening counts the pause to the close of office hours', () => {
      const result = appointmentAfterSupplement(
        cal,
        TRANSFER,
        at('2026-03-09', '09:00'),
        at('2026-03-04', '16:00'),
        at('2026-03-04', '19:00'),
      );
      expect(result.pausedWorkingMinutes).toBe(60);
      expect(show(result.appointmentAt)).toBe('2026-03-09T10:00');
    });

    test('a dossier already late at the request stays late by as much: the appointment moves by the pause only', () => {
      // Requested Tue 24/03 08:00, 30 working minutes after the appointment; supplemented at 18:00.
      const result = appointmentAfterSupplement(
        cal,
        RECOGNITION,
        appointmentAt,
        at('2026-03-24', '08:00'),
        at('2026-03-24', '18:00'),
      );
      expect(result.pausedWorkingMinutes).toBe(420);
      expect(show(result.appointmentAt)).toBe('2026-03-23T17:00');
    });

    test('the working time from request to appointment is the same before and after the pause', () => {
      // Deterministic sweep over request / resumption instants (every 97 minutes, 3 weeks).
      const start = at('2026-03-02', '08:00');
      for (let i = 0; i < 200; i++) {
        const requestedAt = start + i * 97 * MINUTE;
        const resumedAt = requestedAt + ((i * 389) % 4000) * MINUTE;
        if (requestedAt >= appointmentAt) continue;
        const result = appointmentAfterSupplement(cal, RECOGNITION, appointmentAt, requestedAt, resumedAt);
        const remainingBefore = cal.workingMinutesBetween(requestedAt, appointmentAt);
        const remainingAfter = cal.workingMinutesBetween(resumedAt, result.appointmentAt);
        expect(remainingAfter).toBeCloseTo(remainingBefore, 9);
        expect(cal.workingMinutesBetween(appointmentAt, result.appointmentAt)).toBeCloseTo(
          cal.workingMinutesBetween(requestedAt, resumedAt),
          9,
        );
      }
    });
  });

  describe('rule `restart`: the limit counts again in full from the complete dossier', () => {
    test('a correction supplemented Friday 16:00 is due Friday 16:00 a week later, whatever the old appointment', () => {
      const resumedAt = at('2026-03-06', '16:00');
      for (const old of [at('2026-03-09', '09:00'), at('2026-03-02', '10:00')]) {
        const result = appointmentAfterSupplement(cal, CORRECTION, old, at('2026-03-04', '10:00'), resumedAt);
        expect(result.pausedWorkingMinutes).toBeNull();
        expect(show(result.appointmentAt)).toBe('2026-03-13T16:00');
      }
    });

    test('a same-day copy supplemented after 15:00 is due at the close of the next working day', () => {
      const result = appointmentAfterSupplement(
        cal,
        COPY,
        at('2026-03-06', '17:00'),
        at('2026-03-06', '10:00'),
        at('2026-03-06', '15:10'),
      );
      expect(show(result.appointmentAt)).toBe('2026-03-09T17:00');
    });
  });
});
