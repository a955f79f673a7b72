/** The printable HTML of each form model (on its form set's paper, Vietnamese, every value escaped). */
import { colgroup, formDocument, html, signatures, type SafeHtml } from './html.js';
import type {
  AnyForm,
  ApologyForm,
  ControlSheetForm,
  ReceiptForm,
  RefusalForm,
  RegisterForm,
  SupplementForm,
} from './model.js';
import { componentColumns, controlSheetColumns, registerColumns, supplementColumns } from './page-layout.js';
import { vndText, vnDateText, vnDateTimeText, vnShortDate, vnShortDateTime } from './vn-text.js';

type Applicant = ReceiptForm['applicant'];

const applicantLines = (a: Applicant, requestContent: string): SafeHtml =>
  html` <p>Tên tổ chức, cá nhân: <b>${a.fullName}</b></p>
    <p>Số giấy tờ tùy thân: ${a.idNumber}</p>
    <p>Số điện thoại: ${a.phone ?? ''}${a.email ? html` &nbsp;&nbsp; Email: ${a.email}` : ''}</p>
    <p>Nội dung yêu cầu giải quyết: <b>${requestContent}</b></p>`;

const componentTable = (rows: ReceiptForm['components']): SafeHtml =>
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

function receiptHtml(f: ReceiptForm): string {
  const body = html` <p class="subtitle">Mã hồ sơ: <b>${f.dossierCode}</b></p>
    <p>${f.agency.desk} – ${f.agency.name} tiếp nhận hồ sơ của:</p>
    ${applicantLines(f.applicant, f.requestContent)}
    <p>1. Thành phần hồ sơ nộp gồm:</p>
    ${componentTable(f.components)}
    <p>2. Số lượng hồ sơ: ${f.sets} (bộ)</p>
    <p>3. Thời gian giải quyết hồ sơ theo quy định là: ${f.legalTime}</p>
    <p>4. Thời gian nhận hồ sơ: ${vnDateTimeText(f.receivedAt)}</p>
    <p>5. Thời gian trả kết quả giải quyết hồ sơ: <b>${vnDateTimeText(f.appointmentAt)}</b></p>
    ${f.currentAppointmentAt ? html`<p class="hint">Thời hạn trả kết quả đã được điều chỉnh theo quy định: ${vnDateTimeText(f.currentAppointmentAt)}</p>` : ''}
    <p>6. Đăng ký nhận kết quả tại: ${f.returnPlace}</p>
    ${f.fee ? html`<p>7. Phí, lệ phí: ${vndText(f.fee.amount)}${f.fee.note ? html` (${f.fee.note})` : ''}</p>` : ''}
    ${f.register ? html`<p>Vào Sổ theo dõi hồ sơ, Quyển số: ${f.register.book}, Số thứ tự: ${f.register.number}</p>` : ''}
    ${signatures({ title: 'NGƯỜI NỘP HỒ SƠ', hint: 'Ký và ghi rõ họ tên', name: f.applicant.fullName }, { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', hint: 'Ký và ghi rõ họ tên', name: f.receiver.fullName ?? f.receiver.username })}`;
  return formDocument(f, body, { dateIso: f.receivedAt });
}

function supplementHtml(f: SupplementForm): string {
  const body = html` ${f.dossierCode ? html`<p class="subtitle">Mã hồ sơ: <b>${f.dossierCode}</b>${f.requestIndex && f.requestCount > 1 ? html` (lần ${f.requestIndex}/${f.requestCount})` : ''}</p>` : ''}
    <p>
      ${f.source === 'liaison' ? html`Theo ý kiến của ${f.guide.unit}, ` : ''}${f.agency.desk} –
      ${f.agency.name} hướng dẫn:
    </p>
    ${applicantLines(f.applicant, f.requestContent)}
    <p>Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:</p>
    ${
      f.items.length > 0
        ? html`<table class="grid fixed">
            ${colgroup(supplementColumns)}
            <thead>
              <tr>
                <th>TT</th>
                <th>Thành phần hồ sơ, nội dung cần bổ sung, hoàn thiện</th>
              </tr>
            </thead>
            <tbody>
              ${f.items.map(
                (i) =>
                  html`<tr>
                    <td class="c">${i.no}</td>
                    <td>${i.name}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : ''
    }
    <p>Lý do: ${f.reason}</p>
    <p>Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ ${f.contact} để được hướng dẫn.</p>
    ${signatures(null, { title: 'NGƯỜI HƯỚNG DẪN', hint: 'Ký và ghi rõ họ tên', name: f.guide.fullName ?? f.guide.username ?? '' })}`;
  return formDocument(f, body, { dateIso: f.issuedAt });
}

function refusalHtml(f: RefusalForm): string {
  const body = html` <p class="subtitle">Mã hồ sơ: <b>${f.dossierCode}</b></p>
    <p>${f.refusingUnit} – ${f.agency.name} tiếp nhận hồ sơ của:</p>
    ${applicantLines(f.applicant, f.requestContent)}
    <p>Thành phần hồ sơ đã nộp gồm:</p>
    ${componentTable(f.components)}
    <p>Qua xem xét, cơ quan, đơn vị từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:</p>
    <ul>
      ${f.reasons.map((r) => html`<li>${r}</li>`)}
    </ul>
    <p>Xin thông báo để ông/bà được biết và thực hiện.</p>
    ${signatures(null, { title: 'NGƯỜI TỪ CHỐI', hint: 'Ký và ghi rõ họ tên', name: f.refuser?.fullName ?? '' })}`;
  return formDocument(f, body, { dateIso: f.refusedAt });
}

function apologyHtml(f: ApologyForm): string {
  const recipients = html`<div class="recipients">
    <b><i>Nơi nhận:</i></b
    ><br />${f.recipients.map((r) => html`- ${r};<br />`)}
  </div>`;
  const body = html` <p class="subtitle">
      Kính gửi: Ông/Bà
      <b>${f.applicant.fullName}</b>${f.applicant.phone ? html` (điện thoại: ${f.applicant.phone})` : ''}
    </p>
    <p>
      Ngày ${vnShortDate(f.receivedAt)}, ${f.agency.name} tiếp nhận giải quyết hồ sơ của ông/bà về thủ tục
      <b>${f.requestContent}</b>, mã hồ sơ <b>${f.dossierCode}</b>.
    </p>
    <p>
      Thời hạn trả kết quả giải quyết hồ sơ ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả là:
      ${vnDateTimeText(f.previousAppointmentAt)}.
    </p>
    <p>Tuy nhiên đến nay, ${f.agency.name} chưa trả kết quả giải quyết hồ sơ cho ông/bà đúng thời hạn.</p>
    <p>Lý do: ${f.reason}</p>
    <p>
      Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, thời gian đi lại của ông/bà. ${f.agency.name} xin lỗi
      ông/bà và sẽ trả kết quả giải quyết hồ sơ cho ông/bà vào: <b>${vnDateTimeText(f.newAppointmentAt)}</b>.
    </p>
    <p>Mong nhận được sự thông cảm của ông/bà.</p>
    ${signatures(null, { title: f.signer.titleLines, hint: 'Ký, ghi rõ họ tên và đóng dấu', name: f.signer.fullName }, recipients)}`;
  return formDocument(f, body, { dateIso: f.signedAt });
}

function controlSheetHtml(f: ControlSheetForm): string {
  const body = html` <p class="subtitle">Mã hồ sơ: <b>${f.dossierCode}</b></p>
    <p>Kèm theo hồ sơ của: <b>${f.applicant.fullName}</b></p>
    <p>Nội dung yêu cầu giải quyết: ${f.requestContent}</p>
    <p>Ngày, giờ tiếp nhận: ${vnDateTimeText(f.receivedAt)}</p>
    <p>
      Ngày, giờ hẹn trả kết quả:
      ${vnDateTimeText(f.appointmentAt)}${f.appointmentAt !== f.originalAppointmentAt ? html` <span class="hint">(hẹn ban đầu: ${vnDateTimeText(f.originalAppointmentAt)})</span>` : ''}
    </p>
    <p>Cơ quan (bộ phận) giải quyết hồ sơ: ${f.resolvingAgency}</p>
    <p>Cơ quan phối hợp giải quyết hồ sơ: ${f.coordinatingAgencies.join('; ')}</p>
    <table class="grid small fixed">
      ${colgroup(controlSheetColumns)}
      <thead>
        <tr>
          <th rowspan="2">TT</th>
          <th rowspan="2">TÊN CƠ QUAN, BỘ PHẬN</th>
          <th colspan="3">THỜI GIAN GIAO, NHẬN HỒ SƠ</th>
          <th rowspan="2">KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn / Đúng hạn / Quá hạn)</th>
          <th rowspan="2">GHI CHÚ</th>
        </tr>
        <tr>
          <th>Thời gian</th>
          <th>Người giao</th>
          <th>Người nhận</th>
        </tr>
      </thead>
      <tbody>
        ${f.rows.map(
          (r) =>
            html`<tr>
              <td class="c">${r.no}</td>
              <td>1. Giao: ${r.from.unit}<br />2. Nhận: ${r.to.unit}<br /><i>${r.action}</i></td>
              <td class="c">${vnShortDateTime(r.at)}</td>
              <td>${r.from.person ?? ''}</td>
              <td>${r.to.person ?? ''}</td>
              <td class="c">${r.onTimeLabel ?? ''}</td>
              <td>${r.note ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  return formDocument(f, body);
}

function registerHtml(f: RegisterForm): string {
  const d = (iso: string | null) => (iso ? vnShortDateTime(iso) : '');
  const body = html` <table class="grid small fixed">
    ${colgroup(registerColumns)}
    <thead>
      <tr>
        <th rowspan="2">TT</th>
        <th rowspan="2">Mã hồ sơ</th>
        <th rowspan="2">Tên TTHC</th>
        <th rowspan="2">Số lượng hồ sơ (bộ)</th>
        <th rowspan="2">Tên cá nhân, tổ chức</th>
        <th rowspan="2">Địa chỉ, số điện thoại</th>
        <th rowspan="2">Cơ quan chủ trì giải quyết</th>
        <th colspan="5">Ngày, tháng, năm</th>
        <th rowspan="2">Phương thức nhận kết quả</th>
        <th rowspan="2">Ký nhận</th>
        <th rowspan="2">Ghi chú</th>
      </tr>
      <tr>
        <th>Nhận hồ sơ</th>
        <th>Hẹn trả kết quả</th>
        <th>Chuyển hồ sơ đến cơ quan giải quyết</th>
        <th>Nhận kết quả từ cơ quan giải quyết</th>
        <th>Trả kết quả</th>
      </tr>
    </thead>
    <tbody>
      ${
        f.rows.length === 0
          ? html`<tr>
              <td class="c" colspan="15">Không có hồ sơ tiếp nhận trong kỳ.</td>
            </tr>`
          : ''
      }
      ${f.rows.map(
        (r) =>
          html`<tr>
            <td class="c">${r.no}</td>
            <td>${r.dossierCode}</td>
            <td>${r.procedureName}</td>
            <td class="c">${r.sets}</td>
            <td>${r.applicantName}</td>
            <td>${r.contact ?? ''}</td>
            <td>${r.resolvingUnit}</td>
            <td class="c">${d(r.receivedAt)}</td>
            <td class="c">${d(r.appointmentAt)}</td>
            <td class="c">${d(r.transferredAt)}</td>
            <td class="c">${d(r.resultReceivedAt)}</td>
            <td class="c">${d(r.returnedAt)}</td>
            <td>${r.returnMethod}</td>
            <td></td>
            <td>${[r.status, r.note].filter(Boolean).join('. ')}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
  return formDocument(f, body, {
    subtitle: `Từ ${vnDateText(f.period.from)} đến ${vnDateText(f.period.to)}`,
  });
}

/** The complete, self-contained HTML document of a form. */
export function renderFormHtml(form: AnyForm): string {
  switch (form.kind) {
    case 'receipt':
      return receiptHtml(form);
    case 'supplement':
      return supplementHtml(form);
    case 'refusal':
      return refusalHtml(form);
    case 'apology':
      return apologyHtml(form);
    case 'control_sheet':
      return controlSheetHtml(form);
    case 'register':
      return registerHtml(form);
  }
}
