import { describe, expect, test } from 'vitest';
import { devUsers } from '../../db/seed/organisation.seed.js';
import {
  createWorkingCalendar,
  defaultVietnamCalendar,
  formatVnIso,
  vnDateTimeToInstant,
  type CalendarDefinitionInput,
} from '../calendar/index.js';
import { adoptCalendar } from './calendar-change.js';
import {
  apologyRequired,
  atRiskAt,
  nextEscalationAt,
  reminderAt,
  workingInstantBefore,
  escalate,
  markOverdue,
} from './escalation.js';
import type { DossierContext } from './context.js';
import { decide } from './officer-actions.js';
import { receiveDossier } from './receipt.js';
import type { Transition } from './transition.js';
import { noticesFor } from './notices.js';
import type { Actor, DossierState } from './types.js';
import { procedureCode, seededProcedure } from '../../test/support/catalog.js';

// March 2026 has no holiday; office hours 07:30–11:30 + 13:30–17:00 (450 min); a legal hour is 56.25 min.
const definition = defaultVietnamCalendar('default');
const cal = createWorkingCalendar(definition);
const at = (date: string, hhmm: string): number => vnDateTimeToInstant(date, hhmm);
const show = (instant: number | null | undefined): string =>
  instant === null || instant === undefined ? String(instant) : formatVnIso(instant).slice(0, 16);

/** Chỉnh sửa nội dung văn bằng: 5 working days; steps 4 + 2 + 20 + 4 + 6 + 2 + 2 legal hours. */
const CORRECTION = seededProcedure(procedureCode('3.000466'));
const ctx: DossierContext = { procedure: CORRECTION, calendar: cal };

const actorOf = (username: string): Actor => {
  const u = devUsers.find((d) => d.username === username)!;
  return {
    officerId: `id-${username}`,
    username,
    fullName: u.fullName,
    role: u.role,
    divisionCode: u.divisionCode,
  };
};
const receiver = actorOf('receiver');
const director = actorOf('director');
const deputy = actorOf('deputy');
const specialist = actorOf('specialist');
const admin = actorOf('admin');

function received(date: string, hhmm: string): DossierState {
  return receiveDossier(ctx, { code: 'D1', tenant: 'default', receivedAt: at(date, hhmm), actor: receiver })
    .state;
}

/** Runs the ladder as the workflow does: wake at each next instant, apply everything due. */
function walk(state: DossierState, until: number): { state: DossierState; fired: Transition[] } {
  const fired: Transition[] = [];
  for (;;) {
    const next = Math.min(
      nextEscalationAt(ctx, state) ?? Infinity,
      state.overdue ? Infinity : state.appointmentAt,
    );
    if (next > until) return { state, fired };
    const overdue = markOverdue(ctx, state, next);
    if (overdue) {
      fired.push(overdue);
      state = overdue.state;
    }
    for (let t = escalate(ctx, state, next); t; t = escalate(ctx, state, next)) {
      fired.push(t);
      state = t.state;
    }
  }
}

describe('the escalation ladder of an untouched dossier', () => {
  test('fires in order, on working time only, each level once', () => {
    const start = received('2026-03-02', '08:00');
    expect(show(start.appointmentAt)).toBe('2026-03-09T08:00');
    const { fired, state } = walk(start, at('2026-03-20', '17:00'));
    expect(fired.map((t) => [t.event.type, show(t.event.at)])).toEqual([
      // 75% of 4 legal hours = 169 office minutes after 08:00.
      ['step_reminder', '2026-03-02T10:49'],
      // 4 legal hours = 225 office minutes: 210 in the morning, 15 after lunch.
      ['step_overdue', '2026-03-02T13:45'],
      // The remaining steps need 34 legal hours before the result (return excluded): from 15:38 on, the
      // 112.5 minutes of slack left after the step deadline are gone.
      ['at_risk', '2026-03-02T15:38'],
      ['overdue', '2026-03-09T08:00'],
    ]);
    expect(state.atRisk).toMatchObject({ reason: 'budget' });
    expect(state.currentStep).toMatchObject({ remindedAt: at('2026-03-02', '10:49') });
  });

  test('a dossier received late on Friday is reminded on Monday, never at the weekend', () => {
    const start = received('2026-03-06', '16:00');
    expect(show(reminderAt(ctx, start))).toBe('2026-03-09T09:19');
    const { fired } = walk(start, at('2026-03-10', '17:00'));
    for (const t of fired)
      expect(cal.isWorkingTime(t.event.at) || cal.isWorkingTime(t.event.at - 1)).toBe(true);
  });

  test('a step finished early leaves slack: the last working day before the appointment raises the risk', () => {
    let state = received('2026-03-02', '08:00');
    state = (
      decide(
        ctx,
        state,
        { type: 'complete', stepId: state.currentStep!.stepId },
        receiver,
        at('2026-03-02', '08:30'),
      ) as { state: DossierState }
    ).state;
    const risk = atRiskAt(ctx, state)!;
    // Slack of about 3.4 legal hours: the budget rule would fire late; the 1-day rule comes first only if
    // the budget rule is later — here the budget rule is on Wed 04/03, before Fri 06/03 08:00.
    expect(risk.reason).toBe('budget');
    expect(risk.at).toBeLessThan(at('2026-03-06', '08:00'));
  });

  test('steps that keep their budgets: the leadership is warned 2 working days ahead, before the apology limit', () => {
    let state = received('2026-03-02', '08:00');
    // The first three steps (26 of 40 legal hours) done within the first half hour, by the administrator.
    for (const [i, stepId] of ['tiep-nhan', 'phan-cong', 'tham-dinh'].entries()) {
      const done = decide(ctx, state, { type: 'complete', stepId }, admin, at('2026-03-02', `08:3${i}`));
      state = (done as { state: DossierState }).state;
    }
    const { fired } = walk(state, at('2026-03-06', '17:00'));
    const atRisk = fired.find((t) => t.event.type === 'at_risk')!;
    expect(atRisk.state.atRisk).toMatchObject({ reason: 'last_day' });
    // Appointment Mon 09/03 08:00: two working days before is Thu 05/03 08:00; the apology is due by Fri 17:00.
    expect(show(atRisk.event.at)).toBe('2026-03-05T08:00');
    expect(noticesFor(ctx, atRisk.event, atRisk.state)[0]!.apologyDue).toEqual({
      by: at('2026-03-06', '17:00'),
      passed: false,
    });
  });

  test('the reminder goes to the assignee; over budget to the division head; at risk to the leadership', () => {
    const { fired } = walk(received('2026-03-02', '08:00'), at('2026-03-09', '08:00'));
    const notices = fired.flatMap((t) => noticesFor(ctx, t.event, t.state));
    expect(notices.map((n) => [n.kind, n.audience.kind, n.key])).toEqual([
      ['step_reminder', 'step_officers', `dossier:D1:step:tiep-nhan:${at('2026-03-02', '08:00')}:reminder`],
      ['step_overdue', 'division_heads', `dossier:D1:step:tiep-nhan:${at('2026-03-02', '08:00')}:overdue`],
      ['dossier_at_risk', 'leadership', 'dossier:D1:at_risk'],
      ['dossier_overdue', 'leadership', `dossier:D1:overdue:${at('2026-03-09', '08:00')}`],
    ]);
  });
});

test('a same-day procedure is not at risk at receipt for having less than a working day', () => {
  const copy = seededProcedure(procedureCode('3.000465'));
  const copyCtx: DossierContext = { procedure: copy, calendar: cal };
  const state = receiveDossier(copyCtx, {
    code: 'D2',
    tenant: 'default',
    receivedAt: at('2026-03-02', '08:00'),
    actor: receiver,
  }).state;
  const risk = atRiskAt(copyCtx, state);
  expect(risk?.reason).toBe('budget');
  expect(risk!.at).toBeGreaterThan(at('2026-03-02', '08:00'));
});

describe('the apology with a new appointment', () => {
  const flagged = walk(received('2026-03-02', '08:00'), at('2026-03-03', '08:00')).state;

  test('is signed by a leader once; the appointment moves; missing it is overdue again', () => {
    const signed = decide(
      ctx,
      flagged,
      { type: 'sign_apology', reason: 'Chờ xác minh', newAppointmentDate: '2026-03-13' },
      director,
      at('2026-03-04', '09:00'),
    );
    expect(signed.ok).toBe(true);
    const state = (signed as { state: DossierState }).state;
    expect(show(state.appointmentAt)).toBe('2026-03-13T17:00');
    expect(state.apology).toMatchObject({
      signedBy: 'director',
      previousAppointmentAt: at('2026-03-09', '08:00'),
      dueBy: at('2026-03-06', '17:00'),
      late: false,
    });
    expect((signed as Transition).event.payload).toMatchObject({
      dueBy: at('2026-03-06', '17:00'),
      late: false,
    });
    expect(atRiskAt(ctx, state)).toBeNull();
    const again = decide(
      ctx,
      state,
      { type: 'sign_apology', reason: 'x', newAppointmentDate: '2026-03-20' },
      director,
      at('2026-03-05', '09:00'),
    );
    expect(again).toMatchObject({ ok: false, rejection: { code: 'DOSSIER.APOLOGY_ALREADY_SIGNED' } });
    const late = markOverdue(ctx, state, at('2026-03-13', '17:00'));
    expect(late?.event.payload).toMatchObject({ afterApology: true });
    expect(noticesFor(ctx, (signed as Transition).event, state).map((n) => n.kind)).toEqual([
      'applicant_apology',
    ]);
  });

  test('signed after its legal limit (one working day before the appointment) it is taken, recorded late', () => {
    const sign = (now: number) =>
      decide(
        ctx,
        flagged,
        { type: 'sign_apology', reason: 'Chờ xác minh', newAppointmentDate: '2026-03-13' },
        deputy,
        now,
      ) as Transition;
    // Due by Friday 06/03 17:00 for the appointment of Monday 09/03 08:00.
    expect(sign(at('2026-03-06', '17:00')).state.apology).toMatchObject({ late: false });
    const late = sign(at('2026-03-09', '07:45'));
    expect(late.state.apology).toMatchObject({ late: true, dueBy: at('2026-03-06', '17:00') });
    expect(late.event.payload).toMatchObject({ late: true, dueBy: at('2026-03-06', '17:00') });
    expect(show(late.state.appointmentAt)).toBe('2026-03-13T17:00');
  });

  test('is not for the system administrator, whatever the dossier', () => {
    for (const state of [flagged, walk(received('2026-03-02', '08:00'), at('2026-03-10', '08:00')).state]) {
      const d = decide(
        ctx,
        state,
        { type: 'sign_apology', reason: 'Lý do', newAppointmentDate: '2026-03-13' },
        admin,
        at('2026-03-04', '09:00'),
      );
      expect(d).toMatchObject({ ok: false, rejection: { code: 'DOSSIER.LEADERS_ONLY', kind: 'forbidden' } });
    }
  });

  test('waits while the applicant supplements: not signed, not asked for, no at-risk alert', () => {
    const fresh = received('2026-03-02', '08:00');
    const waiting = (
      decide(
        ctx,
        fresh,
        { type: 'request_supplement', reason: 'Thiếu bản sao', items: ['Bản sao CCCD'] },
        receiver,
        at('2026-03-02', '08:10'),
      ) as Transition
    ).state;
    // The untouched dossier would be at risk at 15:38 that day; waiting, its clocks stand still.
    expect(atRiskAt(ctx, waiting)).toBeNull();
    expect(nextEscalationAt(ctx, waiting)).toBeNull();
    expect(escalate(ctx, waiting, at('2026-03-20', '17:00'))).toBeNull();
    // Flagged at risk before the request: no apology until the supplement comes and the clock runs again.
    const flaggedWaiting = (
      decide(
        ctx,
        flagged,
        { type: 'request_supplement', reason: 'Thiếu bản sao', items: ['Bản sao CCCD'] },
        receiver,
        at('2026-03-03', '09:00'),
      ) as Transition
    ).state;
    expect(flaggedWaiting).toMatchObject({ phase: 'awaiting_supplement', atRisk: expect.anything() });
    const d = decide(
      ctx,
      flaggedWaiting,
      { type: 'sign_apology', reason: 'Lý do', newAppointmentDate: '2026-03-13' },
      director,
      at('2026-03-04', '09:00'),
    );
    expect(d).toMatchObject({ ok: false, rejection: { code: 'DOSSIER.INVALID_STATE' } });
  });

  test('is refused for non-leaders, past or non-working dates', () => {
    const cases: [Actor, string, string][] = [
      [specialist, '2026-03-13', 'DOSSIER.LEADERS_ONLY'],
      [director, '2026-03-08', 'DOSSIER.BAD_NEW_APPOINTMENT'], // Sunday
      [director, '2026-03-04', 'DOSSIER.BAD_NEW_APPOINTMENT'], // before the current appointment
      [director, '2026-02-30', 'DOSSIER.BAD_NEW_APPOINTMENT'],
    ];
    for (const [who, date, code] of cases) {
      const d = decide(
        ctx,
        flagged,
        { type: 'sign_apology', reason: 'Lý do', newAppointmentDate: date },
        who,
        at('2026-03-04', '09:00'),
      );
      expect(d).toMatchObject({ ok: false, rejection: { code } });
    }
  });
});

describe('a new calendar version', () => {
  const withDayOff = (date: string): CalendarDefinitionInput => ({
    ...definition,
    version: definition.version + 1,
    decisions: [
      ...definition.decisions,
      {
        year: 2026,
        reference: 'Quyết định thử nghiệm',
        entries: [{ date, kind: 'day_off', reason: 'Nghỉ theo quyết định của UBND tỉnh' }],
      },
    ],
  });

  test('moves the appointment and the step deadline, with the day named in the explanation', () => {
    const state = received('2026-03-02', '08:00');
    const adopted = adoptCalendar(
      ctx,
      state,
      createWorkingCalendar(withDayOff('2026-03-02')),
      at('2026-03-02', '09:00'),
    );
    expect(adopted).not.toBeNull();
    const next = adopted!.transition.state;
    // Received on what is now a day off: the 5 working days count from Tuesday, to the end of Monday 09/03.
    expect(show(next.appointmentAt)).toBe('2026-03-09T17:00');
    expect(show(next.currentStep?.deadline)).toBe('2026-03-03T11:15');
    const payload = adopted!.transition.event.payload as { moves: { explanation: string }[] };
    expect(payload.moves).toHaveLength(2);
    expect(payload.moves[0]!.explanation).toContain('ngày 02/03/2026 là ngày nghỉ');
    // The next escalation moved with it.
    expect(show(reminderAt(adopted!.ctx, next))).toBe('2026-03-03T10:19');
    // The same version again changes nothing.
    expect(adoptCalendar(adopted!.ctx, next, adopted!.ctx.calendar, at('2026-03-02', '10:00'))).toBeNull();
  });
});

test('workingInstantBefore inverts addWorkingMinutes', () => {
  const end = at('2026-03-09', '08:00');
  for (const m of [0, 1, 30, 225, 450, 451, 1912, 2250]) {
    const t = workingInstantBefore(cal, end, m);
    expect(Math.round(cal.workingMinutesBetween(t, end))).toBe(m);
    expect(cal.addWorkingMinutes(t, m)).toBe(end);
  }
});

test('an apology is required once at risk or overdue, while the dossier is handled, until one is signed', () => {
  const base = { atRisk: false, overdue: false, apologySigned: false, phase: 'processing' as const };
  expect(apologyRequired(base)).toBe(false);
  expect(apologyRequired({ ...base, atRisk: true })).toBe(true);
  // The legal clock stands still while the applicant supplements: no apology is asked for then.
  expect(apologyRequired({ ...base, overdue: true, phase: 'awaiting_supplement' })).toBe(false);
  expect(apologyRequired({ ...base, atRisk: true, apologySigned: true })).toBe(false);
  expect(apologyRequired({ ...base, overdue: true, phase: 'result_ready' })).toBe(false);
});
