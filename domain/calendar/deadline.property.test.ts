import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { computeDeadline } from './deadline.js';
import { defaultVietnamCalendar } from './shipped-vn.js';
import { formatVnIso, MS_PER_DAY, toVnDate, vnDateTimeToInstant } from './time.js';
import type { DeadlineLimit, DeadlineUnit, WorkingCalendar } from './types.js';
import { createWorkingCalendar } from './working-time.js';

const cal = createWorkingCalendar(defaultVietnamCalendar());
const FIRST = vnDateTimeToInstant('2024-01-01', '00:00');
const LAST = vnDateTimeToInstant('2026-12-31', '23:59');

const instant = fc.integer({ min: FIRST, max: LAST });
const unit = fc.constantFrom<DeadlineUnit>('working_hours', 'working_days', 'calendar_days', 'same_day');
const amount = fc.integer({ min: 0, max: 90 });

/** Exactly at the end of an office-hours interval of a working day (11:30 or 17:00). */
function atIntervalEnd(c: WorkingCalendar, t: number): boolean {
  const time = formatVnIso(t).slice(11, 19);
  return (
    t % 1000 === 0 &&
    c.isWorkingDay(toVnDate(t)) &&
    c.definition.officeHours.some((h) => `${h.end}:00` === time)
  );
}

describe('deadline properties on the shipped calendar (2024–2026)', () => {
  test('a deadline is never in non-working time: inside an interval or exactly at its end', () => {
    fc.assert(
      fc.property(instant, unit, amount, (from, u, a) => {
        const { deadline } = computeDeadline(cal, from, { amount: a, unit: u });
        expect(cal.isWorkingTime(deadline) || atIntervalEnd(cal, deadline)).toBe(true);
        expect(deadline).toBeGreaterThanOrEqual(from);
      }),
      { numRuns: 500 },
    );
  });

  test('adding then measuring working minutes round-trips', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 60 * 450 }), fc.boolean(), (t, minutes, snap) => {
        const start = snap ? cal.nextWorkingInstant(t) : t;
        expect(cal.workingMinutesBetween(start, cal.addWorkingMinutes(start, minutes))).toBe(minutes);
      }),
      { numRuns: 500 },
    );
  });

  test('a deadline is monotonic in the amount', () => {
    fc.assert(
      fc.property(instant, unit, amount, amount, (from, u, a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        const first = computeDeadline(cal, from, { amount: small, unit: u }).deadline;
        expect(computeDeadline(cal, from, { amount: large, unit: u }).deadline).toBeGreaterThanOrEqual(first);
      }),
      { numRuns: 500 },
    );
  });

  test('adding a day off never moves a deadline earlier', () => {
    fc.assert(
      fc.property(
        instant,
        unit,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 45 }),
        (from, u, a, offset) => {
          const date = toVnDate(from + offset * MS_PER_DAY);
          fc.pre(cal.classifyDay(date).kind !== 'make_up_working');
          const base = defaultVietnamCalendar();
          const extra = {
            year: Number(date.slice(0, 4)),
            reference: 'Thử nghiệm',
            entries: [{ date, kind: 'day_off' as const, reason: 'Nghỉ thêm' }],
          };
          const more = createWorkingCalendar({ ...base, decisions: [...base.decisions, extra] });
          const limit: DeadlineLimit = { amount: a, unit: u };
          expect(computeDeadline(more, from, limit).deadline).toBeGreaterThanOrEqual(
            computeDeadline(cal, from, limit).deadline,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  test('explanations list only non-working or make-up days, in date order, within the counted span', () => {
    fc.assert(
      fc.property(instant, unit, amount, (from, u, a) => {
        const { deadline, explanation } = computeDeadline(cal, from, { amount: a, unit: u });
        const dates = explanation.map((e) => e.date);
        expect([...dates].sort()).toEqual(dates);
        for (const e of explanation) {
          expect(e.date >= toVnDate(from) && e.date <= toVnDate(deadline)).toBe(true);
          expect(e.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
