/**
 * Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả (2025 set: Văn bản xin lỗi và đề nghị gia hạn thời gian
 * giải quyết), from the apology the leader signed (docs/domain.md, "Apology and new appointment (Mẫu 04)").
 */
import {
  applicantOf,
  dossierIssuer,
  formHeader,
  FormNotApplicableError,
  issueOf,
  setOfDossier,
} from './common.js';
import type { ApologyForm } from './model.js';
import type { DossierFormInput, FormApology } from './types.js';
import { vnIso, vnIsoOrNull } from './vn-text.js';

/**
 * The lines above the signer's name: "GIÁM ĐỐC", or "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" for a deputy. Only
 * the director or a deputy signs an apology; a stop notice decided by a head of division is signed "TL.
 * GIÁM ĐỐC".
 */
export function signerTitleLines(role: string): string[] {
  if (role === 'director') return ['GIÁM ĐỐC'];
  if (role === 'deputy') return ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'];
  return ['TL. GIÁM ĐỐC'];
}

/** The apology recorded in the state, else the one the `sign_apology` event carries. */
function apologyOf(input: DossierFormInput): FormApology | null {
  if (input.dossier.apology) return input.dossier.apology;
  const e = input.events.find((x) => x.type === 'sign_apology');
  const p = e?.payload;
  if (!e || !p || typeof p.newAppointmentAt !== 'number' || typeof p.previousAppointmentAt !== 'number')
    return null;
  return {
    signedAt: e.at,
    signedBy: e.actor?.username ?? '',
    signerName: e.actor?.name ?? '',
    signerRole: e.actor?.role ?? '',
    reason: typeof p.reason === 'string' ? p.reason : '',
    previousAppointmentAt: p.previousAppointmentAt,
    newAppointmentAt: p.newAppointmentAt,
    ...(typeof p.dueBy === 'number' ? { dueBy: p.dueBy } : {}),
    late: p.late === true,
  };
}

/**
 * The apology, issued by the agency (the leader who signed it signs the document).
 * @throws FormNotApplicableError when no apology was signed for the dossier.
 */
export function buildApologyForm(input: DossierFormInput): ApologyForm {
  const { dossier, procedure } = input;
  const apology = apologyOf(input);
  if (!apology) {
    throw new FormNotApplicableError(
      'Hồ sơ chưa có văn bản xin lỗi và hẹn lại ngày trả kết quả nên không có mẫu này.',
    );
  }
  return {
    kind: 'apology',
    ...formHeader(setOfDossier(input), 'apology', dossierIssuer(input, 'apology'), issueOf(input, 'apology')),
    dossierCode: dossier.code,
    applicant: applicantOf(dossier.applicant),
    requestContent: procedure.name,
    receivedAt: vnIso(dossier.receivedAt),
    previousAppointmentAt: vnIso(apology.previousAppointmentAt),
    newAppointmentAt: vnIso(apology.newAppointmentAt),
    reason: apology.reason,
    signedAt: vnIso(apology.signedAt),
    dueBy: vnIsoOrNull(apology.dueBy ?? null),
    late: apology.late ?? false,
    signer: {
      username: apology.signedBy,
      fullName: apology.signerName,
      role: apology.signerRole,
      titleLines: signerTitleLines(apology.signerRole),
    },
    recipients: [`Ông/Bà ${dossier.applicant.fullName}`, dossier.desk.receivingUnit.name, 'Lưu: VT'],
  };
}
