/**
 * Sections several forms print, as HTML: the applicant, the components received, who signs. Their
 * wording is format-neutral (sections.ts); pdf/parts.ts lays out the same sections in the PDF.
 */
import { colgroup, html, type SafeHtml } from './html.js';
import type { FormApplicantModel, ReceiptForm } from './model.js';
import { componentColumns } from './page-layout.js';
import {
  applicantLines as applicantText,
  recipientLines,
  signatoriesOf,
  type Line,
  type SignatureBlock,
  type SignedForm,
} from './sections.js';

/** A printed line as a paragraph, its bold runs in `<b>`. */
export const lineHtml = (line: Line): SafeHtml =>
  html`<p>${line.map((run) => (typeof run === 'string' ? run : html`<b>${run.bold}</b>`))}</p>`;

/** The applicant: name, identification, address, phone and e-mail, representative, what they ask for. */
export const applicantLines = (a: FormApplicantModel, requestContent: string): SafeHtml =>
  html`${applicantText(a, requestContent).map(lineHtml)}`;

/** The components received: name, form (original, copy) and quantity. */
export const componentTable = (rows: ReceiptForm['components']): SafeHtml =>
  html` <table class="grid fixed">
    ${colgroup(componentColumns)}
    <thead>
      <tr>
        <th>TT</th>
        <th>Tên giấy tờ</th>
        <th>Hình thức (bản chính, bản sao, bản chụp)</th>
        <th>Số lượng</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (c) =>
          html`<tr>
            <td class="c">${c.no}</td>
            <td>${c.name}</td>
            <td class="c">${c.form}</td>
            <td class="c">${c.quantity}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;

/** "Nơi nhận:" of a letter the agency signs. */
const recipientsBlock = (recipients: readonly string[]): SafeHtml =>
  html`<div class="recipients">
    <b><i>Nơi nhận:</i></b
    ><br />${recipientLines(recipients).map((r) => html`${r}<br />`)}
  </div>`;

const signatureHtml = (b: SignatureBlock): SafeHtml =>
  html`${(typeof b.title === 'string' ? [b.title] : b.title).map((t, i) => html`${i > 0 ? html`<br />` : ''}<b>${t}</b>`)}${b.hint ? html`<br /><span class="hint">(${b.hint})</span>` : ''}
    <div class="sign-space"></div>
    <b>${b.name ?? ''}</b>`;

/** The form's signature columns (left, right); a letter lists its recipients in the left one. */
export function signatures(f: SignedForm): SafeHtml {
  const { left, right, recipients } = signatoriesOf(f);
  const leftCell = left ? signatureHtml(left) : recipients ? recipientsBlock(recipients) : '';
  return html`<table class="signatures">
    <tr>
      <td>${leftCell}</td>
      <td>${signatureHtml(right)}</td>
    </tr>
  </table>`;
}
