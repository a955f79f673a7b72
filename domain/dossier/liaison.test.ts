import { describe, expect, test } from 'vitest';
import { createWorkingCalendar, defaultVietnamCalendar, vnDateTimeToInstant } from '../calendar/index.js';
import type { DossierContext } from './context.js';
import {
  liaisonAnswered,
  liaisonDeadline,
  liaisonLate,
  liaisonRequested,
  liaisonToRequest,
} from './liaison.js';
import { decide } from './officer-actions.js';
import { receiveDossier } from './receipt.js';
import type { Actor, DossierAction, DossierState } from './types.js';
import { procedureCode, seededProcedure } from '../../test/support/catalog.js';

const cal = createWorkingCalendar(defaultVietnamCalendar('default'));
const at = (date: string, hhmm: string): number => vnDateTimeToInstant(date, hhmm);
/** Establishing a high school: 25 working days, liaison with the provincial People's Committee. */
const school: DossierContext = {
  procedure: seededProcedure(procedureCode('1.012944')),
  calendar: cal,
};
const officer = (username: string, role: Actor['role'], divisionCode: string | null): Actor => ({
  officerId: `id-${username}`,
  username,
  fullName: username,
  role,
  divisionCode,
});
const receiver = officer('receiver', 'receiver', 'BPMC');
const head = officer('tccb-head', 'head', 'TCCB');
const specialist = officer('tccb-specialist', 'specialist', 'TCCB');
const director = officer('director', 'director', 'BGD');

function act(state: DossierState, action: DossierAction, actor: Actor, when: number): DossierState {
  const d = decide(school, state, action, actor, when);
  if (!d.ok) throw new Error(d.rejection.code);
  return d.state;
}

/** A dossier brought to the liaison step on Mon 02/03/2026 at 09:00. */
function atLiaison(): DossierState {
  const t = at('2026-03-02', '09:00');
  let s = receiveDossier(school, {
    code: 'S-1',
    tenant: 'default',
    receivedAt: at('2026-03-02', '08:00'),
    actor: receiver,
  }).state;
  s = act(s, { type: 'complete', stepId: 'tiep-nhan' }, receiver, t);
  s = act(s, { type: 'complete', stepId: 'phan-cong' }, head, t);
  s = act(s, { type: 'complete', stepId: 'tham-dinh' }, head, t);
  s = act(s, { type: 'complete', stepId: 'xem-xet' }, head, t);
  return act(s, { type: 'approve', stepId: 'ky-duyet' }, director, t);
}

function requested(): DossierState {
  const s = atLiaison();
  const request = liaisonToRequest(school, s)!;
  return liaisonRequested(school, s, request, at('2026-03-02', '09:01')).state;
}

describe('liaison with the provincial People’s Committee (liên thông)', () => {
  test('a dossier at a liaison step asks its partner once per entry into the step', () => {
    const s = atLiaison();
    const request = liaisonToRequest(school, s);
    expect(request).toMatchObject({
      stepId: 'lien-thong-ubnd-tinh',
      partnerCode: 'UBND_TINH',
      partnerName: 'Ủy ban nhân dân tỉnh Ninh Bình',
    });
    const t = liaisonRequested(school, s, request!, at('2026-03-02', '09:01'));
    expect(t.event).toMatchObject({ type: 'liaison_requested', actor: null, payload: request });
    expect(t.state.liaison).toMatchObject({ status: 'waiting', late: false });
    expect(liaisonToRequest(school, t.state)).toBeNull();
  });

  test('an approval finishes the liaison step on the partner’s behalf, with its on-time result', () => {
    const s = requested();
    const t = liaisonAnswered(
      school,
      s,
      { requestId: s.liaison!.requestId, answer: 'approved', note: 'Đã có quyết định' },
      at('2026-03-03', '10:00'),
    );
    expect(t?.event).toMatchObject({
      type: 'liaison_answered',
      actor: null,
      fromStepId: 'lien-thong-ubnd-tinh',
      toStepId: 'so-hoa-ket-qua',
      onTime: 'early',
    });
    expect(t?.state.liaison).toMatchObject({ status: 'answered', answer: 'approved' });
  });

  test('a refusal refuses the dossier; a request for supplement waits for the applicant', () => {
    const s = requested();
    const id = s.liaison!.requestId;
    expect(
      liaisonAnswered(
        school,
        s,
        { requestId: id, answer: 'refused', note: 'Không phù hợp quy hoạch' },
        at('2026-03-03', '10:00'),
      )?.state,
    ).toMatchObject({
      phase: 'refused',
      status: 3,
    });
    const supplement = liaisonAnswered(
      school,
      s,
      { requestId: id, answer: 'needs_supplement', note: 'Thiếu ý kiến Sở Nội vụ' },
      at('2026-03-03', '10:00'),
    );
    expect(supplement?.state).toMatchObject({ phase: 'awaiting_supplement', status: 5 });
    expect(supplement?.state.supplements.at(-1)).toMatchObject({
      reason: 'Thiếu ý kiến Sở Nội vụ',
      requestedBy: 'Ủy ban nhân dân tỉnh Ninh Bình',
    });
  });

  test('an answer to another request, a second answer, or one after the officers moved on changes nothing', () => {
    const s = requested();
    const id = s.liaison!.requestId;
    expect(
      liaisonAnswered(
        school,
        s,
        { requestId: 'other', answer: 'approved', note: null },
        at('2026-03-03', '10:00'),
      ),
    ).toBeNull();
    const answered = liaisonAnswered(
      school,
      s,
      { requestId: id, answer: 'approved', note: null },
      at('2026-03-03', '10:00'),
    )!.state;
    expect(
      liaisonAnswered(
        school,
        answered,
        { requestId: id, answer: 'refused', note: null },
        at('2026-03-03', '11:00'),
      ),
    ).toBeNull();
    const byHand = act(
      s,
      { type: 'complete', stepId: 'lien-thong-ubnd-tinh', note: 'Nhận văn bản giấy' },
      specialist,
      at('2026-03-03', '09:00'),
    );
    expect(
      liaisonAnswered(
        school,
        byHand,
        { requestId: id, answer: 'refused', note: null },
        at('2026-03-03', '10:00'),
      ),
    ).toBeNull();
  });

  test('no answer within the step’s budget: the step is flagged late once, at its deadline', () => {
    const s = requested();
    const deadline = liaisonDeadline(s)!;
    expect(deadline).toBe(s.currentStep!.deadline);
    expect(liaisonLate(school, s, deadline - 60_000)).toBeNull();
    const late = liaisonLate(school, s, deadline)!;
    expect(late.event).toMatchObject({ type: 'liaison_late', payload: { deadline } });
    expect(late.state.liaison?.late).toBe(true);
    expect(liaisonDeadline(late.state)).toBeNull();
    expect(liaisonLate(school, late.state, deadline + 1)).toBeNull();
    // A late answer is still taken; the step is then marked late in the handover record.
    const answered = liaisonAnswered(
      school,
      late.state,
      { requestId: s.liaison!.requestId, answer: 'approved', note: null },
      deadline + 86_400_000,
    );
    expect(answered?.event.onTime).toBe('late');
  });
});
