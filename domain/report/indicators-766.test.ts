import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, defaultVietnamCalendar, vnDateTimeToInstant } from '../calendar/index.js';
import { computeReport, type ReportDossier } from './figures.js';
import {
  monthsOf,
  processingWorkingDays,
  processingWorkingMinutes,
  withIndicators766,
  type IndicatorDossier,
} from './indicators-766.js';
import { planPeriod } from './period.js';

/** An instant from a Vietnam local 'YYYY-MM-DD HH:MM'. */
const at = (text: string): number => vnDateTimeToInstant(text.slice(0, 10), text.slice(11, 16));

// Office hours 07:30–11:30 and 13:30–17:00: 450 minutes a working day.
const cal = createWorkingCalendar(defaultVietnamCalendar());

describe('processing time in working days (Decision 766)', () => {
  const received = (receivedAt: string, supplements: ReportDossier['supplements'] = []) => ({
    receivedAt: at(receivedAt),
    supplements,
  });

  it('counts office time from receipt to the end', () => {
    // Mon 08:00–17:00 = 420 min, then Tue–Fri 4 × 450.
    const d = received('2026-01-05 08:00');
    expect(processingWorkingMinutes(d, at('2026-01-09 17:00'), cal)).toBe(2220);
    expect(processingWorkingDays(d, at('2026-01-09 17:00'), cal)).toBeCloseTo(2220 / 450, 10);
  });

  it('leaves out the time waiting for a supplement, whatever the clock rule', () => {
    // Waiting Tue 07:30 → Thu 07:30: two working days (900 min) out.
    const d = received('2026-01-05 08:00', [
      { requestedAt: at('2026-01-06 07:30'), resumedAt: at('2026-01-08 07:30') },
    ]);
    expect(processingWorkingMinutes(d, at('2026-01-09 17:00'), cal)).toBe(1320);
  });

  it('clips a wait still open at the end', () => {
    const d = received('2026-01-05 08:00', [{ requestedAt: at('2026-01-09 13:30'), resumedAt: null }]);
    expect(processingWorkingMinutes(d, at('2026-01-09 17:00'), cal)).toBe(2220 - 210);
  });

  it('skips Tết and counts the make-up Saturday', () => {
    // Fri 13/02 13:30–17:00 (210), Tết and the weekends off, Mon 23/02 07:30–11:30 (240).
    expect(processingWorkingDays(received('2026-02-13 13:30'), at('2026-02-23 11:30'), cal)).toBe(1);
    // Fri 09/01 afternoon (210), Sat 10/01 worked (450), Mon 12/01 morning (240).
    expect(processingWorkingDays(received('2026-01-09 13:30'), at('2026-01-12 11:30'), cal)).toBe(2);
  });
});

describe('monthsOf', () => {
  it('lists every month the period touches', () => {
    expect(monthsOf('2025-12-10', '2026-03-10')).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    expect(monthsOf('2026-06-11', '2026-06-30')).toEqual(['2026-06']);
  });
});

const dossier = (code: string, over: Partial<IndicatorDossier>): IndicatorDossier => ({
  code,
  procedureCode: 'P1',
  procedureName: 'Chỉnh sửa nội dung văn bằng',
  division: 'QLCL',
  channel: 'direct',
  receivedAt: at('2026-01-05 08:00'),
  phase: 'processing',
  resultReadyAt: null,
  finishedAt: null,
  appointmentAt: at('2026-12-31 17:00'),
  outcome: null,
  apologySignedAt: null,
  apologyLate: false,
  supplements: [],
  withdrawn: false,
  receivedUnit: 'BPMC',
  calendarVersion: 1,
  resultIsDocument: true,
  resultDigitised: false,
  componentsDigitised: false,
  feePaid: null,
  rating: null,
  ...over,
});

/** A period with dossiers at several receiving points (see the hand-computed table below). */
const dossiers: IndicatorDossier[] = [
  // Own desk, finished on time (2220 min = 4.93 days), result digitised, paid online; rated at the very
  // first instant after the period: not counted.
  dossier('U1', {
    phase: 'returned',
    resultReadyAt: at('2026-01-09 17:00'),
    finishedAt: at('2026-01-12 09:00'),
    appointmentAt: at('2026-01-09 17:00'),
    resultDigitised: true,
    feePaid: { method: 'online', at: at('2026-01-06 09:00') },
    rating: { dissatisfied: true, at: at('2026-03-11 00:00') },
  }),
  // Centre, online, early but after two supplement requests (1110 min), paid in cash, rated dissatisfied.
  dossier('U2', {
    receivedUnit: 'TTPVHCC',
    channel: 'online',
    phase: 'returned',
    resultReadyAt: at('2026-01-09 17:00'),
    finishedAt: at('2026-01-10 09:00'),
    appointmentAt: at('2026-01-12 17:00'),
    supplements: [
      { requestedAt: at('2026-01-06 07:30'), resumedAt: at('2026-01-08 07:30') },
      { requestedAt: at('2026-01-08 13:30'), resumedAt: at('2026-01-08 17:00') },
    ],
    feePaid: { method: 'cash', at: at('2026-01-07 10:00') },
    rating: { dissatisfied: true, at: at('2026-01-15 09:00') },
  }),
  // Centre, finished late across Tết (1 day); its procedure version unknown; rated satisfied in the last minute.
  dossier('U3', {
    receivedUnit: 'TTPVHCC',
    receivedAt: at('2026-02-13 13:30'),
    phase: 'result_ready',
    resultReadyAt: at('2026-02-23 11:30'),
    appointmentAt: at('2026-02-20 17:00'),
    resultIsDocument: null,
    rating: { dissatisfied: false, at: at('2026-03-10 23:59') },
  }),
  // Commune point, received in the last minute: in progress within time.
  dossier('U4', {
    receivedUnit: 'XA-HAIHAU',
    receivedAt: at('2026-03-10 23:59'),
    appointmentAt: at('2026-03-17 17:00'),
  }),
  // Received at the first instant after the period: nothing of it counts.
  dossier('U5', {
    receivedAt: at('2026-03-11 00:00'),
    feePaid: { method: 'online', at: at('2026-03-11 08:00') },
  }),
  // Own desk, carried over (received one minute before the period, paid then), overdue at the end.
  dossier('U7', {
    receivedAt: at('2025-12-09 23:59'),
    appointmentAt: at('2026-01-05 17:00'),
    feePaid: { method: 'online', at: at('2025-12-09 23:59') },
  }),
];

describe('Decision 766 indicators of Quý I 2026', () => {
  const period = planPeriod('q1', 2026);
  const now = at('2026-11-27 09:00');
  const report = withIndicators766(computeReport(dossiers, { period, now }), dossiers, {
    period,
    now,
    calendars: new Map([[1, defaultVietnamCalendar()]]),
    receivingUnits: {
      BPMC: { name: 'Bộ phận Một cửa Sở Giáo dục và Đào tạo', formerProvince: 'Ninh Bình' },
      TTPVHCC: { name: 'Trung tâm Phục vụ hành chính công tỉnh', formerProvince: 'Ninh Bình' },
      'XA-HAIHAU': { name: 'Trung tâm Phục vụ hành chính công xã Hải Hậu', formerProvince: 'Nam Định' },
    },
  });
  const table = (
    indicators: { code: string; numerator: number; denominator: number; value: number | null }[],
  ) => indicators.map((i) => [i.code, i.numerator, i.denominator, i.value]);

  it('equal the hand-computed table', () => {
    expect(table(report.indicators)).toEqual([
      ['ON_TIME_RATE', 2, 3, 66.67], // U1 U2 of U1 U2 U3
      ['ON_TIME_RATE_766', 1, 3, 33.33], // U2 asked twice
      ['LATE_RATE', 2, 5, 40], // U3, U7 of U1 U2 U3 U4 U7
      ['ONLINE_RATE', 1, 4, 25], // U2
      ['MULTIPLE_SUPPLEMENT_RATE', 1, 5, 20],
      ['APOLOGY_RATE', 0, 1, 0],
      ['AVERAGE_WORKING_DAYS', 8.4, 3, 2.8], // (2220 + 1110 + 450) / 450 over 3 dossiers
      ['RESULT_DIGITISATION_RATE', 1, 2, 50], // U1 of U1 U2 (U3's result kind is unknown)
      ['DOSSIER_DIGITISATION_RATE', 0, 4, 0], // components are never digitised yet
      ['ONLINE_PAYMENT_RATE', 1, 2, 50], // U1 of U1 U2 (U7 paid before the period, U5 after)
      ['OVERDUE_RATE_766', 3, 5, 60], // U2 U3 U7
      ['DISSATISFIED_RATE', 1, 2, 50], // U2 of U2 U3 (U1 rated after the period)
      ['SATISFACTION_766', 2, 5, 40], // U1 U4
    ]);
    expect(report.indicators.find((i) => i.code === 'AVERAGE_WORKING_DAYS')!.unit).toBe('working_days');
    expect(report.indicators.filter((i) => i.unit === 'percent')).toHaveLength(12);
  });

  it('has a row per receiving point, the Sở’s own desk first', () => {
    expect(
      report.byReceivingUnit.map((r) => [r.receivingUnit, r.receivingUnitName, r.toHandle, r.finished]),
    ).toEqual([
      ['BPMC', 'Bộ phận Một cửa Sở Giáo dục và Đào tạo', 2, 1],
      ['TTPVHCC', 'Trung tâm Phục vụ hành chính công tỉnh', 2, 2],
      ['XA-HAIHAU', 'Trung tâm Phục vụ hành chính công xã Hải Hậu', 1, 0],
    ]);
    const average = (row: { indicators: { code: string; numerator: number; value: number | null }[] }) =>
      row.indicators.find((i) => i.code === 'AVERAGE_WORKING_DAYS')!;
    expect(average(report.byReceivingUnit[0]!)).toMatchObject({ numerator: 4.93, value: 4.93 });
    expect(average(report.byReceivingUnit[1]!)).toMatchObject({ numerator: 3.47, value: 1.73 });
    expect(average(report.byReceivingUnit[2]!)).toMatchObject({ numerator: 0, value: null });
    expect(report.byReceivingUnit[1]!.formerProvince).toBe('Ninh Bình');
  });

  it('gives the procedure and division rows the same indicators as the totals when they hold every dossier', () => {
    expect(report.byProcedure[0]!.indicators).toEqual(report.indicators);
    expect(report.byDivision[0]!.indicators).toEqual(report.indicators);
  });

  it('rates each month by the end of its finished dossiers', () => {
    expect(report.byMonth).toEqual([
      { month: '2025-12', finished: 0, onTime: 0, onTime766: 0, onTimeRate: null, onTimeRate766: null },
      { month: '2026-01', finished: 2, onTime: 2, onTime766: 1, onTimeRate: 100, onTimeRate766: 50 },
      { month: '2026-02', finished: 1, onTime: 0, onTime766: 0, onTimeRate: 0, onTimeRate766: 0 },
      { month: '2026-03', finished: 0, onTime: 0, onTime766: 0, onTimeRate: null, onTimeRate766: null },
    ]);
  });
});
