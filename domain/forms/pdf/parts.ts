/**
 * Sections several forms print, as PDF content: the counterpart of `../render-parts.ts`, laying out the
 * same format-neutral wording (`../sections.ts`).
 */
import type { FormApplicantModel, ReceiptForm } from '../model.js';
import { componentColumns, type PageLayout } from '../page-layout.js';
import {
  applicantLines as applicantText,
  recipientLines,
  signatoriesOf,
  type Line,
  type SignatureBlock,
  type SignedForm,
} from '../sections.js';
import { bold, grid, mm, para, td, th } from './blocks.js';
import type { Content } from './types.js';

/** A printed line as a paragraph, its bold runs in bold. */
export const lineContent = (line: Line): Content =>
  para(...line.map((run) => (typeof run === 'string' ? run : bold(run.bold))));

/** The applicant: name, identification, address, phone and e-mail, representative, what they ask for. */
export const applicantLines = (a: FormApplicantModel, requestContent: string): Content[] =>
  applicantText(a, requestContent).map(lineContent);

/** The components received: name, form (original, copy) and quantity. */
export const componentTable = (rows: ReceiptForm['components']): Content =>
  grid({
    weights: componentColumns,
    head: [[th('TT'), th('Tên giấy tờ'), th('Hình thức (bản chính, bản sao, bản chụp)'), th('Số lượng')]],
    body: rows.map((c) => [td(c.no, true), td(c.name), td(c.form, true), td(c.quantity, true)]),
  });

/** "Nơi nhận:" of a letter the agency signs. */
const recipientsBlock = (recipients: readonly string[]): Content => ({
  stack: [{ text: 'Nơi nhận:', bold: true, italics: true }, ...recipientLines(recipients)],
  style: 'recipients',
});

function signatureStack(page: PageLayout, b: SignatureBlock): Content {
  return {
    stack: [
      ...(typeof b.title === 'string' ? [b.title] : b.title).map((t) => ({ text: t, bold: true })),
      ...(b.hint ? [{ text: `(${b.hint})`, style: 'hint', alignment: 'center' as const }] : []),
      { text: b.name ?? '', bold: true, margin: [0, mm(page.signSpaceMm), 0, 0] as const },
    ],
    alignment: 'center',
  };
}

/** The form's signature columns (left, right) kept on one page; a letter lists its recipients left. */
export function signatures(page: PageLayout, f: SignedForm): Content {
  const { left, right, recipients } = signatoriesOf(f);
  const leftCell = left ? signatureStack(page, left) : recipients ? recipientsBlock(recipients) : '';
  return {
    columns: [
      { width: '50%', stack: [leftCell] },
      { width: '50%', stack: [signatureStack(page, right)] },
    ],
    columnGap: mm(4),
    margin: [0, mm(4), 0, 0],
    unbreakable: true,
  };
}
