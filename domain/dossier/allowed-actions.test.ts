import { describe, expect, test } from 'vitest';
import { devUsers } from '../../db/seed/organisation.seed.js';
import { createWorkingCalendar, defaultVietnamCalendar, vnDateTimeToInstant } from '../calendar/index.js';
import type { Role } from '../roles.js';
import { allowedActions } from './allowed-actions.js';
import { decide, receiveDossier, type DossierContext } from './index.js';
import type { Actor, DossierAction, DossierState } from './types.js';
import { procedureCode, seededProcedure } from '../../test/support/catalog.js';

// March 2026 has no holiday: Mon 02/03 opens an ordinary week.
const cal = createWorkingCalendar(defaultVietnamCalendar('default'));
const monday = vnDateTimeToInstant('2026-03-02', '08:00');
const minutes = (n: number) => n * 60_000;

/** Cấp bản sao văn bằng: fee (payment step), a document result (digitised before it is ready). */
const copyCtx: DossierContext = { procedure: seededProcedure(procedureCode('3.000465')), calendar: cal };
/** Chỉnh sửa nội dung văn bằng: no fee, QLCL, signed by a deputy. */
const correctionCtx: DossierContext = {
  procedure: seededProcedure(procedureCode('3.000466')),
  calendar: cal,
};

function officer(username: string, role: Role, divisionCode: string | null): Actor {
  return { officerId: `officer-${username}`, username, fullName: username, role, divisionCode };
}
function devActor(username: string): Actor {
  const user = devUsers.find((u) => u.username === username);
  if (!user) throw new Error(`No dev user ${username}`);
  return officer(user.username, user.role, user.divisionCode);
}
const receiver = devActor('receiver');
const specialist = devActor('specialist');
const head = devActor('head');
const deputy = devActor('deputy');
const auditor = devActor('auditor');
const admin = devActor('admin');
const specialist2 = devActor('specialist2');
const otherQlclSpecialist = officer('specialist3', 'specialist', 'QLCL');
const vanthu = officer('vanthu', 'specialist', 'VP');

function apply(ctx: DossierContext, state: DossierState, action: DossierAction, actor: Actor): DossierState {
  const decision = decide(ctx, state, action, actor, state.receivedAt + minutes(state.seq));
  if (!decision.ok) throw new Error(`${action.type} by ${actor.username}: ${decision.rejection.code}`);
  return decision.state;
}

const received = (ctx: DossierContext): DossierState =>
  receiveDossier(ctx, { code: 'X-260302-0001', tenant: 'default', receivedAt: monday, actor: receiver })
    .state;

const file = {
  fileId: 'f-1',
  sha256: 'a'.repeat(64),
  fileName: 'ket-qua.pdf',
  mediaType: 'application/pdf',
  size: 10,
};

/** Walks a dossier of `ctx` to the step `stepId`, each step finished by the administrator. */
function atStep(ctx: DossierContext, stepId: string): DossierState {
  let state = received(ctx);
  while (state.currentStep && state.currentStep.stepId !== stepId) {
    const step = ctx.procedure.steps[state.currentStep.index]!;
    const current = state.currentStep.stepId;
    if (step.kind === 'payment') {
      state = apply(
        ctx,
        state,
        {
          type: 'record_cash_payment',
          stepId: current,
          amount: ctx.procedure.fee.amount,
          receiptNumber: 'BL-1',
        },
        admin,
      );
    } else if (step.kind === 'approval') {
      state = apply(ctx, state, { type: 'approve', stepId: current }, admin);
    } else if (step.kind === 'digitisation') {
      state = apply(ctx, state, { type: 'attach_result', stepId: current, file }, admin);
      state = apply(ctx, state, { type: 'mark_result_ready', stepId: current }, admin);
    } else {
      state = apply(ctx, state, { type: 'complete', stepId: current }, admin);
    }
  }
  if (!state.currentStep) throw new Error(`No step ${stepId}`);
  return state;
}

const allowed = (ctx: DossierContext, state: DossierState, actor: Actor) =>
  allowedActions(ctx, state, actor, state.receivedAt + minutes(100));

describe('allowed actions: a dry run of the state machine', () => {
  test('at the receipt step the desk completes, asks a supplement or records a withdrawal', () => {
    const state = received(correctionCtx);
    expect(allowed(correctionCtx, state, receiver)).toEqual(['complete', 'request_supplement', 'withdraw']);
    expect(allowed(correctionCtx, state, specialist)).toEqual([]);
    // The head decides (refuse, stop) only on their division's steps; the desk is not theirs.
    expect(allowed(correctionCtx, state, head)).toEqual([]);
    expect(allowed(correctionCtx, state, auditor)).toEqual([]);
  });

  test('at the approval step only the leadership approves; a receiver may still record a withdrawal', () => {
    const state = atStep(correctionCtx, 'ky-duyet');
    expect(allowed(correctionCtx, state, deputy)).toEqual([
      'assign',
      'approve',
      'send_back',
      'request_supplement',
      'refuse',
      'stop',
      'sign_apology',
    ]);
    expect(allowed(correctionCtx, state, receiver)).toEqual(['withdraw']);
    expect(allowed(correctionCtx, state, head)).toEqual([]);
    expect(allowed(correctionCtx, state, auditor)).toEqual([]);
  });

  test("a specialist's step: their work, the head's assignment and decisions, nothing for others", () => {
    const state = atStep(correctionCtx, 'tham-dinh');
    const work = ['complete', 'send_back', 'request_supplement'];
    expect(allowed(correctionCtx, state, specialist)).toEqual(work);
    expect(allowed(correctionCtx, state, head)).toEqual(['assign', ...work, 'refuse', 'stop']);
    expect(allowed(correctionCtx, state, specialist2)).toEqual([]);
    // Once assigned, the step is the assignee's alone among specialists.
    const assigned = apply(
      correctionCtx,
      state,
      {
        type: 'assign',
        stepId: 'tham-dinh',
        assignee: { officerId: specialist.officerId, username: 'specialist', fullName: 'specialist' },
      },
      head,
    );
    expect(allowed(correctionCtx, assigned, specialist)).toEqual(work);
    expect(allowed(correctionCtx, assigned, otherQlclSpecialist)).toEqual([]);
  });

  test('the fee is taken in cash at the payment step, and the result is ready only once digitised', () => {
    expect(allowed(copyCtx, atStep(copyCtx, 'thu-phi'), receiver)).toEqual([
      'record_cash_payment',
      'send_back',
      'request_supplement',
      'withdraw',
    ]);
    const digitisation = atStep(copyCtx, 'so-hoa-ket-qua');
    expect(allowed(copyCtx, digitisation, vanthu)).toEqual([
      'attach_result',
      'send_back',
      'request_supplement',
    ]);
    const attached = apply(
      copyCtx,
      digitisation,
      { type: 'attach_result', stepId: 'so-hoa-ket-qua', file },
      vanthu,
    );
    expect(allowed(copyCtx, attached, vanthu)).toContain('mark_result_ready');
  });

  test('a waiting dossier: the desk records the supplement; a ready result is returned by the desk', () => {
    const state = atStep(correctionCtx, 'tham-dinh');
    const waiting = apply(
      correctionCtx,
      state,
      { type: 'request_supplement', reason: 'Thiếu bản sao', items: ['Bản sao CCCD'] },
      specialist,
    );
    expect(allowed(correctionCtx, waiting, receiver)).toEqual(['record_supplement', 'withdraw']);
    expect(allowed(correctionCtx, waiting, specialist)).toEqual([]);
    expect(allowed(correctionCtx, waiting, head)).toEqual(['refuse', 'stop']);

    const ready = atStep(correctionCtx, 'tra-ket-qua');
    expect(ready.phase).toBe('result_ready');
    expect(allowed(correctionCtx, ready, receiver)).toEqual(['return_result']);
    expect(allowed(correctionCtx, ready, deputy)).toEqual([]);
  });

  test('the apology is signed once, by a leader; a finished dossier allows nothing', () => {
    const state = atStep(correctionCtx, 'tham-dinh');
    expect(allowed(correctionCtx, state, deputy)).toContain('sign_apology');
    // Leaders of the agency only: the administrator may do the steps' work, not sign the apology.
    expect(allowed(correctionCtx, state, admin)).not.toContain('sign_apology');
    // Nor while the legal clock waits for the applicant's supplement.
    const waiting = apply(
      correctionCtx,
      state,
      { type: 'request_supplement', reason: 'Thiếu bản sao', items: ['Bản sao CCCD'] },
      specialist,
    );
    expect(allowed(correctionCtx, waiting, deputy)).toEqual(['refuse', 'stop']);
    const signed = apply(
      correctionCtx,
      state,
      { type: 'sign_apology', reason: 'Chậm thẩm định', newAppointmentDate: '2026-04-21' },
      deputy,
    );
    expect(allowed(correctionCtx, signed, deputy)).not.toContain('sign_apology');

    const stopped = apply(correctionCtx, state, { type: 'stop', reason: 'Dừng' }, head);
    for (const actor of [receiver, specialist, head, deputy, admin]) {
      expect(allowed(correctionCtx, stopped, actor)).toEqual([]);
    }
  });

  test('every listed action is accepted by the state machine with real input', () => {
    const state = atStep(correctionCtx, 'tham-dinh');
    const now = state.receivedAt + minutes(100);
    const real: Record<string, DossierAction> = {
      complete: { type: 'complete', stepId: 'tham-dinh', note: 'Đạt' },
      send_back: { type: 'send_back', stepId: 'tham-dinh', reason: 'Xem lại' },
      request_supplement: { type: 'request_supplement', reason: 'Thiếu', items: ['Bản sao'] },
      refuse: { type: 'refuse', reasons: ['Không đủ điều kiện'] },
      stop: { type: 'stop', reason: 'Dừng' },
      sign_apology: { type: 'sign_apology', reason: 'Chậm', newAppointmentDate: '2026-04-21' },
    };
    for (const actor of [specialist, head, deputy, receiver]) {
      for (const type of allowedActions(correctionCtx, state, actor, now)) {
        const action = real[type];
        if (!action) continue;
        expect(decide(correctionCtx, state, action, actor, now).ok, `${type} by ${actor.username}`).toBe(
          true,
        );
      }
    }
  });
});
