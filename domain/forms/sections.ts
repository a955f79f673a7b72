/**
 * What several forms print, format-neutral: the applicant's lines, who signs, the recipients of a letter.
 * The HTML (render-parts.ts) and the PDF (pdf/parts.ts) only lay these out, so both print the same words
 * chosen by the same rules.
 */
import type { ApologyForm, ControlSheetForm, DossierForm, FormApplicantModel } from './model.js';
import { vnDateTimeText, vnShortDate } from './vn-text.js';

/** A run of printed text: plain, or in bold. */
export type Run = string | { readonly bold: string };
/** One printed line (a paragraph), as runs. */
export type Line = readonly Run[];

/** A signature column: title lines, a hint in brackets, the signer's name under the signing space. */
export interface SignatureBlock {
  readonly title: string | readonly string[];
  readonly hint?: string;
  readonly name?: string | null;
}

/** Who signs a form: a left and a right column, and the recipients a letter lists under the left one. */
export interface Signatories {
  readonly left: SignatureBlock | null;
  readonly right: SignatureBlock;
  readonly recipients: readonly string[] | null;
}

/** Who signs for the applicant: the representative when someone filed for them. */
const submitterName = (a: FormApplicantModel): string => a.representative?.fullName ?? a.fullName;

const idLabel = (a: FormApplicantModel): string =>
  a.kind === 'organisation' ? 'Mã số thuế (mã số doanh nghiệp)' : 'Số định danh cá nhân';

/** The representative who filed for the applicant and the authorisation document. */
function representativeLine(a: FormApplicantModel): Line[] {
  const r = a.representative;
  if (!r) return [];
  const issued = r.authorisation.issuedOn ? ` ngày ${vnShortDate(r.authorisation.issuedOn)}` : '';
  return [
    [
      'Người đại diện nộp hồ sơ: ',
      { bold: r.fullName },
      `, số định danh cá nhân: ${r.idNumber}; theo ${r.authorisation.document}${issued}`,
    ],
  ];
}

/** The applicant: name, identification, address, phone and e-mail, representative, what they ask for. */
export function applicantLines(a: FormApplicantModel, requestContent: string): Line[] {
  return [
    ['Tên tổ chức, cá nhân: ', { bold: a.fullName }],
    [`${idLabel(a)}: ${a.idNumber}`],
    ...(a.address ? [[`Địa chỉ: ${a.address}`]] : []),
    [`Số điện thoại: ${a.phone ?? ''}`, ...(a.email ? [`\u00a0\u00a0 Email: ${a.email}`] : [])],
    ...representativeLine(a),
    ['Nội dung yêu cầu giải quyết: ', { bold: requestContent }],
  ];
}

const SIGN = 'Ký và ghi rõ họ tên';
const SIGN_AND_SEAL = 'Ký, ghi rõ họ tên và đóng dấu';

const submitter = (a: FormApplicantModel): SignatureBlock => ({
  title: 'NGƯỜI NỘP HỒ SƠ',
  hint: SIGN,
  name: submitterName(a),
});

const receiver = (p: { username: string | null; fullName: string | null }): SignatureBlock => ({
  title: 'NGƯỜI TIẾP NHẬN HỒ SƠ',
  hint: SIGN,
  name: p.fullName ?? p.username,
});

/** The leader who signs for the agency ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"), with its seal. */
const leader = (signer: { titleLines: readonly string[]; fullName: string } | null): SignatureBlock => ({
  title: signer?.titleLines ?? [],
  hint: SIGN_AND_SEAL,
  name: signer?.fullName ?? '',
});

/** The forms someone signs: all of a dossier's but the control sheet, whose rows are its signatures. */
export type SignedForm = Exclude<DossierForm, ControlSheetForm>;

/** Who signs a form, as its template has it. */
export function signatoriesOf(f: SignedForm): Signatories {
  switch (f.kind) {
    case 'receipt':
    case 'refusal':
      // Both slips are signed on the two sides of the counter.
      return { left: submitter(f.applicant), right: receiver(f.receiver), recipients: null };
    case 'supplement':
      return {
        left: null,
        right: { title: 'NGƯỜI HƯỚNG DẪN', hint: SIGN, name: f.guide.fullName ?? f.guide.username ?? '' },
        recipients: null,
      };
    case 'apology':
    case 'stop_notice':
      return { left: null, right: leader(f.signer), recipients: f.recipients };
  }
}

/** "Nơi nhận:" lines of a letter the agency signs. */
export const recipientLines = (recipients: readonly string[]): string[] => recipients.map((r) => `- ${r};`);

/**
 * The apology's legal limit and, when it was signed after it, that it was late (docs/domain.md, "Apology
 * and new appointment (Mẫu 04)"); null for apologies signed before the limit was recorded.
 */
export function apologyLimitNote(f: Pick<ApologyForm, 'dueBy' | 'late'>): string | null {
  if (!f.dueBy) return null;
  const limit = `Thời hạn gửi văn bản xin lỗi theo quy định: chậm nhất ${vnDateTimeText(f.dueBy)}`;
  return f.late ? `${limit}; văn bản được ký sau thời hạn này.` : `${limit}.`;
}
