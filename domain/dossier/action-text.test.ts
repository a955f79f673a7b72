/**
 * Text the dossier state machine refuses: whatever the client, an action carrying text that could not be
 * stored (NUL, lone surrogate, noncharacter, invisible-only, too long) is an 'invalid' rejection naming the
 * field, and nothing changes. Payment confirmations and liaison answers are covered too.
 */
import { describe, expect, test } from 'vitest';
import { createWorkingCalendar, defaultVietnamCalendar, vnDateTimeToInstant } from '../calendar/index.js';
import { textFaultMessages } from '../text.js';
import type { DossierContext } from './context.js';
import { liaisonAnswered, liaisonRequested, liaisonToRequest } from './liaison.js';
import { decide } from './officer-actions.js';
import { confirmPayment, paymentRequested } from './payment.js';
import { receiveDossier } from './receipt.js';
import type { Actor, DossierAction, DossierState } from './types.js';
import { procedureCode, seededProcedure } from '../../test/support/catalog.js';

const cal = createWorkingCalendar(defaultVietnamCalendar('default'));
const at = (hhmm: string): number => vnDateTimeToInstant('2026-03-02', hhmm);
const ctxOf = (code: string): DossierContext => ({
  procedure: seededProcedure(code),
  calendar: cal,
});
/** Correction of a diploma: receipt at BPMC, then QLCL. */
const correction = ctxOf(procedureCode('3.000466'));
/** Copy of a diploma: a payment step `thu-phi` after the receipt. */
const copy = ctxOf(procedureCode('3.000465'));
/** Establishing a high school: a liaison step with the provincial People's Committee. */
const school = ctxOf(procedureCode('1.012944'));

const officer = (username: string, role: Actor['role'], divisionCode: string | null): Actor => ({
  officerId: `id-${username}`,
  username,
  fullName: username,
  role,
  divisionCode,
});
const receiver = officer('receiver', 'receiver', 'BPMC');
const head = officer('tccb-head', 'head', 'TCCB');
const director = officer('director', 'director', 'BGD');
const admin = officer('admin', 'admin', null);

function received(ctx: DossierContext, code = 'T-1'): DossierState {
  return receiveDossier(ctx, { code, tenant: 'default', receivedAt: at('08:00'), actor: receiver }).state;
}

function act(ctx: DossierContext, state: DossierState, action: DossierAction, actor: Actor): DossierState {
  const d = decide(ctx, state, action, actor, at('09:00'));
  if (!d.ok) throw new Error(`${action.type}: ${d.rejection.code}`);
  return d.state;
}

const NUL = '\u0000';
const LONE = '\ud800';
const INVISIBLE = '\u200b\u200b';

const bad = [
  ['a NUL', `Hồ sơ hợp lệ${NUL}`, textFaultMessages.control],
  ['a lone surrogate', `Hồ sơ ${LONE}`, textFaultMessages.malformed],
  ['a noncharacter', 'Hồ sơ \uffff', textFaultMessages.malformed],
  ['only zero-width characters', INVISIBLE, textFaultMessages.invisible],
] as const;

/** Every action carrying text, with `t` put in one field, and the name of that field. */
const actionsWith = (t: string): [DossierAction, string][] => [
  [{ type: 'complete', stepId: 'tiep-nhan', note: t }, 'note'],
  [{ type: 'complete', stepId: t }, 'stepId'],
  [{ type: 'approve', stepId: 'ky-duyet', note: t }, 'note'],
  [{ type: 'send_back', stepId: 'tiep-nhan', reason: t }, 'reason'],
  [{ type: 'request_supplement', reason: t, items: ['HT'] }, 'reason'],
  [{ type: 'request_supplement', reason: 'Thiếu', items: ['HT', t] }, 'items.1'],
  [{ type: 'record_supplement', note: t }, 'note'],
  [{ type: 'refuse', reasons: ['Sai mẫu', t] }, 'reasons.1'],
  [{ type: 'withdraw', reason: t }, 'reason'],
  [{ type: 'stop', reason: t }, 'reason'],
  [{ type: 'mark_result_ready', stepId: 'so-hoa-ket-qua', note: t }, 'note'],
  [{ type: 'return_result', note: t }, 'note'],
  [{ type: 'record_cash_payment', stepId: 'thu-phi', amount: 10_000, receiptNumber: t }, 'receiptNumber'],
  [{ type: 'sign_apology', reason: t, newAppointmentDate: '2026-03-20' }, 'reason'],
  [{ type: 'sign_apology', reason: 'Chậm', newAppointmentDate: t }, 'newAppointmentDate'],
  [
    {
      type: 'assign',
      stepId: 'tiep-nhan',
      assignee: { officerId: 'id-receiver', username: 'receiver', fullName: t },
    },
    'assignee',
  ],
  [
    {
      type: 'attach_result',
      stepId: 'so-hoa-ket-qua',
      file: { fileId: 'f', sha256: 'b'.repeat(64), fileName: t, mediaType: 'application/pdf', size: 1 },
    },
    'file',
  ],
];

describe('text carried by officer actions', () => {
  describe.each(bad)('with %s', (_what, text, message) => {
    test.each(actionsWith(text).map(([action, field]) => [action.type, field, action] as const))(
      '%s refuses %s',
      (_type, field, action) => {
        const state = received(correction);
        const before = structuredClone(state);
        const d = decide(correction, state, action, admin, at('09:00'));
        expect(d).toMatchObject({
          ok: false,
          rejection: { code: 'DOSSIER.INVALID_TEXT', kind: 'invalid', field },
        });
        if (!d.ok) expect(d.rejection.message).toContain(message.slice(1, -1));
        expect(state).toEqual(before);
      },
    );
  });

  test('an over-long note is refused; the same action with a clean note goes through, normalised or not', () => {
    const state = received(correction);
    const long = decide(
      correction,
      state,
      { type: 'complete', stepId: 'tiep-nhan', note: 'x'.repeat(2001) },
      receiver,
      at('09:00'),
    );
    expect(long).toMatchObject({ ok: false, rejection: { code: 'DOSSIER.INVALID_TEXT', field: 'note' } });
    const clean = decide(
      correction,
      state,
      { type: 'complete', stepId: 'tiep-nhan', note: 'Đủ thành phần\nhồ sơ' },
      receiver,
      at('09:00'),
    );
    expect(clean).toMatchObject({ ok: true, event: { payload: { note: 'Đủ thành phần\nhồ sơ' } } });
  });

  test('blank required text keeps its own code (DOSSIER.MISSING_TEXT)', () => {
    const d = decide(
      correction,
      received(correction),
      { type: 'withdraw', reason: '  ' },
      receiver,
      at('09:00'),
    );
    expect(d).toMatchObject({ ok: false, rejection: { code: 'DOSSIER.MISSING_TEXT', field: 'reason' } });
  });

  test('a value that is not text at all (a client bypassing the API) is refused, not thrown', () => {
    const action = { type: 'complete', stepId: 'tiep-nhan', note: 42 } as unknown as DossierAction;
    const d = decide(correction, received(correction), action, receiver, at('09:00'));
    expect(d).toMatchObject({ ok: false, rejection: { code: 'DOSSIER.INVALID_TEXT', field: 'note' } });
  });
});

describe('text from the payment provider and the partner agency', () => {
  test('a payment confirmation with an unstorable transaction id is refused and pays nothing', () => {
    const atPayment = act(copy, received(copy, 'C-1'), { type: 'complete', stepId: 'tiep-nhan' }, receiver);
    const pending = paymentRequested(
      copy,
      atPayment,
      { reference: 'C-1-TT1', amount: 10_000 },
      at('09:01'),
    ).state;
    for (const transactionId of [`TX${NUL}`, `TX${LONE}`, INVISIBLE]) {
      const d = confirmPayment(
        copy,
        pending,
        { reference: 'C-1-TT1', amount: 10_000, transactionId },
        at('09:02'),
      );
      expect(d).toMatchObject({
        ok: false,
        rejection: { code: 'DOSSIER.INVALID_TEXT', kind: 'invalid', field: 'transactionId' },
      });
    }
    const paid = confirmPayment(
      copy,
      pending,
      { reference: 'C-1-TT1', amount: 10_000, transactionId: 'TX-1' },
      at('09:02'),
    );
    expect(paid.ok).toBe(true);
  });

  test('a liaison answer already taken keeps only storable text in its note', () => {
    let s = received(school, 'S-1');
    s = act(school, s, { type: 'complete', stepId: 'tiep-nhan' }, receiver);
    s = act(school, s, { type: 'complete', stepId: 'phan-cong' }, head);
    s = act(school, s, { type: 'complete', stepId: 'tham-dinh' }, head);
    s = act(school, s, { type: 'complete', stepId: 'xem-xet' }, head);
    s = act(school, s, { type: 'approve', stepId: 'ky-duyet' }, director);
    const request = liaisonToRequest(school, s)!;
    s = liaisonRequested(school, s, request, at('09:05')).state;
    const requestId = request.requestId;
    const dirty = liaisonAnswered(
      school,
      s,
      { requestId, answer: 'needs_supplement', note: `Thiếu${NUL} ý kiến ${LONE}Sở Nội vụ` },
      at('10:00'),
    );
    expect(dirty?.state.liaison?.note).toBe('Thiếu ý kiến Sở Nội vụ');
    expect(dirty?.event.payload).toMatchObject({ note: 'Thiếu ý kiến Sở Nội vụ' });
    expect(dirty?.state.supplements.at(-1)?.reason).toBe('Thiếu ý kiến Sở Nội vụ');
    const invisible = liaisonAnswered(
      school,
      s,
      { requestId, answer: 'approved', note: INVISIBLE },
      at('10:00'),
    );
    expect(invisible?.state.liaison?.note).toBeNull();
    // An acceptable note is kept exactly as it came (replays of earlier histories see the same state).
    const clean = liaisonAnswered(
      school,
      s,
      { requestId, answer: 'approved', note: ' Đồng ý ' },
      at('10:00'),
    );
    expect(clean?.state.liaison?.note).toBe(' Đồng ý ');
  });
});
