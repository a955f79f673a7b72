import { describe, expect, test } from 'vitest';
import { procedureCode, seededProcedure } from '../../test/support/catalog.js';
import { createWorkingCalendar, defaultVietnamCalendar, vnDateTimeToInstant } from '../calendar/index.js';
import type { Role } from '../roles.js';
import { allowedActions } from './allowed-actions.js';
import {
  decide,
  receiveDossier,
  resultSigned,
  resultSigningFailed,
  signatureToMake,
  type DossierContext,
} from './index.js';
import type { Actor, DossierAction, DossierState } from './types.js';

const cal = createWorkingCalendar(defaultVietnamCalendar('default'));
const monday = vnDateTimeToInstant('2026-03-02', '08:00');

/** Chỉnh sửa nội dung văn bằng (QLCL, approved by a deputy, digitised by the văn thư), signed and sealed. */
const correction = seededProcedure(procedureCode('3.000466'));
const signedCtx: DossierContext = {
  procedure: { ...correction, resultSigning: { seal: true } },
  calendar: cal,
};
const leaderOnlyCtx: DossierContext = {
  procedure: { ...correction, resultSigning: { seal: false } },
  calendar: cal,
};
const paperCtx: DossierContext = { procedure: correction, calendar: cal };

const officer = (username: string, role: Role, divisionCode: string | null): Actor => ({
  officerId: `officer-${username}`,
  username,
  fullName: `Ông/Bà ${username}`,
  role,
  divisionCode,
});
const receiver = officer('receiver', 'receiver', 'BPMC');
const head = officer('head', 'head', 'QLCL');
const specialist = officer('specialist', 'specialist', 'QLCL');
const deputy = officer('deputy', 'deputy', 'BGD');
const vanthu = officer('vanthu', 'specialist', 'VP');

const draft = {
  fileId: 'f-draft',
  sha256: 'a'.repeat(64),
  fileName: 'giay-chung-nhan.pdf',
  mediaType: 'application/pdf',
  size: 100,
};
const signedFile = (n: number) => ({
  fileId: `f-signed-${n}`,
  sha256: String(n).repeat(64).slice(0, 64),
  size: 100 + n,
  certificate: n === 1 ? 'Ông/Bà deputy' : 'Sở Giáo dục và Đào tạo',
});

let clock = monday;
const tick = () => (clock += 60_000);

function act(ctx: DossierContext, state: DossierState, action: DossierAction, actor: Actor) {
  return decide(ctx, state, action, actor, tick());
}
function apply(ctx: DossierContext, state: DossierState, action: DossierAction, actor: Actor): DossierState {
  const decision = act(ctx, state, action, actor);
  if (!decision.ok) throw new Error(`${action.type} by ${actor.username}: ${decision.rejection.code}`);
  return decision.state;
}
const codeOf = (ctx: DossierContext, state: DossierState, action: DossierAction, actor: Actor) => {
  const decision = act(ctx, state, action, actor);
  return decision.ok ? 'ok' : decision.rejection.code;
};

/** A dossier at the approval step (ky-duyet), with or without the draft attached by the specialist. */
function atApproval(ctx: DossierContext, withDraft: boolean): DossierState {
  let s = receiveDossier(ctx, {
    code: 'X-260302-0001',
    tenant: 'default',
    receivedAt: monday,
    actor: receiver,
  }).state;
  s = apply(ctx, s, { type: 'complete', stepId: 'tiep-nhan' }, receiver);
  s = apply(ctx, s, { type: 'complete', stepId: 'phan-cong' }, head);
  if (withDraft) s = apply(ctx, s, { type: 'attach_result', stepId: 'tham-dinh', file: draft }, specialist);
  s = apply(ctx, s, { type: 'complete', stepId: 'tham-dinh' }, specialist);
  return apply(ctx, s, { type: 'complete', stepId: 'xem-xet' }, head);
}

describe('signed results: where the result is attached', () => {
  test('the draft is attached before the approval, as a PDF; never at the digitisation step', () => {
    const s = atApproval(signedCtx, false);
    expect(codeOf(signedCtx, s, { type: 'approve', stepId: 'ky-duyet' }, deputy)).toBe(
      'DOSSIER.RESULT_DRAFT_MISSING',
    );
    const png = { ...draft, mediaType: 'image/png', fileName: 'scan.png' };
    const notPdf = act(signedCtx, s, { type: 'attach_result', stepId: 'ky-duyet', file: png }, deputy);
    expect(notPdf.ok === false && notPdf.rejection).toMatchObject({
      code: 'DOSSIER.RESULT_NOT_PDF',
      field: 'file',
    });
    const approved = apply(
      signedCtx,
      apply(signedCtx, s, { type: 'attach_result', stepId: 'ky-duyet', file: draft }, deputy),
      { type: 'approve', stepId: 'ky-duyet' },
      deputy,
    );
    expect(
      codeOf(signedCtx, approved, { type: 'attach_result', stepId: 'so-hoa-ket-qua', file: draft }, vanthu),
    ).toBe('DOSSIER.NOT_DRAFT_STEP');
  });

  test('a paper result is attached at the digitisation step only, and has no seal', () => {
    const s = atApproval(paperCtx, false);
    expect(codeOf(paperCtx, s, { type: 'attach_result', stepId: 'ky-duyet', file: draft }, deputy)).toBe(
      'DOSSIER.NOT_DIGITISATION_STEP',
    );
    const atDigitisation = apply(paperCtx, s, { type: 'approve', stepId: 'ky-duyet' }, deputy);
    expect(atDigitisation.signing ?? null).toBeNull();
    expect(codeOf(paperCtx, atDigitisation, { type: 'seal_result', stepId: 'so-hoa-ket-qua' }, vanthu)).toBe(
      'DOSSIER.NO_SEAL',
    );
  });
});

describe('signed results: the approval, the seal, and what the signing activity reports', () => {
  test("the leader's approval asks for the leader's signature on the draft, at the approval's instant", () => {
    const approved = apply(
      signedCtx,
      atApproval(signedCtx, true),
      { type: 'approve', stepId: 'ky-duyet' },
      deputy,
    );
    expect(approved.currentStep?.stepId).toBe('so-hoa-ket-qua');
    expect(approved.signing).toMatchObject({ kind: 'approval', by: { username: 'deputy' } });
    expect(signatureToMake(approved)).toEqual({
      kind: 'approval',
      by: deputy,
      signingTime: approved.signing!.requestedAt,
      file: approved.result,
    });
    // Nothing moves on while the signature is being made.
    for (const action of [
      { type: 'mark_result_ready', stepId: 'so-hoa-ket-qua' },
      { type: 'seal_result', stepId: 'so-hoa-ket-qua' },
    ] as const) {
      expect(codeOf(signedCtx, approved, action, vanthu)).toBe('DOSSIER.SIGNATURE_PENDING');
    }
  });

  test('signed, then sealed by the văn thư, then ready: each signature recorded with its officer', () => {
    const approved = apply(
      signedCtx,
      atApproval(signedCtx, true),
      { type: 'approve', stepId: 'ky-duyet' },
      deputy,
    );
    const signed = resultSigned(signedCtx, approved, signedFile(1), tick())!;
    expect(signed.event).toMatchObject({
      type: 'result_signed',
      actor: { username: 'deputy' },
      payload: { kind: 'approval', previousSha256: draft.sha256, sha256: signedFile(1).sha256 },
    });
    expect(signed.state.signing).toBeNull();
    expect(signed.state.result).toMatchObject({
      fileId: 'f-signed-1',
      fileName: draft.fileName,
      signatures: [{ kind: 'approval', signedBy: 'deputy', signerName: 'Ông/Bà deputy' }],
    });
    const ready = { type: 'mark_result_ready', stepId: 'so-hoa-ket-qua' } as const;
    expect(codeOf(signedCtx, signed.state, ready, vanthu)).toBe('DOSSIER.RESULT_NOT_SEALED');
    expect(allowedActions(signedCtx, signed.state, vanthu, clock)).toContain('seal_result');

    const sealing = apply(signedCtx, signed.state, { type: 'seal_result', stepId: 'so-hoa-ket-qua' }, vanthu);
    expect(sealing.signing).toMatchObject({ kind: 'seal', by: { username: 'vanthu' } });
    expect(signatureToMake(sealing)?.file.sha256).toBe(signedFile(1).sha256);
    const sealed = resultSigned(signedCtx, sealing, signedFile(2), tick())!.state;
    expect(sealed.result?.signatures?.map((s) => s.kind)).toEqual(['approval', 'seal']);
    expect(codeOf(signedCtx, sealed, { type: 'seal_result', stepId: 'so-hoa-ket-qua' }, vanthu)).toBe(
      'DOSSIER.ALREADY_SEALED',
    );
    expect(apply(signedCtx, sealed, ready, vanthu).phase).toBe('result_ready');
  });

  test('without a seal, the leader-signed result is ready', () => {
    const approved = apply(
      leaderOnlyCtx,
      atApproval(leaderOnlyCtx, true),
      { type: 'approve', stepId: 'ky-duyet' },
      deputy,
    );
    const signed = resultSigned(leaderOnlyCtx, approved, signedFile(1), tick())!.state;
    expect(codeOf(leaderOnlyCtx, signed, { type: 'seal_result', stepId: 'so-hoa-ket-qua' }, vanthu)).toBe(
      'DOSSIER.NO_SEAL',
    );
    expect(
      apply(leaderOnlyCtx, signed, { type: 'mark_result_ready', stepId: 'so-hoa-ket-qua' }, vanthu).phase,
    ).toBe('result_ready');
  });

  test('a failed signature drops the request with its reason; the result is not ready until signed', () => {
    const approved = apply(
      signedCtx,
      atApproval(signedCtx, true),
      { type: 'approve', stepId: 'ky-duyet' },
      deputy,
    );
    const failed = resultSigningFailed(signedCtx, approved, 'SIGNING.NOT_CONFIGURED', tick())!;
    expect(failed.event).toMatchObject({
      type: 'result_signing_failed',
      payload: {
        kind: 'approval',
        code: 'SIGNING.NOT_CONFIGURED',
        reason: expect.stringContaining('khóa ký số'),
      },
    });
    expect(failed.state.signing).toBeNull();
    expect(signatureToMake(failed.state)).toBeNull();
    expect(
      codeOf(signedCtx, failed.state, { type: 'mark_result_ready', stepId: 'so-hoa-ket-qua' }, vanthu),
    ).toBe('DOSSIER.RESULT_NOT_SIGNED');
    // Sent back to the leader, who approves again: a new signature is asked for.
    const back = apply(
      signedCtx,
      failed.state,
      { type: 'send_back', stepId: 'so-hoa-ket-qua', reason: 'Ký lại' },
      vanthu,
    );
    expect(apply(signedCtx, back, { type: 'approve', stepId: 'ky-duyet' }, deputy).signing?.kind).toBe(
      'approval',
    );
  });

  test('an outcome arriving when nothing waits for it changes nothing', () => {
    const s = atApproval(signedCtx, true);
    expect(resultSigned(signedCtx, s, signedFile(1), tick())).toBeNull();
    expect(resultSigningFailed(signedCtx, s, undefined, tick())).toBeNull();
  });
});
