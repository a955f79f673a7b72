/**
 * Signed electronic results (docs/signatures.md). For a procedure with `resultSigning`, the result is a
 * PDF drafted before the approval: the leader's approval asks for the leader's digital signature, the văn
 * thư's `seal_result` for the agency's seal, and the result is ready only once both are made. The signing
 * itself is an activity; this module says when it is asked for and what its outcome changes. Pure.
 */
import type { ProcedureStep } from '../procedure/procedure-definition.js';
import { currentFor, isRejection, type Handler } from './action-guards.js';
import { authoriseCurrentStep } from './authorise.js';
import type { DossierContext } from './context.js';
import { DossierRejection, type Rejection } from './rejection.js';
import { finalPhases } from './status.js';
import { accept, reject, stepOf, transition, type Transition } from './transition.js';
import type {
  Actor,
  DossierAction,
  DossierState,
  ResultFile,
  ResultSignature,
  SignatureKind,
  SigningRequest,
} from './types.js';

/** The procedure's result is issued as a digitally signed PDF. */
export const signsResult = (ctx: DossierContext): boolean => ctx.procedure.resultSigning !== undefined;

/** The procedure's signed result also carries the agency's seal. */
export const sealsResult = (ctx: DossierContext): boolean => ctx.procedure.resultSigning?.seal === true;

/** Whether the result file carries a signature of that kind. */
export const signedAs = (result: ResultFile | null | undefined, kind: SignatureKind): boolean =>
  result?.signatures?.some((s) => s.kind === kind) ?? false;

/**
 * Why the result file cannot be attached at a step of this kind now, if it cannot: a signed result's draft
 * is attached before the approval (handling, approval), a paper result's scan at the digitisation step.
 */
export function attachRejection(
  ctx: DossierContext,
  state: DossierState,
  kind: ProcedureStep['kind'],
  mediaType: string,
): Rejection | null {
  if (!signsResult(ctx)) return kind === 'digitisation' ? null : DossierRejection.notDigitisationStep();
  if (kind !== 'handling' && kind !== 'approval') return DossierRejection.draftBeforeApprovalOnly();
  if (state.signing) return DossierRejection.signaturePending();
  return mediaType === 'application/pdf' ? null : DossierRejection.resultNotPdf();
}

/** What the approval of a signed result needs: its draft. */
export function approvalRejection(ctx: DossierContext, state: DossierState): Rejection | null {
  if (!signsResult(ctx)) return null;
  if (state.signing) return DossierRejection.signaturePending();
  return state.result ? null : DossierRejection.resultDraftMissing();
}

/** Why a signed result is not ready yet (a signature being made, the leader's or the seal missing). */
export function signatureMissing(ctx: DossierContext, state: DossierState): Rejection | null {
  if (!signsResult(ctx)) return null;
  if (state.signing) return DossierRejection.signaturePending();
  if (!signedAs(state.result, 'approval')) return DossierRejection.resultNotSigned();
  if (sealsResult(ctx) && !signedAs(state.result, 'seal')) return DossierRejection.resultNotSealed();
  return null;
}

/** The request the approving leader's action leaves in the state. */
export const signingRequest = (kind: SignatureKind, by: Actor, now: number): SigningRequest => ({
  kind,
  requestedAt: now,
  by,
});

/** The văn thư asks for the agency's seal on the signed result, at the digitisation step (stays there). */
export const sealResult: Handler<Extract<DossierAction, { type: 'seal_result' }>> = (
  ctx,
  state,
  action,
  actor,
  now,
) => {
  const current = currentFor(state, action.stepId);
  if (isRejection(current)) return reject(current);
  if (!sealsResult(ctx) || stepOf(ctx, current.index).kind !== 'digitisation') {
    return reject(DossierRejection.noSeal());
  }
  const denied = authoriseCurrentStep(ctx, state, actor, current);
  if (denied) return reject(denied);
  if (state.signing) return reject(DossierRejection.signaturePending());
  if (!signedAs(state.result, 'approval')) return reject(DossierRejection.resultNotSigned());
  if (signedAs(state.result, 'seal')) return reject(DossierRejection.alreadySealed());
  return accept(
    transition(ctx, state, {
      type: 'seal_result',
      actor,
      at: now,
      next: { ...state, signing: signingRequest('seal', actor, now) },
    }),
  );
};

/** A signature the signing activity is to make now. */
export interface SignatureToMake {
  readonly kind: SignatureKind;
  /** The officer in whose name it is made. */
  readonly by: Actor;
  /** The signing time written into the signature (the request's instant: a retry signs the same bytes). */
  readonly signingTime: number;
  /** The file to sign (the draft, or the leader-signed file for the seal). */
  readonly file: ResultFile;
}

/** The signature the dossier waits for, if any (none once the dossier has ended). */
export function signatureToMake(state: DossierState): SignatureToMake | null {
  const request = state.signing;
  if (!request || !state.result || finalPhases.has(state.phase)) return null;
  return { kind: request.kind, by: request.by, signingTime: request.requestedAt, file: state.result };
}

/** What the signing activity stored: the signed file and the certificate that signed it. */
export interface SignedResult {
  readonly fileId: string;
  readonly sha256: string;
  readonly size: number;
  /** Subject common name of the signing certificate. */
  readonly certificate: string;
}

/** The signature was made: the result is now the signed file (null when nothing waits for it any more). */
export function resultSigned(
  ctx: DossierContext,
  state: DossierState,
  signed: SignedResult,
  now: number,
): Transition | null {
  const toMake = signatureToMake(state);
  if (!toMake) return null;
  const signature: ResultSignature = {
    kind: toMake.kind,
    signedAt: toMake.signingTime,
    signedBy: toMake.by.username,
    signerName: toMake.by.fullName,
    certificate: signed.certificate,
  };
  const result: ResultFile = {
    ...toMake.file,
    fileId: signed.fileId,
    sha256: signed.sha256,
    size: signed.size,
    signatures: [...(toMake.file.signatures ?? []), signature],
  };
  return transition(ctx, state, {
    type: 'result_signed',
    actor: toMake.by,
    at: now,
    payload: {
      kind: toMake.kind,
      fileId: signed.fileId,
      sha256: signed.sha256,
      size: signed.size,
      previousSha256: toMake.file.sha256,
      certificate: signed.certificate,
      signedAt: toMake.signingTime,
    },
    next: { ...state, result, signing: null },
  });
}

/**
 * The signature cannot be made (no key configured, a PDF that cannot be signed): the request is dropped
 * and the reason recorded; the result stays unsigned, so it cannot be declared ready (the văn thư sends
 * the dossier back for a new approval once the cause is fixed).
 */
export function resultSigningFailed(
  ctx: DossierContext,
  state: DossierState,
  /** The signing activity's failure code (`SIGNING.*`), when it gave one. */
  code: string | undefined,
  now: number,
): Transition | null {
  const request = state.signing;
  if (!request || finalPhases.has(state.phase)) return null;
  return transition(ctx, state, {
    type: 'result_signing_failed',
    actor: request.by,
    at: now,
    payload: { kind: request.kind, code: code ?? null, reason: signingFailureReason(code) },
    next: { ...state, signing: null },
  });
}

/** The reason each kind of signature states (shown in the visible block and by verifiers). */
export const signatureReasons: Readonly<Record<SignatureKind, string>> = {
  approval: 'Phê duyệt kết quả giải quyết thủ tục hành chính',
  seal: 'Đóng dấu của cơ quan ban hành kết quả',
};

/** Why a signature could not be made, in words for officers, by the signing activity's failure code. */
export function signingFailureReason(code: string | undefined): string {
  const reasons: Readonly<Record<string, string>> = {
    'SIGNING.NOT_CONFIGURED': 'Hệ thống chưa được cấu hình khóa ký số.',
    'SIGNING.FILE_MISSING': 'Không tìm thấy tệp dự thảo kết quả trong kho lưu trữ.',
    'SIGNING.UNSIGNABLE': 'Tệp dự thảo kết quả không ký số được (tệp PDF lỗi hoặc được đặt mật khẩu).',
  };
  return (code && reasons[code]) || 'Không ký số được kết quả.';
}
