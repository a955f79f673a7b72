/** The reminder mail of a periodic report's due date (Vietnamese, plain text and HTML). Pure. */
import { formatDmy } from '../domain/calendar/index.js';
import {
  planPeriod,
  planPeriodLabels,
  REPORT_REMINDER_WORKING_DAYS,
  type DueReminder,
} from '../domain/report/index.js';
import { consoleUrl, render, type MailContent } from './notification-templates.js';

/** "Quý I năm 2026": the report the reminder is about. */
const reportName = (r: DueReminder): string => `${planPeriodLabels[r.kind]} năm ${r.year}`;

/** To the division heads and the Văn phòng: the report of `reminder` is due in five working days. */
export function reportDueReminderMail(d: {
  publicBaseUrl: string;
  agencyName: string;
  reminder: DueReminder;
}): MailContent {
  const { reminder } = d;
  const period = planPeriod(reminder.kind, reminder.year);
  const due = formatDmy(reminder.dueDate);
  return render({
    subject: `[Nhắc việc] Hạn gửi báo cáo ${reportName(reminder)}: ngày ${due}`,
    greeting: 'Kính gửi: Trưởng các phòng chuyên môn và Văn phòng Sở',
    paragraphs: [
      `Theo Kế hoạch cải cách hành chính của ${d.agencyName}, báo cáo định kỳ ${reportName(reminder)} về ` +
        `tình hình giải quyết thủ tục hành chính phải gửi chậm nhất ngày ${due}, còn ` +
        `${REPORT_REMINDER_WORKING_DAYS} ngày làm việc.`,
      'Đề nghị các phòng rà soát hồ sơ trễ hạn, hoàn thiện số liệu và gửi báo cáo về Văn phòng Sở đúng hạn. ' +
        'Số liệu của kỳ được tổng hợp sẵn trên hệ thống Một cửa (bảng, biểu đồ và tệp Excel).',
    ],
    facts: [
      [
        'Kỳ báo cáo',
        `${reportName(reminder)} (từ ngày ${formatDmy(period.from)} đến hết ngày ${formatDmy(period.to)})`,
      ],
      ['Hạn gửi báo cáo', due],
    ],
    link: { label: 'Báo cáo định kỳ trên hệ thống Một cửa', url: consoleUrl(d.publicBaseUrl, '/bao-cao') },
  });
}
