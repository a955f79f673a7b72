/**
 * The mails of the online receipt (docs/domain.md, "Online receipt"): to the citizen who filed (the
 * acknowledgement, a completion request, the refusal, the acceptance) and to the receiving unit's
 * receivers (the check time has passed). Pure: Vietnamese text and escaped HTML through `render`.
 */
import { consoleUrl, formatVnDateTime, render, type MailContent } from './notification-templates.js';

/** What every mail of a submission states. */
export interface OnlineFacts {
  publicBaseUrl: string;
  code: string;
  procedureName: string;
  agencyName: string;
  unitName: string;
  citizenName: string;
  submittedAt: number;
  checkBy: number;
}

const base = (url: string): string => url.replace(/\/+$/, '');

/** The citizen's page of the dossier on the portal. */
export const portalDossierUrl = (publicBaseUrl: string, code: string): string =>
  `${base(publicBaseUrl)}/dvc/ho-so/${encodeURIComponent(code)}`;

const citizenLink = (f: OnlineFacts) => ({
  label: `Xem hồ sơ ${f.code} trên Cổng dịch vụ công`,
  url: portalDossierUrl(f.publicBaseUrl, f.code),
});
/** A form of the dossier on the portal (PDF; the citizen's session is asked for). */
const formUrl = (f: OnlineFacts, form: 'receipt' | 'guidance' | 'refusal'): string =>
  `${base(f.publicBaseUrl)}/portal/dossiers/${encodeURIComponent(f.code)}/forms/${form}`;
const greet = (f: OnlineFacts) => `Kính gửi ông/bà ${f.citizenName}`;

/** The filing is acknowledged: the desk checks it by `checkBy`; the legal clock has not started. */
export function onlineSubmittedMail(f: OnlineFacts): MailContent {
  return render({
    subject: `Đã nhận hồ sơ nộp trực tuyến ${f.code}`,
    greeting: greet(f),
    paragraphs: [
      `${f.unitName} đã nhận hồ sơ ông/bà nộp trực tuyến. Cán bộ tiếp nhận sẽ kiểm tra và trả lời ông/bà ` +
        `chậm nhất vào ${formatVnDateTime(f.checkBy)}.`,
      'Thời hạn giải quyết được tính từ khi hồ sơ được tiếp nhận; ông/bà sẽ nhận được thư báo kết quả kiểm tra.',
    ],
    facts: [
      ['Mã hồ sơ', f.code],
      ['Thủ tục hành chính', f.procedureName],
      ['Thời gian nộp', formatVnDateTime(f.submittedAt)],
      ['Nơi tiếp nhận', f.unitName],
    ],
    link: citizenLink(f),
  });
}

/** The desk asks for more: exactly which components, and the note; the clock does not start. */
export function onlineCompletionMail(
  f: OnlineFacts & { components: readonly { name: string }[]; note: string },
): MailContent {
  return render({
    subject: `Yêu cầu bổ sung, hoàn thiện hồ sơ nộp trực tuyến ${f.code}`,
    greeting: greet(f),
    paragraphs: [
      `Hồ sơ ${f.code} (${f.procedureName}) chưa đủ điều kiện tiếp nhận. Ông/bà vui lòng bổ sung, hoàn thiện:`,
      ...f.components.map((c, i) => `${i + 1}. ${c.name}`),
      `Ghi chú của cán bộ tiếp nhận: ${f.note}`,
      'Hồ sơ chưa được tiếp nhận nên thời hạn giải quyết chưa bắt đầu tính. Ông/bà bổ sung trên Cổng dịch vụ ' +
        'công theo đường dẫn dưới đây.',
    ],
    facts: [],
    link: citizenLink(f),
    after: [`Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02): ${formUrl(f, 'guidance')}`],
  });
}

/** The desk does not receive the dossier: the reason. */
export function onlineRefusedMail(f: OnlineFacts & { reason: string }): MailContent {
  return render({
    subject: `Hồ sơ nộp trực tuyến ${f.code} không được tiếp nhận`,
    greeting: greet(f),
    paragraphs: [`${f.unitName} không tiếp nhận hồ sơ ${f.code} (${f.procedureName}).`, `Lý do: ${f.reason}`],
    facts: [],
    link: citizenLink(f),
    after: [`Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03): ${formUrl(f, 'refusal')}`],
  });
}

/** The dossier is received: its code, the appointment and the receipt slip. */
export function onlineAcceptedMail(
  f: OnlineFacts & { acceptedAt: number; appointmentAt: number },
): MailContent {
  return render({
    subject: `Hồ sơ ${f.code} đã được tiếp nhận`,
    greeting: greet(f),
    paragraphs: [`${f.unitName} đã tiếp nhận hồ sơ ông/bà nộp trực tuyến.`],
    facts: [
      ['Mã hồ sơ', f.code],
      ['Thủ tục hành chính', f.procedureName],
      ['Thời gian tiếp nhận', formatVnDateTime(f.acceptedAt)],
      ['Ngày hẹn trả kết quả', formatVnDateTime(f.appointmentAt)],
    ],
    link: {
      label: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
      url: formUrl(f, 'receipt'),
    },
    after: [`Theo dõi hồ sơ: ${portalDossierUrl(f.publicBaseUrl, f.code)}`],
  });
}

/** To the receiving unit's receivers: the legal check time passed and the submission is still unchecked. */
export function onlineCheckDueMail(f: OnlineFacts): MailContent {
  return render({
    subject: `Hồ sơ trực tuyến ${f.code} đã đến hạn kiểm tra`,
    greeting: `Kính gửi: Cán bộ tiếp nhận – ${f.unitName}`,
    paragraphs: [
      `Hồ sơ ${f.code} (${f.procedureName}) của ông/bà ${f.citizenName}, nộp trực tuyến lúc ` +
        `${formatVnDateTime(f.submittedAt)}, phải được kiểm tra và trả lời trước ${formatVnDateTime(f.checkBy)} ` +
        'nhưng chưa có quyết định tiếp nhận, yêu cầu bổ sung hay từ chối.',
    ],
    facts: [],
    link: {
      label: 'Mở hàng đợi hồ sơ trực tuyến',
      url: consoleUrl(f.publicBaseUrl, `/truc-tuyen/${encodeURIComponent(f.code)}`),
    },
  });
}
