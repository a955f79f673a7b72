import { describe, expect, it } from 'vitest';
import {
  applicantApologyMail,
  applicantReceivedMail,
  dossierAtRiskMail,
  dossierUrl,
  formatLateness,
  formatVnDateTime,
  formatWorkingDuration,
  leadershipDigestMail,
  lookupUrl,
  stepOverdueMail,
} from './notification-templates.js';
import { escapeHtml } from '../domain/html.js';

const BASE = 'https://motcua.example.gov.vn/';
/** 2026-12-01T17:00:00+07:00 */
const DEC1_17H = Date.UTC(2026, 11, 1, 10, 0);
/** Office day of 7:30–11:30 and 13:30–17:00 (the default office hours): 450 minutes for 8 legal hours. */
const PER_DAY = 450;

describe('formatVnDateTime', () => {
  it('writes Vietnam time as HH:mm ngày dd/MM/yyyy', () => {
    expect(formatVnDateTime(DEC1_17H)).toBe('17:00 ngày 01/12/2026');
    expect(formatVnDateTime(Date.UTC(2026, 11, 31, 17, 5))).toBe('00:05 ngày 01/01/2027');
  });
});

describe('lateness wording', () => {
  it.each([
    [0, 480, 'chưa quá hạn'],
    [-30, 480, 'chưa quá hạn'],
    [1, 480, 'quá hạn 1 phút làm việc'],
    [45, 480, 'quá hạn 45 phút làm việc'],
    [60, 480, 'quá hạn 1 giờ làm việc'],
    [200, 480, 'quá hạn 3 giờ 20 phút làm việc'],
    [480, 480, 'quá hạn 1 ngày làm việc'],
    [2 * 480 + 3 * 60, 480, 'quá hạn 2 ngày 3 giờ làm việc'],
    [2 * 480 + 3 * 60 + 59, 480, 'quá hạn 2 ngày 3 giờ làm việc'],
    // On a 450-minute office day, one legal hour is 56.25 office minutes.
    [PER_DAY, PER_DAY, 'quá hạn 1 ngày làm việc'],
    [2 * PER_DAY + 3 * 56.25, PER_DAY, 'quá hạn 2 ngày 3 giờ làm việc'],
    [56.25, PER_DAY, 'quá hạn 1 giờ làm việc'],
    [25 * PER_DAY, PER_DAY, 'quá hạn 25 ngày làm việc'],
  ])('%d minutes at %d per day → %s', (minutes, perDay, expected) => {
    expect(formatLateness(minutes, perDay)).toBe(expected);
  });

  it('rejects a nonsensical office day', () => {
    expect(() => formatWorkingDuration(10, 0)).toThrow(RangeError);
  });
});

describe('links', () => {
  it('point to the dossier page and to the public lookup', () => {
    expect(dossierUrl(BASE, '000.00.53.H48-261201-0001')).toBe(
      'https://motcua.example.gov.vn/ho-so/000.00.53.H48-261201-0001',
    );
    expect(lookupUrl(BASE, 'A B')).toBe('https://motcua.example.gov.vn/tra-cuu?ma=A%20B');
  });
});

const step = {
  publicBaseUrl: BASE,
  recipientName: 'Phạm Thị Lan Anh',
  dossierCode: '000.00.53.H48-261201-0001',
  procedureName: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
  stepName: 'Thẩm định hồ sơ',
  divisionName: 'Phòng Khảo thí và Quản lý chất lượng giáo dục',
  stepDeadline: DEC1_17H,
  appointmentAt: DEC1_17H + 5 * 86_400_000,
  lateMinutes: 2 * PER_DAY + 3 * 56.25,
  workingMinutesPerDay: PER_DAY,
};

describe('officer mails', () => {
  it('keep the Vietnamese diacritics and state the facts', () => {
    const mail = stepOverdueMail(step);
    expect(mail.subject).toBe(
      '[Quá hạn] Hồ sơ 000.00.53.H48-261201-0001: bước "Thẩm định hồ sơ" quá hạn 2 ngày 3 giờ làm việc',
    );
    expect(mail.text).toContain('Kính gửi: Phạm Thị Lan Anh');
    expect(mail.text).toContain('- Đơn vị xử lý: Phòng Khảo thí và Quản lý chất lượng giáo dục');
    expect(mail.text).toContain('- Hạn của bước: 17:00 ngày 01/12/2026');
    expect(mail.text).toContain('https://motcua.example.gov.vn/ho-so/000.00.53.H48-261201-0001');
    expect(mail.html).toContain('<td>Chỉnh sửa nội dung văn bằng, chứng chỉ</td>');
    expect(mail.text.normalize('NFC')).toBe(mail.text);
  });

  it('escape every value in the HTML', () => {
    const mail = stepOverdueMail({
      ...step,
      recipientName: '<script>alert(1)</script>',
      stepName: 'Bước "A" & <B>',
      publicBaseUrl: 'https://x.test/"><img src=x>',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<B>');
    expect(mail.html).not.toContain('"><img');
    expect(mail.html).toContain(escapeHtml('<script>alert(1)</script>'));
    expect(mail.html).toContain('Bước &quot;A&quot; &amp; &lt;B&gt;');
    // The text part is not HTML: values are as they are.
    expect(mail.text).toContain('Bước "A" & <B>');
  });
});

describe('applicant mails', () => {
  const applicant = {
    publicBaseUrl: BASE,
    applicantName: 'Nguyễn Văn Ấn',
    dossierCode: '000.00.53.H48-261201-0001',
    procedureName: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
    agencyName: 'Sở Giáo dục và Đào tạo',
  };

  it('greet the applicant and link to the lookup', () => {
    const mail = applicantReceivedMail({ ...applicant, receivedAt: DEC1_17H, appointmentAt: DEC1_17H });
    expect(mail.text.startsWith('Kính gửi ông/bà Nguyễn Văn Ấn\n')).toBe(true);
    expect(mail.text).toContain('https://motcua.example.gov.vn/tra-cuu?ma=000.00.53.H48-261201-0001');
    expect(mail.html).toContain('href="https://motcua.example.gov.vn/tra-cuu?ma=000.00.53.H48-261201-0001"');
  });

  it('apology states the reason and the new date', () => {
    const mail = applicantApologyMail({
      ...applicant,
      appointmentAt: DEC1_17H,
      newAppointmentAt: DEC1_17H + 3 * 86_400_000,
      reason: 'Cần xác minh thông tin với cơ sở đào tạo',
    });
    expect(mail.subject).toBe('Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ 000.00.53.H48-261201-0001');
    expect(mail.text).toContain('Lý do: Cần xác minh thông tin với cơ sở đào tạo');
    expect(mail.text).toContain('Ngày hẹn trả kết quả mới: 17:00 ngày 04/12/2026.');
  });
});

describe('the at-risk mail to the leadership', () => {
  const facts = {
    publicBaseUrl: BASE,
    recipientName: 'Đỗ Quang Huy',
    dossierCode: '000.00.40.H40-261201-0001',
    procedureName: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
    stepName: 'Thẩm định hồ sơ',
    divisionName: 'Phòng Quản lý chất lượng',
    appointmentAt: DEC1_17H + 2 * 86_400_000,
    workingMinutesPerDay: PER_DAY,
    remainingMinutes: 2 * PER_DAY,
  };

  it('says by when the apology must be signed (its legal limit)', () => {
    const mail = dossierAtRiskMail({ ...facts, apologyDue: { by: DEC1_17H + 86_400_000, passed: false } });
    expect(mail.text).toContain(
      'ký văn bản xin lỗi và hẹn lại ngày trả kết quả chậm nhất 17:00 ngày 02/12/2026',
    );
    expect(mail.text).toContain('- Hạn ký văn bản xin lỗi: 17:00 ngày 02/12/2026\n');
  });

  it('says when that limit has already passed: the apology is still due, recorded late', () => {
    const mail = dossierAtRiskMail({ ...facts, apologyDue: { by: DEC1_17H, passed: true } });
    expect(mail.text).toContain('(17:00 ngày 01/12/2026) đã qua');
    expect(mail.text).toContain('ghi nhận là xin lỗi muộn');
    expect(mail.text).toContain('- Hạn ký văn bản xin lỗi: 17:00 ngày 01/12/2026 (đã qua)');
  });
});

describe('leadership digest', () => {
  it('lists overdue and at-risk dossiers in a table', () => {
    const mail = leadershipDigestMail({
      publicBaseUrl: BASE,
      date: '2026-12-02',
      agencyName: 'Sở Giáo dục và Đào tạo',
      workingMinutesPerDay: PER_DAY,
      items: [
        {
          dossierCode: 'HS-1',
          procedureName: 'Cấp bản sao văn bằng',
          divisionName: 'Văn phòng Sở',
          appointmentAt: DEC1_17H,
          state: 'overdue',
          lateMinutes: PER_DAY,
        },
        {
          dossierCode: 'HS-<2>',
          procedureName: 'Công nhận trường đạt chuẩn',
          divisionName: 'Phòng Giáo dục Tiểu học',
          appointmentAt: DEC1_17H + 86_400_000,
          state: 'at_risk',
          remainingMinutes: 4 * 56.25,
        },
      ],
    });
    expect(mail.subject).toBe('[Tổng hợp] Hồ sơ quá hạn và có nguy cơ trễ hẹn ngày 02/12/2026');
    expect(mail.text).toContain('có 1 hồ sơ quá hạn và 1 hồ sơ có nguy cơ trễ hẹn');
    expect(mail.text).toContain('Tình trạng: quá hạn 1 ngày làm việc');
    expect(mail.text).toContain('Tình trạng: nguy cơ trễ hẹn (còn 4 giờ làm việc)');
    expect(mail.html).toContain('<td>HS-1</td><td>Cấp bản sao văn bằng</td><td>Văn phòng Sở</td>');
    expect(mail.html).toContain('<td>HS-&lt;2&gt;</td>');
    expect(mail.html).toContain('<td>17:00 ngày 01/12/2026</td>');
  });

  it('says so when nothing is late', () => {
    const mail = leadershipDigestMail({
      publicBaseUrl: BASE,
      date: '2026-12-02',
      agencyName: 'Sở GDĐT',
      workingMinutesPerDay: PER_DAY,
      items: [],
    });
    expect(mail.text).toContain('không có hồ sơ quá hạn hoặc có nguy cơ trễ hẹn');
    expect(mail.html).not.toContain('<th>STT</th>');
  });
});
