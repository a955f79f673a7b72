import { describe, expect, test } from 'vitest';
import { devUsers } from '../../db/seed/organisation.seed.js';
import {
  computeDeadline,
  createWorkingCalendar,
  defaultVietnamCalendar,
  formatVnIso,
  vnDateTimeToInstant,
  workingHoursToMinutes,
} from '../calendar/index.js';
import {
  resultNeedsFile,
  type ProcedureDefinition,
  type ProcedureStep,
} from '../procedure/procedure-definition.js';
import type { Role } from '../roles.js';
import { stepDeadline } from './clock.js';
import type { DossierContext } from './context.js';
import { legalClockRunning, markOverdue } from './escalation.js';
import { actionLabels } from './labels.js';
import { decide } from './officer-actions.js';
import { AGENCY_DESK_ROUTE, receiveDossier } from './receipt.js';
import { resultSigned } from './result-signing.js';
import { finishingAction, resultFileMissing } from './step-work.js';
import type { Transition } from './transition.js';
import type { Rejection } from './rejection.js';
import { statusOf } from './status.js';
import type { Actor, DossierAction, DossierEvent, DossierState, NationalStatus } from './types.js';
import {
  currentSeededProcedures,
  procedureCode,
  seededProcedure,
  units,
} from '../../test/support/catalog.js';

// ---------------------------------------------------------------------------------------------------
// Fixtures: the shipped calendar, the seeded procedures, the dev users.
// March 2026 has no holiday: Mon 02/03, Mon 09/03, Mon 16/03 and Mon 23/03 open ordinary weeks.
// Office hours 07:30–11:30 + 13:30–17:00 = 450 minutes; a legal working hour is 450 / 8 = 56.25 minutes.
// ---------------------------------------------------------------------------------------------------

const cal = createWorkingCalendar(defaultVietnamCalendar('default'));
const at = (date: string, hhmm: string): number => vnDateTimeToInstant(date, hhmm);
/** 'YYYY-MM-DDTHH:MM' in Vietnam time. */
const show = (instant: number | null | undefined): string =>
  instant === null || instant === undefined ? String(instant) : formatVnIso(instant).slice(0, 16);

/** 1. Cấp bản sao văn bằng, chứng chỉ từ sổ gốc: same day (15:00 cut-off), fee → payment step, restart. */
const COPY = seededProcedure(procedureCode('3.000465'));
/** 2. Chỉnh sửa nội dung văn bằng, chứng chỉ: 5 working days, QLCL, restart. */
const CORRECTION = seededProcedure(procedureCode('3.000466'));
/** 3. Công nhận văn bằng do cơ sở giáo dục nước ngoài cấp: 15 working days, QLCL, pause. */
const RECOGNITION = seededProcedure(procedureCode('1.004889'));
/** 5. Thành lập trường THPT: 25 working days, signed by the director, liaison with UBND tỉnh. */
const ESTABLISHMENT = seededProcedure(procedureCode('1.012944'));

const contextOf = (p: ProcedureDefinition): DossierContext => ({ procedure: p, calendar: cal });
const copyCtx = contextOf(COPY);
const correctionCtx = contextOf(CORRECTION);
const recognitionCtx = contextOf(RECOGNITION);

function officer(username: string, role: Role, divisionCode: string | null, fullName = username): Actor {
  return { officerId: `officer-${username}`, username, fullName, role, divisionCode };
}

function devActor(username: string): Actor {
  const user = devUsers.find((u) => u.username === username);
  if (!user) throw new Error(`No dev user ${username}`);
  return officer(user.username, user.role, user.divisionCode, user.fullName);
}

const receiver = devActor('receiver'); // BPMC
const specialist = devActor('specialist'); // QLCL
const head = devActor('head'); // QLCL
const deputy = devActor('deputy'); // BGD
const director = devActor('director'); // BGD
const auditor = devActor('auditor'); // TTRA
const admin = devActor('admin'); // no division
const specialist2 = devActor('specialist2'); // GDTRH
const head2 = devActor('head2'); // GDTRH
/** Not seeded: a second QLCL specialist, and the VP officer who digitises results. */
const otherQlclSpecialist = officer('specialist3', 'specialist', 'QLCL', 'Ngô Thị Thanh Hương');
const vpSpecialist = officer('vanthu', 'specialist', 'VP', 'Lý Văn Thư');

const actors: Readonly<Record<string, Actor>> = {
  receiver,
  specialist,
  head,
  deputy,
  director,
  auditor,
  admin,
  specialist2,
  head2,
  vpSpecialist,
};

/** Rows `[who, actor, expected]` of a role table, reordered for titles '… %s … %s' (who, expected). */
const cases = (rows: [who: string, actor: Actor, expected: string][]) =>
  rows.map(([who, actor, expected]) => [who, expected, actor] as const);

/** An officer who may do the work of `step` (its role in its division). */
const officerFor = (step: ProcedureStep): Actor =>
  officer(`${step.division.toLowerCase()}-${step.role}`, step.role, step.division);

// ---------------------------------------------------------------------------------------------------
// Helpers: every decision is made on a deep-frozen state that must be deep-equal afterwards.
// ---------------------------------------------------------------------------------------------------

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function decidePurely(
  ctx: DossierContext,
  state: DossierState,
  action: DossierAction,
  actor: Actor,
  now: number,
) {
  const before = structuredClone(state);
  const decision = decide(ctx, deepFreeze(state), action, actor, now);
  expect(state).toEqual(before);
  return decision;
}

/** Decides an action that must be accepted. */
function accept(
  ctx: DossierContext,
  state: DossierState,
  action: DossierAction,
  actor: Actor,
  now: number,
): Transition {
  const decision = decidePurely(ctx, state, action, actor, now);
  if (!decision.ok) {
    throw new Error(`${action.type} by ${actor.username} refused: ${decision.rejection.code}`);
  }
  return { state: decision.state, event: decision.event };
}

/** Decides an action that must be refused; the input state is left exactly as it was. */
function refuse(
  ctx: DossierContext,
  state: DossierState,
  action: DossierAction,
  actor: Actor,
  now: number,
): Rejection {
  const decision = decidePurely(ctx, state, action, actor, now);
  if (decision.ok) throw new Error(`${action.type} by ${actor.username} was accepted`);
  return decision.rejection;
}

function receive(ctx: DossierContext, receivedAt: number): Transition {
  return receiveDossier(ctx, {
    code: `${units.department}-260302-0001`,
    tenant: 'default',
    receivedAt,
    actor: receiver,
  });
}

function currentStepOf(ctx: DossierContext, state: DossierState): ProcedureStep {
  const index = state.currentStep?.index;
  const step = index === undefined ? undefined : ctx.procedure.steps[index];
  if (!step) throw new Error(`Dossier in phase ${state.phase} has no current step`);
  return step;
}

/** The action that finishes `step`. */
function finishing(step: ProcedureStep, note?: string): DossierAction {
  const type = finishingAction[step.kind];
  const extra = note === undefined ? {} : { note };
  if (type === 'return_result') return { type, ...extra };
  if (type === 'complete' || type === 'approve' || type === 'mark_result_ready') {
    return { type, stepId: step.id, ...extra };
  }
  throw new Error(`No finishing action for ${step.kind}`);
}

/** A digitised result file, as the API would attach it. */
const resultFile = {
  fileId: '00000000-0000-4000-8000-000000000001',
  sha256: 'a'.repeat(64),
  fileName: 'ket-qua.pdf',
  mediaType: 'application/pdf',
  size: 1024,
};

/**
 * Finishes the current step by an officer of that step (or `actor`): the fee is paid in cash at a
 * payment step, and a document result is attached first at a digitisation step.
 */
function finishCurrent(ctx: DossierContext, state: DossierState, now: number, actor?: Actor): Transition {
  const step = currentStepOf(ctx, state);
  const by = actor ?? officerFor(step);
  if (step.kind === 'payment') {
    const cash = {
      type: 'record_cash_payment',
      stepId: step.id,
      amount: ctx.procedure.fee.amount,
      receiptNumber: 'BL-0001',
    } as const;
    return accept(ctx, state, cash, by, now);
  }
  let s = state;
  const signing = ctx.procedure.resultSigning;
  // A paper result's scan at the digitisation step; a signed result's draft before the approval.
  if ((signing ? step.kind === 'approval' : step.kind === 'digitisation') && resultFileMissing(ctx, s)) {
    s = accept(ctx, s, { type: 'attach_result', stepId: step.id, file: resultFile }, by, now).state;
  }
  if (signing && step.kind === 'digitisation') {
    // What the signing activity reports: the leader's signature, then the seal the văn thư asks for.
    const made = (kind: string) => ({
      fileId: `f-${kind}`,
      sha256: kind[0]!.repeat(64),
      size: 1,
      certificate: kind,
    });
    if (s.signing) s = resultSigned(ctx, s, made('approval'), now)!.state;
    if (signing.seal) {
      s = accept(ctx, s, { type: 'seal_result', stepId: step.id }, by, now).state;
      s = resultSigned(ctx, s, made('seal'), now)!.state;
    }
  }
  return accept(ctx, s, finishing(step), by, now);
}

/**
 * Finishes every step before `stepId` at `now`; at a digitisation step, the result file is attached (as the
 * văn thư does first), so that the step can be finished.
 */
function walkTo(ctx: DossierContext, state: DossierState, stepId: string, now: number): DossierState {
  let s = state;
  while (s.currentStep?.stepId !== stepId) s = finishCurrent(ctx, s, now).state;
  const step = ctx.procedure.steps[s.currentStep.index]!;
  if (step.kind === 'digitisation' && resultFileMissing(ctx, s)) {
    const attach = { type: 'attach_result', stepId, file: resultFile } as const;
    s = accept(ctx, s, attach, officerFor(step), now).state;
  }
  return s;
}

/** A dossier received at `receivedAt` and brought (at the same instant) to `stepId`. */
function dossierAt(ctx: DossierContext, stepId: string, receivedAt: number): DossierState {
  return walkTo(ctx, receive(ctx, receivedAt).state, stepId, receivedAt);
}

const MON_0900 = at('2026-03-02', '09:00');

// ---------------------------------------------------------------------------------------------------

describe('receipt of a dossier (tiếp nhận, Mẫu 01)', () => {
  test('a diploma correction (5 working days) received Monday 09:00 is appointed the next Monday 09:00', () => {
    const { state } = receive(correctionCtx, MON_0900);

    expect(show(state.appointmentAt)).toBe('2026-03-09T09:00');
    expect(state.originalAppointmentAt).toBe(state.appointmentAt);
    expect(state).toMatchObject({
      code: `${units.department}-260302-0001`,
      tenant: 'default',
      procedureCode: procedureCode('3.000466'),
      procedureVersion: 1,
      calendarVersion: 1,
      phase: 'processing',
      status: 2,
      receivedAt: MON_0900,
      supplements: [],
      multipleSupplements: false,
      overdue: false,
      resultReadyAt: null,
      finishedAt: null,
      outcome: null,
      seq: 1,
    });
  });

  test('the dossier waits at the receipt step of the one-stop desk with its own step clock', () => {
    const { state } = receive(correctionCtx, MON_0900);

    // Receipt budget 4 legal hours = 4 × 56.25 = 225 min: 09:00–11:30 (150) + 13:30–14:45 (75).
    expect(state.currentStep).toEqual({
      stepId: 'tiep-nhan',
      index: 0,
      startedAt: MON_0900,
      deadline: at('2026-03-02', '14:45'),
      assignee: null,
    });
  });

  test('the receipt is event 1, by the receiving officer, into status 2 "Được tiếp nhận"', () => {
    const { state, event } = receive(correctionCtx, MON_0900);

    expect(event).toEqual({
      dossierCode: state.code,
      seq: 1,
      at: MON_0900,
      type: 'receive',
      actor: receiver,
      stepId: 'tiep-nhan',
      fromPhase: null,
      toPhase: 'processing',
      fromStatus: null,
      toStatus: 2,
      fromStepId: null,
      toStepId: 'tiep-nhan',
      onTime: null,
      payload: { appointmentAt: state.appointmentAt, ruleSet: 'ND61_2018', desk: AGENCY_DESK_ROUTE },
    });
  });

  test('a correction received Friday 16:00 is appointed Friday 16:00 a week later (weekend skipped)', () => {
    const { state } = receive(correctionCtx, at('2026-03-06', '16:00'));
    expect(show(state.appointmentAt)).toBe('2026-03-13T16:00');
  });

  test.each([
    ['Monday 08:00', '2026-03-02T17:00', '2026-03-02', '08:00'],
    ['Monday 15:00 (on the cut-off)', '2026-03-02T17:00', '2026-03-02', '15:00'],
    ['Monday 15:01 (after the cut-off)', '2026-03-03T17:00', '2026-03-02', '15:01'],
    ['Friday 15:30', '2026-03-09T17:00', '2026-03-06', '15:30'],
    ['Saturday (online submission)', '2026-03-09T17:00', '2026-03-07', '10:00'],
  ])('a diploma copy (same day) received %s is appointed %s', (_when, appointment, date, hhmm) => {
    expect(show(receive(copyCtx, at(date, hhmm)).state.appointmentAt)).toBe(appointment);
  });

  test.each(currentSeededProcedures.map((p) => [p.name, p] as const))(
    'the appointment of "%s" is the legal limit counted from receipt on the calendar',
    (_name, p) => {
      const receivedAt = at('2026-03-04', '14:20');
      const { state } = receive(contextOf(p), receivedAt);
      expect(state.appointmentAt).toBe(computeDeadline(cal, receivedAt, p.legalLimit).deadline);
      expect(state.status).toBe(2);
      expect(state.currentStep?.stepId).toBe(p.steps[0]?.id);
    },
  );
});

describe('the straight-through path (each step finished by its finishing action)', () => {
  test('a diploma correction goes 2 → 4 → … → 9 → 10 and is returned early, with Mẫu 05 results per step', () => {
    const ctx = correctionCtx;
    const events: DossierEvent[] = [];
    let { state, event } = receive(ctx, MON_0900);
    events.push(event);
    const doStep = (action: DossierAction, actor: Actor, now: number) => {
      ({ state, event } = accept(ctx, state, action, actor, now));
      events.push(event);
    };

    doStep({ type: 'complete', stepId: 'tiep-nhan' }, receiver, at('2026-03-02', '10:00')); // 60 of 225 min
    // Phân công: 2 h = 112.5 min from 10:00 → 13:52:30; finished right at its step deadline.
    expect(show(state.currentStep?.deadline)).toBe('2026-03-02T13:52');
    doStep({ type: 'complete', stepId: 'phan-cong' }, head, state.currentStep!.deadline);
    // Thẩm định: 20 h = 1125 min, from Mon 13:52:30; Thursday 10:00 is 1237.5 min later.
    doStep({ type: 'complete', stepId: 'tham-dinh' }, specialist, at('2026-03-05', '10:00'));
    doStep({ type: 'complete', stepId: 'xem-xet' }, head, at('2026-03-05', '14:00')); // 120 of 225
    doStep({ type: 'approve', stepId: 'ky-duyet' }, deputy, at('2026-03-06', '09:00')); // 270 of 337.5
    // The result (a decision) is a document: its digitised file comes first.
    doStep(
      { type: 'attach_result', stepId: 'so-hoa-ket-qua', file: resultFile },
      vpSpecialist,
      at('2026-03-06', '09:30'),
    );
    doStep({ type: 'mark_result_ready', stepId: 'so-hoa-ket-qua' }, vpSpecialist, at('2026-03-06', '10:00'));
    doStep({ type: 'return_result' }, receiver, at('2026-03-09', '08:00')); // 330 of 112.5 min

    expect(events.map((e) => e.type)).toEqual([
      'receive',
      'complete',
      'complete',
      'complete',
      'complete',
      'approve',
      'attach_result',
      'mark_result_ready',
      'return_result',
    ]);
    expect(events.map((e) => e.toStatus)).toEqual([2, 4, 4, 4, 4, 4, 4, 9, 10]);
    expect(events.map((e) => e.toPhase)).toEqual([
      'processing',
      'processing',
      'processing',
      'processing',
      'processing',
      'processing',
      'processing',
      'result_ready',
      'returned',
    ]);
    expect(events.map((e) => e.toStepId)).toEqual([
      'tiep-nhan',
      'phan-cong',
      'tham-dinh',
      'xem-xet',
      'ky-duyet',
      'so-hoa-ket-qua',
      'so-hoa-ket-qua',
      'tra-ket-qua',
      null,
    ]);
    expect(events.map((e) => e.onTime)).toEqual([
      null,
      'early',
      'on_time',
      'late',
      'early',
      'early',
      null,
      'early',
      'late',
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

    expect(state).toMatchObject({
      phase: 'returned',
      status: 10,
      currentStep: null,
      resultReadyAt: at('2026-03-06', '10:00'),
      finishedAt: at('2026-03-09', '08:00'),
      // Result ready Friday 10:00, before the appointment of Monday 09:00.
      outcome: 'early',
      overdue: false,
      seq: 9,
    });
  });

  test('a diploma copy waits for the fee: 2 → 6 (payment) → 4 → 4 → 4 → 9 → 10, returned the same day', () => {
    const ctx = copyCtx;
    const statuses: NationalStatus[] = [];
    let { state } = receive(ctx, at('2026-03-02', '08:00'));
    statuses.push(state.status);
    const steps: [DossierAction, Actor, string][] = [
      [{ type: 'complete', stepId: 'tiep-nhan' }, receiver, '08:30'],
      [
        { type: 'record_cash_payment', stepId: 'thu-phi', amount: 10_000, receiptNumber: 'BL-0001' },
        receiver,
        '08:45',
      ],
      [{ type: 'complete', stepId: 'tham-dinh' }, specialist, '11:00'],
      [{ type: 'approve', stepId: 'ky-duyet' }, deputy, '14:00'],
      [{ type: 'attach_result', stepId: 'so-hoa-ket-qua', file: resultFile }, vpSpecialist, '14:10'],
      [{ type: 'mark_result_ready', stepId: 'so-hoa-ket-qua' }, vpSpecialist, '14:20'],
      [{ type: 'return_result', note: 'Đã trả 02 bản sao' }, receiver, '16:00'],
    ];
    for (const [action, actor, hhmm] of steps) {
      state = accept(ctx, state, action, actor, at('2026-03-02', hhmm)).state;
      statuses.push(state.status);
    }

    expect(statuses).toEqual([2, 6, 4, 4, 4, 4, 9, 10]);
    expect(state.payment).toMatchObject({ status: 'paid', method: 'cash', transactionId: 'BL-0001' });
    expect(state.result).toMatchObject({ sha256: resultFile.sha256, attachedBy: vpSpecialist.username });
    expect(show(state.appointmentAt)).toBe('2026-03-02T17:00');
    expect(state).toMatchObject({
      phase: 'returned',
      outcome: 'early',
      finishedAt: at('2026-03-02', '16:00'),
    });
  });

  test.each(currentSeededProcedures.map((p) => [p.name, p] as const))(
    '"%s" runs straight through to status 10, each step finished at half its budget',
    (_name, p) => {
      const ctx = contextOf(p);
      let { state } = receive(ctx, at('2026-03-02', '08:00'));
      const statuses: NationalStatus[] = [state.status];
      const onTimes: (string | null)[] = [];
      for (const step of p.steps) {
        expect(state.currentStep?.stepId).toBe(step.id);
        const half = workingHoursToMinutes(cal, step.budgetHours) / 2;
        const now = cal.addWorkingMinutes(cal.nextWorkingInstant(state.currentStep!.startedAt), half);
        const t = finishCurrent(ctx, state, now);
        state = t.state;
        statuses.push(state.status);
        onTimes.push(t.event.onTime);
      }

      const expected = [
        ...p.steps.map((s) => (s.kind === 'return' ? 9 : statusOf('processing', s.kind))),
        10,
      ];
      expect(statuses).toEqual(expected);
      expect(onTimes.every((r) => r === 'early')).toBe(true);
      expect(state).toMatchObject({ phase: 'returned', status: 10, outcome: 'early', currentStep: null });
      // One event per step, plus the receipt, plus the attachment of a document result.
      const attachments = resultNeedsFile(p) ? 1 : 0;
      // A signed result: the leader's signature, and the seal asked for and made.
      const signatures = p.resultSigning ? (p.resultSigning.seal ? 3 : 1) : 0;
      expect(state.seq).toBe(p.steps.length + 1 + attachments + signatures);
    },
  );

  test('the step after the finished one starts at the action, with its own deadline and no assignee', () => {
    const received = receive(correctionCtx, MON_0900).state;
    const now = at('2026-03-02', '10:00');
    const { state } = accept(
      correctionCtx,
      received,
      { type: 'complete', stepId: 'tiep-nhan' },
      receiver,
      now,
    );

    expect(state.currentStep).toEqual({
      stepId: 'phan-cong',
      index: 1,
      startedAt: now,
      deadline: stepDeadline(cal, CORRECTION.steps[1]!, now),
      assignee: null,
    });
  });

  test('a note given with a finishing action is kept in the event payload', () => {
    const received = receive(correctionCtx, MON_0900).state;
    const action: DossierAction = { type: 'complete', stepId: 'tiep-nhan', note: 'Hồ sơ đủ thành phần' };
    const { event } = accept(correctionCtx, received, action, receiver, MON_0900);
    expect(event.payload).toEqual({ note: 'Hồ sơ đủ thành phần' });
  });

  test('deciding the same action on the same state twice gives the same transition (validator and handler agree)', () => {
    const state = dossierAt(correctionCtx, 'tham-dinh', MON_0900);
    const action: DossierAction = { type: 'complete', stepId: 'tham-dinh' };
    const now = at('2026-03-03', '10:00');
    expect(decide(correctionCtx, state, action, specialist, now)).toEqual(
      decide(correctionCtx, state, action, specialist, now),
    );
  });
});

describe('finishing the wrong step, or with the wrong action', () => {
  test.each([
    ['receipt', 'tiep-nhan', 'approve', 'Hoàn thành bước, chuyển bước tiếp theo'],
    ['receipt', 'tiep-nhan', 'mark_result_ready', 'Hoàn thành bước, chuyển bước tiếp theo'],
    ['handling', 'tham-dinh', 'approve', 'Hoàn thành bước, chuyển bước tiếp theo'],
    ['handling', 'tham-dinh', 'mark_result_ready', 'Hoàn thành bước, chuyển bước tiếp theo'],
    ['approval', 'ky-duyet', 'complete', 'Phê duyệt, ký'],
    ['approval', 'ky-duyet', 'mark_result_ready', 'Phê duyệt, ký'],
    ['digitisation', 'so-hoa-ket-qua', 'complete', 'Số hóa kết quả, sẵn sàng trả'],
    ['digitisation', 'so-hoa-ket-qua', 'approve', 'Số hóa kết quả, sẵn sàng trả'],
  ] as const)(
    'the %s step "%s" is not finished by "%s" (DOSSIER.WRONG_ACTION_FOR_STEP)',
    (_kind, stepId, type, label) => {
      const state = dossierAt(correctionCtx, stepId, MON_0900);
      const rejection = refuse(correctionCtx, state, { type, stepId }, admin, MON_0900);
      expect(rejection).toMatchObject({ code: 'DOSSIER.WRONG_ACTION_FOR_STEP', kind: 'conflict' });
      expect(rejection.message).toContain(label);
    },
  );

  test('the payment step of a diploma copy is finished by "complete", not by "approve"', () => {
    const state = dossierAt(copyCtx, 'thu-phi', MON_0900);
    expect(state.status).toBe(6);
    const rejection = refuse(copyCtx, state, { type: 'approve', stepId: 'thu-phi' }, admin, MON_0900);
    expect(rejection.code).toBe('DOSSIER.WRONG_ACTION_FOR_STEP');
  });

  test('the result cannot be returned while the dossier is still being handled', () => {
    const state = dossierAt(correctionCtx, 'ky-duyet', MON_0900);
    expect(refuse(correctionCtx, state, { type: 'return_result' }, receiver, MON_0900).code).toBe(
      'DOSSIER.INVALID_STATE',
    );
  });

  test('with the result ready, "complete" on the return step is refused (DOSSIER.INVALID_STATE)', () => {
    const state = dossierAt(correctionCtx, 'tra-ket-qua', MON_0900);
    expect(state.phase).toBe('result_ready');
    const rejection = refuse(
      correctionCtx,
      state,
      { type: 'complete', stepId: 'tra-ket-qua' },
      receiver,
      MON_0900,
    );
    expect(rejection.code).toBe('DOSSIER.INVALID_STATE');
  });

  test('a double click on "complete" finds the dossier at the next step: DOSSIER.STEP_MISMATCH', () => {
    const received = receive(correctionCtx, MON_0900).state;
    const action: DossierAction = { type: 'complete', stepId: 'tiep-nhan' };
    const { state } = accept(correctionCtx, received, action, receiver, MON_0900);
    const rejection = refuse(correctionCtx, state, action, receiver, MON_0900 + 300);
    expect(rejection).toMatchObject({ code: 'DOSSIER.STEP_MISMATCH', kind: 'conflict' });
  });

  test('a double click on "approve" finds the dossier at digitisation: DOSSIER.STEP_MISMATCH', () => {
    const state = dossierAt(correctionCtx, 'ky-duyet', MON_0900);
    const action: DossierAction = { type: 'approve', stepId: 'ky-duyet' };
    const next = accept(correctionCtx, state, action, deputy, MON_0900).state;
    expect(refuse(correctionCtx, next, action, deputy, MON_0900).code).toBe('DOSSIER.STEP_MISMATCH');
  });

  test('a double click on "mark_result_ready" finds the result already ready: DOSSIER.STEP_MISMATCH', () => {
    const state = dossierAt(correctionCtx, 'so-hoa-ket-qua', MON_0900);
    const action: DossierAction = { type: 'mark_result_ready', stepId: 'so-hoa-ket-qua' };
    const next = accept(correctionCtx, state, action, vpSpecialist, MON_0900).state;
    expect(next.phase).toBe('result_ready');
    expect(refuse(correctionCtx, next, action, vpSpecialist, MON_0900).code).toBe('DOSSIER.STEP_MISMATCH');
  });

  test('a double click on "return_result" finds the dossier returned: DOSSIER.INVALID_STATE', () => {
    const state = dossierAt(correctionCtx, 'tra-ket-qua', MON_0900);
    const next = accept(correctionCtx, state, { type: 'return_result' }, receiver, MON_0900).state;
    expect(refuse(correctionCtx, next, { type: 'return_result' }, receiver, MON_0900).code).toBe(
      'DOSSIER.INVALID_STATE',
    );
  });

  test('an action naming a step of another procedure is a step mismatch, before any other check', () => {
    const state = receive(correctionCtx, MON_0900).state;
    const rejection = refuse(correctionCtx, state, { type: 'approve', stepId: 'thu-phi' }, auditor, MON_0900);
    expect(rejection.code).toBe('DOSSIER.STEP_MISMATCH');
  });
});

describe('who may finish a step: role × division (dev users of the seed)', () => {
  const OK = 'accepted';
  const WD = 'DOSSIER.WRONG_DIVISION';
  const WR = 'DOSSIER.WRONG_ROLE';
  const RO = 'DOSSIER.READ_ONLY_ROLE';
  const rows: [stepId: string, who: string, expected: string][] = [
    // Tiếp nhận — BPMC, receiver.
    ['tiep-nhan', 'receiver', OK],
    ['tiep-nhan', 'specialist', WD],
    ['tiep-nhan', 'head', WD],
    ['tiep-nhan', 'deputy', WD],
    ['tiep-nhan', 'director', WD],
    ['tiep-nhan', 'auditor', RO],
    ['tiep-nhan', 'admin', OK],
    ['tiep-nhan', 'specialist2', WD],
    // Phân công — QLCL, head.
    ['phan-cong', 'head', OK],
    ['phan-cong', 'specialist', WR],
    ['phan-cong', 'head2', WD],
    ['phan-cong', 'receiver', WD],
    ['phan-cong', 'deputy', WD],
    ['phan-cong', 'auditor', RO],
    ['phan-cong', 'admin', OK],
    // Thẩm định — QLCL, specialist (not assigned).
    ['tham-dinh', 'specialist', OK],
    ['tham-dinh', 'head', OK],
    ['tham-dinh', 'specialist2', WD],
    ['tham-dinh', 'head2', WD],
    ['tham-dinh', 'receiver', WD],
    ['tham-dinh', 'deputy', WD],
    ['tham-dinh', 'director', WD],
    ['tham-dinh', 'auditor', RO],
    ['tham-dinh', 'admin', OK],
    // Xem xét — QLCL, head.
    ['xem-xet', 'head', OK],
    ['xem-xet', 'specialist', WR],
    ['xem-xet', 'head2', WD],
    ['xem-xet', 'auditor', RO],
    // Ký duyệt — BGD, deputy (either leader signs).
    ['ky-duyet', 'deputy', OK],
    ['ky-duyet', 'director', OK],
    ['ky-duyet', 'head', WR],
    ['ky-duyet', 'specialist', WR],
    ['ky-duyet', 'receiver', WR],
    ['ky-duyet', 'head2', WR],
    ['ky-duyet', 'auditor', RO],
    ['ky-duyet', 'admin', OK],
    // Số hóa kết quả — VP, specialist.
    ['so-hoa-ket-qua', 'vpSpecialist', OK],
    ['so-hoa-ket-qua', 'specialist', WD],
    ['so-hoa-ket-qua', 'deputy', WD],
    ['so-hoa-ket-qua', 'auditor', RO],
    ['so-hoa-ket-qua', 'admin', OK],
    // Trả kết quả — BPMC, receiver.
    ['tra-ket-qua', 'receiver', OK],
    ['tra-ket-qua', 'specialist', WD],
    ['tra-ket-qua', 'director', WD],
    ['tra-ket-qua', 'auditor', RO],
    ['tra-ket-qua', 'admin', OK],
  ];
  const table = rows.map(([stepId, who, expected]) => {
    const actor = actors[who]!;
    const step = CORRECTION.steps.find((s) => s.id === stepId)!;
    const allowed = expected === OK;
    const title =
      `${actor.username} (${actor.role} of ${actor.divisionCode ?? 'no division'}) ` +
      `${allowed ? 'may' : 'may not'} finish "${stepId}", a ${step.role} step of ${step.division}` +
      (allowed ? '' : ` (${expected})`);
    return { title, stepId, actor, expected };
  });

  test.each(table.map((row) => [row.title, row] as const))('%s', (_title, { stepId, actor, expected }) => {
    const state = dossierAt(correctionCtx, stepId, MON_0900);
    const step = currentStepOf(correctionCtx, state);
    const decision = decidePurely(correctionCtx, state, finishing(step), actor, MON_0900);
    if (expected === OK) {
      expect(decision.ok).toBe(true);
    } else {
      expect(decision).toMatchObject({ ok: false, rejection: { code: expected, kind: 'forbidden' } });
    }
  });

  test('the deputy may sign in place of the director on a step given to the director', () => {
    const ctx = contextOf(ESTABLISHMENT);
    const state = dossierAt(ctx, 'ky-duyet', MON_0900);
    expect(currentStepOf(ctx, state).role).toBe('director');
    expect(
      accept(ctx, state, { type: 'approve', stepId: 'ky-duyet' }, deputy, MON_0900).state.currentStep?.stepId,
    ).toBe('lien-thong-ubnd-tinh');
  });

  test('the liaison step of a school establishment is finished by "complete" of a TCCB specialist', () => {
    const ctx = contextOf(ESTABLISHMENT);
    const state = dossierAt(ctx, 'lien-thong-ubnd-tinh', MON_0900);
    const tccbSpecialist = officer('tccb', 'specialist', 'TCCB');
    const action: DossierAction = { type: 'complete', stepId: 'lien-thong-ubnd-tinh' };
    expect(refuse(ctx, state, action, specialist, MON_0900).code).toBe('DOSSIER.WRONG_DIVISION');
    expect(accept(ctx, state, action, tccbSpecialist, MON_0900).state.currentStep?.stepId).toBe(
      'so-hoa-ket-qua',
    );
  });
});

describe('assignment (phân công) of a step', () => {
  const assignee = {
    officerId: specialist.officerId,
    username: specialist.username,
    fullName: specialist.fullName,
  };
  const assignAppraisal: DossierAction = { type: 'assign', stepId: 'tham-dinh', assignee };

  test.each(
    cases([
      ['the QLCL head', head, 'accepted'],
      ['the deputy director', deputy, 'accepted'],
      ['the director', director, 'accepted'],
      ['the administrator', admin, 'accepted'],
      ['the GDTRH head', head2, 'DOSSIER.WRONG_DIVISION'],
      ['a QLCL specialist', specialist, 'DOSSIER.WRONG_ROLE'],
      ['the receiver', receiver, 'DOSSIER.WRONG_ROLE'],
      ['a GDTRH specialist', specialist2, 'DOSSIER.WRONG_ROLE'],
      ['the auditor', auditor, 'DOSSIER.READ_ONLY_ROLE'],
    ]),
  )('%s assigning the QLCL appraisal: %s', (_who, expected, actor) => {
    const state = dossierAt(correctionCtx, 'tham-dinh', MON_0900);
    const decision = decidePurely(correctionCtx, state, assignAppraisal, actor, MON_0900);
    if (expected === 'accepted') expect(decision.ok).toBe(true);
    else expect(decision).toMatchObject({ ok: false, rejection: { code: expected } });
  });

  test('an assignment sets the assignee on the current step, keeps its clock and is recorded', () => {
    const state = dossierAt(correctionCtx, 'tham-dinh', MON_0900);
    const now = at('2026-03-02', '09:30');
    const { state: next, event } = accept(correctionCtx, state, assignAppraisal, head, now);

    expect(next.currentStep).toEqual({ ...state.currentStep, assignee });
    expect(next.status).toBe(4);
    expect(event).toMatchObject({
      type: 'assign',
      seq: state.seq + 1,
      at: now,
      actor: head,
      stepId: 'tham-dinh',
      fromStepId: 'tham-dinh',
      toStepId: 'tham-dinh',
      fromPhase: 'processing',
      toPhase: 'processing',
      onTime: null,
      payload: { assignee },
    });
  });

  test('a specialist who is not the assignee may not finish the step (DOSSIER.NOT_ASSIGNEE)', () => {
    const state = accept(
      correctionCtx,
      dossierAt(correctionCtx, 'tham-dinh', MON_0900),
      assignAppraisal,
      head,
      MON_0900,
    ).state;
    const action: DossierAction = { type: 'complete', stepId: 'tham-dinh' };

    expect(refuse(correctionCtx, state, action, otherQlclSpecialist, MON_0900)).toMatchObject({
      code: 'DOSSIER.NOT_ASSIGNEE',
      kind: 'forbidden',
    });
    expect(accept(correctionCtx, state, action, specialist, MON_0900).state.currentStep?.stepId).toBe(
      'xem-xet',
    );
    expect(accept(correctionCtx, state, action, head, MON_0900).state.currentStep?.stepId).toBe('xem-xet');
  });

  test('the assignment of a step that has moved on is a step mismatch', () => {
    const state = dossierAt(correctionCtx, 'xem-xet', MON_0900);
    expect(refuse(correctionCtx, state, assignAppraisal, head, MON_0900).code).toBe('DOSSIER.STEP_MISMATCH');
  });

  test('leadership may re-assign a step to another specialist', () => {
    let state = accept(
      correctionCtx,
      dossierAt(correctionCtx, 'tham-dinh', MON_0900),
      assignAppraisal,
      head,
      MON_0900,
    ).state;
    const other = {
      officerId: otherQlclSpecialist.officerId,
      username: otherQlclSpecialist.username,
      fullName: otherQlclSpecialist.fullName,
    };
    state = accept(
      correctionCtx,
      state,
      { type: 'assign', stepId: 'tham-dinh', assignee: other },
      director,
      MON_0900,
    ).state;
    expect(state.currentStep?.assignee).toEqual(other);
    expect(
      refuse(correctionCtx, state, { type: 'complete', stepId: 'tham-dinh' }, specialist, MON_0900).code,
    ).toBe('DOSSIER.NOT_ASSIGNEE');
  });
});

describe('send back (trả lại bước trước)', () => {
  test('the head sends the review back to the appraisal, which starts again with a fresh step clock', () => {
    const state = dossierAt(correctionCtx, 'xem-xet', MON_0900);
    const now = at('2026-03-03', '14:00');
    const { state: next, event } = accept(
      correctionCtx,
      state,
      { type: 'send_back', stepId: 'xem-xet', reason: 'Dự thảo quyết định sai họ tên' },
      head,
      now,
    );

    const appraisal = CORRECTION.steps[2]!;
    expect(next.currentStep).toEqual({
      stepId: 'tham-dinh',
      index: 2,
      startedAt: now,
      deadline: stepDeadline(cal, appraisal, now),
      assignee: null,
    });
    // 20 h = 1125 min from Tue 14:00: Tue 180 + Wed 450 + Thu 450 = 1080, then Fri 07:30 + 45 min.
    expect(show(next.currentStep?.deadline)).toBe('2026-03-06T08:15');
    expect(next).toMatchObject({ phase: 'processing', status: 4, appointmentAt: state.appointmentAt });
    expect(event).toMatchObject({
      type: 'send_back',
      seq: state.seq + 1,
      actor: head,
      stepId: 'xem-xet',
      fromStepId: 'xem-xet',
      toStepId: 'tham-dinh',
      fromStatus: 4,
      toStatus: 4,
      // Review budget 225 min; Mon 09:00 → Tue 14:00 is 480 min.
      onTime: 'late',
      payload: { reason: 'Dự thảo quyết định sai họ tên' },
    });
  });

  test('leadership sends the signature back to the head review', () => {
    const state = dossierAt(correctionCtx, 'ky-duyet', MON_0900);
    const next = accept(
      correctionCtx,
      state,
      { type: 'send_back', stepId: 'ky-duyet', reason: 'Xem lại' },
      director,
      MON_0900,
    ).state;
    expect(next.currentStep?.stepId).toBe('xem-xet');
  });

  test('sending back the first handling step returns the dossier to the receipt step (status 2)', () => {
    const state = dossierAt(correctionCtx, 'phan-cong', MON_0900);
    const next = accept(
      correctionCtx,
      state,
      { type: 'send_back', stepId: 'phan-cong', reason: 'Thiếu trang' },
      head,
      MON_0900,
    ).state;
    expect(next).toMatchObject({ status: 2, currentStep: { stepId: 'tiep-nhan', index: 0 } });
  });

  test('nothing is before the receipt step: DOSSIER.CANNOT_SEND_BACK', () => {
    const state = receive(correctionCtx, MON_0900).state;
    const action: DossierAction = { type: 'send_back', stepId: 'tiep-nhan', reason: 'Trả lại' };
    expect(refuse(correctionCtx, state, action, receiver, MON_0900)).toMatchObject({
      code: 'DOSSIER.CANNOT_SEND_BACK',
      kind: 'conflict',
    });
  });

  test('only who may work on the step may send it back', () => {
    const state = dossierAt(correctionCtx, 'xem-xet', MON_0900);
    const action: DossierAction = { type: 'send_back', stepId: 'xem-xet', reason: 'Xem lại' };
    expect(refuse(correctionCtx, state, action, specialist, MON_0900).code).toBe('DOSSIER.WRONG_ROLE');
    expect(refuse(correctionCtx, state, action, head2, MON_0900).code).toBe('DOSSIER.WRONG_DIVISION');
    expect(refuse(correctionCtx, state, action, auditor, MON_0900).code).toBe('DOSSIER.READ_ONLY_ROLE');
  });

  test('a stale send back (the step has moved on) is a step mismatch', () => {
    const state = dossierAt(correctionCtx, 'ky-duyet', MON_0900);
    const action: DossierAction = { type: 'send_back', stepId: 'xem-xet', reason: 'Xem lại' };
    expect(refuse(correctionCtx, state, action, head, MON_0900).code).toBe('DOSSIER.STEP_MISMATCH');
  });

  test('with the result ready nothing can be sent back', () => {
    const state = dossierAt(correctionCtx, 'tra-ket-qua', MON_0900);
    const action: DossierAction = { type: 'send_back', stepId: 'tra-ket-qua', reason: 'Xem lại' };
    expect(refuse(correctionCtx, state, action, receiver, MON_0900).code).toBe('DOSSIER.INVALID_STATE');
  });
});

describe('supplement (bổ sung hồ sơ, Mẫu 02) with the clock rule `pause`', () => {
  // Công nhận văn bằng nước ngoài, 15 working days, received Mon 02/03 08:00 → appointment Mon 23/03 08:00.
  const receivedAt = at('2026-03-02', '08:00');
  const requestedAt = at('2026-03-05', '15:00'); // Thursday
  const resumedAt = at('2026-03-09', '10:00'); // the next Monday
  const request: DossierAction = {
    type: 'request_supplement',
    reason: 'Bản dịch kết quả học tập chưa được chứng thực',
    items: ['KQHT'],
  };

  function awaiting(): DossierState {
    const state = dossierAt(recognitionCtx, 'tham-dinh', receivedAt);
    expect(show(state.appointmentAt)).toBe('2026-03-23T08:00');
    return accept(recognitionCtx, state, request, specialist, requestedAt).state;
  }

  test('a request sets status 5, opens a ledger entry and keeps the appointment', () => {
    const state = dossierAt(recognitionCtx, 'tham-dinh', receivedAt);
    const { state: next, event } = accept(recognitionCtx, state, request, specialist, requestedAt);

    expect(next).toMatchObject({
      phase: 'awaiting_supplement',
      status: 5,
      appointmentAt: state.appointmentAt,
      currentStep: state.currentStep,
      multipleSupplements: false,
    });
    expect(next.supplements).toEqual([
      {
        requestedAt,
        requestedBy: 'specialist',
        reason: request.reason,
        items: ['KQHT'],
        resumedAt: null,
        pausedWorkingMinutes: null,
      },
    ]);
    expect(event).toMatchObject({
      type: 'request_supplement',
      actor: specialist,
      fromPhase: 'processing',
      toPhase: 'awaiting_supplement',
      fromStatus: 4,
      toStatus: 5,
      stepId: 'tham-dinh',
      toStepId: 'tham-dinh',
      payload: { reason: request.reason, items: ['KQHT'], count: 1 },
    });
  });

  test('the appointment moves by exactly the working time spent waiting, across the weekend', () => {
    const { state, event } = accept(
      recognitionCtx,
      awaiting(),
      { type: 'record_supplement', note: 'Đã nộp' },
      receiver,
      resumedAt,
    );

    // Waiting: Thu 15:00–17:00 (120) + Fri (450) + Sat, Sun (0) + Mon 07:30–10:00 (150) = 720 working min.
    // Mon 23/03 08:00 + 720: Mon 08:00–11:30 (210) + 13:30–17:00 (210) = 420, Tue 07:30–11:30 (240),
    // then 60 more from 13:30 → Tue 24/03 14:30.
    expect(show(state.appointmentAt)).toBe('2026-03-24T14:30');
    expect(cal.workingMinutesBetween(at('2026-03-23', '08:00'), state.appointmentAt)).toBe(720);
    expect(show(state.originalAppointmentAt)).toBe('2026-03-23T08:00');
    expect(state.supplements).toEqual([
      expect.objectContaining({ requestedAt, resumedAt, pausedWorkingMinutes: 720 }),
    ]);
    expect(state).toMatchObject({
      phase: 'processing',
      status: 4,
      multipleSupplements: false,
      overdue: false,
    });
    expect(event).toMatchObject({
      type: 'record_supplement',
      actor: receiver,
      fromPhase: 'awaiting_supplement',
      toPhase: 'processing',
      fromStatus: 5,
      toStatus: 4,
      payload: { note: 'Đã nộp', rule: 'pause', appointmentAt: state.appointmentAt },
    });
  });

  test('the step the dossier waited at starts its budget again and keeps its assignee', () => {
    const assignee = {
      officerId: specialist.officerId,
      username: specialist.username,
      fullName: specialist.fullName,
    };
    let state = dossierAt(recognitionCtx, 'tham-dinh', receivedAt);
    state = accept(
      recognitionCtx,
      state,
      { type: 'assign', stepId: 'tham-dinh', assignee },
      head,
      receivedAt,
    ).state;
    state = accept(recognitionCtx, state, request, specialist, requestedAt).state;
    state = accept(recognitionCtx, state, { type: 'record_supplement' }, receiver, resumedAt).state;

    expect(state.currentStep).toEqual({
      stepId: 'tham-dinh',
      index: 2,
      startedAt: resumedAt,
      deadline: stepDeadline(cal, RECOGNITION.steps[2]!, resumedAt),
      assignee,
    });
  });

  test('the legal clock does not run and no overdue is flagged while the applicant supplements', () => {
    const state = awaiting();
    expect(legalClockRunning(state)).toBe(false);
    expect(markOverdue(recognitionCtx, state, at('2026-03-30', '08:00'))).toBeNull();
  });

  test('a second request is counted against the office (multipleSupplements, Decision 766)', () => {
    let state = accept(recognitionCtx, awaiting(), { type: 'record_supplement' }, receiver, resumedAt).state;
    const second = accept(
      recognitionCtx,
      state,
      { ...request, items: ['VB'] },
      head,
      at('2026-03-10', '09:00'),
    );
    state = second.state;

    expect(state.multipleSupplements).toBe(true);
    expect(state.supplements).toHaveLength(2);
    expect(state.supplements[0]).toMatchObject({ resumedAt, pausedWorkingMinutes: 720 });
    expect(state.supplements[1]).toMatchObject({ requestedBy: 'head', items: ['VB'], resumedAt: null });
    expect(second.event.payload).toMatchObject({ count: 2 });
  });

  test('a request while already waiting for the applicant is refused', () => {
    expect(refuse(recognitionCtx, awaiting(), request, specialist, resumedAt).code).toBe(
      'DOSSIER.INVALID_STATE',
    );
  });

  test('only the one-stop desk records the supplement', () => {
    const state = awaiting();
    const action: DossierAction = { type: 'record_supplement' };
    expect(refuse(recognitionCtx, state, action, specialist, resumedAt).code).toBe('DOSSIER.WRONG_ROLE');
    expect(refuse(recognitionCtx, state, action, head, resumedAt).code).toBe('DOSSIER.WRONG_ROLE');
    expect(refuse(recognitionCtx, state, action, auditor, resumedAt).code).toBe('DOSSIER.READ_ONLY_ROLE');
    expect(accept(recognitionCtx, state, action, admin, resumedAt).state.phase).toBe('processing');
  });

  test('no supplement can be recorded when none was requested', () => {
    const state = dossierAt(recognitionCtx, 'tham-dinh', receivedAt);
    expect(refuse(recognitionCtx, state, { type: 'record_supplement' }, receiver, resumedAt).code).toBe(
      'DOSSIER.INVALID_STATE',
    );
  });

  test('the request is made by who works on the step: the desk at receipt, the division later', () => {
    const atReceipt = receive(recognitionCtx, receivedAt).state;
    expect(accept(recognitionCtx, atReceipt, request, receiver, receivedAt).state.status).toBe(5);
    expect(refuse(recognitionCtx, atReceipt, request, specialist, receivedAt).code).toBe(
      'DOSSIER.WRONG_ROLE',
    );

    const atAppraisal = dossierAt(recognitionCtx, 'tham-dinh', receivedAt);
    expect(refuse(recognitionCtx, atAppraisal, request, specialist2, receivedAt).code).toBe(
      'DOSSIER.WRONG_DIVISION',
    );
    expect(refuse(recognitionCtx, atAppraisal, request, receiver, receivedAt).code).toBe(
      'DOSSIER.WRONG_DIVISION',
    );
    expect(refuse(recognitionCtx, atAppraisal, request, auditor, receivedAt).code).toBe(
      'DOSSIER.READ_ONLY_ROLE',
    );
  });

  test('no supplement can be requested once the result is ready', () => {
    const state = dossierAt(recognitionCtx, 'tra-ket-qua', receivedAt);
    expect(refuse(recognitionCtx, state, request, receiver, receivedAt).code).toBe('DOSSIER.INVALID_STATE');
  });

  test('a dossier already overdue at the request stays overdue: the pause does not forgive the lateness', () => {
    let state = dossierAt(recognitionCtx, 'tham-dinh', receivedAt);
    state = markOverdue(recognitionCtx, state, at('2026-03-23', '08:00'))!.state;
    expect(state.overdue).toBe(true);
    // Requested Tue 24/03 08:00 (30 working min late), supplemented that evening at 18:00: 420 min paused.
    state = accept(recognitionCtx, state, request, specialist, at('2026-03-24', '08:00')).state;
    state = accept(
      recognitionCtx,
      state,
      { type: 'record_supplement' },
      receiver,
      at('2026-03-24', '18:00'),
    ).state;

    // Mon 23/03 08:00 + 420 working min = Mon 23/03 17:00: still before the supplement arrived.
    expect(show(state.appointmentAt)).toBe('2026-03-23T17:00');
    expect(state.supplements[0]?.pausedWorkingMinutes).toBe(420);
    expect(state.overdue).toBe(true);

    state = walkTo(recognitionCtx, state, 'so-hoa-ket-qua', at('2026-03-25', '07:30'));
    state = finishCurrent(recognitionCtx, state, at('2026-03-25', '07:30')).state;
    state = accept(
      recognitionCtx,
      state,
      { type: 'return_result' },
      receiver,
      at('2026-03-25', '08:00'),
    ).state;
    expect(state.outcome).toBe('late');
  });
});

describe('supplement with the clock rule `restart`', () => {
  // Chỉnh sửa văn bằng: 5 working days counted again from the complete dossier.
  const request: DossierAction = {
    type: 'request_supplement',
    reason: 'Thiếu trích lục hộ tịch',
    items: ['HT'],
  };

  test('the appointment is the receipt of the supplement + the full limit', () => {
    let state = dossierAt(correctionCtx, 'tham-dinh', MON_0900);
    state = accept(correctionCtx, state, request, specialist, at('2026-03-04', '10:00')).state;
    const resumedAt = at('2026-03-06', '16:00');
    const { state: next, event } = accept(
      correctionCtx,
      state,
      { type: 'record_supplement' },
      receiver,
      resumedAt,
    );

    // Fri 16:00 + 5 working days = Fri 13/03 16:00.
    expect(show(next.appointmentAt)).toBe('2026-03-13T16:00');
    expect(next.appointmentAt).toBe(computeDeadline(cal, resumedAt, CORRECTION.legalLimit).deadline);
    expect(show(next.originalAppointmentAt)).toBe('2026-03-09T09:00');
    expect(next.supplements[0]).toMatchObject({ resumedAt, pausedWorkingMinutes: null });
    expect(event.payload).toEqual({ note: null, rule: 'restart', appointmentAt: next.appointmentAt });
  });

  test('a same-day copy supplemented after 15:00 is due the next working day', () => {
    let state = dossierAt(copyCtx, 'tham-dinh', at('2026-03-02', '08:00'));
    state = accept(
      copyCtx,
      state,
      { ...request, items: ['GTTT'] },
      specialist,
      at('2026-03-02', '09:00'),
    ).state;
    state = accept(copyCtx, state, { type: 'record_supplement' }, receiver, at('2026-03-02', '15:30')).state;
    expect(show(state.appointmentAt)).toBe('2026-03-03T17:00');
  });

  test('an overdue dossier that restarts its clock is no longer overdue', () => {
    let state = dossierAt(correctionCtx, 'tham-dinh', MON_0900);
    state = markOverdue(correctionCtx, state, at('2026-03-09', '09:00'))!.state;
    state = accept(correctionCtx, state, request, specialist, at('2026-03-09', '10:00')).state;
    state = accept(
      correctionCtx,
      state,
      { type: 'record_supplement' },
      receiver,
      at('2026-03-10', '10:00'),
    ).state;
    expect(show(state.appointmentAt)).toBe('2026-03-17T10:00');
    expect(state.overdue).toBe(false);
    expect(legalClockRunning(state)).toBe(true);
  });
});

// docs/domain.md, "Receipt and appointment" (refusal) and "Return, withdrawal and stop".
describe('refusal, withdrawal and stop', () => {
  test('the QLCL head refuses the dossier: status 3, out of the process, no outcome', () => {
    const state = dossierAt(correctionCtx, 'tham-dinh', MON_0900);
    const now = at('2026-03-03', '09:00');
    const reasons = ['Văn bằng không thuộc thẩm quyền chỉnh sửa của Sở'];
    const { state: next, event } = accept(correctionCtx, state, { type: 'refuse', reasons }, head, now);

    expect(next).toMatchObject({
      phase: 'refused',
      status: 3,
      currentStep: null,
      finishedAt: now,
      outcome: null,
    });
    expect(event).toMatchObject({
      type: 'refuse',
      actor: head,
      stepId: 'tham-dinh',
      fromStepId: 'tham-dinh',
      toStepId: null,
      fromStatus: 4,
      toStatus: 3,
      toPhase: 'refused',
      onTime: null,
      payload: { reasons },
    });
  });

  test.each(
    cases([
      ['the deputy director', deputy, 'accepted'],
      ['the director', director, 'accepted'],
      ['the administrator', admin, 'accepted'],
      ['the QLCL head', head, 'accepted'],
      ['the GDTRH head', head2, 'DOSSIER.WRONG_DIVISION'],
      ['a QLCL specialist', specialist, 'DOSSIER.WRONG_ROLE'],
      ['the receiver', receiver, 'DOSSIER.WRONG_ROLE'],
      ['the auditor', auditor, 'DOSSIER.READ_ONLY_ROLE'],
    ]),
  )('%s refusing at the QLCL appraisal: %s', (_who, expected, actor) => {
    const state = dossierAt(correctionCtx, 'tham-dinh', MON_0900);
    const decision = decidePurely(
      correctionCtx,
      state,
      { type: 'refuse', reasons: ['Lý do'] },
      actor,
      MON_0900,
    );
    if (expected === 'accepted') expect(decision.ok).toBe(true);
    else expect(decision).toMatchObject({ ok: false, rejection: { code: expected } });
  });

  test('a refusal needs at least one reason (DOSSIER.MISSING_TEXT)', () => {
    const state = dossierAt(correctionCtx, 'tham-dinh', MON_0900);
    expect(refuse(correctionCtx, state, { type: 'refuse', reasons: [] }, head, MON_0900)).toMatchObject({
      code: 'DOSSIER.MISSING_TEXT',
      kind: 'invalid',
    });
  });

  test('a dossier waiting for a supplement may be refused; one with its result ready may not', () => {
    const request: DossierAction = { type: 'request_supplement', reason: 'Thiếu', items: ['HT'] };
    const waiting = accept(
      correctionCtx,
      dossierAt(correctionCtx, 'tham-dinh', MON_0900),
      request,
      specialist,
      MON_0900,
    ).state;
    expect(
      accept(correctionCtx, waiting, { type: 'refuse', reasons: ['Không bổ sung'] }, head, MON_0900).state
        .status,
    ).toBe(3);

    const ready = dossierAt(correctionCtx, 'tra-ket-qua', MON_0900);
    expect(refuse(correctionCtx, ready, { type: 'refuse', reasons: ['Lý do'] }, deputy, MON_0900).code).toBe(
      'DOSSIER.INVALID_STATE',
    );
  });

  test('the desk records a withdrawal request (status 7), then closes the dossier (status 8)', () => {
    const state = dossierAt(correctionCtx, 'tham-dinh', MON_0900);
    const t1 = at('2026-03-03', '09:00');
    const withdrawn = accept(
      correctionCtx,
      state,
      { type: 'withdraw', reason: 'Công dân xin rút hồ sơ' },
      receiver,
      t1,
    );

    expect(withdrawn.state).toMatchObject({
      phase: 'withdrawal_requested',
      status: 7,
      currentStep: state.currentStep,
      finishedAt: null,
    });
    expect(withdrawn.event).toMatchObject({
      type: 'withdraw',
      actor: receiver,
      fromStatus: 4,
      toStatus: 7,
      payload: { reason: 'Công dân xin rút hồ sơ', fromPhase: 'processing' },
    });
    expect(legalClockRunning(withdrawn.state)).toBe(false);
    expect(markOverdue(correctionCtx, withdrawn.state, at('2026-03-20', '09:00'))).toBeNull();

    const t2 = at('2026-03-03', '10:00');
    const stopped = accept(
      correctionCtx,
      withdrawn.state,
      { type: 'stop', reason: 'Rút hồ sơ' },
      receiver,
      t2,
    );
    expect(stopped.state).toMatchObject({
      phase: 'stopped',
      status: 8,
      currentStep: null,
      finishedAt: t2,
      outcome: null,
    });
    expect(stopped.event).toMatchObject({
      type: 'stop',
      fromPhase: 'withdrawal_requested',
      toPhase: 'stopped',
      fromStatus: 7,
      toStatus: 8,
      fromStepId: 'tham-dinh',
      toStepId: null,
      payload: { reason: 'Rút hồ sơ' },
    });
  });

  test('a withdrawal may be asked while the applicant is supplementing', () => {
    const request: DossierAction = { type: 'request_supplement', reason: 'Thiếu', items: ['HT'] };
    const waiting = accept(
      correctionCtx,
      dossierAt(correctionCtx, 'tham-dinh', MON_0900),
      request,
      specialist,
      MON_0900,
    ).state;
    const { state, event } = accept(
      correctionCtx,
      waiting,
      { type: 'withdraw', reason: 'Không bổ sung được' },
      receiver,
      MON_0900,
    );
    expect(state.status).toBe(7);
    expect(event.payload).toEqual({ reason: 'Không bổ sung được', fromPhase: 'awaiting_supplement' });
  });

  test('only the one-stop desk records a withdrawal request', () => {
    const state = dossierAt(correctionCtx, 'tham-dinh', MON_0900);
    const action: DossierAction = { type: 'withdraw', reason: 'Rút' };
    expect(refuse(correctionCtx, state, action, specialist, MON_0900).code).toBe('DOSSIER.WRONG_ROLE');
    expect(refuse(correctionCtx, state, action, head, MON_0900).code).toBe('DOSSIER.WRONG_ROLE');
    expect(refuse(correctionCtx, state, action, deputy, MON_0900).code).toBe('DOSSIER.WRONG_ROLE');
    expect(refuse(correctionCtx, state, action, auditor, MON_0900).code).toBe('DOSSIER.READ_ONLY_ROLE');
  });

  test.each([
    ['the result is ready', 'result_ready'],
    ['the result is returned', 'returned'],
  ] as const)('no withdrawal once %s (DOSSIER.INVALID_STATE)', (_when, phase) => {
    let state = dossierAt(correctionCtx, 'tra-ket-qua', MON_0900);
    if (phase === 'returned')
      state = accept(correctionCtx, state, { type: 'return_result' }, receiver, MON_0900).state;
    expect(state.phase).toBe(phase);
    expect(
      refuse(correctionCtx, state, { type: 'withdraw', reason: 'Rút' }, receiver, MON_0900),
    ).toMatchObject({
      code: 'DOSSIER.INVALID_STATE',
      kind: 'conflict',
    });
  });

  test('while a withdrawal is pending the process is frozen: no step can be finished', () => {
    const state = accept(
      correctionCtx,
      dossierAt(correctionCtx, 'tham-dinh', MON_0900),
      { type: 'withdraw', reason: 'Rút' },
      receiver,
      MON_0900,
    ).state;
    expect(
      refuse(correctionCtx, state, { type: 'complete', stepId: 'tham-dinh' }, specialist, MON_0900).code,
    ).toBe('DOSSIER.INVALID_STATE');
    expect(refuse(correctionCtx, state, { type: 'withdraw', reason: 'Rút' }, receiver, MON_0900).code).toBe(
      'DOSSIER.INVALID_STATE',
    );
  });

  test.each(
    cases([
      ['the receiver', receiver, 'accepted'],
      ['the deputy director', deputy, 'accepted'],
      ['the QLCL head of the step', head, 'accepted'],
      ['the GDTRH head', head2, 'DOSSIER.WRONG_DIVISION'],
      ['a QLCL specialist', specialist, 'DOSSIER.WRONG_ROLE'],
      ['the auditor', auditor, 'DOSSIER.READ_ONLY_ROLE'],
    ]),
  )('after a withdrawal request, %s closing the dossier: %s', (_who, expected, actor) => {
    const state = accept(
      correctionCtx,
      dossierAt(correctionCtx, 'tham-dinh', MON_0900),
      { type: 'withdraw', reason: 'Rút' },
      receiver,
      MON_0900,
    ).state;
    const decision = decidePurely(
      correctionCtx,
      state,
      { type: 'stop', reason: 'Rút hồ sơ' },
      actor,
      MON_0900,
    );
    if (expected === 'accepted') expect(decision.ok).toBe(true);
    else expect(decision).toMatchObject({ ok: false, rejection: { code: expected } });
  });

  test.each(
    cases([
      ['the deputy director', deputy, 'accepted'],
      ['the director', director, 'accepted'],
      ['the QLCL head of the step', head, 'accepted'],
      ['the GDTRH head', head2, 'DOSSIER.WRONG_DIVISION'],
      ['the receiver (no withdrawal was asked)', receiver, 'DOSSIER.WRONG_ROLE'],
      ['a QLCL specialist', specialist, 'DOSSIER.WRONG_ROLE'],
      ['the auditor', auditor, 'DOSSIER.READ_ONLY_ROLE'],
    ]),
  )('stopping a dossier in process directly, by %s: %s', (_who, expected, actor) => {
    const state = dossierAt(correctionCtx, 'tham-dinh', MON_0900);
    const decision = decidePurely(
      correctionCtx,
      state,
      { type: 'stop', reason: 'Dừng theo chỉ đạo' },
      actor,
      MON_0900,
    );
    if (expected === 'accepted') {
      expect(decision).toMatchObject({ ok: true, state: { phase: 'stopped', status: 8, currentStep: null } });
    } else {
      expect(decision).toMatchObject({ ok: false, rejection: { code: expected } });
    }
  });

  test('a dossier with its result ready cannot be stopped', () => {
    const state = dossierAt(correctionCtx, 'tra-ket-qua', MON_0900);
    expect(refuse(correctionCtx, state, { type: 'stop', reason: 'Dừng' }, director, MON_0900).code).toBe(
      'DOSSIER.INVALID_STATE',
    );
  });

  describe('nothing more happens to a finished dossier', () => {
    const finished: [string, () => DossierState][] = [
      [
        'returned',
        () =>
          accept(
            correctionCtx,
            dossierAt(correctionCtx, 'tra-ket-qua', MON_0900),
            { type: 'return_result' },
            receiver,
            MON_0900,
          ).state,
      ],
      [
        'refused',
        () =>
          accept(
            correctionCtx,
            receive(correctionCtx, MON_0900).state,
            { type: 'refuse', reasons: ['Sai thẩm quyền'] },
            director,
            MON_0900,
          ).state,
      ],
      [
        'stopped',
        () =>
          accept(
            correctionCtx,
            receive(correctionCtx, MON_0900).state,
            { type: 'stop', reason: 'Dừng' },
            director,
            MON_0900,
          ).state,
      ],
    ];
    const actions: DossierAction[] = [
      { type: 'complete', stepId: 'tiep-nhan' },
      { type: 'approve', stepId: 'ky-duyet' },
      { type: 'assign', stepId: 'tham-dinh', assignee: { officerId: 'x', username: 'x', fullName: 'X' } },
      { type: 'send_back', stepId: 'tham-dinh', reason: 'x' },
      { type: 'request_supplement', reason: 'x', items: [] },
      { type: 'record_supplement' },
      { type: 'refuse', reasons: ['x'] },
      { type: 'withdraw', reason: 'x' },
      { type: 'stop', reason: 'x' },
      { type: 'return_result' },
    ];
    test.each(
      finished.flatMap(([phase, make]) =>
        actions.map((action) => [phase, action.type, make, action] as const),
      ),
    )('a %s dossier refuses "%s" (DOSSIER.INVALID_STATE)', (_phase, _type, make, action) => {
      const state = make();
      expect(refuse(correctionCtx, state, action, admin, at('2026-03-03', '09:00')).code).toBe(
        'DOSSIER.INVALID_STATE',
      );
      expect(markOverdue(correctionCtx, state, at('2026-04-01', '09:00'))).toBeNull();
    });
  });
});

describe('the legal clock: overdue and on-time results', () => {
  // Correction received Mon 02/03 09:00 → appointment Mon 09/03 09:00.
  test('no overdue before the appointment', () => {
    const state = dossierAt(correctionCtx, 'tham-dinh', MON_0900);
    expect(legalClockRunning(state)).toBe(true);
    expect(markOverdue(correctionCtx, state, at('2026-03-09', '08:59'))).toBeNull();
  });

  test('at the appointment the system flags the dossier overdue once, with an event of its own', () => {
    const state = dossierAt(correctionCtx, 'tham-dinh', MON_0900);
    const now = at('2026-03-09', '09:00');
    const t = markOverdue(correctionCtx, deepFreeze(state), now);

    expect(t?.state).toMatchObject({ overdue: true, phase: 'processing', status: 4, seq: state.seq + 1 });
    expect(t?.state.appointmentAt).toBe(state.appointmentAt);
    expect(t?.event).toEqual({
      dossierCode: state.code,
      seq: state.seq + 1,
      at: now,
      type: 'overdue',
      actor: null,
      stepId: 'tham-dinh',
      fromPhase: 'processing',
      toPhase: 'processing',
      fromStatus: 4,
      toStatus: 4,
      fromStepId: 'tham-dinh',
      toStepId: 'tham-dinh',
      onTime: null,
      payload: { appointmentAt: state.appointmentAt },
    });
    expect(legalClockRunning(t!.state)).toBe(false);
    expect(markOverdue(correctionCtx, t!.state, at('2026-03-10', '09:00'))).toBeNull();
  });

  test('a dossier whose result is ready is not flagged overdue, even after the appointment', () => {
    const state = dossierAt(correctionCtx, 'tra-ket-qua', MON_0900);
    expect(legalClockRunning(state)).toBe(false);
    expect(markOverdue(correctionCtx, state, at('2026-03-20', '09:00'))).toBeNull();
  });

  test('an overdue dossier finished later is late, and stays flagged', () => {
    let state = dossierAt(correctionCtx, 'so-hoa-ket-qua', MON_0900);
    state = markOverdue(correctionCtx, state, at('2026-03-09', '09:00'))!.state;
    state = accept(
      correctionCtx,
      state,
      { type: 'mark_result_ready', stepId: 'so-hoa-ket-qua' },
      vpSpecialist,
      at('2026-03-09', '10:00'),
    ).state;
    state = accept(
      correctionCtx,
      state,
      { type: 'return_result' },
      receiver,
      at('2026-03-09', '10:30'),
    ).state;
    expect(state).toMatchObject({ outcome: 'late', overdue: true, status: 10 });
  });

  test.each([
    ['one minute before the appointment', 'early', '2026-03-09', '08:59'],
    ['at the appointment', 'on_time', '2026-03-09', '09:00'],
    ['one minute after the appointment', 'late', '2026-03-09', '09:01'],
    ['the evening before the appointment', 'early', '2026-03-06', '18:00'],
  ])(
    'a result ready %s is %s (the dossier outcome against the appointment)',
    (_when, outcome, date, hhmm) => {
      const readyAt = at(date, hhmm);
      let state = dossierAt(correctionCtx, 'so-hoa-ket-qua', MON_0900);
      state = accept(
        correctionCtx,
        state,
        { type: 'mark_result_ready', stepId: 'so-hoa-ket-qua' },
        vpSpecialist,
        readyAt,
      ).state;
      expect(state).toMatchObject({ phase: 'result_ready', status: 9, resultReadyAt: readyAt });
      state = accept(
        correctionCtx,
        state,
        { type: 'return_result' },
        receiver,
        at('2026-03-10', '10:00'),
      ).state;
      expect(state.outcome).toBe(outcome);
    },
  );

  // docs/domain.md, "Return, withdrawal and stop": statistics take "result ready" as the end.
  test('the outcome counts the result ready (status 9), not the return to the applicant', () => {
    let state = dossierAt(correctionCtx, 'tra-ket-qua', MON_0900);
    // Result ready Monday 09:00 (at once), collected by the applicant a fortnight later.
    state = accept(
      correctionCtx,
      state,
      { type: 'return_result' },
      receiver,
      at('2026-03-16', '09:00'),
    ).state;
    expect(state).toMatchObject({ outcome: 'early', finishedAt: at('2026-03-16', '09:00') });
  });

  // Mẫu 05: the receipt step of a correction received Mon 09:00 has 4 legal hours = 225 min → 14:45.
  test.each([
    ['during the lunch break (150 min)', 'early', '2026-03-02', '12:30'],
    ['one minute before its deadline', 'early', '2026-03-02', '14:44'],
    ['at its deadline (225 min)', 'on_time', '2026-03-02', '14:45'],
    ['one minute after its deadline', 'late', '2026-03-02', '14:46'],
    ['the next morning', 'late', '2026-03-03', '08:00'],
  ])('the receipt step finished %s is %s on the control slip', (_when, result, date, hhmm) => {
    const now = at(date, hhmm);
    const state = receive(correctionCtx, MON_0900).state;
    expect(show(state.currentStep?.deadline)).toBe('2026-03-02T14:45');
    const { event } = accept(correctionCtx, state, { type: 'complete', stepId: 'tiep-nhan' }, receiver, now);
    expect(event.onTime).toBe(result);
  });
});

describe('the audit events', () => {
  test('each event records the state before and after, the actor and the instant; seq grows by one', () => {
    const ctx = correctionCtx;
    let { state, event } = receive(ctx, MON_0900);
    const pairs: [DossierState, DossierState, DossierEvent][] = [];
    const steps: [DossierAction, Actor][] = [
      [{ type: 'complete', stepId: 'tiep-nhan' }, receiver],
      [{ type: 'complete', stepId: 'phan-cong' }, head],
      [
        {
          type: 'assign',
          stepId: 'tham-dinh',
          assignee: {
            officerId: 'officer-specialist',
            username: 'specialist',
            fullName: specialist.fullName,
          },
        },
        head,
      ],
      [{ type: 'request_supplement', reason: 'Thiếu', items: ['KS'] }, specialist],
      [{ type: 'record_supplement' }, receiver],
      [{ type: 'complete', stepId: 'tham-dinh' }, specialist],
      [{ type: 'send_back', stepId: 'xem-xet', reason: 'Sửa dự thảo' }, head],
      [{ type: 'complete', stepId: 'tham-dinh' }, specialist],
      [{ type: 'complete', stepId: 'xem-xet' }, head],
      [{ type: 'approve', stepId: 'ky-duyet' }, director],
      [{ type: 'attach_result', stepId: 'so-hoa-ket-qua', file: resultFile }, vpSpecialist],
      [{ type: 'mark_result_ready', stepId: 'so-hoa-ket-qua' }, vpSpecialist],
      [{ type: 'return_result' }, receiver],
    ];
    let now = MON_0900;
    for (const [action, actor] of steps) {
      now += 10 * 60_000;
      const before = state;
      ({ state, event } = accept(ctx, state, action, actor, now));
      pairs.push([before, state, event]);
    }

    for (const [before, after, e] of pairs) {
      expect(e).toMatchObject({
        dossierCode: before.code,
        seq: before.seq + 1,
        fromPhase: before.phase,
        toPhase: after.phase,
        fromStatus: before.status,
        toStatus: after.status,
        fromStepId: before.currentStep?.stepId ?? null,
        toStepId: after.currentStep?.stepId ?? null,
        stepId: before.currentStep?.stepId ?? null,
      });
      expect(after.seq).toBe(e.seq);
      expect(actionLabels[e.type]).toBeTruthy();
    }
    expect(pairs.map(([, , e]) => e.seq)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(pairs.map(([, , e]) => e.actor?.username)).toEqual([
      'receiver',
      'head',
      'head',
      'specialist',
      'receiver',
      'specialist',
      'head',
      'specialist',
      'head',
      'director',
      'vanthu',
      'vanthu',
      'receiver',
    ]);
    expect(pairs.map(([, , e]) => e.toStatus)).toEqual([4, 4, 4, 5, 4, 4, 4, 4, 4, 4, 4, 9, 10]);
    expect(pairs.every(([, , e], i) => e.at === MON_0900 + (i + 1) * 10 * 60_000)).toBe(true);
    // Only actions that finish (or send back) a step carry a step result.
    expect(pairs.map(([, , e]) => e.onTime !== null)).toEqual([
      true,
      true,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
      true,
      false,
      true,
      true,
    ]);
  });

  test('every action type has a Vietnamese label', () => {
    expect(actionLabels).toMatchObject({
      receive: 'Tiếp nhận hồ sơ',
      approve: 'Phê duyệt, ký',
      overdue: 'Quá hạn giải quyết',
    });
  });
});
