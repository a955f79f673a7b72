import { describe, expect, test } from 'vitest';
import { createWorkingCalendar, defaultVietnamCalendar, vnDateTimeToInstant } from '../calendar/index.js';
import { resultKinds, resultNeedsFile } from '../procedure/procedure-definition.js';
import type { DossierContext } from './context.js';
import { decide } from './officer-actions.js';
import { confirmPayment, paymentRequested, paymentRequestToCancel, paymentToRequest } from './payment.js';
import { receiveDossier } from './receipt.js';
import { resultFileMissing } from './step-work.js';
import type { Actor, DossierAction, DossierState } from './types.js';
import { procedureCode, seededProcedure } from '../../test/support/catalog.js';

const cal = createWorkingCalendar(defaultVietnamCalendar('default'));
const at = (hhmm: string): number => vnDateTimeToInstant('2026-03-02', hhmm);
/** Copy of a diploma: fee 10.000đ, payment step `thu-phi` after the receipt, document result. */
const copy: DossierContext = { procedure: seededProcedure(procedureCode('3.000465')), calendar: cal };
/** Correction of a diploma: no fee, a decision as result. */
const correction: DossierContext = { procedure: seededProcedure(procedureCode('3.000466')), calendar: cal };

const officer = (username: string, role: Actor['role'], divisionCode: string | null): Actor => ({
  officerId: `00000000-0000-4000-8000-${username.padStart(12, '0').slice(-12)}`,
  username,
  fullName: username,
  role,
  divisionCode,
});
const receiver = officer('receiver', 'receiver', 'BPMC');
const specialist = officer('specialist', 'specialist', 'QLCL');
const deputy = officer('deputy', 'deputy', 'BGD');
const head = officer('head', 'head', 'QLCL');
const vanthu = officer('vanthu', 'specialist', 'VP');
const file = {
  fileId: 'f-1',
  sha256: 'b'.repeat(64),
  fileName: 'ban-sao.pdf',
  mediaType: 'application/pdf',
  size: 2048,
};

function act(
  ctx: DossierContext,
  state: DossierState,
  action: DossierAction,
  actor: Actor,
  hhmm: string,
): DossierState {
  const d = decide(ctx, state, action, actor, at(hhmm));
  if (!d.ok) throw new Error(`${action.type}: ${d.rejection.code}`);
  return d.state;
}
const refusal = (
  ctx: DossierContext,
  state: DossierState,
  action: DossierAction,
  actor: Actor,
  hhmm = '10:00',
) => {
  const d = decide(ctx, state, action, actor, at(hhmm));
  return d.ok ? 'accepted' : d.rejection.code;
};

function copyAtPayment(): DossierState {
  const received = receiveDossier(copy, {
    code: 'C-1',
    tenant: 'default',
    receivedAt: at('08:00'),
    actor: receiver,
  }).state;
  return act(copy, received, { type: 'complete', stepId: 'tiep-nhan' }, receiver, '08:10');
}

describe('the fee (thu phí, lệ phí)', () => {
  test('a dossier at the payment step asks for the fee once, with a reference of its own', () => {
    const state = copyAtPayment();
    expect(state.status).toBe(6);
    const fee = paymentToRequest(copy, state);
    expect(fee).toEqual({ reference: 'C-1-TT1', amount: 10_000 });
    const requested = paymentRequested(copy, state, fee!, at('08:11'));
    expect(requested.event).toMatchObject({ type: 'payment_requested', actor: null, payload: fee });
    expect(requested.state.payment).toMatchObject({ status: 'pending', reference: 'C-1-TT1' });
    expect(paymentToRequest(copy, requested.state)).toBeNull();
  });

  test('an online confirmation of the right amount and reference pays and finishes the step', () => {
    const pending = paymentRequested(
      copy,
      copyAtPayment(),
      { reference: 'C-1-TT1', amount: 10_000 },
      at('08:11'),
    ).state;
    const d = confirmPayment(
      copy,
      pending,
      { reference: 'C-1-TT1', amount: 10_000, transactionId: 'TX-1' },
      at('08:20'),
    );
    if (d.ok !== true) throw new Error('not accepted');
    expect(d.event).toMatchObject({
      type: 'payment_confirmed',
      actor: null,
      fromStepId: 'thu-phi',
      toStepId: 'tham-dinh',
    });
    expect(d.state.payment).toMatchObject({ status: 'paid', method: 'online', transactionId: 'TX-1' });
    expect(d.state.status).toBe(4);
    // The same transaction again changes nothing; another one is refused.
    expect(
      confirmPayment(
        copy,
        d.state,
        { reference: 'C-1-TT1', amount: 10_000, transactionId: 'TX-1' },
        at('08:21'),
      ),
    ).toEqual({
      ok: 'duplicate',
    });
    const again = confirmPayment(
      copy,
      d.state,
      { reference: 'C-1-TT1', amount: 10_000, transactionId: 'TX-2' },
      at('08:22'),
    );
    expect(again.ok === false && again.rejection.code).toBe('DOSSIER.NO_PAYMENT_PENDING');
  });

  test.each([
    [{ reference: 'C-1-TT1', amount: 9_000, transactionId: 'TX' }, 'DOSSIER.PAYMENT_MISMATCH'],
    [{ reference: 'OTHER', amount: 10_000, transactionId: 'TX' }, 'DOSSIER.PAYMENT_MISMATCH'],
  ])('a confirmation %o is refused (%s) and changes nothing', (confirmation, code) => {
    const pending = paymentRequested(
      copy,
      copyAtPayment(),
      { reference: 'C-1-TT1', amount: 10_000 },
      at('08:11'),
    ).state;
    const d = confirmPayment(copy, pending, confirmation, at('08:20'));
    expect(d.ok === false && d.rejection.code).toBe(code);
  });

  test('cash at the desk: the receiver records the receipt number; another amount is refused', () => {
    const state = copyAtPayment();
    const cash = { type: 'record_cash_payment', stepId: 'thu-phi', receiptNumber: 'BL-01' } as const;
    expect(refusal(copy, state, { ...cash, amount: 5_000 }, receiver)).toBe('DOSSIER.PAYMENT_MISMATCH');
    expect(refusal(copy, state, { ...cash, amount: 10_000 }, specialist)).toBe('DOSSIER.WRONG_DIVISION');
    expect(refusal(copy, state, { type: 'complete', stepId: 'thu-phi' }, receiver)).toBe(
      'DOSSIER.WRONG_ACTION_FOR_STEP',
    );
    const paid = act(copy, state, { ...cash, amount: 10_000 }, receiver, '08:15');
    expect(paid.payment).toMatchObject({ status: 'paid', method: 'cash', transactionId: 'BL-01' });
    expect(paid.currentStep?.stepId).toBe('tham-dinh');
  });

  test('cash at the desk voids the online request of the step; no other event does', () => {
    const state = copyAtPayment();
    const fee = paymentToRequest(copy, state)!;
    const requested = paymentRequested(copy, state, fee, at('08:11'));
    expect(paymentRequestToCancel(copy, requested.event)).toBeNull();
    const cash = decide(
      copy,
      requested.state,
      { type: 'record_cash_payment', stepId: 'thu-phi', amount: 10_000, receiptNumber: 'BL-07' },
      receiver,
      at('08:15'),
    );
    if (!cash.ok) throw new Error(cash.rejection.code);
    expect(paymentRequestToCancel(copy, cash.event)).toEqual({
      dossierCode: 'C-1',
      reference: 'C-1-TT1',
      reason: expect.stringContaining('biên lai số BL-07'),
    });
    // Cash before any request (the request may be in flight): the step's reference all the same.
    const early = decide(
      copy,
      state,
      { type: 'record_cash_payment', stepId: 'thu-phi', amount: 10_000, receiptNumber: 'BL-08' },
      receiver,
      at('08:12'),
    );
    if (!early.ok) throw new Error(early.rejection.code);
    expect(paymentRequestToCancel(copy, early.event)?.reference).toBe(fee.reference);
  });

  test('an unpaid fee-bearing dossier cannot be returned', () => {
    let state = act(
      copy,
      copyAtPayment(),
      { type: 'record_cash_payment', stepId: 'thu-phi', amount: 10_000, receiptNumber: 'BL' },
      receiver,
      '08:15',
    );
    state = act(copy, state, { type: 'complete', stepId: 'tham-dinh' }, specialist, '09:00');
    state = act(copy, state, { type: 'approve', stepId: 'ky-duyet' }, deputy, '10:00');
    state = act(copy, state, { type: 'attach_result', stepId: 'so-hoa-ket-qua', file }, vanthu, '10:10');
    state = act(copy, state, { type: 'mark_result_ready', stepId: 'so-hoa-ket-qua' }, vanthu, '10:20');
    const unpaid: DossierState = {
      ...state,
      payment: { ...state.payment!, status: 'pending', method: null, paidAt: null },
    };
    expect(refusal(copy, unpaid, { type: 'return_result' }, receiver)).toBe('DOSSIER.UNPAID');
    expect(act(copy, state, { type: 'return_result' }, receiver, '11:00').status).toBe(10);
  });
});

describe('the digitised result (số hóa kết quả)', () => {
  function copyAtDigitisation(): DossierState {
    let state = act(
      copy,
      copyAtPayment(),
      { type: 'record_cash_payment', stepId: 'thu-phi', amount: 10_000, receiptNumber: 'BL' },
      receiver,
      '08:15',
    );
    state = act(copy, state, { type: 'complete', stepId: 'tham-dinh' }, specialist, '09:00');
    return act(copy, state, { type: 'approve', stepId: 'ky-duyet' }, deputy, '10:00');
  }

  test('a document result cannot be declared ready before its file is attached', () => {
    const state = copyAtDigitisation();
    expect(refusal(copy, state, { type: 'mark_result_ready', stepId: 'so-hoa-ket-qua' }, vanthu)).toBe(
      'DOSSIER.RESULT_FILE_MISSING',
    );
    const attached = decide(
      copy,
      state,
      { type: 'attach_result', stepId: 'so-hoa-ket-qua', file },
      vanthu,
      at('10:10'),
    );
    if (!attached.ok) throw new Error(attached.rejection.code);
    expect(attached.event).toMatchObject({
      type: 'attach_result',
      payload: file,
      toStepId: 'so-hoa-ket-qua',
    });
    expect(attached.state.result).toMatchObject({ ...file, attachedBy: 'vanthu', attachedAt: at('10:10') });
    expect(
      act(copy, attached.state, { type: 'mark_result_ready', stepId: 'so-hoa-ket-qua' }, vanthu, '10:20')
        .status,
    ).toBe(9);
  });

  test('the file is attached only at the digitisation step, by its officer', () => {
    const atPayment = copyAtPayment();
    expect(refusal(copy, atPayment, { type: 'attach_result', stepId: 'thu-phi', file }, receiver)).toBe(
      'DOSSIER.NOT_DIGITISATION_STEP',
    );
    expect(
      refusal(
        copy,
        copyAtDigitisation(),
        { type: 'attach_result', stepId: 'so-hoa-ket-qua', file },
        specialist,
      ),
    ).toBe('DOSSIER.WRONG_DIVISION');
  });

  test('a decision result (a document too) cannot be declared ready before its file is attached', () => {
    let state = receiveDossier(correction, {
      code: 'K-1',
      tenant: 'default',
      receivedAt: at('08:00'),
      actor: receiver,
    }).state;
    expect(paymentToRequest(correction, state)).toBeNull();
    for (const [action, actor] of [
      [{ type: 'complete', stepId: 'tiep-nhan' }, receiver],
      [{ type: 'complete', stepId: 'phan-cong' }, head],
      [{ type: 'complete', stepId: 'tham-dinh' }, head],
      [{ type: 'complete', stepId: 'xem-xet' }, head],
      [{ type: 'approve', stepId: 'ky-duyet' }, deputy],
    ] as const) {
      state = act(correction, state, action, actor, '09:00');
    }
    expect(state.currentStep?.stepId).toBe('so-hoa-ket-qua');
    expect(resultFileMissing(correction, state)).toBe(true);
    const ready = { type: 'mark_result_ready', stepId: 'so-hoa-ket-qua' } as const;
    expect(refusal(correction, state, ready, vanthu)).toBe('DOSSIER.RESULT_FILE_MISSING');
    state = act(
      correction,
      state,
      { type: 'attach_result', stepId: 'so-hoa-ket-qua', file },
      vanthu,
      '10:10',
    );
    expect(resultFileMissing(correction, state)).toBe(false);
    expect(act(correction, state, ready, vanthu, '10:20').status).toBe(9);
  });

  test('every result kind is a document that needs its file', () => {
    for (const kind of resultKinds) {
      const ctx = { ...correction, procedure: { ...correction.procedure, resultKind: kind } };
      expect(resultNeedsFile(ctx.procedure)).toBe(true);
      const state = receiveDossier(ctx, {
        code: 'K-2',
        tenant: 'default',
        receivedAt: at('08:00'),
        actor: receiver,
      }).state;
      expect(resultFileMissing(ctx, state)).toBe(true);
    }
  });
});
