import { describe, expect, test } from 'vitest';
import { seedCatalog } from '../../db/seed/procedures.seed.js';
import {
  createWorkingCalendar,
  defaultVietnamCalendar,
  formatVnIso,
  vnDateTimeToInstant,
} from '../calendar/index.js';
import { apologyDueBy, apologyLimit } from './apology-limit.js';

// The shipped calendar: Sat + Sun rest, 07:30–11:30 and 13:30–17:00; Tết 2026 off from 14/02 to 22/02;
// 02/01/2026 (Friday) swapped with Saturday 10/01/2026, a make-up working day.
const cal = createWorkingCalendar(defaultVietnamCalendar('default'));
const at = (date: string, hhmm: string): number => vnDateTimeToInstant(date, hhmm);
const limit = (date: string, hhmm: string, lead = 1): string =>
  formatVnIso(apologyLimit(cal, at(date, hhmm), lead)).slice(0, 16);

describe('the legal limit of the apology (one working day before the appointment)', () => {
  test('is the close of office hours of the working day before the appointment day', () => {
    expect(limit('2026-03-11', '17:00')).toBe('2026-03-10T17:00');
    // The time of the appointment within its day does not matter: the day before is the limit.
    expect(limit('2026-03-11', '08:00')).toBe('2026-03-10T17:00');
    expect(limit('2026-03-11', '11:30')).toBe('2026-03-10T17:00');
  });

  test('skips the weekend: a Monday appointment is due by Friday', () => {
    expect(limit('2026-03-09', '08:00')).toBe('2026-03-06T17:00');
  });

  test('skips holidays: after Tết the last working day before the break is the limit', () => {
    expect(limit('2026-02-23', '10:00')).toBe('2026-02-13T17:00');
  });

  test('follows day swaps: a make-up Saturday counts, the swapped Friday does not', () => {
    expect(limit('2026-01-12', '09:00')).toBe('2026-01-10T17:00');
    // 01/01 is Tết Dương lịch, 02/01 swapped off, then the weekend: back to the last day of 2025.
    expect(limit('2026-01-05', '09:00')).toBe('2025-12-31T17:00');
  });

  test('counts a longer lead in working days; a lead of 0 is the appointment itself', () => {
    expect(limit('2026-03-09', '08:00', 2)).toBe('2026-03-05T17:00');
    expect(limit('2026-02-24', '08:00', 2)).toBe('2026-02-13T17:00');
    expect(limit('2026-03-09', '08:00', 0)).toBe('2026-03-09T08:00');
  });

  test("takes the lead from the procedure's escalation settings, the legal default otherwise", () => {
    const correction = seedCatalog('H42').find((p) => p.code === '3.000466.000.00.00.H42')!;
    const appointment = at('2026-03-09', '08:00');
    expect(formatVnIso(apologyDueBy({ procedure: correction, calendar: cal }, appointment))).toBe(
      '2026-03-06T17:00:00+07:00',
    );
    const twoDays = { ...correction, escalation: { apologyLeadWorkingDays: 2 } };
    expect(formatVnIso(apologyDueBy({ procedure: twoDays, calendar: cal }, appointment))).toBe(
      '2026-03-05T17:00:00+07:00',
    );
  });
});
