/** Sections several forms print: the applicant, the components received, the recipients of a letter. */
import { colgroup, html, type SafeHtml } from './html.js';
import type { FormApplicantModel, ReceiptForm } from './model.js';
import { componentColumns } from './page-layout.js';
import { vnShortDate } from './vn-text.js';

/** Who signs for the applicant: the representative when someone filed for them. */
export const submitterName = (a: FormApplicantModel): string => a.representative?.fullName ?? a.fullName;

const idLabel = (a: FormApplicantModel): string =>
  a.kind === 'organisation' ? 'Mã số thuế (mã số doanh nghiệp)' : 'Số định danh cá nhân';

/** The representative who filed for the applicant and the authorisation document. */
function representativeLine(a: FormApplicantModel): SafeHtml | '' {
  const r = a.representative;
  if (!r) return '';
  const issued = r.authorisation.issuedOn ? ` ngày ${vnShortDate(r.authorisation.issuedOn)}` : '';
  return html`<p>
    Người đại diện nộp hồ sơ: <b>${r.fullName}</b>, số định danh cá nhân: ${r.idNumber}; theo
    ${r.authorisation.document}${issued}
  </p>`;
}

/** The applicant: name, identification, address, phone and e-mail, representative, what they ask for. */
export const applicantLines = (a: FormApplicantModel, requestContent: string): SafeHtml =>
  html` <p>Tên tổ chức, cá nhân: <b>${a.fullName}</b></p>
    <p>${idLabel(a)}: ${a.idNumber}</p>
    ${a.address ? html`<p>Địa chỉ: ${a.address}</p>` : ''}
    <p>Số điện thoại: ${a.phone ?? ''}${a.email ? html` &nbsp;&nbsp; Email: ${a.email}` : ''}</p>
    ${representativeLine(a)}
    <p>Nội dung yêu cầu giải quyết: <b>${requestContent}</b></p>`;

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
export const recipientsBlock = (recipients: readonly string[]): SafeHtml =>
  html`<div class="recipients">
    <b><i>Nơi nhận:</i></b
    ><br />${recipients.map((r) => html`- ${r};<br />`)}
  </div>`;
