/**
 * The notification e-mails (Vietnamese, plain text and HTML), one function per kind. Pure: no I/O, no
 * clock; every value is escaped in the HTML.
 */
import { formatVnIso, LEGAL_HOURS_PER_WORKING_DAY } from '../domain/calendar/index.js';
import { escapeHtml } from '../domain/html.js';
import type { DossierNotice } from '../domain/dossier/notices.js';

/** A rendered e-mail. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** `2026-12-01T17:00:00+07:00` → `17:00 ngày 01/12/2026` (Vietnam time). */
export function formatVnDateTime(instant: number): string {
  const iso = formatVnIso(instant);
  return `${iso.slice(11, 16)} ngày ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

const LEGAL_MINUTES_PER_DAY = LEGAL_HOURS_PER_WORKING_DAY * 60;

/**
 * A span of working time in legal units: `workingMinutes` office minutes, where `workingMinutesPerDay`
 * office minutes make one legal working day of 8 hours (as `workingHoursToMinutes` maps them). Days and
 * whole hours when at least a day, hours and minutes below: "2 ngày 3 giờ làm việc", "45 phút làm việc".
 */
export function formatWorkingDuration(workingMinutes: number, workingMinutesPerDay: number): string {
  if (!(workingMinutesPerDay > 0))
    throw new RangeError(`Invalid working minutes per day: ${workingMinutesPerDay}`);
  const legal = Math.round((Math.max(0, workingMinutes) * LEGAL_MINUTES_PER_DAY) / workingMinutesPerDay);
  const days = Math.floor(legal / LEGAL_MINUTES_PER_DAY);
  const hours = Math.floor((legal % LEGAL_MINUTES_PER_DAY) / 60);
  const minutes = legal % 60;
  const parts =
    days > 0
      ? [`${days} ngày`, ...(hours > 0 ? [`${hours} giờ`] : [])]
      : [...(hours > 0 ? [`${hours} giờ`] : []), ...(minutes > 0 || hours === 0 ? [`${minutes} phút`] : [])];
  return `${parts.join(' ')} làm việc`;
}

/** "quá hạn 2 ngày 3 giờ làm việc"; "chưa quá hạn" when not late. */
export function formatLateness(lateMinutes: number, workingMinutesPerDay: number): string {
  return lateMinutes > 0
    ? `quá hạn ${formatWorkingDuration(lateMinutes, workingMinutesPerDay)}`
    : 'chưa quá hạn';
}

const base = (publicBaseUrl: string): string => publicBaseUrl.replace(/\/+$/, '');

/** A page of the officer console, e.g. `/bao-cao`. */
export const consoleUrl = (publicBaseUrl: string, path: string): string => `${base(publicBaseUrl)}${path}`;

/** The dossier's page of the officer console. */
export const dossierUrl = (publicBaseUrl: string, code: string): string =>
  `${base(publicBaseUrl)}/ho-so/${encodeURIComponent(code)}`;

/** The public lookup page for applicants (tra cứu hồ sơ); the page itself comes in a later issue. */
export const lookupUrl = (publicBaseUrl: string, code: string): string =>
  `${base(publicBaseUrl)}/tra-cuu?ma=${encodeURIComponent(code)}`;

const FOOTER = 'Thư được gửi tự động từ hệ thống Một cửa; vui lòng không trả lời thư này.';

/** The parts of a notification e-mail, laid out the same way in text and HTML by {@link render}. */
export interface Layout {
  subject: string;
  greeting: string;
  paragraphs: string[];
  facts: [string, string][];
  /** Optional table (the digest): headers, then rows. */
  table?: { headers: string[]; rows: string[][] };
  link: { label: string; url: string };
  after?: string[];
}

export function render(l: Layout): MailContent {
  const after = l.after ?? [];
  const tableText = l.table
    ? l.table.rows.map((r, i) => `${i + 1}. ${r.map((v, j) => `${l.table!.headers[j]}: ${v}`).join('; ')}`)
    : [];
  const text = [
    l.greeting,
    '',
    ...l.paragraphs.flatMap((p) => [p, '']),
    ...(l.facts.length > 0 ? [...l.facts.map(([k, v]) => `- ${k}: ${v}`), ''] : []),
    ...(tableText.length > 0 ? [...tableText, ''] : []),
    `${l.link.label}: ${l.link.url}`,
    '',
    ...after.flatMap((p) => [p, '']),
    FOOTER,
    '',
  ].join('\n');
  const e = escapeHtml;
  const html = [
    `<p>${e(l.greeting)}</p>`,
    ...l.paragraphs.map((p) => `<p>${e(p)}</p>`),
    ...(l.facts.length > 0
      ? [
          '<table>',
          ...l.facts.map(([k, v]) => `<tr><th align="left">${e(k)}</th><td>${e(v)}</td></tr>`),
          '</table>',
        ]
      : []),
    ...(l.table
      ? [
          '<table border="1" cellpadding="4" cellspacing="0">',
          `<tr>${['STT', ...l.table.headers].map((h) => `<th>${e(h)}</th>`).join('')}</tr>`,
          ...l.table.rows.map(
            (r, i) => `<tr><td>${i + 1}</td>${r.map((v) => `<td>${e(v)}</td>`).join('')}</tr>`,
          ),
          '</table>',
        ]
      : []),
    `<p><a href="${e(l.link.url)}">${e(l.link.label)}</a></p>`,
    ...after.map((p) => `<p>${e(p)}</p>`),
    `<p><small>${e(FOOTER)}</small></p>`,
    '',
  ].join('\n');
  return { subject: l.subject, text, html };
}

// ---------------------------------------------------------------------------------------------------------
// Officers (escalation ladder: docs/architecture.md, "Escalation ladder")

/** What every officer notification about a dossier's step states. */
export interface StepFacts {
  publicBaseUrl: string;
  /** Whom the mail greets (the assignee, the division head); "Kính gửi: <name>". */
  recipientName: string;
  dossierCode: string;
  procedureName: string;
  stepName: string;
  divisionName: string;
  /** Deadline of the step (instant). */
  stepDeadline: number;
  /** Appointment of the dossier (hẹn trả kết quả). */
  appointmentAt: number;
}

const stepFacts = (s: StepFacts): [string, string][] => [
  ['Mã hồ sơ', s.dossierCode],
  ['Thủ tục hành chính', s.procedureName],
  ['Bước xử lý', s.stepName],
  ['Đơn vị xử lý', s.divisionName],
  ['Hạn của bước', formatVnDateTime(s.stepDeadline)],
  ['Ngày hẹn trả kết quả', formatVnDateTime(s.appointmentAt)],
];

const officerLink = (s: { publicBaseUrl: string; dossierCode: string }) => ({
  label: `Xem hồ sơ ${s.dossierCode}`,
  url: dossierUrl(s.publicBaseUrl, s.dossierCode),
});

/** 75% of the step's budget used: reminder to the assignee. */
export function stepReminderMail(s: StepFacts & { remainingMinutes: number; workingMinutesPerDay: number }) {
  return render({
    subject: `[Nhắc việc] Hồ sơ ${s.dossierCode} sắp đến hạn bước "${s.stepName}"`,
    greeting: `Kính gửi: ${s.recipientName}`,
    paragraphs: [
      `Bước "${s.stepName}" của hồ sơ ${s.dossierCode} còn ` +
        `${formatWorkingDuration(s.remainingMinutes, s.workingMinutesPerDay)} trước hạn. ` +
        'Đề nghị đồng chí khẩn trương xử lý.',
    ],
    facts: stepFacts(s),
    link: officerLink(s),
  });
}

/** The step is over its budget: to the division head. */
export function stepOverdueMail(s: StepFacts & { lateMinutes: number; workingMinutesPerDay: number }) {
  const late =
    s.lateMinutes > 0 ? formatLateness(s.lateMinutes, s.workingMinutesPerDay) : 'hết thời hạn xử lý';
  return render({
    subject: `[Quá hạn] Hồ sơ ${s.dossierCode}: bước "${s.stepName}" ${late}`,
    greeting: `Kính gửi: ${s.recipientName}`,
    paragraphs: [
      `Bước "${s.stepName}" của hồ sơ ${s.dossierCode} tại ${s.divisionName} đã ${late}. ` +
        'Đề nghị đồng chí chỉ đạo xử lý ngay.',
    ],
    facts: [...stepFacts(s), ['Tình trạng', late]],
    link: officerLink(s),
  });
}

/** What the administrators are told when an audit event of a dossier cannot be stored. */
export interface IncidentFacts {
  publicBaseUrl: string;
  dossierCode: string;
  incidentId: string;
  /** Seq and Vietnamese name of the action that could not be stored. */
  seq: number;
  eventLabel: string;
  errorCode: string;
  sqlState: string | null;
  flaggedAt: number;
}

/**
 * A storage incident (an audit event PostgreSQL refused for good): to the administrators. Carries no
 * personal data of the applicant, only what an administrator needs to find and resolve it.
 */
export function dossierIncidentMail(s: IncidentFacts) {
  return render({
    subject: `[Sự cố lưu trữ] Hồ sơ ${s.dossierCode} cần quản trị hệ thống xử lý`,
    greeting: 'Kính gửi: Quản trị hệ thống',
    paragraphs: [
      `Thao tác "${s.eventLabel}" (sự kiện số ${s.seq}) của hồ sơ ${s.dossierCode} không lưu được vào cơ sở ` +
        'dữ liệu. Hồ sơ tạm dừng xử lý và chờ quản trị hệ thống giải quyết: lưu lại (sau khi đã khắc phục ' +
        'nguyên nhân) hoặc hủy các thao tác chưa lưu.',
    ],
    facts: [
      ['Mã hồ sơ', s.dossierCode],
      ['Mã sự cố', s.incidentId],
      ['Thao tác', `${s.eventLabel} (sự kiện số ${s.seq})`],
      ['Mã lỗi', s.sqlState ? `${s.errorCode} (SQLSTATE ${s.sqlState})` : s.errorCode],
      ['Thời điểm', formatVnDateTime(s.flaggedAt)],
    ],
    link: officerLink(s),
  });
}

/** What notifications about the whole dossier state. */
export interface DossierFacts {
  publicBaseUrl: string;
  recipientName: string;
  dossierCode: string;
  procedureName: string;
  /** Current step and division. */
  stepName: string;
  divisionName: string;
  appointmentAt: number;
  workingMinutesPerDay: number;
}

const dossierFacts = (s: DossierFacts): [string, string][] => [
  ['Mã hồ sơ', s.dossierCode],
  ['Thủ tục hành chính', s.procedureName],
  ['Bước đang xử lý', s.stepName],
  ['Đơn vị đang xử lý', s.divisionName],
  ['Ngày hẹn trả kết quả', formatVnDateTime(s.appointmentAt)],
];

/**
 * The dossier may miss its appointment: to leadership; an apology with a new date is due (only once), by
 * its legal limit (`apologyDue`), or already late when the limit had passed.
 */
export function dossierAtRiskMail(
  s: DossierFacts & { remainingMinutes: number; apologyDue: { by: number; passed: boolean } },
) {
  const remaining = formatWorkingDuration(s.remainingMinutes, s.workingMinutesPerDay);
  const dueBy = formatVnDateTime(s.apologyDue.by);
  return render({
    subject: `[Nguy cơ trễ hẹn] Hồ sơ ${s.dossierCode} – ${s.procedureName}`,
    greeting: `Kính gửi: ${s.recipientName}`,
    paragraphs: [
      `Hồ sơ ${s.dossierCode} có nguy cơ trễ hẹn: còn ${remaining} đến ngày hẹn trả kết quả.`,
      s.apologyDue.passed
        ? `Thời hạn ký văn bản xin lỗi và hẹn lại ngày trả kết quả (${dueBy}) đã qua. Văn bản vẫn phải được ` +
          'ký và gửi tổ chức, cá nhân ngay; hệ thống sẽ ghi nhận là xin lỗi muộn.'
        : `Đề nghị Lãnh đạo Sở ký văn bản xin lỗi và hẹn lại ngày trả kết quả chậm nhất ${dueBy}, để gửi ` +
          'tổ chức, cá nhân trước ngày hẹn theo quy định (chỉ được hẹn lại một lần).',
    ],
    facts: [
      ...dossierFacts(s),
      ['Thời gian còn lại', remaining],
      ['Hạn ký văn bản xin lỗi', s.apologyDue.passed ? `${dueBy} (đã qua)` : dueBy],
    ],
    link: officerLink(s),
  });
}

/** The dossier missed its appointment. */
export function dossierOverdueMail(s: DossierFacts & { lateMinutes: number }) {
  const late =
    s.lateMinutes > 0 ? formatLateness(s.lateMinutes, s.workingMinutesPerDay) : 'quá ngày hẹn trả kết quả';
  return render({
    subject: `[Trễ hẹn] Hồ sơ ${s.dossierCode} ${late}`,
    greeting: `Kính gửi: ${s.recipientName}`,
    paragraphs: [`Hồ sơ ${s.dossierCode} đã ${late} so với ngày hẹn trả kết quả.`],
    facts: [...dossierFacts(s), ['Tình trạng', late]],
    link: officerLink(s),
  });
}

/** One line of the leadership digest. */
export interface DigestItem {
  dossierCode: string;
  procedureName: string;
  divisionName: string;
  appointmentAt: number;
  /** `overdue`: past the appointment by `lateMinutes`; `at_risk`: `remainingMinutes` left. */
  state: 'overdue' | 'at_risk';
  lateMinutes?: number;
  remainingMinutes?: number;
}

/** The working-day morning digest of overdue and at-risk dossiers, to leadership. */
export function leadershipDigestMail(d: {
  publicBaseUrl: string;
  /** The day of the digest, `YYYY-MM-DD` (Vietnam). */
  date: string;
  agencyName: string;
  items: DigestItem[];
  workingMinutesPerDay: number;
}) {
  const day = `${d.date.slice(8, 10)}/${d.date.slice(5, 7)}/${d.date.slice(0, 4)}`;
  const overdue = d.items.filter((i) => i.state === 'overdue').length;
  const state = (i: DigestItem): string =>
    i.state === 'overdue'
      ? formatLateness(i.lateMinutes ?? 0, d.workingMinutesPerDay)
      : `nguy cơ trễ hẹn (còn ${formatWorkingDuration(i.remainingMinutes ?? 0, d.workingMinutesPerDay)})`;
  return render({
    subject: `[Tổng hợp] Hồ sơ quá hạn và có nguy cơ trễ hẹn ngày ${day}`,
    greeting: 'Kính gửi: Ban Giám đốc',
    paragraphs: [
      d.items.length === 0
        ? `Ngày ${day}, ${d.agencyName} không có hồ sơ quá hạn hoặc có nguy cơ trễ hẹn.`
        : `Ngày ${day}, ${d.agencyName} có ${overdue} hồ sơ quá hạn và ${d.items.length - overdue} hồ sơ có ` +
          'nguy cơ trễ hẹn:',
    ],
    facts: [],
    table:
      d.items.length === 0
        ? undefined
        : {
            headers: ['Mã hồ sơ', 'Thủ tục', 'Đơn vị', 'Ngày hẹn trả', 'Tình trạng', 'Liên kết'],
            rows: d.items.map((i) => [
              i.dossierCode,
              i.procedureName,
              i.divisionName,
              formatVnDateTime(i.appointmentAt),
              state(i),
              dossierUrl(d.publicBaseUrl, i.dossierCode),
            ]),
          },
    link: { label: 'Danh sách hồ sơ quá hạn', url: `${base(d.publicBaseUrl)}/dossiers?overdue=true` },
  });
}

// ---------------------------------------------------------------------------------------------------------
// Applicants (sent only when the applicant gave an e-mail address)

/** What every applicant notice states. */
export interface ApplicantFacts {
  publicBaseUrl: string;
  applicantName: string;
  dossierCode: string;
  procedureName: string;
  agencyName: string;
}

const applicantLink = (s: ApplicantFacts) => ({
  label: `Tra cứu hồ sơ ${s.dossierCode}`,
  url: lookupUrl(s.publicBaseUrl, s.dossierCode),
});

const greetApplicant = (s: ApplicantFacts) => `Kính gửi ông/bà ${s.applicantName}`;

/** Receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả). */
export function applicantReceivedMail(
  s: ApplicantFacts & {
    receivedAt: number;
    appointmentAt: number;
    fee?: { amount: number; note: string | null } | undefined;
  },
) {
  const fee = s.fee
    ? `${s.fee.amount.toLocaleString('vi-VN')} đồng${s.fee.note ? ` (${s.fee.note})` : ''}`
    : undefined;
  return render({
    subject: `${s.agencyName} đã tiếp nhận hồ sơ ${s.dossierCode}`,
    greeting: greetApplicant(s),
    paragraphs: [
      `${s.agencyName} đã tiếp nhận hồ sơ của ông/bà.`,
      ...(fee
        ? [
            `Hồ sơ này phải nộp phí, lệ phí ${fee}: nộp tại Bộ phận Một cửa (nhận biên lai) hoặc trực tuyến ` +
              'theo đường dẫn thanh toán trên trang tra cứu hồ sơ khi hồ sơ đến bước thu phí.',
          ]
        : []),
    ],
    facts: [
      ['Mã hồ sơ', s.dossierCode],
      ['Thủ tục hành chính', s.procedureName],
      ['Thời gian tiếp nhận', formatVnDateTime(s.receivedAt)],
      ['Ngày hẹn trả kết quả', formatVnDateTime(s.appointmentAt)],
      ...(fee ? [['Phí, lệ phí', fee] as [string, string]] : []),
    ],
    link: applicantLink(s),
  });
}

/** The fee is due (the dossier reached its payment step): amount, reference and where to pay. */
export function applicantPaymentMail(
  s: ApplicantFacts & { reference: string; amount: number; note: string | null; payUrl: string | null },
) {
  const fee = `${s.amount.toLocaleString('vi-VN')} đồng${s.note ? ` (${s.note})` : ''}`;
  return render({
    subject: `Mời nộp phí, lệ phí hồ sơ ${s.dossierCode}`,
    greeting: greetApplicant(s),
    paragraphs: [
      `Hồ sơ ${s.dossierCode} của ông/bà đã đến bước thu phí, lệ phí (${fee}). Ông/bà nộp trực tuyến theo ` +
        'đường dẫn dưới đây, hoặc nộp tại Bộ phận Một cửa và nhận biên lai.',
    ],
    facts: [
      ['Mã hồ sơ', s.dossierCode],
      ['Thủ tục hành chính', s.procedureName],
      ['Số tiền', fee],
      ['Mã thanh toán', s.reference],
    ],
    link: s.payUrl ? { label: 'Thanh toán trực tuyến', url: s.payUrl } : applicantLink(s),
    ...(s.payUrl ? { after: [`Tra cứu hồ sơ: ${applicantLink(s).url}`] } : {}),
  });
}

/** Supplement requested (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ). */
export function applicantSupplementMail(s: ApplicantFacts & { requested: string[]; note?: string }) {
  return render({
    subject: `Yêu cầu bổ sung, hoàn thiện hồ sơ ${s.dossierCode}`,
    greeting: greetApplicant(s),
    paragraphs: [
      `Hồ sơ ${s.dossierCode} (${s.procedureName}) cần được bổ sung, hoàn thiện các nội dung sau:`,
      ...s.requested.map((r, i) => `${i + 1}. ${r}`),
      ...(s.note ? [s.note] : []),
      'Thời gian giải quyết được tính lại từ khi nhận đủ hồ sơ bổ sung.',
    ],
    facts: [],
    link: applicantLink(s),
  });
}

/** Apology with a new appointment (Văn bản xin lỗi và hẹn lại ngày trả kết quả). */
export function applicantApologyMail(
  s: ApplicantFacts & { appointmentAt: number; newAppointmentAt: number; reason: string },
) {
  return render({
    subject: `Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${s.dossierCode}`,
    greeting: greetApplicant(s),
    paragraphs: [
      `${s.agencyName} thành thật xin lỗi ông/bà vì hồ sơ ${s.dossierCode} (${s.procedureName}) chưa thể ` +
        `trả kết quả đúng hẹn vào ${formatVnDateTime(s.appointmentAt)}.`,
      `Lý do: ${s.reason}`,
      `Ngày hẹn trả kết quả mới: ${formatVnDateTime(s.newAppointmentAt)}.`,
    ],
    facts: [],
    link: applicantLink(s),
    after: ['Mong ông/bà thông cảm.'],
  });
}

/** The result is ready to be collected. */
export function applicantResultReadyMail(s: ApplicantFacts & { returnPlace: string }) {
  return render({
    subject: `Đã có kết quả giải quyết hồ sơ ${s.dossierCode}`,
    greeting: greetApplicant(s),
    paragraphs: [
      `Hồ sơ ${s.dossierCode} (${s.procedureName}) đã có kết quả giải quyết.`,
      `Nơi nhận kết quả: ${s.returnPlace}.`,
    ],
    facts: [],
    link: applicantLink(s),
  });
}

// ---------------------------------------------------------------------------------------------------------
// A dossier notice (domain/dossier/notices.ts) to its mail

/** What the activity looks up for a notice: names and addresses the workflow does not hold. */
export interface NoticeContext {
  publicBaseUrl: string;
  agencyName: string;
  applicantName: string;
  divisionName: string;
  recipientName: string;
  /** The online pay link of the notice's payment request (applicant_payment), when it has one. */
  payUrl?: string | null;
}

/** The mail of a dossier notice. */
export function renderNotice(n: DossierNotice, c: NoticeContext): MailContent {
  const applicant = {
    publicBaseUrl: c.publicBaseUrl,
    applicantName: c.applicantName,
    dossierCode: n.dossierCode,
    procedureName: n.procedureName,
    agencyName: c.agencyName,
  };
  const step = {
    publicBaseUrl: c.publicBaseUrl,
    recipientName: c.recipientName,
    dossierCode: n.dossierCode,
    procedureName: n.procedureName,
    stepName: n.step?.name ?? '',
    divisionName: c.divisionName,
    stepDeadline: n.stepDeadline ?? n.appointmentAt,
    appointmentAt: n.appointmentAt,
    workingMinutesPerDay: n.workingMinutesPerDay,
  };
  switch (n.kind) {
    case 'step_reminder':
      return stepReminderMail({ ...step, remainingMinutes: n.remainingMinutes ?? 0 });
    case 'step_overdue':
      return stepOverdueMail({ ...step, lateMinutes: n.lateMinutes ?? 0 });
    case 'dossier_at_risk':
      return dossierAtRiskMail({
        ...step,
        remainingMinutes: n.remainingMinutes ?? 0,
        apologyDue: n.apologyDue ?? { by: n.appointmentAt, passed: false },
      });
    case 'dossier_overdue':
      return dossierOverdueMail({ ...step, lateMinutes: n.lateMinutes ?? 0 });
    case 'applicant_received':
      return applicantReceivedMail({
        ...applicant,
        receivedAt: n.receivedAt ?? n.appointmentAt,
        appointmentAt: n.appointmentAt,
        fee: n.fee,
      });
    case 'applicant_payment':
      return applicantPaymentMail({
        ...applicant,
        reference: n.payment?.reference ?? '',
        amount: n.payment?.amount ?? 0,
        note: n.payment?.note ?? null,
        payUrl: c.payUrl ?? null,
      });
    case 'applicant_supplement':
      return applicantSupplementMail({
        ...applicant,
        requested:
          n.supplement && n.supplement.items.length > 0
            ? [...n.supplement.items]
            : [n.supplement?.reason ?? ''],
        ...(n.supplement && n.supplement.items.length > 0 ? { note: `Lý do: ${n.supplement.reason}` } : {}),
      });
    case 'applicant_apology':
      return applicantApologyMail({
        ...applicant,
        appointmentAt: n.apology?.previousAppointmentAt ?? n.appointmentAt,
        newAppointmentAt: n.apology?.newAppointmentAt ?? n.appointmentAt,
        reason: n.apology?.reason ?? '',
      });
    case 'applicant_result_ready':
      return applicantResultReadyMail({ ...applicant, returnPlace: `Bộ phận Một cửa, ${c.agencyName}` });
  }
}
