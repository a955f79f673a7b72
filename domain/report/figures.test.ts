import { describe, expect, it } from 'vitest';
import { vnDateTimeToInstant } from '../calendar/index.js';
import {
  classifyDossier,
  computeReport,
  mainDivision,
  type ReportDossier,
  type ReportFigures,
} from './figures.js';
import { periodBounds, planPeriod } from './period.js';

/** An instant from a Vietnam local 'YYYY-MM-DD HH:MM'. */
const at = (text: string): number => vnDateTimeToInstant(text.slice(0, 10), text.slice(11, 16));

const dossier = (code: string, over: Partial<ReportDossier>): ReportDossier => ({
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
  ...over,
});

const q1 = planPeriod('q1', 2026); // 2025-12-10 .. 2026-03-10
const now = at('2026-11-27 09:00');

/** The seeded period (see the hand-computed table below). */
const dossiers: ReportDossier[] = [
  // Carried over (received the day before the start, one minute before midnight), finished early.
  dossier('A', {
    receivedAt: at('2025-12-09 23:59'),
    phase: 'returned',
    resultReadyAt: at('2025-12-10 08:00'),
    finishedAt: at('2025-12-11 08:00'),
    appointmentAt: at('2025-12-12 17:00'),
    outcome: 'early',
  }),
  // Received at the very first instant of the period, finished on time.
  dossier('B', {
    receivedAt: at('2025-12-10 00:00'),
    phase: 'returned',
    resultReadyAt: at('2025-12-17 17:00'),
    finishedAt: at('2025-12-20 08:00'),
    appointmentAt: at('2025-12-17 17:00'),
    outcome: 'on_time',
  }),
  // Received in the last minute of the period, online, in progress within time.
  dossier('C', {
    receivedAt: at('2026-03-10 23:59'),
    channel: 'online',
    appointmentAt: at('2026-03-17 17:00'),
  }),
  // Received at the first instant after the period: not counted.
  dossier('D', { receivedAt: at('2026-03-11 00:00') }),
  // Result ready one minute before the start, returned after it: ended before the period, not counted.
  dossier('E', {
    receivedAt: at('2025-12-01 08:00'),
    phase: 'returned',
    resultReadyAt: at('2025-12-09 23:59'),
    finishedAt: at('2025-12-15 08:00'),
    appointmentAt: at('2025-12-10 17:00'),
    outcome: 'early',
  }),
  // Postal; result ready at the first instant after the period: still in progress (within time) at its end.
  dossier('F', {
    receivedAt: at('2026-03-01 08:00'),
    channel: 'postal',
    phase: 'result_ready',
    resultReadyAt: at('2026-03-11 00:00'),
    appointmentAt: at('2026-03-12 17:00'),
  }),
  // Apology signed after its legal limit, result ready before the new appointment: late all the same.
  dossier('G', {
    receivedAt: at('2026-02-01 08:00'),
    phase: 'returned',
    apologySignedAt: at('2026-02-10 09:00'),
    apologyLate: true,
    resultReadyAt: at('2026-02-20 10:00'),
    finishedAt: at('2026-02-21 10:00'),
    appointmentAt: at('2026-02-25 17:00'),
  }),
  dossier('H', { receivedAt: at('2026-01-05 08:00'), phase: 'refused', finishedAt: at('2026-01-10 10:00') }),
  // Carried over, then withdrawn by the applicant.
  dossier('I', {
    receivedAt: at('2025-11-20 08:00'),
    phase: 'stopped',
    finishedAt: at('2026-02-10 10:00'),
    withdrawn: true,
  }),
  // Stopped in the last second of the period.
  dossier('J', {
    receivedAt: at('2026-03-02 08:00'),
    phase: 'stopped',
    finishedAt: at('2026-03-10 23:59') + 59_000,
  }),
  // Online, still open long after its appointment: overdue.
  dossier('K', {
    receivedAt: at('2026-01-05 08:00'),
    channel: 'online',
    appointmentAt: at('2026-01-12 17:00'),
  }),
  // Carried over; waiting for its second supplement, asked before the appointment: within time.
  dossier('L', {
    receivedAt: at('2025-12-05 08:00'),
    phase: 'awaiting_supplement',
    appointmentAt: at('2026-03-09 17:00'),
    supplements: [
      { requestedAt: at('2025-12-20 09:00'), resumedAt: at('2025-12-22 09:00') },
      { requestedAt: at('2026-03-05 09:00'), resumedAt: null },
    ],
  }),
  // Waiting for the applicant at the period end (the supplement came after it): judged at the request.
  dossier('M', {
    receivedAt: at('2026-02-20 08:00'),
    appointmentAt: at('2026-03-20 17:00'),
    appointments: [
      { at: at('2026-02-20 08:00'), appointmentAt: at('2026-03-05 17:00') },
      { at: at('2026-03-12 09:00'), appointmentAt: at('2026-03-20 17:00') },
    ],
    supplements: [{ requestedAt: at('2026-03-02 10:00'), resumedAt: at('2026-03-12 09:00') }],
  }),
  // Apology signed after the period: at its end the first appointment was in force, and missed.
  dossier('N', {
    receivedAt: at('2026-02-26 08:00'),
    apologySignedAt: at('2026-03-12 09:00'),
    appointmentAt: at('2026-03-25 17:00'),
    appointments: [
      { at: at('2026-02-26 08:00'), appointmentAt: at('2026-03-06 17:00') },
      { at: at('2026-03-12 09:00'), appointmentAt: at('2026-03-25 17:00') },
    ],
  }),
  // Online, result ready (not yet handed over) before the appointment: finished early.
  dossier('O', {
    receivedAt: at('2026-02-02 08:00'),
    channel: 'online',
    phase: 'result_ready',
    resultReadyAt: at('2026-02-05 10:00'),
    appointmentAt: at('2026-02-09 17:00'),
    procedureCode: 'P2',
    procedureName: 'Cấp bản sao văn bằng',
    division: 'GDTRH',
  }),
  // Carried over, finished on time after two supplement requests (one of them in the period).
  dossier('Q', {
    receivedAt: at('2025-10-01 08:00'),
    phase: 'returned',
    resultReadyAt: at('2026-01-15 10:00'),
    finishedAt: at('2026-01-16 10:00'),
    appointmentAt: at('2026-01-15 10:00'),
    outcome: 'on_time',
    supplements: [
      { requestedAt: at('2025-10-05 09:00'), resumedAt: at('2025-10-20 09:00') },
      { requestedAt: at('2025-12-11 09:00'), resumedAt: at('2026-01-05 09:00') },
    ],
    procedureCode: 'P2',
    procedureName: 'Cấp bản sao văn bằng',
    division: null,
  }),
  // Appointment on the last day, still open after it: overdue at the period end.
  dossier('R', { receivedAt: at('2026-03-09 08:00'), appointmentAt: at('2026-03-10 17:00') }),
];

/** Hand-computed from the list above (one letter per dossier). */
const expectedTotals: ReportFigures = {
  received: 11, // B C F G H J K M N O R
  receivedDirect: 7, // B G H J M N R
  receivedOnline: 3, // C K O
  receivedPostal: 1, // F
  carriedOver: 4, // A I L Q
  toHandle: 15,
  finished: 5, // A B G O Q
  finishedEarly: 2, // A O
  finishedOnTime: 2, // B Q
  finishedLate: 1, // G
  finishedLateWithApology: 1, // G
  finishedLateWithLateApology: 1, // G
  finishedOnTimeMultipleSupplements: 1, // Q
  inProgress: 7, // C F K L M N R
  inProgressOnTime: 4, // C F L M
  inProgressOverdue: 3, // K N R
  withdrawn: 1, // I
  refused: 1, // H
  stopped: 1, // J
  supplementRequests: 4, // L×2, M, Q (its second)
  multipleSupplements: 2, // L Q
  onTimeRate: 80, // 4 / 5
};

describe('report figures of Quý I 2026', () => {
  const report = computeReport(dossiers, { period: q1, now, divisionNames: { QLCL: 'Phòng QLCL' } });

  it('equal the hand-computed table, dossiers straddling both cut-offs included', () => {
    expect(report.totals).toEqual(expectedTotals);
  });

  it('states the window, its cut-off instants and that it is over', () => {
    expect(report.window).toEqual({
      from: '2025-12-10',
      to: '2026-03-10',
      kind: 'q1',
      year: 2026,
      start: '2025-12-10T00:00:00+07:00',
      end: '2026-03-11T00:00:00+07:00',
      asOf: '2026-03-11T00:00:00+07:00',
      complete: true,
    });
  });

  it('adds up in every row: to handle = finished + refused + withdrawn + stopped + in progress', () => {
    for (const f of [report.totals, ...report.byProcedure, ...report.byDivision]) {
      expect(f.toHandle).toBe(f.received + f.carriedOver);
      expect(f.toHandle).toBe(f.finished + f.refused + f.withdrawn + f.stopped + f.inProgress);
      expect(f.finished).toBe(f.finishedEarly + f.finishedOnTime + f.finishedLate);
      expect(f.inProgress).toBe(f.inProgressOnTime + f.inProgressOverdue);
    }
  });

  it('splits by procedure and by division (unknown division last)', () => {
    expect(report.byProcedure.map((p) => [p.procedureCode, p.toHandle, p.finished])).toEqual([
      ['P1', 13, 3],
      ['P2', 2, 2],
    ]);
    expect(report.byDivision.map((d) => [d.division, d.divisionName, d.toHandle])).toEqual([
      ['GDTRH', null, 1],
      ['QLCL', 'Phòng QLCL', 13],
      [null, null, 1],
    ]);
  });

  it('computes the Decision 766 indicators', () => {
    expect(report.indicators.map((i) => [i.code, i.numerator, i.denominator, i.value])).toEqual([
      ['ON_TIME_RATE', 4, 5, 80],
      ['ON_TIME_RATE_766', 3, 5, 60],
      ['LATE_RATE', 4, 15, 26.67],
      ['ONLINE_RATE', 3, 11, 27.27],
      ['MULTIPLE_SUPPLEMENT_RATE', 2, 15, 13.33],
      ['APOLOGY_RATE', 1, 1, 100],
    ]);
  });
});

describe('a period that is still running', () => {
  it('judges dossiers in progress now, not at the period end', () => {
    const period = planPeriod('year', 2026); // to 2026-12-10
    const open = dossier('X', { receivedAt: at('2026-11-20 08:00'), appointmentAt: at('2026-11-30 17:00') });
    const before = computeReport([open], { period, now: at('2026-11-27 09:00') });
    expect(before.window.asOf).toBe('2026-11-27T09:00:00+07:00');
    expect(before.window.complete).toBe(false);
    expect(before.totals.inProgressOnTime).toBe(1);
    const after = computeReport([open], { period, now: at('2026-12-01 09:00') });
    expect(after.totals.inProgressOverdue).toBe(1);
  });

  it('counts nothing and gives null rates for an empty period', () => {
    const report = computeReport([], { period: q1, now });
    expect(report.totals.toHandle).toBe(0);
    expect(report.totals.onTimeRate).toBeNull();
    expect(report.indicators.every((i) => i.value === null)).toBe(true);
  });
});

describe('a dossier across two consecutive periods', () => {
  it('is received in one and finished in the next', () => {
    const d = dossier('S', {
      receivedAt: at('2026-03-10 16:00'),
      phase: 'returned',
      resultReadyAt: at('2026-03-11 09:00'),
      finishedAt: at('2026-03-12 09:00'),
      appointmentAt: at('2026-03-17 17:00'),
      outcome: 'early',
    });
    const first = classifyDossier(d, periodBounds(q1), periodBounds(q1).end);
    expect(first).toMatchObject({ received: true, closed: null, progress: 'on_time' });
    const next = periodBounds({ from: '2026-03-11', to: '2026-06-10' });
    expect(classifyDossier(d, next, next.end)).toMatchObject({
      received: false,
      carriedOver: true,
      closed: 'finished',
      result: 'early',
    });
  });
});

describe('the division in charge', () => {
  it('is the first handling step, else the first step outside the desk', () => {
    expect(
      mainDivision([
        { kind: 'receipt', division: 'BPMC' },
        { kind: 'handling', division: 'QLCL' },
        { kind: 'handling', division: 'VP' },
        { kind: 'approval', division: 'BGD' },
      ]),
    ).toBe('QLCL');
    expect(
      mainDivision([
        { kind: 'receipt', division: 'BPMC' },
        { kind: 'approval', division: 'BGD' },
      ]),
    ).toBe('BGD');
    expect(mainDivision([{ kind: 'receipt', division: 'BPMC' }])).toBe('BPMC');
    expect(mainDivision([])).toBeNull();
  });
});
