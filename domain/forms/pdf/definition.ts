/**
 * The PDF of each form model, as a pdfmake document definition (pure data; `common/form-pdf.ts` renders
 * it). One function per form kind, section by section in the order of the HTML renderer (`../render.ts`):
 * applicant, tables, the numbered lines, signatures; the sections several forms share are in `./parts.ts`.
 */
import type {
  AnyForm,
  ApologyForm,
  ControlSheetForm,
  ReceiptForm,
  RefusalForm,
  RegisterForm,
  StopNoticeForm,
  SupplementForm,
} from '../model.js';
import { controlSheetColumns, pageLayoutOf, registerColumns, supplementColumns } from '../page-layout.js';
import { vndText, vnDateText, vnDateTimeText, vnShortDate, vnShortDateTime } from '../vn-text.js';
import {
  bold,
  bullets,
  grid,
  hint,
  italic,
  para,
  spanned,
  subtitle,
  td,
  th,
  thTall,
  thTallEnd,
} from './blocks.js';
import { formPdf } from './page.js';
import { apologyLimitNote } from '../sections.js';
import { applicantLines, componentTable, signatures } from './parts.js';
import type { Content, DocumentDefinition, TableCell } from './types.js';

const dossierCodeLine = (code: string, suffix = ''): Content =>
  subtitle('Mã hồ sơ: ', bold(code), ...(suffix ? [suffix] : []));

function receiptPdf(f: ReceiptForm): DocumentDefinition {
  const body = [
    dossierCodeLine(f.dossierCode),
    para(`${f.issuer.name} tiếp nhận hồ sơ của:`),
    ...applicantLines(f.applicant, f.requestContent),
    para('1. Thành phần hồ sơ nộp gồm:'),
    componentTable(f.components),
    para(`2. Số lượng hồ sơ: ${f.sets} (bộ)`),
    para(`3. Thời gian giải quyết hồ sơ theo quy định là: ${f.legalTime}`),
    para(`4. Thời gian nhận hồ sơ: ${vnDateTimeText(f.receivedAt)}`),
    para('5. Thời gian trả kết quả giải quyết hồ sơ: ', bold(vnDateTimeText(f.appointmentAt))),
    ...(f.currentAppointmentAt
      ? [
          hint(
            `Thời hạn trả kết quả đã được điều chỉnh theo quy định: ${vnDateTimeText(f.currentAppointmentAt)}`,
          ),
        ]
      : []),
    para(`6. Nhận kết quả: ${f.returnPlace}`),
    ...(f.fee
      ? [para(`7. Phí, lệ phí: ${vndText(f.fee.amount)}${f.fee.note ? ` (${f.fee.note})` : ''}`)]
      : []),
    ...(f.register
      ? [para(`Vào Sổ theo dõi hồ sơ, Quyển số: ${f.register.book}, Số thứ tự: ${f.register.number}`)]
      : []),
    signatures(pageLayoutOf(f), f),
  ];
  return formPdf(f, body, { dateIso: f.receivedAt, created: f.receivedAt, subject: f.dossierCode });
}

function supplementPdf(f: SupplementForm): DocumentDefinition {
  const round = f.requestIndex && f.requestCount > 1 ? ` (lần ${f.requestIndex}/${f.requestCount})` : '';
  const body = [
    ...(f.dossierCode ? [dossierCodeLine(f.dossierCode, round)] : []),
    para(f.source === 'liaison' ? `Theo ý kiến của ${f.guide.unit}, ` : '', `${f.issuer.name} hướng dẫn:`),
    ...applicantLines(f.applicant, f.requestContent),
    para('Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:'),
    ...(f.items.length > 0
      ? [
          grid({
            weights: supplementColumns,
            head: [[th('TT'), th('Thành phần hồ sơ, nội dung cần bổ sung, hoàn thiện')]],
            body: f.items.map((i) => [td(i.no, true), td(i.name)]),
          }),
        ]
      : []),
    para(`Lý do: ${f.reason}`),
    para(`Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông/bà liên hệ ${f.contact} để được hướng dẫn.`),
    signatures(pageLayoutOf(f), f),
  ];
  const subject = f.dossierCode ?? `Phiếu hướng dẫn số ${f.guidanceId ?? ''}`;
  return formPdf(f, body, { dateIso: f.issuedAt, created: f.issuedAt, subject });
}

function refusalPdf(f: RefusalForm): DocumentDefinition {
  const body = [
    dossierCodeLine(f.dossierCode),
    para(`${f.issuer.name} tiếp nhận hồ sơ của:`),
    ...applicantLines(f.applicant, f.requestContent),
    para('Thành phần hồ sơ đã nộp gồm:'),
    componentTable(f.components),
    para(
      `Qua xem xét, ${f.refusingUnit} từ chối tiếp nhận, giải quyết hồ sơ ` +
        `này${f.refuser ? ` (${f.refuser.fullName})` : ''} với lý do cụ thể như sau:`,
    ),
    bullets(f.reasons),
    para('Xin thông báo để ông/bà được biết và thực hiện.'),
    signatures(pageLayoutOf(f), f),
  ];
  return formPdf(f, body, { dateIso: f.refusedAt, created: f.refusedAt, subject: f.dossierCode });
}

function apologyPdf(f: ApologyForm): DocumentDefinition {
  const agency = f.issuer.name;
  const limitNote = apologyLimitNote(f);
  const body = [
    subtitle(
      'Kính gửi: Ông/Bà ',
      bold(f.applicant.fullName),
      ...(f.applicant.phone ? [` (điện thoại: ${f.applicant.phone})`] : []),
    ),
    para(
      `Ngày ${vnShortDate(f.receivedAt)}, ${agency} tiếp nhận giải quyết hồ sơ của ông/bà về thủ tục `,
      bold(f.requestContent),
      ', mã hồ sơ ',
      bold(f.dossierCode),
      '.',
    ),
    para(
      'Thời hạn trả kết quả giải quyết hồ sơ ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả là: ' +
        `${vnDateTimeText(f.previousAppointmentAt)}.`,
    ),
    para(`Tuy nhiên đến nay, ${agency} chưa trả kết quả giải quyết hồ sơ cho ông/bà đúng thời hạn.`),
    para(`Lý do: ${f.reason}`),
    para(
      `Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, thời gian đi lại của ông/bà. ${agency} xin lỗi ` +
        'ông/bà và sẽ trả kết quả giải quyết hồ sơ cho ông/bà vào: ',
      bold(vnDateTimeText(f.newAppointmentAt)),
      '.',
    ),
    para('Mong nhận được sự thông cảm của ông/bà.'),
    ...(limitNote ? [hint(limitNote)] : []),
    signatures(pageLayoutOf(f), f),
  ];
  return formPdf(f, body, { dateIso: f.signedAt, created: f.signedAt, subject: f.dossierCode });
}

function stopNoticePdf(f: StopNoticeForm): DocumentDefinition {
  const body = [
    subtitle('Kính gửi: Ông/Bà ', bold(f.applicant.fullName)),
    ...applicantLines(f.applicant, f.requestContent),
    para(
      `Ngày ${vnShortDate(f.receivedAt)}, ${f.issuer.name} tiếp nhận giải quyết hồ sơ của ông/bà, mã hồ sơ `,
      bold(f.dossierCode),
      '.',
    ),
    ...(f.withdrawal
      ? [
          para(
            `Ngày ${vnShortDate(f.withdrawal.requestedAt)}, ông/bà đề nghị rút hồ sơ với lý do: ` +
              f.withdrawal.reason,
          ),
        ]
      : []),
    para(
      `${f.issuer.name} thông báo dừng giải quyết hồ sơ nêu trên kể từ ${vnDateTimeText(f.stoppedAt)}. ` +
        `Lý do: ${f.reason}`,
    ),
    para('Xin thông báo để ông/bà được biết.'),
    signatures(pageLayoutOf(f), f),
  ];
  return formPdf(f, body, { dateIso: f.stoppedAt, created: f.stoppedAt, subject: f.dossierCode });
}

function controlSheetPdf(f: ControlSheetForm): DocumentDefinition {
  const moved = f.appointmentAt !== f.originalAppointmentAt;
  const head: TableCell[][] = [
    [
      thTall('TT'),
      thTall('TÊN CƠ QUAN, BỘ PHẬN'),
      th('THỜI GIAN GIAO, NHẬN HỒ SƠ', 3),
      ...spanned(2),
      thTall('KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn / Đúng hạn / Quá hạn)'),
      thTall('GHI CHÚ'),
    ],
    [thTallEnd(), thTallEnd(), th('Thời gian'), th('Người giao'), th('Người nhận'), thTallEnd(), thTallEnd()],
  ];
  const body = [
    dossierCodeLine(f.dossierCode),
    para('Kèm theo hồ sơ của: ', bold(f.applicant.fullName)),
    para(`Nội dung yêu cầu giải quyết: ${f.requestContent}`),
    para(`Ngày, giờ tiếp nhận: ${vnDateTimeText(f.receivedAt)}`),
    para(
      `Ngày, giờ hẹn trả kết quả: ${vnDateTimeText(f.appointmentAt)}`,
      moved ? italic(` (hẹn ban đầu: ${vnDateTimeText(f.originalAppointmentAt)})`) : '',
    ),
    para(`Cơ quan (bộ phận) giải quyết hồ sơ: ${f.resolvingAgency}`),
    para(`Cơ quan phối hợp giải quyết hồ sơ: ${f.coordinatingAgencies.join('; ')}`),
    para(`Nơi trả kết quả: ${f.returnPlace}`),
    grid({
      weights: controlSheetColumns,
      small: true,
      head,
      body: f.rows.map((r) => [
        td(r.no, true),
        td([`1. Giao: ${r.from.unit}\n2. Nhận: ${r.to.unit}\n`, italic(r.action)]),
        td(vnShortDateTime(r.at), true),
        td(r.from.person ?? ''),
        td(r.to.person ?? ''),
        td(r.onTimeLabel ?? '', true),
        td(r.note ?? ''),
      ]),
    }),
  ];
  // The sheet grows with each handover: it was last changed at its latest row.
  const modified = f.rows.map((r) => r.at).reduce((a, b) => (b > a ? b : a), f.receivedAt);
  return formPdf(f, body, {
    dateIso: f.receivedAt,
    created: f.receivedAt,
    modified,
    subject: f.dossierCode,
  });
}

const registerLeadHeads = [
  'TT',
  'Mã hồ sơ',
  'Tên TTHC',
  'Số lượng hồ sơ (bộ)',
  'Tên cá nhân, tổ chức',
  'Địa chỉ, số điện thoại',
  'Cơ quan chủ trì giải quyết',
];
const registerDateHeads = [
  'Nhận hồ sơ',
  'Hẹn trả kết quả',
  'Chuyển hồ sơ đến cơ quan giải quyết',
  'Nhận kết quả từ cơ quan giải quyết',
  'Trả kết quả',
];
const registerTailHeads = ['Phương thức nhận kết quả', 'Ký nhận', 'Ghi chú'];

function registerPdf(f: RegisterForm): DocumentDefinition {
  const d = (iso: string | null) => (iso ? vnShortDateTime(iso) : '');
  const head: TableCell[][] = [
    [
      ...registerLeadHeads.map(thTall),
      th('Ngày, tháng, năm', 5),
      ...spanned(4),
      ...registerTailHeads.map(thTall),
    ],
    [
      ...registerLeadHeads.map(thTallEnd),
      ...registerDateHeads.map((h) => th(h)),
      ...registerTailHeads.map(thTallEnd),
    ],
  ];
  const rows: TableCell[][] =
    f.rows.length === 0
      ? [[{ text: 'Không có hồ sơ tiếp nhận trong kỳ.', colSpan: 15, alignment: 'center' }, ...spanned(14)]]
      : f.rows.map((r) => [
          td(r.no, true),
          td(r.dossierCode),
          td(r.procedureName),
          td(r.sets, true),
          td(r.applicantName),
          td(r.contact ?? ''),
          td(r.resolvingUnit),
          td(d(r.receivedAt), true),
          td(d(r.appointmentAt), true),
          td(d(r.transferredAt), true),
          td(d(r.resultReceivedAt), true),
          td(d(r.returnedAt), true),
          td(r.returnMethod),
          td(''),
          td([r.status, r.note].filter(Boolean).join('. ')),
        ]);
  const created = `${f.period.from}T00:00:00+07:00`;
  const instants = f.rows.flatMap((r) =>
    [r.receivedAt, r.transferredAt, r.resultReceivedAt, r.returnedAt].filter((i): i is string => i !== null),
  );
  const modified = instants.reduce((a, b) => (b > a ? b : a), created);
  const period = `Từ ${vnDateText(f.period.from)} đến ${vnDateText(f.period.to)}`;
  return formPdf(f, [grid({ weights: registerColumns, small: true, head, body: rows })], {
    subtitle: period,
    created,
    modified,
    subject: period,
  });
}

/** The pdfmake document of a form (its PDF is rendered by `common/form-pdf.ts`). */
export function formPdfDefinition(form: AnyForm): DocumentDefinition {
  switch (form.kind) {
    case 'receipt':
      return receiptPdf(form);
    case 'supplement':
      return supplementPdf(form);
    case 'refusal':
      return refusalPdf(form);
    case 'apology':
      return apologyPdf(form);
    case 'stop_notice':
      return stopNoticePdf(form);
    case 'control_sheet':
      return controlSheetPdf(form);
    case 'register':
      return registerPdf(form);
  }
}

/** The download name of a form's PDF: its number and the dossier (or the register's period). */
export function formPdfFileName(form: AnyForm): string {
  if (form.kind === 'register') {
    return `${form.label} - ${form.title} ${form.period.from} - ${form.period.to}.pdf`;
  }
  // Only the desk's guidance has no dossier (none was created).
  const guidance = form.kind === 'supplement' ? form.guidanceId : null;
  const dossier = form.dossierCode ?? `Phiếu hướng dẫn ${guidance ?? ''}`.trim();
  return `${form.label} - ${dossier}.pdf`;
}
